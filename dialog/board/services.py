"""Writes of the Unternehmerbeirat: memberships, meetings, documents, resolutions, votes,
comments, and the mails that go with them."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dialog.core.calendars import calendar_ics
from dialog.core.mail import Attachment, mail_send
from measures.models import Measure
from measures.services import measure_change_status, measure_set_priority

from . import selectors as board_selectors
from .calendar import board_meeting_entry
from .documents import validate_document
from .models import (
    AgendaItem,
    BoardDocument,
    BoardMeeting,
    BoardMembership,
    MeasureComment,
    PriorityRound,
    PriorityVote,
    Resolution,
)

PARKING_POSITION = 32000


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


# --- Memberships --------------------------------------------------------------------------------
def board_membership_save(*, membership: BoardMembership) -> BoardMembership:
    """Create or change a membership; a second chair or deputy for the same time is refused,
    and so is a second membership of the same person for the same time."""
    try:
        with transaction.atomic():
            # Serialise changes of the chair and deputy, and of the person's memberships, so
            # that two concurrent saves cannot both pass.
            list(
                BoardMembership.objects.select_for_update().filter(
                    Q(role=membership.role) | Q(user_id=membership.user_id)
                )
            )
            return _save(membership)
    except IntegrityError as exc:
        if membership.user_id and (
            BoardMembership.objects.filter(user_id=membership.user_id, ended_on__isnull=True)
            .exclude(pk=membership.pk)
            .exists()
        ):
            raise ValidationError(
                _(
                    "Diese Person hat bereits eine laufende Mitgliedschaft im Beirat. Bitte "
                    "beenden Sie diese zuerst oder tragen Sie ein Enddatum ein."
                )
            ) from exc
        raise ValidationError(
            {"role": _("Für diesen Zeitraum ist bereits jemand in dieser Funktion eingetragen.")}
        ) from exc


# --- Meetings, agenda, documents ----------------------------------------------------------------
def board_meeting_save(*, meeting: BoardMeeting) -> BoardMeeting:
    with transaction.atomic():
        return _save(meeting)


def agenda_item_add(
    *, meeting: BoardMeeting, title: str, description: str = "", measure=None
) -> AgendaItem:
    """Append an item to the end of the meeting's agenda."""
    with transaction.atomic():
        BoardMeeting.objects.select_for_update().get(pk=meeting.pk)
        last = meeting.agenda_items.order_by("-position").values_list("position", flat=True)
        item = AgendaItem(
            meeting=meeting,
            position=(last.first() or 0) + 1,
            title=title,
            description=description,
            measure=measure,
        )
        return _save(item)


def agenda_item_save(*, item: AgendaItem) -> AgendaItem:
    with transaction.atomic():
        return _save(item)


def agenda_item_move(*, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap the item with its neighbour above (or below) on the agenda."""
    with transaction.atomic():
        BoardMeeting.objects.select_for_update().get(pk=item.meeting_id)
        item = AgendaItem.objects.get(pk=item.pk)
        siblings = AgendaItem.objects.filter(meeting_id=item.meeting_id)
        if up:
            neighbour = siblings.filter(position__lt=item.position).order_by("-position").first()
        else:
            neighbour = siblings.filter(position__gt=item.position).order_by("position").first()
        if neighbour is None:
            return item
        mine, theirs = item.position, neighbour.position
        # Through a free position, so that the unique (meeting, position) holds at every step.
        item.position = PARKING_POSITION
        item.save(update_fields=["position"])
        neighbour.position = mine
        neighbour.save(update_fields=["position"])
        item.position = theirs
        item.save(update_fields=["position"])
    return item


def agenda_item_remove(*, item: AgendaItem) -> None:
    """Remove the item (and its documents); the items after it move up one place."""
    with transaction.atomic():
        BoardMeeting.objects.select_for_update().get(pk=item.meeting_id)
        files = [document.file for document in item.documents.all()]
        meeting_id, position = item.meeting_id, item.position
        item.delete()
        for following in AgendaItem.objects.filter(
            meeting_id=meeting_id, position__gt=position
        ).order_by("position"):
            following.position -= 1
            following.save(update_fields=["position"])
        transaction.on_commit(lambda: [file.delete(save=False) for file in files])


def board_document_upload(
    *, meeting: BoardMeeting, upload, uploaded_by, agenda_item: AgendaItem | None = None
) -> BoardDocument:
    """Check and store a document for the meeting (or one of its items) under a random name."""
    name, content_type = validate_document(upload)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Der Punkt gehört nicht zu dieser Sitzung.")})
    document = BoardDocument(
        meeting=meeting,
        agenda_item=agenda_item,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=uploaded_by,
    )
    with transaction.atomic():
        document.file.save(name, upload, save=False)
        try:
            return _save(document)
        except Exception:
            document.file.delete(save=False)
            raise


def board_document_delete(*, document: BoardDocument) -> None:
    with transaction.atomic():
        file = document.file
        document.delete()
        transaction.on_commit(lambda: file.delete(save=False))


def board_meeting_send_invitations(*, meeting: BoardMeeting) -> int:
    """Invite the current members by mail (agenda in the text, .ics attached); returns count."""
    recipients = list(board_selectors.current_members().values_list("user__email", flat=True))
    if not recipients:
        raise ValidationError(_("Der Beirat hat derzeit keine Mitglieder, die man einladen kann."))
    with transaction.atomic():
        meeting.invitation_sent_at = timezone.now()
        meeting.save(update_fields=["invitation_sent_at"])
        meeting = board_selectors.meetings_with_agenda().get(pk=meeting.pk)
        ics = calendar_ics([board_meeting_entry(meeting)], name=meeting.title)
        mail_send(
            template="board/emails/invitation",
            context={"meeting": meeting},
            to=recipients,
            attachments=[Attachment("sitzung.ics", ics, "text/calendar")],
        )
    return len(recipients)


def board_minutes_save(*, meeting: BoardMeeting, minutes: str, release: bool) -> BoardMeeting:
    """Save the minutes; releasing them (once) tells the members by mail."""
    with transaction.atomic():
        meeting = BoardMeeting.objects.select_for_update().get(pk=meeting.pk)
        meeting.minutes = minutes
        newly_released = release and meeting.minutes_released_at is None
        if newly_released:
            if not minutes.strip():
                raise ValidationError(
                    {"minutes": _("Ein leeres Protokoll kann nicht freigegeben werden.")}
                )
            meeting.minutes_released_at = timezone.now()
        _save(meeting)
        if newly_released:
            mail_send(
                template="board/emails/minutes",
                context={"meeting": meeting},
                to=board_selectors.current_members().values_list("user__email", flat=True),
            )
    return meeting


# --- Resolutions ----------------------------------------------------------------------------------
def resolution_save(*, resolution: Resolution) -> Resolution:
    if resolution.applied_at is not None:
        raise ValidationError(_("Ein umgesetzter Beschluss kann nicht mehr geändert werden."))
    with transaction.atomic():
        return _save(resolution)


def resolution_apply(*, resolution: Resolution, applied_by) -> Resolution:
    """Carry the resolution's effect over to its measure (via the measures' services)."""
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.applied_at is not None:
            raise ValidationError(_("Dieser Beschluss wurde bereits umgesetzt."), code="applied")
        if resolution.effect == Resolution.Effect.NONE:
            raise ValidationError(_("Dieser Beschluss wirkt auf keine Maßnahme."), code="none")
        if not resolution.adopted:
            raise ValidationError(
                _("Der Beschluss hat keine Mehrheit und kann nicht umgesetzt werden."),
                code="not_adopted",
            )
        measure = resolution.measure
        if resolution.effect == Resolution.Effect.APPROVE:
            measure_change_status(
                measure=measure,
                status=Measure.Status.PLANNED,
                reason=_("Befürwortet vom Unternehmerbeirat am %(date)s.")
                % {"date": timezone.localtime(resolution.meeting.starts_at).strftime("%d.%m.%Y")},
                changed_by=applied_by,
            )
        elif resolution.effect == Resolution.Effect.PRIORITISE:
            measure_set_priority(
                measure=measure, priority=resolution.priority, changed_by=applied_by
            )
        elif resolution.effect == Resolution.Effect.DEFER:
            measure_change_status(
                measure=measure,
                status=Measure.Status.DEFERRED,
                reason=resolution.reason,
                changed_by=applied_by,
            )
        resolution.applied_at = timezone.now()
        resolution.applied_by = applied_by
        resolution.save(update_fields=["applied_at", "applied_by"])
    return resolution


# --- Priority voting ------------------------------------------------------------------------------
def priority_round_open(*, title: str) -> PriorityRound:
    try:
        with transaction.atomic():
            return _save(PriorityRound(title=title))
    except (IntegrityError, ValidationError) as exc:
        if PriorityRound.objects.filter(is_open=True).exists():
            raise ValidationError(
                _("Es ist bereits eine Runde offen; schließen Sie sie zuerst.")
            ) from exc
        raise


def priority_round_close(*, priority_round: PriorityRound) -> PriorityRound:
    with transaction.atomic():
        priority_round = PriorityRound.objects.select_for_update().get(pk=priority_round.pk)
        if priority_round.is_open:
            priority_round.is_open = False
            priority_round.closed_at = timezone.now()
            _save(priority_round)
    return priority_round


def priority_votes_cast(*, priority_round: PriorityRound, voter, scores: dict) -> int:
    """Record the member's ratings ({measure id: 1–5 or None to withdraw}) while the round is
    open; returns how many ratings the member now has in the round."""
    with transaction.atomic():
        priority_round = PriorityRound.objects.select_for_update().get(pk=priority_round.pk)
        if not priority_round.is_open:
            raise ValidationError(
                _("Diese Runde ist geschlossen; Bewertungen sind nicht mehr möglich.")
            )
        allowed = set(board_selectors.open_measures().values_list("pk", flat=True))
        for measure_id, score in scores.items():
            if measure_id not in allowed:
                continue
            if score in (None, ""):
                PriorityVote.objects.filter(
                    round=priority_round, measure_id=measure_id, voter=voter
                ).delete()
                continue
            vote = PriorityVote.objects.filter(
                round=priority_round, measure_id=measure_id, voter=voter
            ).first() or PriorityVote(round=priority_round, measure_id=measure_id, voter=voter)
            vote.score = int(score)
            _save(vote)
        return PriorityVote.objects.filter(round=priority_round, voter=voter).count()


def priority_adopt(*, priority_round: PriorityRound, measure: Measure, changed_by) -> Measure:
    """Give the measure the priority its mean rating in the round suggests."""
    scores = PriorityVote.objects.filter(round=priority_round, measure=measure).values_list(
        "score", flat=True
    )
    summary = board_selectors.vote_summary(scores)
    if summary.mean is None:
        raise ValidationError(_("Für diese Maßnahme liegen keine Bewertungen vor."))
    return measure_set_priority(
        measure=measure, priority=summary.suggested_priority, changed_by=changed_by
    )


# --- Comments -------------------------------------------------------------------------------------
def measure_comment_create(*, measure: Measure, author, text: str) -> MeasureComment:
    """A comment of ``author`` on a measure they may see (never on an idea still to triage)."""
    if not Measure.objects.visible_to(author).filter(pk=measure.pk).exists():
        raise ValidationError(_("Zu dieser Maßnahme können Sie keinen Kommentar schreiben."))
    with transaction.atomic():
        return _save(MeasureComment(measure=measure, author=author, text=text.strip()))


def measure_comment_hide(*, comment: MeasureComment, hidden_by, reason: str) -> MeasureComment:
    """Hide a comment from the members, with a reason; its author is told by mail."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund an.")})
    with transaction.atomic():
        comment = MeasureComment.objects.select_for_update().get(pk=comment.pk)
        if comment.is_hidden:
            return comment
        comment.hidden_at = timezone.now()
        comment.hidden_by = hidden_by
        comment.hidden_reason = reason
        _save(comment)
        author = comment.author
        if author is not None and author.is_active and author.email:
            mail_send(
                template="board/emails/comment_hidden",
                context={"comment": comment, "measure": comment.measure, "reason": reason},
                to=[author.email],
            )
    return comment


def measure_comment_show(*, comment: MeasureComment) -> MeasureComment:
    """Show a hidden comment to the members again."""
    with transaction.atomic():
        comment = MeasureComment.objects.select_for_update().get(pk=comment.pk)
        comment.hidden_at = None
        comment.hidden_by = None
        comment.hidden_reason = ""
        return _save(comment)

"""The Unternehmerbeirat: memberships, meetings with agenda items and documents, resolutions,
priority rounds with votes, and comments on measures."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _


class BoardMembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships valid on the given day (default: today)."""
        on = on or timezone.localdate()
        return self.filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=on)).filter(
            started_on__lte=on
        )

    def past(self, on=None):
        on = on or timezone.localdate()
        return self.filter(ended_on__lt=on)


class BoardMembership(models.Model):
    """A person's seat on the Unternehmerbeirat for a period, as chair, deputy or member.

    At most one chair and one deputy hold office at any time: the database refuses a second
    open-ended one everywhere, and on PostgreSQL an exclusion constraint also refuses
    overlapping periods (migration accounts 0004). A person holds one membership at a time:
    the database refuses a second open-ended one, ``clean()`` overlapping periods.
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("Vorsitz")
        DEPUTY = "deputy", _("stellvertretender Vorsitz")
        MEMBER = "member", _("Mitglied")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="board_memberships",
        verbose_name=_("Person"),
        help_text=_("Das Benutzerkonto des Mitglieds (Rolle Unternehmerbeirat)."),
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_memberships",
        verbose_name=_("Unternehmen"),
        help_text=_("Das Unternehmen, für das die Person im Beirat sitzt."),
    )
    role = models.CharField(_("Funktion"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    started_on = models.DateField(_("Mitglied seit"), default=timezone.localdate)
    ended_on = models.DateField(
        _("Mitglied bis"),
        null=True,
        blank=True,
        help_text=_("Letzter Tag der Mitgliedschaft; leer, solange sie andauert."),
    )

    objects = BoardMembershipQuerySet.as_manager()

    class Meta:
        db_table = "dialog_boardmembership"  # kept when the model left the dialog app
        verbose_name = _("Mitgliedschaft im Unternehmerbeirat")
        verbose_name_plural = _("Mitgliedschaften im Unternehmerbeirat")
        ordering = ["role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["role"],
                condition=models.Q(role="chair", ended_on__isnull=True),
                name="board_membership_one_open_chair",
                violation_error_message=_(
                    "Der Beirat hat bereits einen Vorsitz; "
                    "beenden Sie zuerst dessen Mitgliedschaft."
                ),
            ),
            models.UniqueConstraint(
                fields=["role"],
                condition=models.Q(role="deputy", ended_on__isnull=True),
                name="board_membership_one_open_deputy",
                violation_error_message=_(
                    "Der Beirat hat bereits eine Stellvertretung; "
                    "beenden Sie zuerst deren Mitgliedschaft."
                ),
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(ended_on__isnull=True),
                name="board_membership_one_open_per_person",
                violation_error_message=_(
                    "Diese Person hat bereits eine laufende Mitgliedschaft im Beirat. Bitte "
                    "beenden Sie diese zuerst oder tragen Sie ein Enddatum ein."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="board_membership_ends_after_start",
                violation_error_message=_("Eine Mitgliedschaft kann nicht vor ihrem Beginn enden."),
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if not self.started_on or (self.ended_on and self.ended_on < self.started_on):
            return
        if self.user_id and self._overlapping().filter(user_id=self.user_id).exists():
            raise ValidationError(
                _(
                    "Diese Person ist in diesem Zeitraum bereits Mitglied des Beirats. Eine Person "
                    "kann nur eine Mitgliedschaft zur selben Zeit haben."
                ),
                code="person_overlap",
            )
        if self.role != self.Role.MEMBER and self._overlapping().filter(role=self.role).exists():
            raise ValidationError(
                {
                    "role": _("Für diesen Zeitraum ist bereits jemand als „%(role)s“ eingetragen.")
                    % {"role": self.get_role_display()}
                }
            )

    def _overlapping(self):
        """The other memberships whose period overlaps this one's."""
        overlapping = BoardMembership.objects.exclude(pk=self.pk)
        overlapping = overlapping.filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=self.started_on)
        )
        if self.ended_on:
            overlapping = overlapping.filter(started_on__lte=self.ended_on)
        return overlapping

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.started_on <= today and (self.ended_on is None or self.ended_on >= today)


class BoardMeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


class BoardMeeting(models.Model):
    """A meeting (Sitzung) of the Unternehmerbeirat with its agenda, documents, minutes and
    resolutions. Members see the minutes once staff release them."""

    title = models.CharField(
        _("Titel"), max_length=200, help_text=_("z. B. „12. Sitzung des Unternehmerbeirats“")
    )
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    location = models.CharField(_("Ort"), max_length=255)
    minutes = models.TextField(_("Protokoll"), blank=True)
    minutes_released_at = models.DateTimeField(
        _("Protokoll freigegeben am"),
        null=True,
        blank=True,
        help_text=_("Erst nach der Freigabe sehen die Mitglieder das Protokoll."),
    )
    invitation_sent_at = models.DateTimeField(_("Einladung versandt am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = BoardMeetingQuerySet.as_manager()

    class Meta:
        db_table = "dialog_boardmeeting"  # kept when the model left the dialog app
        verbose_name = _("Sitzung des Unternehmerbeirats")
        verbose_name_plural = _("Sitzungen des Unternehmerbeirats")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="board_meeting_ends_after_start",
                violation_error_message=_("Das Ende der Sitzung muss nach ihrem Beginn liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("board:meeting-detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Das Ende muss nach dem Beginn liegen.")})

    @property
    def is_upcoming(self):
        return self.starts_at >= timezone.now()

    @property
    def has_taken_place(self):
        return self.starts_at <= timezone.now()

    def entitled_voters(self) -> int:
        """How many people were members of the board, and so entitled to vote, on its day."""
        day = timezone.localdate(self.starts_at)
        return BoardMembership.objects.current(on=day).values("user_id").distinct().count()

    @property
    def minutes_released(self):
        return self.minutes_released_at is not None


class AgendaItem(models.Model):
    """A point on a board meeting's agenda (Tagesordnungspunkt), optionally about a measure."""

    meeting = models.ForeignKey(
        BoardMeeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("Sitzung"),
    )
    position = models.PositiveSmallIntegerField(
        _("TOP"), help_text=_("Reihenfolge auf der Tagesordnung (1, 2, 3 …).")
    )
    title = models.CharField(_("Titel"), max_length=255)
    description = models.TextField(_("Erläuterung"), blank=True)
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_agenda_items",
        verbose_name=_("Maßnahme"),
        help_text=_("Die Maßnahme, um die es in diesem Punkt geht (optional)."),
    )

    class Meta:
        db_table = "dialog_agendaitem"  # kept when the model left the dialog app
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_unique_position",
                violation_error_message=_("Diese Nummer ist in der Tagesordnung schon vergeben."),
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1),
                name="agenda_item_position_positive",
                violation_error_message=_(
                    "Die Nummer des Tagesordnungspunkts muss mindestens 1 sein."
                ),
            ),
        ]

    def __str__(self):
        return f"TOP {self.position}: {self.title}"


def board_document_path(instance, filename):
    """Stored under a random name below MEDIA_ROOT/board/: never the uploaded name."""
    suffix = Path(filename).suffix.lower()
    return f"board/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class BoardDocument(models.Model):
    """A document (PDF or office file) for a board meeting or one of its agenda items.

    The file lies below MEDIA_ROOT, which no URL serves; members download it through a view that
    checks their right, under its original name.
    """

    meeting = models.ForeignKey(
        BoardMeeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("Sitzung")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("Tagesordnungspunkt"),
        help_text=_("Leer lassen, wenn das Dokument zur ganzen Sitzung gehört."),
    )
    file = models.FileField(_("Datei"), upload_to=board_document_path, max_length=255)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(_("Dateityp"), max_length=120)
    size = models.PositiveIntegerField(_("Größe in Bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("hochgeladen von"),
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), default=timezone.now)

    class Meta:
        db_table = "dialog_boarddocument"  # kept when the model left the dialog app
        verbose_name = _("Sitzungsdokument")
        verbose_name_plural = _("Sitzungsdokumente")
        ordering = ["agenda_item__position", "original_name"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("board:document-download", kwargs={"pk": self.pk})


class Resolution(models.Model):
    """A resolution (Beschluss) of the board with its vote and its effect on a measure.

    Applying it changes the measure through the measures' services, which keep the change in
    the measure's history.
    """

    class Effect(models.TextChoices):
        NONE = "none", _("keine Wirkung auf eine Maßnahme")
        APPROVE = "approve", _("Maßnahme befürworten (geplant)")
        PRIORITISE = "prioritise", _("Priorität festlegen")
        DEFER = "defer", _("Maßnahme zurückstellen")

    meeting = models.ForeignKey(
        BoardMeeting,
        on_delete=models.CASCADE,
        related_name="resolutions",
        verbose_name=_("Sitzung"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("Tagesordnungspunkt"),
    )
    text = models.TextField(_("Beschlusstext"))
    votes_for = models.PositiveSmallIntegerField(_("Ja-Stimmen"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("Nein-Stimmen"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("Enthaltungen"), default=0)
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board_resolutions",
        verbose_name=_("betroffene Maßnahme"),
    )
    effect = models.CharField(
        _("Wirkung"), max_length=12, choices=Effect.choices, default=Effect.NONE
    )
    priority = models.PositiveSmallIntegerField(
        _("neue Priorität"),
        null=True,
        blank=True,
        choices=[(1, _("hoch")), (2, _("mittel")), (3, _("niedrig"))],
        help_text=_("Nur bei der Wirkung „Priorität festlegen“."),
    )
    reason = models.TextField(
        _("Begründung"), blank=True, help_text=_("Pflicht beim Zurückstellen einer Maßnahme.")
    )
    applied_at = models.DateTimeField(_("umgesetzt am"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("umgesetzt von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        db_table = "dialog_resolution"  # kept when the model left the dialog app
        verbose_name = _("Beschluss des Unternehmerbeirats")
        verbose_name_plural = _("Beschlüsse des Unternehmerbeirats")
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effect="none") | models.Q(measure__isnull=False),
                name="resolution_effect_needs_measure",
                violation_error_message=_(
                    "Für diese Wirkung des Beschlusses wählen Sie bitte eine Maßnahme aus."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(effect="prioritise") | models.Q(priority__isnull=False),
                name="resolution_prioritise_needs_priority",
                violation_error_message=_(
                    "Bitte geben Sie an, welche Priorität die Maßnahme erhalten soll."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(effect="defer") | ~models.Q(reason=""),
                name="resolution_defer_needs_reason",
                violation_error_message=_(
                    "Bitte begründen Sie, warum die Maßnahme zurückgestellt wird."
                ),
            ),
        ]

    def __str__(self):
        return Truncator(self.text).chars(60)

    def clean(self):
        super().clean()
        errors = {}
        if self.effect != self.Effect.NONE and not self.measure_id:
            errors["measure"] = _("Bitte wählen Sie die Maßnahme, auf die der Beschluss wirkt.")
        if self.effect == self.Effect.PRIORITISE and not self.priority:
            errors["priority"] = _("Bitte geben Sie die neue Priorität an.")
        if self.effect == self.Effect.DEFER and not (self.reason or "").strip():
            errors["reason"] = _("Bitte begründen Sie, warum die Maßnahme zurückgestellt wird.")
        if self.meeting_id and self.meeting.starts_at:
            errors.update(self._meeting_errors())
        if errors:
            raise ValidationError(errors)

    def _meeting_errors(self):
        """A resolution needs a meeting that has taken place, and no more votes than members."""
        errors = {}
        if self.meeting.starts_at > timezone.now():
            errors[NON_FIELD_ERRORS] = _(
                "Die Sitzung hat noch nicht stattgefunden. Beschlüsse können Sie erst ab Beginn "
                "der Sitzung erfassen."
            )
        votes = (self.votes_for or 0) + (self.votes_against or 0) + (self.votes_abstain or 0)
        entitled = self.meeting.entitled_voters()
        if votes > entitled:
            errors["votes_for"] = _(
                "Es sind %(votes)s Stimmen eingetragen, am Sitzungstag waren aber nur "
                "%(entitled)s Mitglieder stimmberechtigt. Bitte prüfen Sie die Stimmen."
            ) % {"votes": votes, "entitled": entitled}
        return errors

    @property
    def adopted(self):
        return self.votes_for > self.votes_against

    @property
    def needs_applying(self):
        return self.effect != self.Effect.NONE and self.applied_at is None


class PriorityRound(models.Model):
    """A round of priority voting: while it is open, each member rates each open measure 1–5.

    Staff open and close rounds; only one is open at a time.
    """

    title = models.CharField(_("Bezeichnung"), max_length=200)
    opened_at = models.DateTimeField(_("geöffnet am"), default=timezone.now)
    closed_at = models.DateTimeField(_("geschlossen am"), null=True, blank=True)
    is_open = models.BooleanField(_("offen"), default=True)

    class Meta:
        db_table = "dialog_priorityround"  # kept when the model left the dialog app
        verbose_name = _("Priorisierungsrunde")
        verbose_name_plural = _("Priorisierungsrunden")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_open"],
                condition=models.Q(is_open=True),
                name="priority_round_one_open",
                violation_error_message=_(
                    "Es ist bereits eine Priorisierungsrunde offen; schließen Sie sie zuerst."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(is_open=True, closed_at__isnull=True)
                | models.Q(is_open=False, closed_at__isnull=False),
                name="priority_round_closed_has_date",
                violation_error_message=_(
                    "Eine geschlossene Priorisierungsrunde braucht ein Schlussdatum, "
                    "eine offene keines."
                ),
            ),
        ]

    def __str__(self):
        return self.title


class PriorityVote(models.Model):
    """One member's rating (1 = unwichtig … 5 = sehr wichtig) of one measure in one round.

    Never shown per person to other members; staff see the aggregate.
    """

    round = models.ForeignKey(
        PriorityRound, on_delete=models.CASCADE, related_name="votes", verbose_name=_("Runde")
    )
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        related_name="board_priority_votes",
        verbose_name=_("Maßnahme"),
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="board_priority_votes",
        verbose_name=_("Mitglied"),
    )
    score = models.PositiveSmallIntegerField(
        _("Bewertung"), help_text=_("1 (unwichtig) bis 5 (sehr wichtig)")
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        db_table = "dialog_priorityvote"  # kept when the model left the dialog app
        verbose_name = _("Priorisierungsstimme")
        verbose_name_plural = _("Priorisierungsstimmen")
        ordering = ["round", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "measure", "voter"],
                name="priority_vote_once_per_round",
                violation_error_message=_(
                    "Sie haben diese Maßnahme in dieser Runde bereits bewertet."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="priority_vote_score_1_to_5",
                violation_error_message=_("Die Bewertung muss zwischen 1 und 5 liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.measure_id}: {self.score}"


class MeasureComment(models.Model):
    """A comment of a board member or staff on a measure; staff may hide it, with a reason."""

    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        related_name="board_comments",
        verbose_name=_("Maßnahme"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="measure_comments",
        verbose_name=_("verfasst von"),
    )
    text = models.TextField(_("Kommentar"), max_length=4000)
    created_at = models.DateTimeField(_("verfasst am"), default=timezone.now)
    hidden_at = models.DateTimeField(_("ausgeblendet am"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ausgeblendet von"),
    )
    hidden_reason = models.CharField(_("Grund des Ausblendens"), max_length=500, blank=True)

    class Meta:
        db_table = "dialog_measurecomment"  # kept when the model left the dialog app
        verbose_name = _("Kommentar zu einer Maßnahme")
        verbose_name_plural = _("Kommentare zu Maßnahmen")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hidden_at__isnull=True) | ~models.Q(hidden_reason=""),
                name="measure_comment_hidden_has_reason",
                violation_error_message=_(
                    "Bitte geben Sie an, warum der Kommentar ausgeblendet wird."
                ),
            ),
        ]

    def __str__(self):
        return Truncator(self.text).chars(60)

    @property
    def is_hidden(self):
        return self.hidden_at is not None

"""Views of the Unternehmerbeirat's area at /beirat/ (staff and board members only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from dialog.core.calendars import calendar_ics
from dialog.core.exports import DATE, Column, ExportMixin
from dialog.core.mixins import PermissionFirstMixin, ServiceFormMixin, form_errors
from measures.models import Measure

from . import selectors, services
from .calendar import board_meeting_entry
from .filters import BoardMeasureFilterSet, BoardMeetingFilterSet, BoardMembershipFilterSet
from .forms import (
    AgendaItemForm,
    BoardDocumentForm,
    BoardMeetingForm,
    BoardMembershipForm,
    CommentForm,
    CommentHideForm,
    MinutesForm,
    PriorityRoundForm,
    PriorityVoteForm,
    ResolutionForm,
)
from .models import (
    AgendaItem,
    BoardDocument,
    BoardMeeting,
    BoardMembership,
    MeasureComment,
    PriorityRound,
)
from .models import Resolution as ResolutionModel


class BoardAreaMixin(PermissionFirstMixin):
    permission_required = "board.view_area"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_board_staff"] = self.request.user.has_perm("board.manage")
        return context


class BoardStaffMixin(BoardAreaMixin):
    permission_required = "board.manage"


class BoardIndexView(BoardAreaMixin, TemplateView):
    """The members' area: coming meetings, recent minutes and resolutions, the voting round."""

    template_name = "board/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The counts the page shows come with the round in one query.
        priority_round = selectors.open_round(votes_of=self.request.user, with_voter_count=True)
        context.update(
            upcoming=list(selectors.meetings_with_agenda(BoardMeeting.objects.upcoming())[:3]),
            past=list(
                BoardMeeting.objects.past()
                .filter(minutes_released_at__isnull=False)
                .annotate(resolution_count=Count("resolutions"))[:5]
            ),
            members=list(selectors.current_members().order_by("role", "user__full_name")),
            priority_round=priority_round,
        )
        if priority_round is not None:
            context["my_vote_count"] = priority_round.my_vote_count
            context["voter_count"] = priority_round.voter_count
        return context


# --- Members ----------------------------------------------------------------------------------
class MembershipListView(BoardAreaMixin, ExportMixin, FilterView):
    filterset_class = BoardMembershipFilterSet
    template_name = "board/membership_list.html"
    paginate_by = 25
    export_name = "beirat-mitglieder"

    def get_export_columns(self):
        return [
            Column(_("Name"), "user.get_full_name"),
            Column(_("Unternehmen"), _membership_organisation),
            Column(_("Funktion"), "get_role_display"),
            Column(_("Mitglied seit"), "started_on", DATE),
            Column(_("Mitglied bis"), "ended_on", DATE),
        ]

    def get_queryset(self):
        return BoardMembership.objects.select_related("user", "company").order_by(
            "ended_on", "role", "user__full_name"
        )


def _membership_organisation(membership):
    return membership.company.name if membership.company else membership.user.organisation


class MembershipFormView(ServiceFormMixin, BoardStaffMixin, FormView):
    model = BoardMembership
    form_class = BoardMembershipForm
    template_name = "board/membership_form.html"
    success_message = _l("Die Mitgliedschaft wurde gespeichert.")

    def save(self, instance):
        return services.board_membership_save(membership=instance)

    def success_url_for(self, saved):
        return reverse("board:member-list")


class MeetingListView(BoardAreaMixin, FilterView):
    filterset_class = BoardMeetingFilterSet
    template_name = "board/meeting_list.html"
    paginate_by = 20

    def get_queryset(self):
        return BoardMeeting.objects.annotate(
            item_count=Count("agenda_items", distinct=True),
            resolution_count=Count("resolutions", distinct=True),
        ).order_by("-starts_at")


class MeetingFormView(ServiceFormMixin, BoardStaffMixin, FormView):
    model = BoardMeeting
    form_class = BoardMeetingForm
    template_name = "board/meeting_form.html"
    success_message = _l("Die Sitzung wurde gespeichert.")

    def save(self, instance):
        return services.board_meeting_save(meeting=instance)


class MeetingDetailView(BoardAreaMixin, TemplateView):
    template_name = "board/meeting_detail.html"

    def load(self, **kwargs):
        self.meeting = selectors.meeting_detail(kwargs["pk"]).first()
        if self.meeting is None:
            raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        documents = list(meeting.documents.all())
        context.update(
            meeting=meeting,
            meeting_documents=[d for d in documents if d.agenda_item_id is None],
            show_minutes=meeting.minutes_released or context["is_board_staff"],
        )
        return context


class MeetingChildMixin(BoardStaffMixin):
    """A staff page about one meeting (agenda item, document, minutes, resolution)."""

    def load(self, **kwargs):
        self.meeting = get_object_or_404(BoardMeeting, pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "meeting": self.meeting}


class AgendaItemCreateView(MeetingChildMixin, FormView):
    form_class = AgendaItemForm
    template_name = "board/agenda_item_form.html"

    def form_valid(self, form):
        services.agenda_item_add(meeting=self.meeting, **form.cleaned_data)
        messages.success(self.request, _("Der Tagesordnungspunkt wurde angefügt."))
        if "another" in self.request.POST:
            return redirect("board:agenda-item-create", pk=self.meeting.pk)
        return redirect(self.meeting)


class AgendaItemMixin(BoardStaffMixin):
    def load(self, **kwargs):
        self.item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=kwargs["pk"])
        self.meeting = self.item.meeting

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "item": self.item, "meeting": self.meeting}


class AgendaItemUpdateView(AgendaItemMixin, FormView):
    form_class = AgendaItemForm
    template_name = "board/agenda_item_update.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.item}

    def form_valid(self, form):
        services.agenda_item_save(item=form.instance)
        messages.success(self.request, _("Der Tagesordnungspunkt wurde gespeichert."))
        return redirect(self.meeting)


class AgendaItemMoveView(AgendaItemMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        services.agenda_item_move(item=self.item, up=request.POST.get("direction") != "down")
        return redirect(self.meeting)


class AgendaItemRemoveView(AgendaItemMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        services.agenda_item_remove(item=self.item)
        messages.success(
            request,
            _("Der Tagesordnungspunkt „%(title)s“ wurde entfernt.") % {"title": self.item.title},
        )
        return redirect(self.meeting)


class DocumentUploadView(MeetingChildMixin, FormView):
    form_class = BoardDocumentForm
    template_name = "board/document_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def form_valid(self, form):
        try:
            document = services.board_document_upload(
                meeting=self.meeting,
                upload=form.cleaned_data["file"],
                agenda_item=form.cleaned_data["agenda_item"],
                uploaded_by=self.request.user,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                form_errors(form, exc)
            else:
                form.add_error("file", exc.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Das Dokument „%(name)s“ wurde hochgeladen.") % {"name": document.original_name},
        )
        return redirect(self.meeting)


class DocumentDownloadView(BoardAreaMixin, View):
    """Serve a meeting document to staff and board members only, under its original name."""

    def get(self, request, pk):
        document = get_object_or_404(BoardDocument, pk=pk)
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class DocumentDeleteView(BoardStaffMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        document = get_object_or_404(BoardDocument, pk=pk)
        meeting = document.meeting
        services.board_document_delete(document=document)
        messages.success(
            request, _("Das Dokument „%(name)s“ wurde entfernt.") % {"name": document.original_name}
        )
        return redirect(meeting)


class MeetingInviteView(MeetingChildMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            count = services.board_meeting_send_invitations(meeting=self.meeting)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "Die Einladung wurde an %(count)d Mitglied versandt.",
                    "Die Einladung wurde an %(count)d Mitglieder versandt.",
                    count,
                )
                % {"count": count},
            )
        return redirect(self.meeting)


class MinutesView(MeetingChildMixin, FormView):
    form_class = MinutesForm
    template_name = "board/minutes_form.html"

    def get_initial(self):
        return {"minutes": self.meeting.minutes, "release": self.meeting.minutes_released}

    def form_valid(self, form):
        try:
            services.board_minutes_save(meeting=self.meeting, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Das Protokoll wurde gespeichert."))
        return redirect(self.meeting)


class ResolutionCreateView(MeetingChildMixin, FormView):
    form_class = ResolutionForm
    template_name = "board/resolution_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def form_valid(self, form):
        try:
            services.resolution_save(resolution=form.instance)
        except ValidationError as exc:
            form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Der Beschluss wurde erfasst."))
        return redirect(self.meeting)


class ResolutionUpdateView(BoardStaffMixin, FormView):
    """Correct a resolution as long as it has not been applied to its measure."""

    form_class = ResolutionForm
    template_name = "board/resolution_form.html"

    def load(self, **kwargs):
        self.object = get_object_or_404(
            ResolutionModel.objects.select_related("meeting"), pk=kwargs["pk"]
        )
        self.meeting = self.object.meeting
        if self.object.applied_at is not None:
            messages.error(
                self.request, _("Ein umgesetzter Beschluss kann nicht mehr geändert werden.")
            )
            return redirect(self.meeting)
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting, "instance": self.object}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "meeting": self.meeting,
            "object": self.object,
        }

    def form_valid(self, form):
        try:
            services.resolution_save(resolution=form.instance)
        except ValidationError as exc:
            form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Der Beschluss wurde gespeichert."))
        return redirect(self.meeting)


class ResolutionApplyView(BoardStaffMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        resolution = get_object_or_404(
            ResolutionModel.objects.select_related("measure", "meeting"), pk=pk
        )
        try:
            services.resolution_apply(resolution=resolution, applied_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Der Beschluss wurde auf die Maßnahme %(code)s angewandt.")
                % {"code": resolution.measure.code},
            )
        return redirect(resolution.meeting)


class MeetingCalendarView(BoardAreaMixin, View):
    """One meeting as an .ics file, for members who do not subscribe to the feed."""

    def load(self, **kwargs):
        self.meeting = get_object_or_404(selectors.meetings_with_agenda(), pk=kwargs["pk"])

    def get(self, request, pk):
        ics = calendar_ics([board_meeting_entry(self.meeting)], name=self.meeting.title)
        response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="beirat-sitzung-{pk}.ics"'
        return response


class BoardCalendarView(BoardAreaMixin, View):
    """The board's meetings as an iCalendar feed for the members' calendars."""

    def get(self, request):
        meetings = selectors.meetings_with_agenda(BoardMeeting.objects.order_by("starts_at"))
        ics = calendar_ics([board_meeting_entry(m) for m in meetings], name=_("Unternehmerbeirat"))
        response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="unternehmerbeirat.ics"'
        return response


# --- Measures and comments --------------------------------------------------------------------
class MeasureListView(BoardAreaMixin, FilterView):
    filterset_class = BoardMeasureFilterSet
    template_name = "board/measure_list.html"
    paginate_by = 25

    def get_queryset(self):
        staff = self.request.user.has_perm("board.moderate_comments")
        return selectors.measures_with_comment_counts(
            self.request.user, include_hidden=staff
        ).order_by("code")


class MeasureCommentsView(BoardAreaMixin, FormView):
    """A measure with the board's comments. Only measures the user may see: an idea staff have
    not triaged yet answers like a measure that does not exist, to reading and to commenting."""

    model = Measure
    form_class = CommentForm
    template_name = "board/measure_detail.html"

    def lookup_queryset(self):
        return super().lookup_queryset().select_related("field_of_action")

    def load(self, **kwargs):
        super().load(**kwargs)
        self.measure = self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = self.request.user.has_perm("board.moderate_comments")
        context.update(
            measure=self.measure,
            comments=selectors.comments_for(self.measure, include_hidden=staff),
            resolutions=selectors.resolutions_released()
            .filter(measure=self.measure)
            .select_related("meeting")
            .order_by("-meeting__starts_at"),
        )
        return context

    def form_valid(self, form):
        try:
            services.measure_comment_create(
                measure=self.measure, author=self.request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Ihr Kommentar wurde veröffentlicht."))
        return redirect("board:measure-detail", pk=self.measure.pk)


class CommentHideView(BoardStaffMixin, FormView):
    permission_required = "board.moderate_comments"
    form_class = CommentHideForm
    template_name = "board/comment_hide.html"

    def load(self, **kwargs):
        self.comment = get_object_or_404(
            MeasureComment.objects.select_related("measure", "author"), pk=kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "comment": self.comment}

    def form_valid(self, form):
        services.measure_comment_hide(
            comment=self.comment, hidden_by=self.request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            self.request,
            _(
                "Der Kommentar wurde ausgeblendet. Die Verfasserin oder der Verfasser wird per "
                "E-Mail benachrichtigt."
            ),
        )
        return redirect("board:measure-detail", pk=self.comment.measure_id)


class CommentShowView(BoardStaffMixin, View):
    """Show a hidden comment again (staff)."""

    permission_required = "board.moderate_comments"
    http_method_names = ["post"]

    def load(self, **kwargs):
        self.comment = get_object_or_404(MeasureComment, pk=kwargs["pk"])

    def post(self, request, pk):
        if self.comment.is_hidden:
            services.measure_comment_show(comment=self.comment)
            messages.success(request, _("Der Kommentar ist wieder für alle sichtbar."))
        return redirect(
            reverse("board:measure-detail", kwargs={"pk": self.comment.measure_id}) + "#kommentare"
        )


# --- Priority voting --------------------------------------------------------------------------
class PriorityView(BoardAreaMixin, FormView):
    """Members rate the open measures; staff see the round's aggregate and manage rounds."""

    template_name = "board/priorities.html"
    form_class = PriorityVoteForm

    def load(self, **kwargs):
        self.round = selectors.open_round()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        votes = selectors.member_votes(self.round, self.request.user) if self.round else {}
        return {**kwargs, "measures": selectors.open_measures(), "initial_scores": votes}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_vote = self.request.user.has_perm("board.vote_priorities")
        context.update(priority_round=self.round, can_vote=can_vote)
        if not can_vote:
            context.pop("form", None)
        if self.request.user.has_perm("board.see_priority_results"):
            context["rounds"] = PriorityRound.objects.annotate(
                vote_count=Count("votes"),
                voter_count=Count("votes__voter", distinct=True),
            ).order_by("-opened_at")
            context["round_form"] = PriorityRoundForm()
            if self.round:
                context["results"] = selectors.round_results(self.round)
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("board.vote_priorities") or self.round is None:
            messages.error(request, _("Derzeit ist keine Bewertung möglich."))
            return redirect("board:priorities")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            count = services.priority_votes_cast(
                priority_round=self.round, voter=self.request.user, scores=form.scores()
            )
        except ValidationError as exc:
            form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "Ihre Bewertung wurde gespeichert (%(count)d Maßnahme bewertet).",
                "Ihre Bewertungen wurden gespeichert (%(count)d Maßnahmen bewertet).",
                count,
            )
            % {"count": count},
        )
        return redirect("board:priorities")


class PriorityRoundOpenView(BoardStaffMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = PriorityRoundForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Bitte geben Sie der Runde eine Bezeichnung."))
            return redirect("board:priorities")
        try:
            services.priority_round_open(title=form.cleaned_data["title"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Die Priorisierungsrunde ist geöffnet."))
        return redirect("board:priorities")


class PriorityRoundMixin(BoardStaffMixin):
    permission_required = "board.see_priority_results"

    def load(self, **kwargs):
        self.round = get_object_or_404(PriorityRound, pk=kwargs["pk"])


class PriorityRoundDetailView(PriorityRoundMixin, TemplateView):
    template_name = "board/priority_round.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            priority_round=self.round,
            results=selectors.round_results(self.round),
            voter_count=self.round.votes.values("voter").distinct().count(),
        )
        return context


class PriorityRoundCloseView(PriorityRoundMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        services.priority_round_close(priority_round=self.round)
        messages.success(
            request, _("Die Runde „%(title)s“ ist geschlossen.") % {"title": self.round}
        )
        return redirect("board:priority-round", pk=self.round.pk)


class PriorityAdoptView(PriorityRoundMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, measure_pk):
        measure = get_object_or_404(Measure, pk=measure_pk)
        try:
            measure = services.priority_adopt(
                priority_round=self.round, measure=measure, changed_by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(code)s hat jetzt die Priorität „%(priority)s“.")
                % {"code": measure.code, "priority": measure.get_priority_display()},
            )
        return redirect(reverse("board:priority-round", kwargs={"pk": self.round.pk}))

"""Views of events, registrations, attendance and the Woche der Mobilität."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from dialog.accounts.ratelimit import RATE_LIMIT_MESSAGE, public_form_rate_limited
from dialog.accounts.selectors import email_verified
from dialog.core.exports import DATETIME, INT, Column, ExportMixin
from dialog.core.mixins import PermissionFirstMixin
from measures.models import Measure, Partner

from . import selectors, services
from .calendars import calendar_for
from .filters import (
    EventFilterSet,
    MobilityWeekFilterSet,
    RegistrationFilterSet,
    upcoming_first,
)
from .forms import (
    EventCancelForm,
    EventForm,
    MobilityApplicationForm,
    MobilityFeedbackForm,
    MobilityOfferForm,
    MobilityWeekForm,
    RegistrationForm,
    RegistrationMoveForm,
    StaffRegistrationForm,
)
from .mobility import suggestion_for_week
from .models import Event, MobilityMatch, MobilityWeek, Registration
from .tokens import cancel_token_registration, confirm_token_registration, feedback_token_match


def _percent(share):
    return None if share is None else share * 100


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Events -------------------------------------------------------------------------------
class EventListView(ExportMixin, FilterView):
    """Upcoming and past events the visitor may see, with filters (staff download them)."""

    filterset_class = EventFilterSet
    template_name = "events/event_list.html"
    paginate_by = 20
    export_name = "veranstaltungen"
    export_permission = "events.manage_event"

    def get_export_columns(self):
        return [
            Column(_("Beginn"), "starts_at", DATETIME),
            Column(_("Ende"), "ends_at", DATETIME),
            Column(_("Veranstaltung"), "title"),
            Column(_("Format"), "get_format_display"),
            Column(_("Ort"), lambda event: event.venue or event.host_company_name),
            Column(_("Sichtbarkeit"), "get_visibility_display"),
            Column(_("Plätze"), "capacity", INT),
            Column(_("angemeldet"), "registered_count", INT),
            Column(_("Warteliste"), "waitlist_count", INT),
            Column(_("Status"), "get_status_display"),
        ]

    def get_queryset(self):
        # The host's name rather than select_related(): joining whole company rows to every
        # event before sorting costs the database more than the page of 20 it returns.
        return upcoming_first(
            Event.objects.visible_to(self.request.user)
            .annotate(host_company_name=F("host_company__name"))
            .with_counts(attendance=False)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        if self.request.user.has_perm("events.manage_event"):
            context["no_show_percent"] = _percent(selectors.no_show_rate())
        return context


class EventPageMixin(PermissionFirstMixin):
    """A page about one event the user may see (``Event.objects.visible_to``)."""

    permission_required = ()  # everyone: the lookup decides which events
    model = Event
    context_object_name = "event"

    @property
    def event(self):
        return self.object


class EventDetailView(EventPageMixin, DetailView):
    template_name = "events/event_detail.html"

    def lookup_queryset(self):
        return (
            super()
            .lookup_queryset()
            .select_related("host_company", "network", "mobility_week")
            .prefetch_related(
                # Only what the page shows of them (names, code and title).
                Prefetch("organisers", queryset=Partner.objects.only("pk", "name", "short_name")),
                Prefetch("measures", queryset=Measure.objects.only("pk", "code", "title")),
            )
            .with_counts()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = self.object, self.request.user
        if user.is_authenticated:
            # The account's own registration: bound to the account, never found by address.
            context["own_registration"] = event.registrations.active().filter(user=user).first()
        context["places_left"] = max(event.capacity - event.registered_count, 0)
        context["may_manage"] = user.has_perm("events.manage_event")
        context["may_view_registrations"] = user.has_perm("events.view_registrations", event)
        if not user.is_authenticated:
            context["form"] = RegistrationForm()
        return context


class EventIcsView(EventPageMixin, DetailView):
    """The event as an iCalendar file."""

    def lookup_queryset(self):
        return super().lookup_queryset().select_related("host_company")

    def render_to_response(self, context, **response_kwargs):
        body = calendar_for(
            [self.object],
            name=self.object.title,
            base_url=self.request.build_absolute_uri("/"),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="veranstaltung-{self.object.pk}.ics"'
        )
        return response


def event_feed(request):
    """The public events of the last year and the future as a calendar feed to subscribe to."""
    since = timezone.now() - timezone.timedelta(days=365)
    events = (
        Event.objects.filter(visibility=Event.Visibility.PUBLIC, ends_at__gte=since)
        .select_related("host_company")
        .order_by("starts_at")
    )
    body = calendar_for(
        events,
        name=_("Aachener Industrie-Dialog – Veranstaltungen"),
        base_url=request.build_absolute_uri("/"),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


class EventRegisterView(EventPageMixin, FormView):
    """Register: anonymous visitors with a form and double opt-in, members with one click."""

    object_permission_required = "events.register_for_event"
    form_class = RegistrationForm
    template_name = "events/event_register.html"

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            user = request.user
            # One click for an account whose address is proven; otherwise the link by e-mail,
            # as for everyone else.
            confirmed = email_verified(user)
            try:
                registration = services.registration_create(
                    event=self.event,
                    name=user.get_full_name(),
                    email=user.email,
                    company_name=user.organisation,
                    user=user,
                    confirmed=confirmed,
                )
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                if confirmed:
                    messages.success(request, _status_message(registration))
                else:
                    messages.success(request, _confirm_message(registration.email))
            return redirect(self.event)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        if public_form_rate_limited(self.request, action="events_register", key=data["email"]):
            return _too_many(self, form)
        try:
            services.registration_create(
                event=self.event,
                name=data["name"],
                email=data["email"],
                company_name=data["company_name"],
                confirmed=False,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
            return self.form_invalid(form)
        messages.success(self.request, _confirm_message(data["email"]))
        return redirect(self.event)


def _confirm_message(email):
    return _(
        "Fast geschafft: Bitte bestätigen Sie Ihre Anmeldung über den Link in der E-Mail, "
        "die wir an %(email)s gesendet haben."
    ) % {"email": email}


def _too_many(view, form):
    """The form again, with the German message of a rate limit (HTTP 429)."""
    form.add_error(None, RATE_LIMIT_MESSAGE)
    return view.render_to_response(view.get_context_data(form=form), status=429)


def _status_message(registration):
    if registration.status == Registration.Status.REGISTERED:
        return _("Sie sind angemeldet für „%(event)s“.") % {"event": registration.event}
    return _(
        "Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste und erhalten eine "
        "E-Mail, sobald ein Platz frei wird."
    )


class RegistrationTokenView(TemplateView):
    """A page reached through a signed link from an e-mail; the action needs a POST."""

    def dispatch(self, request, *args, **kwargs):
        self.registration = self.registration_for(kwargs["token"])
        if self.registration is None:
            return self.render_to_response({"invalid": True}, status=400)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["registration"] = self.registration
        context["event"] = self.registration.event
        return context


class RegistrationConfirmView(RegistrationTokenView):
    template_name = "events/registration_confirm.html"

    def registration_for(self, token):
        return confirm_token_registration(token)

    def post(self, request, *args, **kwargs):
        try:
            registration = services.registration_confirm(registration=self.registration)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _status_message(registration))
        return redirect(self.registration.event)


class RegistrationSelfCancelView(RegistrationTokenView):
    template_name = "events/registration_cancel.html"

    def registration_for(self, token):
        return cancel_token_registration(token)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["too_late"] = self.registration.event.has_started or (
            self.registration.status in (Registration.Status.ATTENDED, Registration.Status.NO_SHOW)
        )
        return context

    def post(self, request, *args, **kwargs):
        return _cancel(request, self.registration)


class OwnRegistrationCancelView(LoginRequiredMixin, View):
    """A logged-in person cancels their own registration from the event page."""

    http_method_names = ["post"]

    def post(self, request, pk):
        user = request.user
        registration = Registration.objects.active().filter(event_id=pk, user=user).first()
        if registration is None:
            raise Http404
        return _cancel(request, registration)


def _cancel(request, registration):
    try:
        services.registration_cancel(registration=registration)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("Sie haben sich von „%(event)s“ abgemeldet.") % {"event": registration.event}
        )
    return redirect(registration.event)


class EventCreateView(PermissionRequiredMixin, FormView):
    permission_required = "events.manage_event"
    form_class = EventForm
    template_name = "events/event_form.html"

    def form_valid(self, form):
        event = services.event_save(
            event=form.save(commit=False),
            organisers=form.cleaned_data["organisers"],
            measures=form.cleaned_data["measures"],
        )
        messages.success(self.request, _("Die Veranstaltung wurde angelegt."))
        return redirect(event)


class EventUpdateView(EventPageMixin, FormView):
    permission_required = "events.manage_event"
    context_object_name = None
    form_class = EventForm
    template_name = "events/event_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def form_valid(self, form):
        event = services.event_save(
            event=form.save(commit=False),
            organisers=form.cleaned_data["organisers"],
            measures=form.cleaned_data["measures"],
        )
        messages.success(self.request, _("Die Änderungen wurden gespeichert."))
        return redirect(event)


class EventCancelView(EventPageMixin, FormView):
    permission_required = "events.manage_event"
    context_object_name = None
    form_class = EventCancelForm
    template_name = "events/event_cancel.html"

    def lookup_queryset(self):
        return super().lookup_queryset().with_counts()

    def form_valid(self, form):
        try:
            services.event_cancel(event=self.object, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, _error_text(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Die Veranstaltung wurde abgesagt; alle Angemeldeten werden per E-Mail informiert."),
        )
        return redirect(self.object)


class EventRegistrationListView(EventPageMixin, ExportMixin, FilterView):
    """The registrations of an event: staff and co-organising partners."""

    permission_required = "events.view_registration_lists"
    object_permission_required = "events.view_registrations"
    context_object_name = None  # the page's object_list are the registrations
    filterset_class = RegistrationFilterSet
    template_name = "events/registration_list.html"
    paginate_by = 50

    @property
    def export_name(self):
        return f"anmeldungen-{self.event.pk}"

    def get_export_columns(self):
        return [
            Column(_("Name"), "name"),
            Column(_("E-Mail-Adresse"), "email"),
            Column(_("Unternehmen / Organisation"), "company_name"),
            Column(_("Status"), "get_status_display"),
            Column(_("angemeldet am"), "created_at", DATETIME),
            Column(_("bestätigt am"), "queued_at", DATETIME),
        ]

    def lookup_queryset(self):
        return super().lookup_queryset().with_counts()

    def get_queryset(self):
        return self.event.registrations.exclude(status=Registration.Status.PENDING).order_by(
            "queued_at", "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["no_show_percent"] = _percent(selectors.no_show_rate([self.event]))
        context["may_manage"] = may_manage = self.request.user.has_perm("events.manage_event")
        context["may_change_registrations"] = may_manage and not self.event.has_started
        return context


class RegistrationPageMixin(EventPageMixin):
    """A staff page about one registration of an event (both looked up permission-first)."""

    permission_required = "events.manage_event"
    context_object_name = None

    def load(self, **kwargs):
        super().load(**kwargs)
        self.registration = get_object_or_404(
            self.event.registrations.exclude(status=Registration.Status.PENDING),
            pk=kwargs["registration_pk"],
        )

    def back_to_list(self):
        return redirect("events:registrations", pk=self.event.pk)


class StaffRegistrationCreateView(EventPageMixin, FormView):
    """Staff register someone who asked by phone, letter or in person (no confirmation mail:
    the person gets the registration or waitlist mail at once)."""

    permission_required = "events.manage_event"
    context_object_name = None
    form_class = StaffRegistrationForm
    template_name = "events/registration_add.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event}

    def form_valid(self, form):
        try:
            registration = services.registration_create(
                event=self.event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                company_name=form.cleaned_data["company_name"],
                by_staff=True,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
            return self.form_invalid(form)
        if registration.status == Registration.Status.WAITLISTED:
            text = _("%(name)s steht auf der Warteliste und wird per E-Mail informiert.")
        else:
            text = _("%(name)s ist angemeldet und wird per E-Mail informiert.")
        messages.success(self.request, text % {"name": registration.name})
        return redirect("events:registrations", pk=self.event.pk)


class StaffRegistrationCancelView(RegistrationPageMixin, View):
    """Staff cancel someone's registration; the first person waiting moves up."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.registration_cancel(registration=self.registration)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("Die Anmeldung von %(name)s wurde storniert.") % {"name": self.registration.name},
            )
        return self.back_to_list()


class RegistrationMoveView(RegistrationPageMixin, FormView):
    """Staff move a registration to another event."""

    form_class = RegistrationMoveForm
    template_name = "events/registration_move.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current_event": self.event}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "event": self.event,
            "registration": self.registration,
        }

    def form_valid(self, form):
        target = form.cleaned_data["event"]
        try:
            services.registration_move(registration=self.registration, event=target)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s wurde zu „%(event)s“ umgebucht und per E-Mail informiert.")
            % {"name": self.registration.name, "event": target.title},
        )
        return self.back_to_list()


class AttendanceView(EventPageMixin, TemplateView):
    """The check-in page: staff mark who came."""

    permission_required = "events.manage_event"
    template_name = "events/attendance.html"

    def lookup_queryset(self):
        return super().lookup_queryset().with_counts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["registrations"] = self.event.registrations.holding_place().order_by("name", "pk")
        context["no_show_percent"] = _percent(selectors.no_show_rate([self.event]))
        return context

    def post(self, request, *args, **kwargs):
        registration_pk = request.POST.get("registration", "")
        if not registration_pk.isdigit():
            raise Http404
        registration = get_object_or_404(self.event.registrations, pk=registration_pk)
        attended = request.POST.get("attended") == "true"
        try:
            services.registration_set_attendance(registration=registration, attended=attended)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            text = (
                _("%(name)s ist als anwesend erfasst.")
                if attended
                else _("%(name)s ist als nicht erschienen erfasst.")
            )
            messages.success(request, text % {"name": registration.name})
        return redirect("events:attendance", pk=self.event.pk)


class AttendancePdfView(EventPageMixin, View):
    """The printable attendance list (PDF) with a signature column."""

    permission_required = "events.manage_event"

    def lookup_queryset(self):
        return super().lookup_queryset().select_related("host_company")

    def get(self, request, pk):
        from weasyprint import HTML

        event = self.event
        html = render_to_string(
            "events/attendance_pdf.html",
            {
                "event": event,
                "registrations": event.registrations.holding_place().order_by("name", "pk"),
                "printed_at": timezone.now(),
            },
            request=request,
        )
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="teilnahmeliste-{event.pk}.pdf"'
        return response


class NetworkParticipationView(PermissionRequiredMixin, TemplateView):
    """Participation in the network meetings per company (companies reached, repeats)."""

    permission_required = "events.view_participation"
    template_name = "events/network_participation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participation"] = selectors.network_participation()
        context["meetings"] = (
            Event.objects.filter(format=Event.Format.NETWORK_MEETING)
            .select_related("network")
            .with_counts()
            .order_by("-starts_at")[:20]
        )
        return context


# --- Woche der Mobilität ------------------------------------------------------------------
class MobilityWeekListView(FilterView):
    """The editions of the Woche der Mobilität, newest first."""

    filterset_class = MobilityWeekFilterSet
    template_name = "events/mobility_week_list.html"
    paginate_by = 20

    def get_queryset(self):
        return MobilityWeek.objects.annotate(
            offer_count=Count("offers", distinct=True),
            match_count=Count("offers__matches", distinct=True),
        ).order_by("-year")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_manage"] = self.request.user.has_perm("events.manage_mobility_week")
        return context


class MobilityWeekCreateView(PermissionRequiredMixin, FormView):
    permission_required = "events.manage_mobility_week"
    form_class = MobilityWeekForm
    template_name = "events/mobility_week_form.html"

    def form_valid(self, form):
        week = form.save()
        messages.success(
            self.request, _("Die Ausgabe %(year)s wurde angelegt.") % {"year": week.year}
        )
        return redirect(week)


class MobilityWeekPageMixin(PermissionFirstMixin):
    """A page about one edition of the Woche der Mobilität (every edition is public)."""

    permission_required = ()  # everyone, unless the page says otherwise
    model = MobilityWeek
    context_object_name = "week"

    @property
    def week(self):
        return self.object

    def load(self, **kwargs):
        self.object = get_object_or_404(self.lookup_queryset(), year=kwargs["year"])


class MobilityWeekDetailView(MobilityWeekPageMixin, TemplateView):
    template_name = "events/mobility_week_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offers"] = self.week.offers.select_related("host_company").annotate(
            taken=Count("matches")
        )
        may_manage = self.request.user.has_perm("events.manage_mobility_week")
        context["may_manage"] = may_manage
        if may_manage:
            context["figures"] = selectors.mobility_week_figures(week=self.week)
            context["feedback"] = selectors.mobility_feedback_summary(week=self.week)
            context["applications"] = self.week.applications.select_related(
                "home_company", "match__offer__host_company"
            )
        return context


class MobilityOfferCreateView(MobilityWeekPageMixin, FormView):
    permission_required = "events.manage_mobility_week"
    form_class = MobilityOfferForm
    template_name = "events/mobility_offer_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "week": self.week}

    def form_valid(self, form):
        offer = form.save(commit=False)
        offer.week = self.week
        offer.days = sorted(form.cleaned_data["days"])
        offer.full_clean()
        offer.save()
        messages.success(self.request, _("Das Angebot wurde gespeichert."))
        return redirect(self.week)


class MobilityApplyView(MobilityWeekPageMixin, FormView):
    form_class = MobilityApplicationForm
    template_name = "events/mobility_apply.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "week": self.week}

    def get_initial(self):
        user = self.request.user
        if user.is_authenticated:
            return {"name": user.get_full_name(), "email": user.email}
        return {}

    def form_valid(self, form):
        if not self.week.applications_open:
            form.add_error(None, _("Der Bewerbungsschluss ist vorbei."))
            return self.form_invalid(form)
        data = form.cleaned_data
        if public_form_rate_limited(
            self.request, action="events_mobility_apply", key=data["email"]
        ):
            return _too_many(self, form)
        try:
            services.mobility_application_create(
                week=self.week,
                name=data["name"],
                email=data["email"],
                company_name=data["company_name"],
                interests=data["interests"],
                preferred_days=data["preferred_days"],
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Vielen Dank für Ihre Bewerbung. Wir melden uns, sobald wir einen Platz für "
                "Sie haben."
            ),
        )
        return redirect(self.week)


class MobilityMatchingView(MobilityWeekPageMixin, TemplateView):
    """Staff see the suggested matching and accept it (all or some placements)."""

    permission_required = "events.manage_mobility_week"
    template_name = "events/mobility_matching.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        suggestion = suggestion_for_week(self.week)
        context.update(suggestion)
        context["matches"] = MobilityMatch.objects.filter(offer__week=self.week).select_related(
            "application__home_company", "offer__host_company"
        )
        context["feedback_due"] = self.week.ends_on <= timezone.localdate()
        return context

    def post(self, request, *args, **kwargs):
        chosen = set(request.POST.getlist("placement"))
        suggestion = suggestion_for_week(self.week)
        placements = [
            row["placement"]
            for row in suggestion["rows"]
            if f"{row['placement'].applicant_id}:{row['placement'].offer_id}" in chosen
        ]
        if not placements:
            messages.error(request, _("Bitte wählen Sie mindestens eine Vermittlung aus."))
            return redirect("events:mobility-matching", year=self.week.year)
        try:
            created = services.mobility_matches_accept(
                week=self.week, placements=placements, accepted_by=request.user
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s Vermittlung bestätigt; die Beteiligten erhalten eine E-Mail.",
                    "%(count)s Vermittlungen bestätigt; die Beteiligten erhalten eine E-Mail.",
                    len(created),
                )
                % {"count": len(created)},
            )
        return redirect("events:mobility-matching", year=self.week.year)


class MobilityFeedbackRequestView(MobilityWeekPageMixin, View):
    permission_required = "events.manage_mobility_week"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        count = services.mobility_feedback_request(week=self.week)
        messages.success(
            request,
            ngettext(
                "%(count)s teilnehmende Person wurde um eine Rückmeldung gebeten.",
                "%(count)s Teilnehmende wurden um eine Rückmeldung gebeten.",
                count,
            )
            % {"count": count},
        )
        return redirect("events:mobility-matching", year=self.week.year)


class MobilityFeedbackView(FormView):
    """The short feedback form, reached through the signed link in the e-mail."""

    form_class = MobilityFeedbackForm
    template_name = "events/mobility_feedback.html"

    def dispatch(self, request, *args, **kwargs):
        self.match = feedback_token_match(kwargs["token"])
        if self.match is None:
            return self.render_to_response({"invalid": True}, status=400)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "match": self.match}

    def form_valid(self, form):
        services.mobility_feedback_submit(match=self.match, **form.cleaned_data)
        messages.success(self.request, _("Vielen Dank für Ihre Rückmeldung!"))
        return redirect(self.match.offer.week)

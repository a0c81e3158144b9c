"""Staff pages for the committees and their meeting dates (the Beratungsfolge of reports),
and the committee members' calendar feed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Min, ProtectedError, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.generic import FormView, ListView, TemplateView, View
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from dialog.core.calendars import calendar_ics
from dialog.core.mixins import PermissionFirstMixin, ServiceFormMixin, form_errors

from . import services
from .calendar import committee_meeting_entry
from .filters import CommitteeMeetingFilterSet
from .forms import CommitteeForm, CommitteeMeetingForm
from .models import Committee, CommitteeMeeting


class CommitteeStaffMixin(PermissionFirstMixin):
    permission_required = "committee.manage"


class CommitteeListView(CommitteeStaffMixin, ListView):
    template_name = "committee/committee_list.html"
    paginate_by = 25

    def get_queryset(self):
        now = timezone.now()
        return Committee.objects.annotate(
            meeting_count=Count("meetings"),
            next_meeting=Min("meetings__starts_at", filter=Q(meetings__starts_at__gte=now)),
        ).order_by("name")


class CommitteeFormView(ServiceFormMixin, CommitteeStaffMixin, FormView):
    model = Committee
    form_class = CommitteeForm
    template_name = "committee/committee_form.html"
    success_message = _l("Der Ausschuss wurde gespeichert.")

    def save(self, instance):
        return services.committee_save(committee=instance)

    def success_url_for(self, saved):
        return reverse("committee:detail", kwargs={"pk": saved.pk})


class CommitteeDetailView(CommitteeStaffMixin, FilterView):
    """A committee with its meeting dates, filtered and paginated."""

    filterset_class = CommitteeMeetingFilterSet
    template_name = "committee/committee_detail.html"
    paginate_by = 25

    def load(self, **kwargs):
        self.committee = get_object_or_404(Committee, pk=kwargs["pk"])

    def get_queryset(self):
        return self.committee.meetings.order_by("starts_at")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "committee": self.committee}


class CommitteeMeetingFormView(CommitteeStaffMixin, FormView):
    form_class = CommitteeMeetingForm
    template_name = "committee/meeting_form.html"
    object = None

    def load(self, **kwargs):
        if "meeting_pk" in kwargs:
            self.object = get_object_or_404(
                CommitteeMeeting.objects.select_related("committee"), pk=kwargs["meeting_pk"]
            )
            self.committee = self.object.committee
        else:
            self.committee = get_object_or_404(Committee, pk=kwargs["pk"])

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.object,
            "committee": self.committee,
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "committee": self.committee,
        }

    def form_valid(self, form):
        try:
            services.committee_meeting_save(meeting=form.instance)
        except ValidationError as exc:
            form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Der Sitzungstermin wurde gespeichert."))
        return redirect("committee:detail", pk=self.committee.pk)


class CommitteeMeetingDeleteView(CommitteeStaffMixin, TemplateView):
    template_name = "committee/meeting_delete.html"

    def load(self, **kwargs):
        self.object = get_object_or_404(
            CommitteeMeeting.objects.select_related("committee"), pk=kwargs["meeting_pk"]
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object}

    def post(self, request, *args, **kwargs):
        committee_pk = self.object.committee_id
        try:
            services.committee_meeting_delete(meeting=self.object)
        except ProtectedError:
            messages.error(
                request,
                _(
                    "Dieser Termin ist in der Beratungsfolge eines Berichts eingetragen und kann "
                    "nicht gelöscht werden."
                ),
            )
        else:
            messages.success(request, _("Der Sitzungstermin wurde gelöscht."))
        return redirect("committee:detail", pk=committee_pk)


class CommitteeCalendarView(PermissionRequiredMixin, View):
    """The committees' meeting dates as an iCalendar feed (staff and committee members)."""

    permission_required = "committee.view_calendar"

    def get(self, request):
        meetings = CommitteeMeeting.objects.select_related("committee").order_by("starts_at")
        ics = calendar_ics(
            [committee_meeting_entry(m) for m in meetings], name=_("Ausschusssitzungen")
        )
        response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ausschusssitzungen.ics"'
        return response

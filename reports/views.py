"""Pages of the report archive and of drafting, generating, releasing and scheduling reports."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from dialog.core.exports import DATE, Column, ExportMixin
from dialog.core.mixins import PermissionFirstMixin

from . import services
from .filters import ReportFilterSet
from .forms import ReleaseConfirmForm, ReportForm, ReportScheduleForm
from .models import Report, ReportSchedule

logger = logging.getLogger(__name__)


def _reports():
    return Report.objects.select_related("meeting__committee", "author", "released_by", "corrects")


class ReportListView(PermissionRequiredMixin, ExportMixin, FilterView):
    """The archive: every report the visitor may see, newest first."""

    permission_required = "reports.view_report_list"
    filterset_class = ReportFilterSet
    template_name = "reports/report_list.html"
    paginate_by = 20
    export_name = "berichte"

    def get_export_columns(self):
        return [
            Column(_("Vorlage-Nr."), "number"),
            Column(_("Betreff"), "title"),
            Column(_("Berichtszeitraum von"), "period_start", DATE),
            Column(_("Berichtszeitraum bis"), "period_end", DATE),
            Column(_("Sitzung"), "meeting"),
            Column(_("Status"), "get_status_display"),
            Column(_("Sichtbarkeit"), "get_visibility_display"),
        ]

    def get_queryset(self):
        return _reports().visible_to(self.request.user).order_by("-period_end", "-serial")


class ReportObjectMixin(PermissionFirstMixin):
    """A page about one report the user may see (``Report.objects.visible_to``)."""

    permission_required = ()  # everyone: the lookup decides which reports
    model = Report
    context_object_name = "report"

    def lookup_queryset(self):
        return _reports().visible_to(self.request.user)


class CurrentGenerationMixin:
    """A report "wird erzeugt" for too long is failed when its page is looked at (as well as
    by beat), so staff see the message and "Erneut versuchen" rather than waiting for ever."""

    def load(self, **kwargs):
        response = super().load(**kwargs)
        report = self.object
        if (
            report is not None
            and report.status == Report.Status.GENERATING
            and services.report_fail_stale_generations(report_id=report.pk)
        ):
            report.refresh_from_db(fields=["status", "error_message", "updated_at"])
        return response

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if self.object is not None and self.object.status == Report.Status.GENERATING:
            # It changes without a write (when it times out): never kept in a cache.
            patch_cache_control(response, no_store=True)
        return response


class ReportDetailView(CurrentGenerationMixin, ReportObjectMixin, DetailView):
    template_name = "reports/report_detail.html"


class ReportPdfView(ReportObjectMixin, View):
    """The report's PDF; ``?download=1`` offers it as a download."""

    def get(self, request, pk):
        report = self.object
        if not report.pdf or report.status not in (Report.Status.READY, Report.Status.RELEASED):
            raise Http404(_("Für diesen Bericht gibt es noch kein PDF."))
        try:
            handle = report.pdf.open("rb")
        except FileNotFoundError as exc:
            raise Http404(_("Die PDF-Datei fehlt.")) from exc
        return FileResponse(
            handle,
            content_type="application/pdf",
            as_attachment=bool(request.GET.get("download")),
            filename=report.pdf_filename,
        )


class ReportStatusView(CurrentGenerationMixin, ReportObjectMixin, View):
    """The report's state as JSON, polled by the report page while it is generated."""

    def get(self, request, pk):
        report = self.object
        return JsonResponse(
            {
                "status": report.status,
                "label": str(report.get_status_display()),
                "error": report.error_message,
                "done": report.status != Report.Status.GENERATING,
                "page_count": report.pdf_page_count,
            }
        )


class ReportCreateView(PermissionRequiredMixin, FormView):
    permission_required = "reports.manage_reports"
    form_class = ReportForm
    template_name = "reports/report_form.html"

    def form_valid(self, form):
        try:
            report = services.report_create(author=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Der Entwurf %(number)s wurde angelegt.") % {"number": report.number},
        )
        return redirect(report)


class ReportUpdateView(CurrentGenerationMixin, ReportObjectMixin, FormView):
    permission_required = "reports.manage_reports"
    object_permission_required = "reports.edit_report"
    form_class = ReportForm
    template_name = "reports/report_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def form_valid(self, form):
        try:
            report = services.report_update(report=self.object, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Änderungen wurden gespeichert."))
        return redirect(report)


class ReportGenerateView(ReportObjectMixin, View):
    """Queue the PDF generation, from every state but released. "Erneut versuchen" keeps the
    data stand of the failed run; a generation that is stale starts again."""

    permission_required = "reports.manage_reports"
    object_permission_required = "reports.edit_report"
    http_method_names = ["post"]

    def post(self, request, pk):
        report = self.object
        retry = bool(request.POST.get("retry")) and report.snapshot is not None
        try:
            requested = services.report_request_generation(
                report=report, refresh_snapshot=not retry
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(report)
        if requested.generation_started_at == report.generation_started_at:  # left alone
            messages.info(
                request, _("Das PDF wird bereits erzeugt. Bitte warten Sie einen Moment.")
            )
            return redirect(report)
        report.refresh_from_db(fields=["status", "error_message"])
        if report.status == Report.Status.FAILED:  # the broker refused the job
            messages.error(request, report.error_message)
        else:
            messages.info(request, _("Das PDF wird erzeugt. Das dauert einige Sekunden."))
        return redirect(report)


class ReportReleaseView(ReportObjectMixin, FormView):
    """Releasing is final, so it is confirmed on its own page with a checkbox; the page tells
    who will see the report and that it never changes afterwards."""

    permission_required = "reports.release_report"
    form_class = ReleaseConfirmForm
    template_name = "reports/report_release.html"

    def get(self, request, *args, **kwargs):
        if self.object.status != Report.Status.READY:
            return self._not_ready()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.object.status != Report.Status.READY:
            return self._not_ready()
        return super().post(request, *args, **kwargs)

    def _not_ready(self):
        if self.object.status == Report.Status.RELEASED:
            messages.info(self.request, _("Dieser Bericht ist bereits freigegeben."))
        else:
            messages.error(
                self.request, _("Nur ein fertig erzeugter Bericht kann freigegeben werden.")
            )
        return redirect(self.object)

    def form_valid(self, form):
        report = self.object
        try:
            services.report_release(report=report, released_by=self.request.user)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
        else:
            messages.success(
                self.request,
                _("Der Bericht %(number)s ist freigegeben.") % {"number": report.number},
            )
        return redirect(report)


class ReportDeleteView(ReportObjectMixin, TemplateView):
    """Delete a report that is not released, after a confirmation page."""

    permission_required = "reports.manage_reports"
    object_permission_required = "reports.edit_report"
    template_name = "reports/report_delete.html"

    def post(self, request, pk):
        report = self.object
        try:
            services.report_delete(report=report, deleted_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(report)
        messages.success(
            request, _("Der Bericht %(number)s wurde gelöscht.") % {"number": report.number}
        )
        return redirect("reports:list")


# --- Schedules ------------------------------------------------------------------------------
class ScheduleListView(PermissionRequiredMixin, ListView):
    permission_required = "reports.manage_schedules"
    template_name = "reports/schedule_list.html"
    paginate_by = 25

    def get_queryset(self):
        return ReportSchedule.objects.select_related(
            "committee", "periodic_task__crontab"
        ).order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for schedule in context["object_list"]:
            schedule.next_run = services.schedule_next_run(schedule)
        return context


class ScheduleFormView(PermissionFirstMixin, FormView):
    permission_required = "reports.manage_schedules"
    model = ReportSchedule
    form_class = ReportScheduleForm
    template_name = "reports/schedule_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object or ReportSchedule(created_by=self.request.user)
        return kwargs

    def form_valid(self, form):
        try:
            services.report_schedule_save(schedule=form.instance)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Der Zeitplan wurde gespeichert."))
        return redirect("reports:schedules")


class ScheduleDeleteView(PermissionFirstMixin, View):
    permission_required = "reports.manage_schedules"
    model = ReportSchedule
    http_method_names = ["post"]

    def post(self, request, pk):
        services.report_schedule_delete(schedule=self.object)
        messages.success(request, _("Der Zeitplan wurde gelöscht."))
        return redirect(reverse("reports:schedules"))


class ScheduleRunView(PermissionFirstMixin, View):
    """ "Jetzt ausführen": run a schedule at once, as beat would, and say what it did."""

    permission_required = "reports.manage_schedules"
    model = ReportSchedule
    http_method_names = ["post"]

    def post(self, request, pk):
        schedule = self.object
        try:
            run = services.report_schedule_run(schedule=schedule)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except Exception:
            logger.exception("Schedule %s failed when run by %s", schedule.pk, request.user)
            messages.error(
                request,
                _(
                    "Der Zeitplan „%(name)s“ konnte nicht ausgeführt werden. Die Einzelheiten "
                    "stehen im Protokoll des Servers; bitte wenden Sie sich an den technischen "
                    "Betrieb."
                )
                % {"name": schedule.name},
            )
        else:
            summary = run.summary()
            if run.created:
                messages.success(
                    request,
                    _("Zeitplan „%(name)s“ ausgeführt: %(summary)s Das PDF wird erzeugt.")
                    % {"name": schedule.name, "summary": summary},
                )
            else:
                messages.info(
                    request,
                    _("Zeitplan „%(name)s“ ausgeführt, kein neuer Entwurf: %(summary)s")
                    % {"name": schedule.name, "summary": summary},
                )
        return redirect("reports:schedules")

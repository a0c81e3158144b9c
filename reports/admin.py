"""The reports in /admin/. Released reports are shown read-only: they are never changed or
deleted, not even by a superuser; the portal withdraws or corrects them (reports.withdrawal)."""

from django.contrib import admin

from .models import Report, ReportNumberCounter, ReportSchedule


def _is_released(report) -> bool:
    return report is not None and report.status == Report.Status.RELEASED


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "status", "visibility", "period_end", "released_at"]
    list_filter = ["status", "visibility"]
    list_select_related = ["meeting__committee"]
    search_fields = ["number", "title"]
    readonly_fields = [
        "number",
        "serial",
        "electoral_period",
        "snapshot",
        "snapshot_taken_at",
        "pdf",
        "pdf_sha256",
        "pdf_sha512",
        "pdf_size",
        "pdf_page_count",
        "generated_at",
        "released_at",
        "released_by",
        "status",
        "corrects",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_reason",
    ]

    def has_change_permission(self, request, obj=None):
        return not _is_released(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_released(obj) and super().has_delete_permission(request, obj)


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "committee", "active"]
    list_select_related = ["committee"]


@admin.register(ReportNumberCounter)
class ReportNumberCounterAdmin(admin.ModelAdmin):
    list_display = ["electoral_period", "last_serial"]

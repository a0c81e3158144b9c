from django.contrib import admin

from .models import Report, ReportNumberCounter, ReportSchedule


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
    ]


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "committee", "active"]
    list_select_related = ["committee"]


@admin.register(ReportNumberCounter)
class ReportNumberCounterAdmin(admin.ModelAdmin):
    list_display = ["electoral_period", "last_serial"]

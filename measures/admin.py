from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    FieldOfAction,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureCost,
    MeasurePartner,
    Partner,
    Phase,
    ProgressUpdate,
    StaffCapacity,
)


@admin.register(FieldOfAction)
class FieldOfActionAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["users"]
    raw_id_fields = ["company"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class MeasurePartnerInline(admin.TabularInline):
    model = MeasurePartner
    extra = 0


class MeasureCostInline(admin.TabularInline):
    model = MeasureCost
    extra = 0


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "field_of_action", "status", "priority", "responsible"]
    list_filter = ["status", "priority", "field_of_action"]
    search_fields = ["code", "title", "summary"]
    raw_id_fields = ["needs"]
    # Who proposed an idea is recorded by the portal; nobody rewrites it in the admin.
    readonly_fields = ["proposed_by"]
    inlines = [PhaseInline, MeasurePartnerInline, MeasureCostInline]


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["measure", "order", "title", "start", "end", "person_days", "fixed"]
    list_select_related = ["measure"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["measure", "date", "author", "partner"]
    list_select_related = ["measure", "author", "partner"]
    readonly_fields = ["author"]  # a report is signed by whoever wrote it


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["measure", "name", "unit", "target"]
    list_select_related = ["measure"]
    inlines = [IndicatorValueInline]


@admin.register(StaffCapacity)
class StaffCapacityAdmin(admin.ModelAdmin):
    list_display = ["quarter", "person_days", "note"]

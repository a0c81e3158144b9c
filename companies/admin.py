from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Company,
    ContactLogEntry,
    ContactPerson,
    EmployeeCount,
    Need,
    Network,
    NetworkMembership,
    PrivacyLogEntry,
    RiskScoreSnapshot,
    RiskSignal,
    Sector,
)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level"]
    list_filter = ["level"]
    search_fields = ["code", "title"]


class EmployeeCountInline(admin.TabularInline):
    model = EmployeeCount
    extra = 0


@admin.register(Company)
class CompanyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "register_number", "sector", "district", "status"]
    list_filter = ["status", "district"]
    search_fields = ["name", "register_number"]
    list_select_related = ["sector"]
    autocomplete_fields = ["sector"]
    inlines = [EmployeeCountInline]


@admin.register(Need)
class NeedAdmin(SimpleHistoryAdmin):
    list_display = ["company", "topic", "status", "stated_on"]
    list_filter = ["topic", "status", "source"]
    list_select_related = ["company"]


@admin.register(RiskSignal)
class RiskSignalAdmin(SimpleHistoryAdmin):
    list_display = ["company", "kind", "severity", "observed_on", "resolved_on"]
    list_filter = ["kind", "severity"]
    list_select_related = ["company"]


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "consent_date", "erased_at"]
    list_select_related = ["company"]


@admin.register(ContactLogEntry)
class ContactLogEntryAdmin(admin.ModelAdmin):
    list_display = ["company", "kind", "date", "follow_up_due", "follow_up_done_on"]
    list_select_related = ["company"]
    readonly_fields = ["staff_member"]  # who made the contact is recorded, not chosen


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(admin.ModelAdmin):
    list_display = ["company", "network", "joined_on", "left_on"]
    list_select_related = ["company", "network"]


@admin.register(PrivacyLogEntry)
class PrivacyLogEntryAdmin(admin.ModelAdmin):
    list_display = ["performed_at", "action", "company", "performed_by"]
    list_select_related = ["company", "performed_by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RiskScoreSnapshot)
class RiskScoreSnapshotAdmin(admin.ModelAdmin):
    list_display = ["taken_on", "company", "score"]
    list_select_related = ["company"]

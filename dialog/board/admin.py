from django.contrib import admin

from .models import (
    AgendaItem,
    BoardDocument,
    BoardMeeting,
    BoardMembership,
    MeasureComment,
    PriorityRound,
    Resolution,
)

# Priority votes are deliberately not registered: nobody sees another person's vote.


@admin.register(BoardMembership)
class BoardMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "role", "started_on", "ended_on"]
    list_select_related = ["user", "company"]
    list_filter = ["role"]
    search_fields = ["user__full_name", "user__email", "company__name"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["company"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["measure"]


@admin.register(BoardMeeting)
class BoardMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "location", "minutes_released_at"]
    search_fields = ["title", "location"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]


@admin.register(BoardDocument)
class BoardDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "meeting", "agenda_item", "size", "uploaded_at"]
    list_select_related = ["meeting", "agenda_item"]
    readonly_fields = ["file", "original_name", "content_type", "size", "uploaded_by"]
    search_fields = ["original_name"]


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "measure", "effect", "applied_at"]
    list_select_related = ["meeting", "measure"]
    list_filter = ["effect"]
    raw_id_fields = ["meeting", "agenda_item", "measure"]
    readonly_fields = ["applied_at", "applied_by"]


@admin.register(PriorityRound)
class PriorityRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "opened_at", "closed_at", "is_open"]


@admin.register(MeasureComment)
class MeasureCommentAdmin(admin.ModelAdmin):
    """A comment is its author's own words: written by them in the portal and hidden there by
    staff with a reason. The admin shows comments and may delete one; it never writes one, so
    nobody puts words in a member's mouth here."""

    list_display = ["__str__", "measure", "author", "created_at", "hidden_at"]
    list_select_related = ["measure", "author"]
    raw_id_fields = ["measure", "author", "hidden_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    AgendaItem,
    BoardDocument,
    BoardMeeting,
    BoardMembership,
    Committee,
    CommitteeMeeting,
    Invitation,
    MeasureComment,
    PriorityRound,
    Resolution,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["email", "full_name", "organisation"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "organisation"]}),
        (_("Rechte"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Daten"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "sent_by", "sent_at", "accepted_at"]
    list_select_related = ["user", "sent_by"]
    list_filter = ["role"]


# --- Unternehmerbeirat and committee ------------------------------------------------------------
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
    list_display = ["__str__", "measure", "author", "created_at", "hidden_at"]
    list_select_related = ["measure", "author"]
    raw_id_fields = ["measure", "author", "hidden_by"]


class CommitteeMeetingInline(admin.TabularInline):
    model = CommitteeMeeting
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    inlines = [CommitteeMeetingInline]

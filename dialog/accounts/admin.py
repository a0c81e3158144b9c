"""Accounts in the Django admin.

Who may do what is decided by the staff flag, the superuser flag and the role (a group); only
superusers see and set them here. Staff look at accounts in /admin/ and give roles in the
portal's user administration (/benutzer/), where every change is audited
(``backends.StaffAdminBackend`` gives them no right to change an account here at all; the
form below holds no privilege field for them either, so a crafted POST cannot set one).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Invitation, User

# The fields that grant rights: only a superuser sees them or sets them.
PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


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

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": _without_privileges(options["fields"])})
            for name, options in fieldsets
        ]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or ())
        if not request.user.is_superuser:
            exclude += PRIVILEGE_FIELDS
        return exclude

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        return columns if request.user.is_superuser else _without_privileges(columns)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        return filters if request.user.is_superuser else _without_privileges(filters)

    def has_change_permission(self, request, obj=None):
        # A superuser's account (its password, its e-mail address) is a superuser's business.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


def _without_privileges(fields):
    return [field for field in fields if field not in PRIVILEGE_FIELDS]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "sent_by", "sent_at", "accepted_at"]
    list_select_related = ["user", "sent_by"]
    list_filter = ["role"]

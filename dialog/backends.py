"""Django admin rights for staff: a ``verwaltung`` account with the staff flag may use every
model in /admin/ (the four default model permissions), without managing per-model grants."""

DEFAULT_MODEL_ACTIONS = ("view_", "add_", "change_", "delete_")


class StaffAdminBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None):
        from .roles import Role

        if not (
            user.is_active and user.is_staff and getattr(user, "role", None) == Role.VERWALTUNG
        ):
            return False
        codename = perm.partition(".")[2]
        return codename.startswith(DEFAULT_MODEL_ACTIONS)

    def has_module_perms(self, user, app_label):
        from .roles import Role

        return bool(
            user.is_active and user.is_staff and getattr(user, "role", None) == Role.VERWALTUNG
        )

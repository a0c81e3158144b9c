"""Django admin rights for staff: a ``verwaltung`` account with the staff flag may use the
portal's models in /admin/ (the four default model permissions), without managing per-model
grants. Besides it, the roles' rules (``rules.py``) are the only source of rights.

Least privilege in the admin: whatever decides who someone is or what they may do — accounts,
groups, permissions, e-mail addresses, second factors — and the scheduler that runs tasks
under the portal's name is only looked at by staff, never changed; superusers (who pass every
check before this backend is asked) change them. Staff give people roles in the portal's user
administration (/benutzer/), where every change is audited."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

DEFAULT_MODEL_ACTIONS = ("view_", "add_", "change_", "delete_")

# "app_label.model_name" of the models staff may only view in /admin/.
VIEW_ONLY_MODELS = frozenset(
    {
        "dialog.user",
        "auth.group",
        "auth.permission",
        "account.emailaddress",
        "django_celery_beat.periodictask",
        "django_celery_beat.clockedschedule",
        "django_celery_beat.crontabschedule",
        "django_celery_beat.intervalschedule",
        "django_celery_beat.solarschedule",
    }
)
# Models staff may not even view: a TOTP authenticator holds the secret of a second factor.
SUPERUSER_ONLY_MODELS = frozenset({"mfa.authenticator"})


def _is_admin_staff(user):
    from .roles import Role

    return bool(user.is_active and user.is_staff and getattr(user, "role", None) == Role.VERWALTUNG)


class StaffAdminBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None):
        if not _is_admin_staff(user):
            return False
        app_label, _dot, codename = perm.partition(".")
        if not codename.startswith(DEFAULT_MODEL_ACTIONS):
            return False
        action, _underscore, model_name = codename.partition("_")
        model = f"{app_label}.{model_name}"
        if model in SUPERUSER_ONLY_MODELS:
            return False
        return action == "view" or model not in VIEW_ONLY_MODELS

    def has_module_perms(self, user, app_label):
        return _is_admin_staff(user)


class NoModelPermissionsMixin:
    """Password login without Django's per-user and per-group model permissions.

    A role's rights are the rules in each app's ``rules.py`` (docs/design.md); nothing granted to a
    group or user in /admin/ adds to them. It also spares the two queries that Django's
    backends make to look such permissions up whenever a rule says no."""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()


class PasswordBackend(NoModelPermissionsMixin, ModelBackend):
    """Django's password login (the admin's login form)."""


class AllauthPasswordBackend(NoModelPermissionsMixin, AuthenticationBackend):
    """allauth's login by e-mail address: the account's own address, nothing else.

    allauth would also accept any address recorded for an account, proven or not: someone who
    entered another person's address on their own account (it waits there for its proof) could
    then log in with that address and their own password. The address an account logs in with
    is ``User.email``, which changes only once the new address is proven."""

    def _authenticate_by_email(self, email, password):
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        return self._check_password(user, password)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Accounts and roles: the user model, invitations, allauth's adapter and backends.

    The app keeps the label ``dialog`` it had when the whole dialog was one app: the user model
    stays ``dialog.User`` (``AUTH_USER_MODEL``) and its migrations keep their history. Django
    cannot move a user model to another app label in a running installation.
    """

    name = "dialog.accounts"
    label = "dialog"
    verbose_name = _("Konten und Rollen")

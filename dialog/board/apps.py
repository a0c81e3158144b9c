from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    """The Unternehmerbeirat: memberships, meetings, resolutions, votes, comments, documents."""

    name = "dialog.board"
    label = "board"
    verbose_name = _("Unternehmerbeirat")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    """The council committee (Ausschuss) and its meeting dates."""

    name = "dialog.committee"
    label = "committee"
    verbose_name = _("Ausschuss")

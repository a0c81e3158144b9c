"""The four roles of the portal (docs/design.md §2). A role is a Django group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VERWALTUNG = "verwaltung", _("Verwaltung (Wirtschaftsförderung)")
    BEIRAT = "beirat", _("Unternehmerbeirat")
    PARTNER = "partner", _("Kooperationspartner")
    AUSSCHUSS = "ausschuss", _("Ausschussmitglied")

"""The legal pages (accessibility statement, privacy statement, imprint), editable by staff."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalPage(models.Model):
    """Staff's own text of a legal page; without one the portal shows its built-in text."""

    class Kind(models.TextChoices):
        ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
        PRIVACY = "datenschutz", _("Datenschutzerklärung")
        IMPRINT = "impressum", _("Impressum")

    kind = models.CharField(_("Seite"), max_length=20, choices=Kind.choices, unique=True)
    body = models.TextField(
        _("Text"),
        help_text=_(
            "Absätze durch Leerzeilen trennen; Zeilen, die mit „## “ beginnen, werden "
            "Zwischenüberschriften. Adressen und E-Mail-Adressen werden verlinkt."
        ),
    )
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geändert von"),
    )

    class Meta:
        verbose_name = _("Rechtliche Seite")
        verbose_name_plural = _("Rechtliche Seiten")

    def __str__(self):
        return self.get_kind_display()

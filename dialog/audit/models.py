"""The audit log: who did which sensitive thing (role changes, exports, erasures, releases)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One sensitive action, kept for staff to read; never edited, never deleted by the UI."""

    class Action(models.TextChoices):
        USER_INVITED = "user_invited", _("Person eingeladen")
        ROLE_CHANGED = "role_changed", _("Rolle geändert")
        USER_DEACTIVATED = "user_deactivated", _("Konto deaktiviert")
        USER_ACTIVATED = "user_activated", _("Konto aktiviert")
        EXPORT = "export", _("Daten exportiert")
        IMPORT = "import", _("Daten importiert")
        PERSONAL_DATA_EXPORT = "personal_data_export", _("Auskunft über personenbezogene Daten")
        ERASURE = "erasure", _("Personenbezogene Daten gelöscht")
        REPORT_RELEASED = "report_released", _("Bericht freigegeben")
        REPORT_WITHDRAWN = "report_withdrawn", _("Bericht zurückgezogen")
        REPORT_CORRECTED = "report_corrected", _("Bericht zur Berichtigung zurückgezogen")
        DOCUMENT_DOWNLOADED = "document_downloaded", _("Dokument heruntergeladen")
        OTHER = "other", _("Sonstiges")

    at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ausgeführt von"),
    )
    actor_label = models.CharField(
        _("ausgeführt von (Name)"),
        max_length=255,
        blank=True,
        help_text=_("Bleibt erhalten, auch wenn das Konto später gelöscht wird."),
    )
    action = models.CharField(_("Aktion"), max_length=30, choices=Action.choices)
    object_type = models.CharField(_("Objektart"), max_length=100, blank=True)
    object_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    object_label = models.CharField(_("Objekt"), max_length=255, blank=True)
    detail = models.JSONField(_("Einzelheiten"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["action", "-at"], name="audit_action_at_idx")]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_action_display()} {self.object_label}"

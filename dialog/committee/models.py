"""The council committee (Ausschuss) and its meeting dates: the Beratungsfolge of reports."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Committee(models.Model):
    """A council committee that receives the reports, first of all the Ausschuss für Arbeit,
    Wirtschaft und Wissenschaft (AAWW)."""

    name = models.CharField(_("Name"), max_length=255, unique=True)
    short_name = models.CharField(_("Kurzname"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        db_table = "dialog_committee"  # kept when the model left the dialog app
        verbose_name = _("Ausschuss")
        verbose_name_plural = _("Ausschüsse")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommitteeMeeting(models.Model):
    """A meeting date of a committee: where reports go in their Beratungsfolge."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("Ausschuss")
    )
    starts_at = models.DateTimeField(_("Beginn"))
    location = models.CharField(_("Ort"), max_length=255, blank=True)
    public = models.BooleanField(_("öffentliche Sitzung"), default=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        db_table = "dialog_committeemeeting"  # kept when the model left the dialog app
        verbose_name = _("Ausschusssitzung")
        verbose_name_plural = _("Ausschusssitzungen")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "starts_at"],
                name="committee_meeting_unique_start",
                violation_error_message=_(
                    "Für diesen Zeitpunkt ist bereits eine Sitzung dieses Gremiums eingetragen."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.committee.short_name or self.committee} – {self.starts_at:%d.%m.%Y}"

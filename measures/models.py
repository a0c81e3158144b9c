"""The Handlungskonzept: fields of action, partners and the measures carried out with them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FieldOfAction(models.Model):
    """A field of action (Handlungsfeld) of the Handlungskonzept that groups measures."""

    number = models.PositiveSmallIntegerField(_("Nummer"), unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Partner(models.Model):
    """A cooperation partner: chamber, university, union, association, company, region …

    People who log in for a partner (role ``partner``) are its ``users``.
    """

    class Kind(models.TextChoices):
        CHAMBER = "chamber", _("Kammer")
        UNIVERSITY = "university", _("Hochschule")
        UNION = "union", _("Gewerkschaft")
        ASSOCIATION = "association", _("Verband")
        COMPANY = "company", _("Unternehmen")
        REGION = "region", _("Region")
        AGENCY = "agency", _("Agentur / Behörde")
        OTHER = "other", _("Sonstige")

    name = models.CharField(_("Organisation"), max_length=200, unique=True)
    short_name = models.CharField(_("Kurzname"), max_length=50, blank=True)
    kind = models.CharField(_("Art"), max_length=15, choices=Kind.choices)
    website = models.URLField(_("Website"), blank=True)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_profiles",
        verbose_name=_("Unternehmen im Register"),
        help_text=_("Nur wenn der Partner ein Unternehmen aus dem Register ist."),
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="partner_organisations",
        verbose_name=_("Ansprechpersonen mit Zugang"),
    )

    class Meta:
        verbose_name = _("Kooperationspartner")
        verbose_name_plural = _("Kooperationspartner")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Measure(models.Model):
    """A measure (Maßnahme) of the Handlungskonzept.

    Status moves idea → planned → active → completed; any open state may be deferred (with
    reason and date) or dropped; a deferred measure can be planned again (``TRANSITIONS``).
    """

    class Status(models.TextChoices):
        IDEA = "idea", _("Idee")
        PLANNED = "planned", _("geplant")
        ACTIVE = "active", _("laufend")
        COMPLETED = "completed", _("abgeschlossen")
        DEFERRED = "deferred", _("zurückgestellt")
        DROPPED = "dropped", _("verworfen")

    class Priority(models.IntegerChoices):
        HIGH = 1, _("hoch")
        MEDIUM = 2, _("mittel")
        LOW = 3, _("niedrig")

    OPEN_STATES = (Status.IDEA, Status.PLANNED, Status.ACTIVE)
    TRANSITIONS = {
        Status.IDEA: {Status.PLANNED, Status.DEFERRED, Status.DROPPED},
        Status.PLANNED: {Status.ACTIVE, Status.DEFERRED, Status.DROPPED},
        Status.ACTIVE: {Status.COMPLETED, Status.DEFERRED, Status.DROPPED},
        Status.DEFERRED: {Status.PLANNED},
        Status.COMPLETED: set(),
        Status.DROPPED: set(),
    }

    code = models.CharField(_("Kennung"), max_length=12, unique=True, help_text=_("z. B. M-07"))
    title = models.CharField(_("Titel"), max_length=255)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=500)
    description = models.TextField(_("Beschreibung"), blank=True)
    field_of_action = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("Handlungsfeld"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.IDEA
    )
    status_reason = models.TextField(
        _("Begründung des Status"),
        blank=True,
        help_text=_("Pflicht beim Zurückstellen und Verwerfen."),
    )
    deferred_on = models.DateField(_("zurückgestellt am"), null=True, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("Priorität"), choices=Priority.choices, default=Priority.MEDIUM
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_measures",
        verbose_name=_("verantwortlich"),
    )
    partners = models.ManyToManyField(
        Partner,
        through="MeasurePartner",
        related_name="measures",
        blank=True,
        verbose_name=_("Partner"),
    )
    needs = models.ManyToManyField(
        "companies.Need",
        related_name="measures",
        blank=True,
        verbose_name=_("beantwortete Bedarfe"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_measures",
        verbose_name=_("vorgeschlagen von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="deferred") | Q(deferred_on__isnull=False),
                name="measure_deferred_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("measures:detail", kwargs={"pk": self.pk})

    def can_change_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]


class MeasurePartner(models.Model):
    """A partner's part in a measure: lead, implementing, funding or supporting."""

    class Role(models.TextChoices):
        LEAD = "lead", _("federführend")
        IMPLEMENTING = "implementing", _("umsetzend")
        FUNDING = "funding", _("fördernd")
        SUPPORTING = "supporting", _("unterstützend")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="partner_roles", verbose_name=_("Maßnahme")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="measure_roles", verbose_name=_("Partner")
    )
    role = models.CharField(_("Rolle"), max_length=15, choices=Role.choices)

    class Meta:
        verbose_name = _("Beteiligung eines Partners")
        verbose_name_plural = _("Beteiligungen von Partnern")
        ordering = ["measure", "role", "partner"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "partner"], name="measure_partner_once"),
        ]

    def __str__(self):
        return f"{self.partner} ({self.get_role_display()}) – {self.measure.code}"

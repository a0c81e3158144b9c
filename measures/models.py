"""The Handlungskonzept: fields of action, partners and the measures carried out with them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
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


class PartnerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The partners a user may see: all of them for whoever may see the partner pages."""
        return self if user.has_perm("measures.view_partners") else self.none()


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

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kooperationspartner")
        verbose_name_plural = _("Kooperationspartner")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class MeasureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The measures a user may see (DESIGN.md §4): staff all, everyone else all but ideas
        (staff triage them first). Which of a measure's fields: ``measures.rules``."""
        from dialog.accounts.rules import is_verwaltung

        if is_verwaltung(user):
            return self
        return self.exclude(status=Measure.Status.IDEA)


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

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="deferred") | Q(deferred_on__isnull=False),
                name="measure_deferred_has_date",
                violation_error_message=_(
                    "Eine zurückgestellte Maßnahme braucht das Datum der Zurückstellung."
                ),
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
            models.UniqueConstraint(
                fields=["measure", "partner"],
                name="measure_partner_once",
                violation_error_message=_("Dieser Partner ist der Maßnahme bereits zugeordnet."),
            ),
        ]

    def __str__(self):
        return f"{self.partner} ({self.get_role_display()}) – {self.measure.code}"


class Phase(models.Model):
    """A step of a measure on the staggered timeline, with the staff effort it needs.

    Quarter precision: ``start`` and ``end`` hold the first day of the first and of the last
    quarter of the phase (both inclusive), so a phase in Q2 2025 alone has
    ``start == end == 2025-04-01``. The effort in person-days spreads evenly over its quarters.
    """

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="phases", verbose_name=_("Maßnahme")
    )
    title = models.CharField(_("Titel"), max_length=200)
    order = models.PositiveSmallIntegerField(
        _("Reihenfolge"), default=1, help_text=_("Position der Phase innerhalb der Maßnahme.")
    )
    start = models.DateField(
        _("Beginn (Quartal)"), help_text=_("Erster Tag des ersten Quartals der Phase.")
    )
    end = models.DateField(
        _("Ende (Quartal)"), help_text=_("Erster Tag des letzten Quartals der Phase.")
    )
    person_days = models.PositiveIntegerField(
        _("Personentage"), default=0, help_text=_("Aufwand des Fachbereichs für die ganze Phase.")
    )
    fixed = models.BooleanField(
        _("fester Termin"),
        default=False,
        help_text=_("Feste Phasen verschiebt die Staffelung nie (z. B. gebundene Fördermittel)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Phase")
        verbose_name_plural = _("Phasen")
        ordering = ["measure", "order", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="phase_end_after_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.measure.code}: {self.title}"

    def clean(self):
        from .quarters import is_quarter_start

        errors = {}
        for name in ("start", "end"):
            value = getattr(self, name)
            if value and not is_quarter_start(value):
                errors[name] = _("Bitte geben Sie den ersten Tag eines Quartals an.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Das Ende darf nicht vor dem Beginn liegen.")
        if errors:
            raise ValidationError(errors)

    @property
    def quarters(self):
        from .quarters import quarter_index

        return quarter_index(self.end) - quarter_index(self.start) + 1


class MeasureCost(models.Model):
    """The money a measure costs in one year from one funding source: estimate and actual."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="costs", verbose_name=_("Maßnahme")
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    estimate = models.DecimalField(_("geplant (EUR)"), max_digits=12, decimal_places=2, default=0)
    actual = models.DecimalField(
        _("tatsächlich (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leer, solange das Jahr nicht abgerechnet ist."),
    )
    funding_source = models.CharField(
        _("Finanzierung"),
        max_length=200,
        blank=True,
        help_text=_("z. B. Haushalt FB 02, Landesförderung, Partnermittel"),
    )

    class Meta:
        verbose_name = _("Kosten eines Jahres")
        verbose_name_plural = _("Kosten")
        ordering = ["measure", "year", "funding_source"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "funding_source"],
                name="measure_cost_once_per_source",
                violation_error_message=_(
                    "Für dieses Jahr und diese Finanzierungsquelle sind bereits Kosten erfasst."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="measure_cost_year_plausible",
                violation_error_message=_("Das Jahr muss zwischen 2000 und 2100 liegen."),
            ),
            models.CheckConstraint(
                condition=Q(estimate__gte=0),
                name="measure_cost_estimate_positive",
                violation_error_message=_("Die geplanten Kosten dürfen nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=Q(actual__isnull=True) | Q(actual__gte=0),
                name="measure_cost_actual_positive",
                violation_error_message=_("Die tatsächlichen Kosten dürfen nicht negativ sein."),
            ),
        ]

    def __str__(self):
        return f"{self.measure.code} {self.year}: {self.estimate} EUR"


class ProgressUpdate(models.Model):
    """A dated report on a measure's progress by staff or a partner; reports quote these."""

    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="progress_updates",
        verbose_name=_("Maßnahme"),
    )
    date = models.DateField(_("Datum"), default=timezone.localdate)
    text = models.TextField(_("Bericht"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measure_progress_updates",
        verbose_name=_("verfasst von"),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
        verbose_name=_("für den Partner"),
        help_text=_("Leer bei Berichten der Wirtschaftsförderung."),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Fortschrittsbericht")
        verbose_name_plural = _("Fortschrittsberichte")
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.measure.code} {self.date:%d.%m.%Y}"


class Indicator(models.Model):
    """A key figure that shows whether a measure works (e.g. participating companies)."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("Maßnahme")
    )
    name = models.CharField(_("Kennzahl"), max_length=200)
    unit = models.CharField(_("Einheit"), max_length=50, blank=True, help_text=_("z. B. Betriebe"))
    target = models.DecimalField(_("Zielwert"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        ordering = ["measure", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "name"],
                name="indicator_name_per_measure",
                violation_error_message=_(
                    "Die Maßnahme hat bereits eine Kennzahl mit diesem Namen."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.measure.code}: {self.name}"


class IndicatorValue(models.Model):
    """The value an indicator had on a date."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("Kennzahl")
    )
    date = models.DateField(_("Stichtag"))
    value = models.DecimalField(_("Wert"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("Wert einer Kennzahl")
        verbose_name_plural = _("Werte von Kennzahlen")
        ordering = ["indicator", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="indicator_value_once_per_date",
                violation_error_message=_("Für diesen Stichtag ist bereits ein Wert erfasst."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.date:%d.%m.%Y})"


class StaffCapacity(models.Model):
    """The person-days the office's staff can give to measures in one quarter."""

    quarter = models.DateField(_("Quartal"), unique=True, help_text=_("Erster Tag des Quartals."))
    person_days = models.PositiveIntegerField(_("verfügbare Personentage"))
    note = models.CharField(_("Anmerkung"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Personalkapazität")
        verbose_name_plural = _("Personalkapazitäten")
        ordering = ["quarter"]

    def __str__(self):
        from .quarters import quarter_label

        return f"{quarter_label(self.quarter)}: {self.person_days}"

    def clean(self):
        from .quarters import is_quarter_start

        if self.quarter and not is_quarter_start(self.quarter):
            raise ValidationError(
                {"quarter": _("Bitte geben Sie den ersten Tag eines Quartals an.")}
            )

"""The company register of the Industrie-Dialog: companies, their needs and early warning.

Only staff (``verwaltung``) see needs, contact persons, the contact log and risk signals; board
members and partners see the directory fields of a company (name, sector, district, website,
networks).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Sector(models.Model):
    """A level of the WZ 2008 classification of economic activities, from the section (C) down
    to the subclass (25.62.0); the whole classification is shipped (``companies/wz2008.py``).

    Manufacturing is section C with the divisions 10–33.
    """

    class Level(models.TextChoices):
        SECTION = "section", _("Abschnitt")
        DIVISION = "division", _("Abteilung")
        GROUP = "group", _("Gruppe")
        CLASS = "class", _("Klasse")
        SUBCLASS = "subclass", _("Unterklasse")

    code = models.CharField(
        _("WZ-Schlüssel"),
        max_length=8,
        unique=True,
        help_text=_("z. B. C, 28, 28.1, 25.62 oder 25.62.0"),
    )
    title = models.CharField(_("Bezeichnung"), max_length=255)
    level = models.CharField(_("Ebene"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("übergeordnete Ebene"),
    )

    class Meta:
        verbose_name = _("Wirtschaftszweig (WZ 2008)")
        verbose_name_plural = _("Wirtschaftszweige (WZ 2008)")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"


class District(models.TextChoices):
    """The city districts (Stadtbezirke) of Aachen."""

    MITTE = "mitte", _("Aachen-Mitte")
    BRAND = "brand", _("Brand")
    EILENDORF = "eilendorf", _("Eilendorf")
    HAAREN = "haaren", _("Haaren")
    KORNELIMUENSTER = "kornelimuenster", _("Kornelimünster/Walheim")
    LAURENSBERG = "laurensberg", _("Laurensberg")
    RICHTERICH = "richterich", _("Richterich")


class SizeClass(models.TextChoices):
    """Size classes by the EU SME headcount limits (recommendation 2003/361/EC).

    Derived from a company's latest employee figure, never stored.
    """

    MICRO = "micro", _("Kleinstunternehmen (unter 10)")
    SMALL = "small", _("Kleinunternehmen (10–49)")
    MEDIUM = "medium", _("mittleres Unternehmen (50–249)")
    LARGE = "large", _("Großunternehmen (ab 250)")

    @classmethod
    def for_employees(cls, employees):
        """The size class of a headcount, ``None`` when the headcount is unknown."""
        if employees is None:
            return None
        if employees < 10:
            return cls.MICRO
        if employees < 50:
            return cls.SMALL
        if employees < 250:
            return cls.MEDIUM
        return cls.LARGE

    @classmethod
    def bounds(cls, size_class):
        """The headcount range ``(lowest, highest or None)`` of a size class."""
        return {
            cls.MICRO: (0, 9),
            cls.SMALL: (10, 49),
            cls.MEDIUM: (50, 249),
            cls.LARGE: (250, None),
        }[cls(size_class)]


class CompanyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The companies a user may see: every one for staff and, with the directory fields
        only (``selectors.company_directory``), for board members and partners."""
        return self if user.has_perm("companies.view_directory") else self.none()


class Company(models.Model):
    """A company in Aachen that the economic development office keeps in touch with."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("aktiv")
        RELOCATED = "relocated", _("verlagert")
        CLOSED = "closed", _("geschlossen")

    name = models.CharField(_("Name"), max_length=255)
    legal_form = models.CharField(_("Rechtsform"), max_length=50, blank=True)
    register_number = models.CharField(
        _("Handelsregisternummer"),
        max_length=50,
        blank=True,
        help_text=_("Stabiler Schlüssel für den Import, z. B. „HRB 12345“."),
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("Wirtschaftszweig (WZ 2008)"),
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=255, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, default="Aachen")
    district = models.CharField(
        _("Stadtbezirk"), max_length=20, choices=District.choices, blank=True
    )
    website = models.URLField(_("Website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("Gründungsjahr"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(2100)],
    )
    production_intensive = models.BooleanField(
        _("produktionsintensiv"),
        default=True,
        help_text=_("Produktionsintensive Unternehmen sind die Zielgruppe des Dialogs."),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Unternehmen")
        verbose_name_plural = _("Unternehmen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["register_number"],
                condition=~Q(register_number=""),
                name="company_register_number_unique",
                violation_error_message=_(
                    "Ein Unternehmen mit dieser Handelsregisternummer ist bereits erfasst."
                ),
            ),
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True)
                | Q(founded_year__gte=1000, founded_year__lte=2100),
                name="company_founded_year_plausible",
                violation_error_message=_("Das Gründungsjahr muss zwischen 1000 und 2100 liegen."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("companies:detail", kwargs={"pk": self.pk})


class EmployeeCount(models.Model):
    """A company's number of employees in one year; the size class is derived from it."""

    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="employee_counts",
        verbose_name=_("Unternehmen"),
    )
    year = models.PositiveSmallIntegerField(
        _("Jahr"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    employees = models.PositiveIntegerField(_("Beschäftigte"))

    class Meta:
        verbose_name = _("Beschäftigtenzahl")
        verbose_name_plural = _("Beschäftigtenzahlen")
        ordering = ["company", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "year"],
                name="employee_count_one_per_year",
                violation_error_message=_("Für dieses Jahr ist bereits eine Zahl erfasst."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2100),
                name="employee_count_year_plausible",
                violation_error_message=_("Das Jahr muss zwischen 1900 und 2100 liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.company}: {self.employees} ({self.year})"


class ContactPerson(models.Model):
    """A person at a company whom staff may contact; stored only with recorded consent.

    Personal data: it can be exported and erased (anonymised) on request.
    """

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("Unternehmen")
    )
    name = models.CharField(_("Name"), max_length=150)
    function = models.CharField(_("Funktion"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    consent_date = models.DateField(_("Einwilligung erteilt am"))
    consent_purpose = models.CharField(
        _("Zweck der Einwilligung"),
        max_length=255,
        help_text=_("Wofür die Person der Speicherung zugestimmt hat."),
    )
    erased_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["company", "name"]

    def __str__(self):
        return self.name


class Need(models.Model):
    """A need a company stated; measures of the Handlungskonzept answer needs."""

    class Topic(models.TextChoices):
        SKILLED_WORKERS = "skilled_workers", _("Fachkräfte")
        SITES = "sites", _("Standort und Flächen")
        COOPERATION = "cooperation", _("Kooperation")
        DIGITALISATION = "digitalisation", _("Digitalisierung")
        ENERGY = "energy", _("Energie")
        SUCCESSION = "succession", _("Unternehmensnachfolge")
        INNOVATION = "innovation", _("Innovation und Transfer")
        FINANCING = "financing", _("Finanzierung")
        PERMITS = "permits", _("Genehmigungen")
        OTHER = "other", _("Sonstiges")

    class Source(models.TextChoices):
        VISIT = "visit", _("Unternehmensbesuch")
        SURVEY = "survey", _("Befragung")
        EVENT = "event", _("Veranstaltung")
        BOARD = "board", _("Unternehmerbeirat")

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        IN_PROGRESS = "in_progress", _("in Bearbeitung")
        ANSWERED = "answered", _("beantwortet")
        CLOSED = "closed", _("ohne Lösung geschlossen")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="needs", verbose_name=_("Unternehmen")
    )
    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices)
    description = models.TextField(_("Beschreibung"))
    source = models.CharField(_("Quelle"), max_length=10, choices=Source.choices)
    stated_on = models.DateField(_("geäußert am"), default=timezone.localdate)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
        ordering = ["-stated_on"]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.company}"


class ContactLogEntry(models.Model):
    """A visit, call or talk of a staff member with a company, with agreed follow-ups."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Besuch")
        CALL = "call", _("Telefonat")
        TALK = "talk", _("Gespräch")
        EMAIL = "email", _("E-Mail")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contact_log", verbose_name=_("Unternehmen")
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("Datum"), default=timezone.localdate)
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Mitarbeiterin/Mitarbeiter"),
    )
    contact_person = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="log_entries",
        verbose_name=_("Ansprechperson"),
    )
    summary = models.TextField(_("Zusammenfassung"))
    follow_up = models.TextField(_("Vereinbarte nächste Schritte"), blank=True)
    follow_up_due = models.DateField(_("nächste Schritte fällig am"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("nächste Schritte erledigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontaktverlauf")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.company} ({self.date})"


class RiskSignal(models.Model):
    """An early-warning signal that a company may drift into trouble (Frühwarnsignal)."""

    class Kind(models.TextChoices):
        JOB_CUTS = "job_cuts", _("Stellenabbau")
        SHORT_TIME = "short_time", _("Kurzarbeit")
        ORDER_SLUMP = "order_slump", _("Auftragseinbruch")
        SUCCESSION = "succession", _("ungeklärte Nachfolge")
        RELOCATION = "relocation", _("Verlagerungspläne")
        INSOLVENCY = "insolvency", _("Insolvenzgefahr")
        ENERGY_COSTS = "energy_costs", _("Energiekosten")
        OWNER_CHANGE = "owner_change", _("Eigentümerwechsel")
        OTHER = "other", _("Sonstiges")

    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="risk_signals",
        verbose_name=_("Unternehmen"),
    )
    kind = models.CharField(_("Art"), max_length=15, choices=Kind.choices)
    severity = models.PositiveSmallIntegerField(
        _("Schwere"),
        choices=[
            (1, _("1 – gering")),
            (2, _("2 – spürbar")),
            (3, _("3 – ernst")),
            (4, _("4 – schwer")),
            (5, _("5 – existenzbedrohend")),
        ],
        help_text=_("1 (gering) bis 5 (existenzbedrohend)"),
    )
    observed_on = models.DateField(_("beobachtet am"), default=timezone.localdate)
    source = models.CharField(_("Quelle"), max_length=255)
    note = models.TextField(_("Notiz"), blank=True)
    resolved_on = models.DateField(_("erledigt am"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Frühwarnsignal")
        verbose_name_plural = _("Frühwarnsignale")
        ordering = ["-observed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=5),
                name="risk_signal_severity_1_to_5",
                violation_error_message=_("Die Schwere muss zwischen 1 und 5 liegen."),
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("observed_on")),
                name="risk_signal_resolved_after_observed",
                violation_error_message=_(
                    "Ein Signal kann nicht vor dem Tag erledigt sein, an dem es beobachtet wurde."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.company}"


class Network(models.Model):
    """A company network, first of all the network in production technology."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerke")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NetworkMembership(models.Model):
    """A company's membership in a network over time."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Netzwerk")
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("Unternehmen"),
    )
    joined_on = models.DateField(_("beigetreten am"))
    left_on = models.DateField(_("ausgetreten am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Netzwerkmitgliedschaft")
        verbose_name_plural = _("Netzwerkmitgliedschaften")
        ordering = ["network", "company"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="network_membership_left_after_joined",
                violation_error_message=_("Der Austritt kann nicht vor dem Beitritt liegen."),
            ),
            models.UniqueConstraint(
                fields=["network", "company", "joined_on"],
                name="network_membership_unique_start",
                violation_error_message=_("Diese Mitgliedschaft ist bereits erfasst."),
            ),
        ]

    def __str__(self):
        return f"{self.company} in {self.network}"


class RiskScoreSnapshot(models.Model):
    """A company's risk score as the weekly digest saw it, to tell whose score rose since."""

    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="risk_snapshots",
        verbose_name=_("Unternehmen"),
    )
    taken_on = models.DateField(_("Stichtag"))
    score = models.FloatField(_("Risikowert"))

    class Meta:
        verbose_name = _("Risikowert (Stichtag)")
        verbose_name_plural = _("Risikowerte (Stichtage)")
        ordering = ["-taken_on", "company"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "taken_on"],
                name="risk_snapshot_one_per_day",
                violation_error_message=_(
                    "Für dieses Unternehmen ist heute bereits ein Risikowert festgehalten."
                ),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0),
                name="risk_snapshot_not_negative",
                violation_error_message=_("Der Risikowert darf nicht negativ sein."),
            ),
        ]

    def __str__(self):
        return f"{self.company}: {self.score} ({self.taken_on})"


class PrivacyLogEntry(models.Model):
    """Who exported or erased a contact person's data, and when (without the personal data)."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Auskunft exportiert")
        ERASE = "erase", _("anonymisiert")

    contact_person = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="privacy_log",
        verbose_name=_("Ansprechperson"),
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="privacy_log",
        verbose_name=_("Unternehmen"),
    )
    action = models.CharField(_("Vorgang"), max_length=10, choices=Action.choices)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ausgeführt von"),
    )
    performed_at = models.DateTimeField(_("ausgeführt am"), default=timezone.now)

    class Meta:
        verbose_name = _("Datenschutzvorgang")
        verbose_name_plural = _("Datenschutzprotokoll")
        ordering = ["-performed_at"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.performed_at:%d.%m.%Y})"


def _quick_choice_labels(*model_classes):
    """``get_FOO_display()`` from a mapping built once per field.

    Django's own rebuilds the mapping on every call, hashing (and so translating) every label;
    the register's lists call it for each row. The labels stay lazy and follow the active
    language; a value without a label is returned as it is, as before.
    """
    for model in model_classes:
        for field in model._meta.concrete_fields:
            if field.choices:
                setattr(model, f"get_{field.name}_display", _display(field))


def _display(field):
    labels = dict(field.flatchoices)

    def display(self):
        value = getattr(self, field.attname)
        return force_str(labels.get(value, value), strings_only=True)

    return display


_quick_choice_labels(
    Sector, Company, Need, ContactLogEntry, RiskSignal, PrivacyLogEntry, NetworkMembership
)

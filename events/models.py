"""Events of the Industrie-Dialog and the Woche der Mobilität.

Events are the exchange formats entrepreneurs asked for (Unternehmerfrühstück,
Werkstattgespräch, Betriebsbesichtigung, Netzwerktreffen …); people register for them, and a
full event keeps a waitlist. In the Woche der Mobilität employees change sides for a few days:
host organisations offer placements, employees of other companies apply, staff match them.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import EventQuerySet, RegistrationQuerySet


class Event(models.Model):
    """An event of the dialog: a date on which companies, partners and staff meet."""

    class Format(models.TextChoices):
        BREAKFAST = "breakfast", _("Unternehmerfrühstück")
        WORKSHOP_TALK = "workshop_talk", _("Werkstattgespräch")
        SITE_VISIT = "site_visit", _("Betriebsbesichtigung")
        NETWORK_MEETING = "network_meeting", _("Netzwerktreffen")
        WORKSHOP = "workshop", _("Workshop")
        MOBILITY_WEEK = "mobility_week", _("Woche der Mobilität")
        CONFERENCE = "conference", _("Fachtagung")
        OTHER = "other", _("Sonstiges")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("öffentlich")
        MEMBERS = "members", _("für Mitglieder")
        INTERNAL = "internal", _("intern")

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        OPEN = "open", _("Anmeldung offen")
        HELD = "held", _("durchgeführt")
        CANCELLED = "cancelled", _("abgesagt")

    title = models.CharField(_("Titel"), max_length=255)
    format = models.CharField(_("Format"), max_length=20, choices=Format.choices)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    venue = models.CharField(
        _("Ort"), max_length=255, blank=True, help_text=_("Adresse oder Raum der Veranstaltung.")
    )
    host_company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("gastgebendes Unternehmen"),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    capacity = models.PositiveIntegerField(
        _("Plätze"), default=30, help_text=_("Höchstzahl der Teilnehmenden.")
    )
    registration_deadline = models.DateTimeField(
        _("Anmeldeschluss"),
        null=True,
        blank=True,
        help_text=_("Leer lassen: Anmeldung bis zum Beginn möglich."),
    )
    visibility = models.CharField(
        _("Sichtbarkeit"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_(
            "Öffentlich: für alle; für Mitglieder: Beirat und Partner; intern: nur Verwaltung."
        ),
    )
    organisers = models.ManyToManyField(
        "measures.Partner",
        blank=True,
        related_name="organised_events",
        verbose_name=_("mitveranstaltende Partner"),
    )
    measures = models.ManyToManyField(
        "measures.Measure",
        blank=True,
        related_name="events",
        verbose_name=_("zugehörige Maßnahmen"),
    )
    network = models.ForeignKey(
        "companies.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("Netzwerk"),
        help_text=_("Bei Netzwerktreffen: das Netzwerk, das sich trifft."),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancellation_reason = models.TextField(_("Grund der Absage"), blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("Die Veranstaltung kann nicht vor ihrem Beginn enden."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="event_capacity_positive",
                violation_error_message=_("Die Veranstaltung muss mindestens einen Platz haben."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def is_upcoming(self):
        return self.ends_at >= timezone.now()

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    @property
    def registration_open(self):
        """Whether people can register (or join the waitlist) right now."""
        return self.status == self.Status.OPEN and timezone.now() < self.registration_closes_at


class Registration(models.Model):
    """A person's registration for an event, from the first click to attendance.

    Anonymous visitors confirm by e-mail first (``pending``); only then do they take a place or
    join the waitlist. A place is held by ``registered``, ``attended`` and ``no_show``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("unbestätigt")
        REGISTERED = "registered", _("angemeldet")
        WAITLISTED = "waitlisted", _("Warteliste")
        CANCELLED = "cancelled", _("abgemeldet")
        ATTENDED = "attended", _("teilgenommen")
        NO_SHOW = "no_show", _("nicht erschienen")

    HOLDING_PLACE = (Status.REGISTERED, Status.ATTENDED, Status.NO_SHOW)
    ACTIVE = (Status.PENDING, Status.REGISTERED, Status.WAITLISTED, Status.ATTENDED, Status.NO_SHOW)

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("Veranstaltung"),
    )
    name = models.CharField(_("Name"), max_length=150)
    email = models.EmailField(_("E-Mail-Adresse"))
    company_name = models.CharField(_("Unternehmen / Organisation"), max_length=200, blank=True)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("Unternehmen im Register"),
        help_text=_("Für die Auswertung der Teilnahme je Unternehmen."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("Benutzerkonto"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("angemeldet am"), default=timezone.now)
    queued_at = models.DateTimeField(
        _("bestätigt am"),
        null=True,
        blank=True,
        help_text=_("Zeitpunkt der Bestätigung; bestimmt die Reihenfolge der Warteliste."),
    )
    cancelled_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["event", "queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                F("event"),
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_email",
                violation_error_message=_(
                    "Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung "
                    "zu dieser Veranstaltung."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def holds_place(self):
        return self.status in self.HOLDING_PLACE


class MobilityWeek(models.Model):
    """A yearly edition of the Woche der Mobilität with its dates."""

    year = models.PositiveSmallIntegerField(_("Jahr"), unique=True)
    title = models.CharField(_("Titel"), max_length=200, blank=True)
    starts_on = models.DateField(_("erster Tag"))
    ends_on = models.DateField(_("letzter Tag"))
    application_deadline = models.DateField(_("Bewerbungsschluss"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    event = models.OneToOneField(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mobility_week",
        verbose_name=_("Veranstaltung im Kalender"),
    )

    class Meta:
        verbose_name = _("Woche der Mobilität")
        verbose_name_plural = _("Wochen der Mobilität")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="mobility_week_ends_after_start",
                violation_error_message=_(
                    "Die Woche der Mobilität kann nicht vor ihrem Beginn enden."
                ),
            ),
        ]

    def __str__(self):
        return self.title or str(_("Woche der Mobilität %(year)s") % {"year": self.year})

    def get_absolute_url(self):
        return reverse("events:mobility-week", kwargs={"year": self.year})

    @property
    def days(self):
        """The working days of the edition (Monday to Friday)."""
        day, result = self.starts_on, []
        while day <= self.ends_on:
            if day.weekday() < 5:
                result.append(day)
            day += datetime.timedelta(days=1)
        return result

    @property
    def applications_open(self):
        deadline = self.application_deadline or self.starts_on
        return timezone.localdate() <= deadline


class MobilityOffer(models.Model):
    """A host organisation's offer of placements in one department during the week."""

    week = models.ForeignKey(
        MobilityWeek, on_delete=models.CASCADE, related_name="offers", verbose_name=_("Ausgabe")
    )
    host_company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="mobility_offers",
        verbose_name=_("gastgebendes Unternehmen"),
    )
    department = models.CharField(_("Abteilung"), max_length=150)
    description = models.TextField(_("Beschreibung"), help_text=_("Was Gäste dort erleben."))
    places = models.PositiveSmallIntegerField(_("Plätze"), default=1)
    days = models.JSONField(
        _("Tage"), default=list, help_text=_("Die Tage (ISO-Datum), an denen Gäste kommen können.")
    )
    contact_email = models.EmailField(_("E-Mail-Adresse für Rückfragen"), blank=True)

    class Meta:
        verbose_name = _("Hospitationsangebot")
        verbose_name_plural = _("Hospitationsangebote")
        ordering = ["week", "host_company__name", "department"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places__gte=1),
                name="mobility_offer_places_positive",
                violation_error_message=_("Ein Angebot muss mindestens einen Platz haben."),
            ),
        ]

    def __str__(self):
        return f"{self.host_company} – {self.department}"

    @property
    def day_dates(self):
        return [datetime.date.fromisoformat(day) for day in self.days]


class MobilityApplication(models.Model):
    """An employee's application to spend days at another company during the week.

    The public form asks for the company by name (it lists nothing of the register); a name
    that equals one in the register links the application to that company.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("beworben")
        MATCHED = "matched", _("vermittelt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    week = models.ForeignKey(
        MobilityWeek,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("Ausgabe"),
    )
    name = models.CharField(_("Name"), max_length=150)
    email = models.EmailField(_("E-Mail-Adresse"))
    home_company_name = models.CharField(
        _("eigenes Unternehmen"),
        max_length=200,
        help_text=_("Das Unternehmen, in dem die Person beschäftigt ist, wie sie es angab."),
    )
    home_company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mobility_applications",
        verbose_name=_("eigenes Unternehmen im Register"),
        help_text=_(
            "Das Unternehmen im Register, wenn die Angabe einem Namen dort gleicht; "
            "niemand hospitiert im eigenen Unternehmen."
        ),
    )
    interests = models.TextField(_("Interessen"), help_text=_("Was möchten Sie kennenlernen?"))
    preferred_days = models.JSONField(_("Wunschtage"), default=list)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    created_at = models.DateTimeField(_("beworben am"), default=timezone.now)

    class Meta:
        verbose_name = _("Bewerbung")
        verbose_name_plural = _("Bewerbungen")
        ordering = ["week", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                F("week"),
                Lower("email"),
                name="mobility_application_one_per_email",
                violation_error_message=_(
                    "Mit dieser E-Mail-Adresse liegt für diese Woche bereits eine Bewerbung vor."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.company_label})"

    def save(self, *args, **kwargs):
        if self.home_company is not None and not self.home_company_name:
            self.home_company_name = self.home_company.name
        super().save(*args, **kwargs)

    @property
    def company_label(self):
        """The company as staff read it: the register's name, else what the person gave."""
        return self.home_company.name if self.home_company is not None else self.home_company_name

    @property
    def preferred_day_dates(self):
        return [datetime.date.fromisoformat(day) for day in self.preferred_days]


class MobilityMatch(models.Model):
    """A placement staff accepted: the applicant spends these days at the host's department."""

    application = models.OneToOneField(
        MobilityApplication,
        on_delete=models.CASCADE,
        related_name="match",
        verbose_name=_("Bewerbung"),
    )
    offer = models.ForeignKey(
        MobilityOffer, on_delete=models.CASCADE, related_name="matches", verbose_name=_("Angebot")
    )
    days = models.JSONField(_("Tage"), default=list)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestätigt von"),
    )
    accepted_at = models.DateTimeField(_("bestätigt am"), default=timezone.now)

    class Meta:
        verbose_name = _("Vermittlung")
        verbose_name_plural = _("Vermittlungen")
        ordering = ["offer", "application__name"]

    def __str__(self):
        return f"{self.application.name} → {self.offer}"

    @property
    def day_dates(self):
        return [datetime.date.fromisoformat(day) for day in self.days]


class MobilityFeedback(models.Model):
    """A participant's short feedback after the week; the reports aggregate it."""

    match = models.OneToOneField(
        MobilityMatch,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("Vermittlung"),
    )
    rating = models.PositiveSmallIntegerField(
        _("Gesamteindruck"), help_text=_("1 (schlecht) bis 5 (sehr gut)")
    )
    learned_something = models.BooleanField(_("Ich habe Neues für meine Arbeit mitgenommen"))
    would_recommend = models.BooleanField(_("Ich würde die Woche der Mobilität empfehlen"))
    comment = models.TextField(_("Anmerkungen"), blank=True)
    submitted_at = models.DateTimeField(_("abgegeben am"), default=timezone.now)

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5),
                name="mobility_feedback_rating_1_to_5",
                violation_error_message=_("Die Bewertung muss zwischen 1 und 5 liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.match.application.name}: {self.rating}"

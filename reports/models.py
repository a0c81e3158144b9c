"""Berichterstattung: the committee reports (council Vorlagen) and the schedules that draft them.

A report is numbered in the council's style (``FB 02/0106/WP16``), freezes a snapshot of the
data it shows, and is rendered by a Celery task into a PDF. Once released it never changes: a
correction is a new report that refers to the old one.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEFAULT_RESOLUTION = (
    "Der Ausschuss für Arbeit, Wirtschaft und Wissenschaft nimmt den Bericht der Verwaltung "
    "zum Aachener Industrie-Dialog zur Kenntnis."
)
DEFAULT_FINANCIAL_EFFECTS = (
    "Keine. Die Maßnahmen des Handlungskonzepts werden mit dem vorhandenen Personal und den "
    "vorhandenen Haushaltsmitteln des Fachbereichs Wirtschaftsförderung umgesetzt; Kosten "
    "einzelner Maßnahmen werden bei den Maßnahmen ausgewiesen."
)


def format_report_number(prefix: str, serial: int, electoral_period: int) -> str:
    """The council's number of a Vorlage, e.g. ``FB 02/0106/WP16``."""
    return f"{prefix}/{serial:04d}/WP{electoral_period}"


class ReportNumberCounter(models.Model):
    """The last serial number given out in an electoral period; numbers are never reused."""

    electoral_period = models.PositiveSmallIntegerField(_("Wahlperiode"), unique=True)
    last_serial = models.PositiveIntegerField(_("zuletzt vergebene laufende Nummer"), default=0)

    class Meta:
        verbose_name = _("Nummernkreis der Vorlagen")
        verbose_name_plural = _("Nummernkreise der Vorlagen")

    def __str__(self):
        return f"WP{self.electoral_period}: {self.last_serial}"


class ReleasedReportError(ValidationError):
    """Something tried to change or delete a released report (its data, snapshot or PDF).

    A released report is what the committee received; it is only ever withdrawn or corrected
    (``reports.withdrawal``), never edited. The database refuses the same on PostgreSQL
    (migration ``0003_released_reports_immutable``).
    """

    def __init__(self, report_number: str, *, deleting: bool = False):
        if deleting:
            message = gettext(
                "Der Bericht %(number)s ist freigegeben und kann nicht gelöscht werden. "
                "Sie können ihn zurückziehen oder eine Berichtigung anlegen."
            )
        else:
            message = gettext(
                "Der Bericht %(number)s ist freigegeben und kann nicht mehr geändert werden. "
                "Sie können ihn zurückziehen oder eine Berichtigung anlegen."
            )
        super().__init__(message % {"number": report_number}, code="released")


# References that may be cleared on a released report when the row they point to is deleted
# (``on_delete=SET_NULL``): a deleted user account or report schedule. Nothing else changes.
DETACHABLE_REFERENCES = ("author", "released_by", "schedule", "withdrawn_by")
# Written once on a released report: by its withdrawal (or its correction).
WITHDRAWAL_FIELDS = ("withdrawn_at", "withdrawn_by", "withdrawal_reason")


def _only_detaches(changes: dict) -> bool:
    names = {*DETACHABLE_REFERENCES, *(f"{name}_id" for name in DETACHABLE_REFERENCES)}
    return all(key in names and value is None for key, value in changes.items())


class ReportQuerySet(models.QuerySet):
    def released(self):
        return self.filter(status=Report.Status.RELEASED)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)

    def public(self):
        return self.filter(visibility=Report.Visibility.PUBLIC)

    def visible_to(self, user):
        """The reports a user may see: staff all, committee members every released one,
        everyone else the public released ones (docs/design.md §4)."""
        from dialog.accounts.rules import is_ausschuss, is_verwaltung

        if is_verwaltung(user):
            return self
        if is_ausschuss(user):
            return self.released()
        return self.released().public()

    # Bulk writes bypass ``Report.save``/``delete``; they keep released reports as they are too.
    def update(self, **kwargs):
        if not self.query.is_sliced and not _only_detaches(kwargs):
            released = self.released().values_list("number", flat=True).first()
            if released is not None:
                raise ReleasedReportError(released)
        return super().update(**kwargs)

    def delete(self):
        if not self.query.is_sliced:
            released = self.released().values_list("number", flat=True).first()
            if released is not None:
                raise ReleasedReportError(released, deleting=True)
        return super().delete()

    delete.queryset_only = True


class Report(models.Model):
    """A report of the administration to the committee on the Industrie-Dialog (a Vorlage).

    Released, it never changes: not its fields, not its snapshot, not its PDF and checksums,
    and it is never deleted. It may be withdrawn once (``withdrawn_at``, ``withdrawn_by``,
    ``withdrawal_reason``); a correction is a new report whose ``corrects`` names it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        GENERATING = "generating", _("wird erzeugt")
        READY = "ready", _("bereit zur Freigabe")
        RELEASED = "released", _("freigegeben")
        FAILED = "failed", _("fehlgeschlagen")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("öffentlich")
        NON_PUBLIC = "non_public", _("nichtöffentlich")

    EDITABLE_STATES = (Status.DRAFT, Status.READY, Status.FAILED)

    number = models.CharField(
        _("Vorlage-Nr."), max_length=40, unique=True, help_text=_("z. B. FB 02/0106/WP16")
    )
    serial = models.PositiveIntegerField(_("laufende Nummer"))
    electoral_period = models.PositiveSmallIntegerField(_("Wahlperiode"))
    title = models.CharField(_("Betreff"), max_length=255)
    period_start = models.DateField(_("Berichtszeitraum von"))
    period_end = models.DateField(_("Berichtszeitraum bis"))
    meeting = models.ForeignKey(
        "committee.CommitteeMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("Ausschusssitzung"),
        help_text=_("Die Sitzung, in der der Bericht zur Kenntnis gegeben wird."),
    )
    resolution_proposal = models.TextField(_("Beschlussvorschlag"), default=DEFAULT_RESOLUTION)
    financial_effects = models.TextField(
        _("Finanzielle Auswirkungen"), default=DEFAULT_FINANCIAL_EFFECTS
    )
    introduction = models.TextField(
        _("Einleitung der Begründung"),
        blank=True,
        help_text=_("Freier Text am Anfang der Begründung (optional)."),
    )
    participating_departments = models.CharField(
        _("Beteiligte Dienststelle/n"), max_length=255, blank=True
    )
    file_reference = models.CharField(_("Aktenzeichen (AZ)"), max_length=60, blank=True)
    visibility = models.CharField(
        _("Status der Vorlage"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Nichtöffentliche Berichte sehen nur Verwaltung und Ausschuss."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_reports",
        verbose_name=_("Verfasser/in"),
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("berichtigt Vorlage"),
        help_text=_("Nur bei einer Berichtigung: die freigegebene Vorlage, die sie ersetzt."),
    )
    schedule = models.ForeignKey(
        "ReportSchedule",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("erstellt durch Zeitplan"),
    )
    schedule_key = models.CharField(
        _("Anlass im Zeitplan"),
        max_length=40,
        blank=True,
        help_text=_("Sitzung oder Quartal, für das der Zeitplan den Entwurf angelegt hat."),
    )
    status = models.CharField(
        _("Bearbeitungsstand"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    error_message = models.TextField(_("Fehlermeldung"), blank=True)
    generation_started_at = models.DateTimeField(
        _("Erzeugung angefordert am"),
        null=True,
        blank=True,
        help_text=_(
            "Wann die laufende oder letzte Erzeugung des PDF angefordert wurde; dauert sie "
            "ungewöhnlich lange, gilt sie als abgebrochen."
        ),
    )
    snapshot = models.JSONField(
        _("Datenstand"),
        null=True,
        blank=True,
        help_text=_("Die Daten, aus denen das PDF erzeugt wurde; nach der Freigabe eingefroren."),
    )
    snapshot_taken_at = models.DateTimeField(_("Datenstand vom"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="berichte/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 des PDF"), max_length=64, blank=True)
    pdf_sha512 = models.CharField(_("SHA-512 des PDF"), max_length=128, blank=True)
    pdf_size = models.PositiveIntegerField(_("Größe des PDF (Bytes)"), null=True, blank=True)
    pdf_page_count = models.PositiveIntegerField(_("Seitenzahl"), null=True, blank=True)
    generated_at = models.DateTimeField(_("erzeugt am"), null=True, blank=True)
    released_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("freigegeben von"),
    )
    withdrawn_at = models.DateTimeField(
        _("zurückgezogen am"),
        null=True,
        blank=True,
        help_text=_("Nur bei einem freigegebenen Bericht, der zurückgezogen wurde."),
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zurückgezogen von"),
    )
    withdrawal_reason = models.TextField(
        _("Grund der Zurückziehung"),
        blank=True,
        help_text=_("Warum der freigegebene Bericht zurückgezogen oder berichtigt wurde."),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")
        ordering = ["-period_end", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["electoral_period", "serial"], name="report_serial_unique_in_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="report_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="released")
                | (Q(released_at__isnull=False) & ~Q(pdf_sha256="")),
                name="report_released_has_pdf",
            ),
            models.UniqueConstraint(
                fields=["schedule", "schedule_key"],
                condition=Q(schedule__isnull=False),
                name="report_one_per_schedule_occasion",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(status="released"),
                name="report_withdrawn_only_when_released",
            ),
            models.CheckConstraint(
                condition=(Q(withdrawn_at__isnull=True) & Q(withdrawal_reason=""))
                | (Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason="")),
                name="report_withdrawal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        if not self._state.adding and self.pk is not None:
            self._refuse_changing_a_released_report(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        if (
            self.pk is not None
            and Report._base_manager.filter(pk=self.pk, status=self.Status.RELEASED).exists()
        ):
            raise ReleasedReportError(self.number, deleting=True)
        return super().delete(*args, **kwargs)

    def _refuse_changing_a_released_report(self, update_fields):
        """A report released in the database is saved once more only to record its withdrawal:
        the withdrawal's fields (and ``updated_at``) are set, everything else stays as stored."""
        fields = [field for field in self._meta.concrete_fields if not field.primary_key]
        stored = (
            Report._base_manager.filter(pk=self.pk, status=self.Status.RELEASED)
            .values(*(field.attname for field in fields))
            .first()
        )
        if stored is None:
            return
        is_withdrawal = stored["withdrawn_at"] is None and self.withdrawn_at is not None
        may_change = {*WITHDRAWAL_FIELDS, "updated_at"} if is_withdrawal else set()
        for field in fields:
            if field.name in may_change:
                continue
            if update_fields is not None and not {field.name, field.attname} & set(update_fields):
                continue  # not written by this save
            # ``updated_at`` (auto_now) changes with every save that writes it.
            if field.name == "updated_at" or stored[field.attname] != field.to_python(
                getattr(self, field.attname)
            ):
                raise ReleasedReportError(stored["number"])

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATES

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC

    @property
    def pdf_filename(self):
        return self.number.replace(" ", "").replace("/", "-") + ".pdf"


class ReportSchedule(models.Model):
    """When drafts are made automatically: N days before each meeting of a committee, or at the
    start of every quarter for the quarter before. Fired through django-celery-beat."""

    class Kind(models.TextChoices):
        BEFORE_MEETING = "before_meeting", _("N Tage vor jeder Ausschusssitzung")
        QUARTERLY = "quarterly", _("vierteljährlich")

    name = models.CharField(_("Bezeichnung"), max_length=150)
    kind = models.CharField(_("Art"), max_length=15, choices=Kind.choices)
    days_before = models.PositiveSmallIntegerField(
        _("Tage vor der Sitzung"),
        default=21,
        help_text=_("Nur für „vor jeder Ausschusssitzung“."),
    )
    committee = models.ForeignKey(
        "committee.Committee",
        on_delete=models.CASCADE,
        related_name="report_schedules",
        verbose_name=_("Ausschuss"),
    )
    visibility = models.CharField(
        _("Status der Vorlagen"),
        max_length=10,
        choices=Report.Visibility.choices,
        default=Report.Visibility.PUBLIC,
    )
    title = models.CharField(
        _("Betreff der Entwürfe"),
        max_length=255,
        default="Sachstandsbericht Aachener Industrie-Dialog",
    )
    active = models.BooleanField(_("aktiv"), default=True)
    periodic_task = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_schedule",
        verbose_name=_("Celery-Beat-Eintrag"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    last_run_at = models.DateTimeField(_("zuletzt ausgeführt am"), null=True, blank=True)
    last_run_note = models.CharField(
        _("Ergebnis der letzten Ausführung"), max_length=500, blank=True
    )

    class Meta:
        verbose_name = _("Berichtszeitplan")
        verbose_name_plural = _("Berichtszeitpläne")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days_before__lte=365), name="report_schedule_days_before_max_year"
            ),
        ]

    def __str__(self):
        return self.name

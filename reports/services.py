"""Writes on reports: numbering, drafting, generating the PDF, releasing, schedules."""

from __future__ import annotations

import datetime
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from dialog.accounts.roles import Role
from dialog.audit.models import AuditEntry
from dialog.audit.services import audit_record
from dialog.committee.models import CommitteeMeeting
from dialog.core.mail import absolute_url, mail_send

from .models import Report, ReportNumberCounter, ReportSchedule, format_report_number
from .rendering import render_report_pdf
from .snapshot import build_snapshot

logger = logging.getLogger(__name__)
User = get_user_model()

REPORT_FIELDS = (
    "title",
    "period_start",
    "period_end",
    "meeting",
    "resolution_proposal",
    "financial_effects",
    "introduction",
    "participating_departments",
    "file_reference",
    "visibility",
    "corrects",
)


# --- Numbers --------------------------------------------------------------------------------
def report_number_allocate() -> tuple[int, int, str]:
    """The next Vorlage number of the current electoral period: (serial, period, number).

    The counter row is locked, so concurrent drafts never get the same number, and a number
    once given out is never given again (even if its draft is deleted).
    """
    period = settings.REPORT_ELECTORAL_PERIOD
    with transaction.atomic():
        ReportNumberCounter.objects.get_or_create(electoral_period=period)
        counter = ReportNumberCounter.objects.select_for_update().get(electoral_period=period)
        counter.last_serial += 1
        counter.save(update_fields=["last_serial"])
    serial = counter.last_serial
    return serial, period, format_report_number(settings.REPORT_NUMBER_PREFIX, serial, period)


# --- Drafts ---------------------------------------------------------------------------------
def _meeting_date(meeting) -> datetime.date:
    return timezone.localdate(meeting.starts_at)


def _date(value) -> str:
    return formats.date_format(value, "d.m.Y")


def report_plausibility_errors(
    *,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    meeting=None,
    report: Report | None = None,
    meeting_chosen: bool = False,
    today: datetime.date | None = None,
) -> dict[str, list[str]]:
    """What does not fit in a draft's period and meeting, per field, in German.

    Always: the period starts no later than it ends, ends no later than the meeting, and a
    meeting has at most one report that is not released. ``meeting_chosen`` (a new draft, or
    another meeting chosen for one): the meeting must not lie in the past.
    """
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    today = today or timezone.localdate()
    if period_start and period_end and period_end < period_start:
        add("period_end", _("Das Ende des Berichtszeitraums liegt vor seinem Beginn."))
    if meeting is None:
        return errors
    meeting_day = _meeting_date(meeting)
    if period_end and period_end > meeting_day:
        add(
            "period_end",
            _(
                "Der Berichtszeitraum endet am %(end)s, nach der Sitzung am %(meeting)s. "
                "Ein Bericht kann nur über die Zeit bis zur Sitzung berichten."
            )
            % {"end": _date(period_end), "meeting": _date(meeting_day)},
        )
    if meeting_chosen and meeting_day < today:
        add(
            "meeting",
            _(
                "Die Sitzung am %(meeting)s liegt in der Vergangenheit. Bitte wählen Sie eine "
                "kommende Sitzung."
            )
            % {"meeting": _date(meeting_day)},
        )
    others = Report.objects.filter(meeting=meeting).exclude(status=Report.Status.RELEASED)
    if report is not None and report.pk:
        others = others.exclude(pk=report.pk)
    other = others.order_by("serial").first()
    if other is not None:
        add(
            "meeting",
            _(
                "Für die Sitzung am %(meeting)s gibt es schon den Bericht %(number)s, der noch "
                "nicht freigegeben ist. Je Sitzung gibt es nur einen Entwurf: Bitte bearbeiten "
                "Sie diesen oder löschen Sie ihn zuerst."
            )
            % {"meeting": _date(meeting_day), "number": other.number},
        )
    return errors


def _check_plausible(report: Report) -> None:
    """Refuse a draft whose period and meeting do not fit (German messages per field). The
    meeting's row is locked first, so two drafts for one meeting cannot be made at once."""
    if report.meeting_id:
        CommitteeMeeting.objects.select_for_update().filter(pk=report.meeting_id).first()
    errors = report_plausibility_errors(
        period_start=report.period_start,
        period_end=report.period_end,
        meeting=report.meeting,
        report=report,
    )
    if errors:
        raise ValidationError(errors)


def report_create(*, author, schedule=None, schedule_key: str = "", **fields) -> Report:
    """Create a draft report with the next Vorlage number."""
    with transaction.atomic():
        report = Report(
            author=author,
            schedule=schedule,
            schedule_key=schedule_key,
            **{key: value for key, value in fields.items() if key in REPORT_FIELDS},
        )
        _check_plausible(report)
        report.serial, report.electoral_period, report.number = report_number_allocate()
        report.full_clean()
        report.save()
    return report


def report_update(*, report: Report, **fields) -> Report:
    """Change a report that is not released (nor being generated); its PDF is outdated then
    and it goes back to draft."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if not report.is_editable:
            raise ValidationError(
                _("Ein Bericht im Stand „%(status)s“ kann nicht geändert werden.")
                % {"status": report.get_status_display()},
                code="not_editable",
            )
        for key, value in fields.items():
            if key in REPORT_FIELDS:
                setattr(report, key, value)
        _check_plausible(report)
        report.status = Report.Status.DRAFT
        report.snapshot = None
        report.snapshot_taken_at = None
        report.error_message = ""
        report.full_clean()
        report.save()
    return report


def report_delete(*, report: Report, deleted_by) -> None:
    """Delete a report that is not released, with its PDF file. Its number is not given out
    again; a released report is never deleted (a correction replaces it)."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status == Report.Status.RELEASED:
            raise ValidationError(
                _(
                    "Ein freigegebener Bericht wird nicht gelöscht. Legen Sie bei Bedarf eine "
                    "Berichtigung an."
                ),
                code="released",
            )
        pdf_name = report.pdf.name
        logger.info("Report %s (%s) deleted by %s", report.number, report.status, deleted_by)
        report.delete()
        if pdf_name:
            transaction.on_commit(lambda: default_storage.delete(pdf_name))


# --- Generation -----------------------------------------------------------------------------
# What staff read when a generation failed: plain German, what happened and what to do. The
# technical detail (exception, traceback, file paths) goes to the log only.
BROKER_UNREACHABLE_MESSAGE = gettext_lazy(
    "Der Auftrag konnte nicht an den Hintergrunddienst übergeben werden, weil die "
    "Warteschlange (Redis) gerade nicht erreichbar ist. Es wurde kein PDF erzeugt. Bitte "
    "versuchen Sie es in einigen Minuten mit „Erneut versuchen“."
)
RENDERING_FAILED_MESSAGE = gettext_lazy(
    "Beim Erzeugen des PDF ist ein Fehler aufgetreten; es wurde kein PDF gespeichert. Bitte "
    "versuchen Sie es mit „Erneut versuchen“. Tritt der Fehler wieder auf, wenden Sie sich "
    "bitte an den technischen Betrieb und nennen Sie die Vorlage-Nr. %(number)s und den "
    "Zeitpunkt %(time)s; die Einzelheiten stehen im Protokoll des Servers."
)
SERVICES_UNREACHABLE_MESSAGE = gettext_lazy(
    "Das PDF konnte nicht erzeugt werden, weil die Datenbank oder ein anderer Dienst "
    "wiederholt nicht erreichbar war. Es wurde kein PDF gespeichert. Bitte versuchen Sie es "
    "in einigen Minuten mit „Erneut versuchen“."
)
GENERATION_LOST_MESSAGE = ngettext_lazy(
    "Die Erzeugung des PDF wurde nicht abgeschlossen: Der Hintergrunddienst hat den Auftrag "
    "nicht innerhalb von %(minutes)s Minute beendet, zum Beispiel weil er währenddessen neu "
    "gestartet wurde. Es wurde kein PDF gespeichert. Bitte versuchen Sie es mit „Erneut "
    "versuchen“.",
    "Die Erzeugung des PDF wurde nicht abgeschlossen: Der Hintergrunddienst hat den Auftrag "
    "nicht innerhalb von %(minutes)s Minuten beendet, zum Beispiel weil er währenddessen neu "
    "gestartet wurde. Es wurde kein PDF gespeichert. Bitte versuchen Sie es mit „Erneut "
    "versuchen“.",
    "minutes",
)


def _generation_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.REPORT_GENERATION_TIMEOUT)


def _stale_generations(now: datetime.datetime | None = None):
    """Reports "wird erzeugt" for longer than ``REPORT_GENERATION_TIMEOUT``: their job was
    lost (a worker killed while the file broker had already handed the job out, a broker
    that lost it) or never ends."""
    cutoff = (now or timezone.now()) - _generation_timeout()
    return Report.objects.filter(status=Report.Status.GENERATING).filter(
        Q(generation_started_at__lt=cutoff)
        | Q(generation_started_at__isnull=True, updated_at__lt=cutoff)
    )


def report_generation_is_stale(report: Report, now: datetime.datetime | None = None) -> bool:
    return _stale_generations(now).filter(pk=report.pk).exists()


def report_fail_stale_generations(
    *, report_id: int | None = None, now: datetime.datetime | None = None
) -> int:
    """Mark the stale generations failed (of one report, or of all), so staff see what
    happened and try again; returns how many. A worker that still finishes one later finds it
    failed and stores nothing."""
    stale = _stale_generations(now)
    if report_id is not None:
        stale = stale.filter(pk=report_id)
    minutes = max(1, round(settings.REPORT_GENERATION_TIMEOUT / 60))
    message = GENERATION_LOST_MESSAGE % {"minutes": minutes}
    with transaction.atomic():
        failed = list(stale.select_for_update())
        for report in failed:  # saved one by one: the page cache hears of each
            report.status = Report.Status.FAILED
            report.error_message = message
            report.save(update_fields=["status", "error_message", "updated_at"])
            logger.error(
                "Report %s: its generation did not finish within %s s (requested %s); "
                "marked failed",
                report.number,
                settings.REPORT_GENERATION_TIMEOUT,
                report.generation_started_at,
            )
    return len(failed)


def report_requeue_lost_generations(*, still_queued: set[int]) -> int:
    """Queue again the generations whose job a broker without acknowledgements lost.

    The file-system broker (the embedded default) deletes a message as soon as a worker takes
    it, so a worker killed mid-report takes the job with it. A starting worker calls this with
    the reports whose job still waits in the queue: stale generations are failed, the other
    reports "wird erzeugt" without a waiting job are queued once more.
    """
    report_fail_stale_generations()
    lost = list(
        Report.objects.filter(status=Report.Status.GENERATING)
        .exclude(pk__in=still_queued)
        .values_list("pk", "number")
    )
    for pk, number in lost:
        logger.warning("Report %s: its job was lost; generation queued again", number)
        _queue_generation(pk)
    return len(lost)


def report_request_generation(*, report: Report, refresh_snapshot: bool = True) -> Report:
    """Queue the PDF generation of a report that is not released.

    ``refresh_snapshot`` takes the data anew; without it (e.g. "try again" after a failed
    rendering) the stored snapshot is used, so the result is the PDF of that snapshot. If the
    broker cannot take the job, the report ends up failed with a message (``_queue_generation``).
    A report already being generated is left alone, unless its generation is stale: then it
    starts again.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status == Report.Status.RELEASED:
            raise ValidationError(
                _("Ein freigegebener Bericht wird nicht neu erzeugt."), code="released"
            )
        if report.status == Report.Status.GENERATING and not report_generation_is_stale(report):
            return report  # already queued: generating twice changes nothing
        report.status = Report.Status.GENERATING
        report.error_message = ""
        report.generation_started_at = timezone.now()
        if refresh_snapshot:
            report.snapshot = None
            report.snapshot_taken_at = None
        report.save(
            update_fields=[
                "status",
                "error_message",
                "generation_started_at",
                "snapshot",
                "snapshot_taken_at",
                "updated_at",
            ]
        )
        transaction.on_commit(lambda: _queue_generation(report.pk))
    return report


# Raised by a publish when the broker cannot be reached (kombu wraps most of them).
BROKER_ERRORS = (KombuOperationalError, RedisError, OSError)


def _queue_generation(report_id: int) -> None:
    """Hand the generation to the broker. If it cannot be reached, the report must not stay
    "wird erzeugt" for ever with nobody working on it: it is marked failed with a message that
    says why, and staff try again ("Erneut versuchen") once the broker is back."""
    from .tasks import generate_report

    try:
        generate_report.delay(report_id)
    except BROKER_ERRORS as exc:
        logger.error("Report %s could not be queued, the broker is unreachable: %s", report_id, exc)
        report_mark_failed(report_id=report_id, message=str(BROKER_UNREACHABLE_MESSAGE))


def _write_atomically(name: str, content: bytes) -> str:
    """Write the file next to its final place and move it there in one step (``os.replace``),
    so nobody ever reads a half-written PDF."""
    final = Path(default_storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return name


def report_take_snapshot(*, report_id: int) -> Report | None:
    """Freeze the data of a report being generated (once: a repeated run keeps it). None if
    the report is not being generated (any more), or was deleted meanwhile."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("meeting__committee")
            .filter(pk=report_id)
            .first()
        )
        if report is None or report.status != Report.Status.GENERATING:
            return None
        if report.snapshot is None:
            taken_at = timezone.now().replace(microsecond=0)
            with translation.override(settings.LANGUAGE_CODE):
                report.snapshot = build_snapshot(report, taken_at=taken_at)
            report.snapshot_taken_at = taken_at
            report.save(update_fields=["snapshot", "snapshot_taken_at", "updated_at"])
    return report


def report_generate(*, report_id: int) -> Report | None:
    """Take the snapshot (if not yet taken), render the PDF, store it with its checksums and
    page count, and mark the report ready. Idempotent: a report that is not being generated
    is left alone, and the same snapshot gives the same PDF. None if the report was deleted.

    A rendering error marks the report failed with a plain message for staff (the details go
    to the log); database errors propagate so that the task retries them.
    """
    report = report_take_snapshot(report_id=report_id)
    if report is None:
        return Report.objects.filter(pk=report_id).first()
    logger.info("Rendering report %s", report.number)
    try:
        rendered = render_report_pdf(report.snapshot)
        name = _write_atomically(f"berichte/{report.pdf_filename}", rendered.content)
        logger.info("Report %s rendered: %s", report.number, rendered.sha256)
    except Exception:
        logger.exception("Report %s could not be rendered", report.number)
        failed_at = formats.date_format(timezone.localtime(), "d.m.Y H:i")
        message = str(RENDERING_FAILED_MESSAGE) % {"number": report.number, "time": failed_at}
        return report_mark_failed(report_id=report_id, message=message)
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None:  # deleted while it was rendered
            default_storage.delete(name)
            return None
        if report.status != Report.Status.GENERATING:
            return report
        report.pdf.name = name
        report.pdf_sha256 = rendered.sha256
        report.pdf_sha512 = rendered.sha512
        report.pdf_size = len(rendered.content)
        report.pdf_page_count = rendered.page_count
        report.generated_at = timezone.now()
        report.status = Report.Status.READY
        report.save()
        if report.schedule_id:
            transaction.on_commit(lambda: _notify_staff_ready(report))
    return report


def report_mark_failed(*, report_id: int, message: str) -> Report | None:
    """The generation failed: keep the (plain German) message for staff, who may try again."""
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is not None and report.status == Report.Status.GENERATING:
            report.status = Report.Status.FAILED
            report.error_message = message[:2000]
            report.save(update_fields=["status", "error_message", "updated_at"])
    return report


# --- Release --------------------------------------------------------------------------------
def report_release(*, report: Report, released_by, notify: bool = True) -> Report:
    """Release a ready report to the committee; from now on it never changes."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != Report.Status.READY:
            raise ValidationError(
                _("Nur ein fertig erzeugter Bericht kann freigegeben werden."), code="not_ready"
            )
        report.status = Report.Status.RELEASED
        report.released_at = timezone.now()
        report.released_by = released_by
        report.full_clean()
        report.save()
        audit_record(
            actor=released_by, action=AuditEntry.Action.REPORT_RELEASED, obj=report,
            detail={"sichtbarkeit": str(report.get_visibility_display())},
        )  # fmt: skip
        if notify:
            transaction.on_commit(lambda: _notify_committee_released(report))
    return report


def _send(template: str, report: Report, recipients: list[str]) -> None:
    mail_send(
        template=f"reports/emails/{template}",
        context={"report": report, "link": absolute_url(report.get_absolute_url())},
        to=recipients,
    )


def _emails_of(role: Role) -> list[str]:
    return sorted(
        User.objects.with_role(role).filter(is_active=True).values_list("email", flat=True)
    )


def _notify_staff_ready(report: Report) -> None:
    _send("report_ready", report, _emails_of(Role.VERWALTUNG))


def _notify_committee_released(report: Report) -> None:
    _send("report_released", report, _emails_of(Role.AUSSCHUSS))


# --- Schedules ------------------------------------------------------------------------------
def _crontab_for(kind: str):
    from django_celery_beat.models import CrontabSchedule

    quarterly = kind == ReportSchedule.Kind.QUARTERLY
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="6",
        day_of_week="*",
        day_of_month="1" if quarterly else "*",
        month_of_year="1,4,7,10" if quarterly else "*",
        timezone=settings.TIME_ZONE,
    )
    return crontab


def report_schedule_save(*, schedule: ReportSchedule) -> ReportSchedule:
    """Save a schedule and its django-celery-beat entry (daily at 6:00 for "before each
    meeting", on the first day of each quarter for "quarterly")."""
    from django_celery_beat.models import PeriodicTask

    with transaction.atomic():
        schedule.full_clean()
        schedule.save()
        task_fields = {
            "task": "reports.run_schedule",
            "crontab": _crontab_for(schedule.kind),
            "args": json.dumps([schedule.pk]),
            "enabled": schedule.active,
            "description": schedule.name,
        }
        if schedule.periodic_task_id:
            PeriodicTask.objects.filter(pk=schedule.periodic_task_id).update(**task_fields)
            # update() skips the signal that tells beat to reload its schedule.
            PeriodicTask.objects.get(pk=schedule.periodic_task_id).save()
        else:
            schedule.periodic_task = PeriodicTask.objects.create(
                name=f"Berichtszeitplan {schedule.pk}", **task_fields
            )
            schedule.save(update_fields=["periodic_task"])
    return schedule


def report_schedule_delete(*, schedule: ReportSchedule) -> None:
    with transaction.atomic():
        task = schedule.periodic_task
        schedule.delete()
        if task is not None:
            task.delete()


def previous_quarter(today: datetime.date) -> tuple[datetime.date, datetime.date, str]:
    """Start, end and key (``2026-Q3``) of the quarter before the one ``today`` lies in."""
    quarter = (today.month - 1) // 3  # 0..3, the current quarter
    year = today.year if quarter else today.year - 1
    quarter = quarter or 4  # the previous quarter, 1..4
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = (
        datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    ) - datetime.timedelta(days=1)
    return start, end, f"{year}-Q{quarter}"


def schedule_next_run(schedule: ReportSchedule, now: datetime.datetime | None = None):
    """When beat fires the schedule next (local time, to the minute); None if it is inactive."""
    task = schedule.periodic_task
    if not schedule.active or task is None or not task.enabled or task.crontab is None:
        return None
    now = now or timezone.now()
    upcoming = now + task.crontab.schedule.remaining_estimate(now)
    # remaining_estimate() counts from a slightly later "now": round to the minute it means.
    upcoming += datetime.timedelta(seconds=1)
    return timezone.localtime(upcoming).replace(second=0, microsecond=0)


def _period_start(schedule: ReportSchedule, default: datetime.date) -> datetime.date:
    """The day after the last released report of the committee ended (reports without a
    meeting count too: they went to no other committee); ``default`` if none was released."""
    last_end = (
        Report.objects.released()
        .filter(Q(meeting__committee=schedule.committee) | Q(meeting__isnull=True))
        .aggregate(last_end=Max("period_end"))["last_end"]
    )
    return last_end + datetime.timedelta(days=1) if last_end else default


def _first_period_start(schedule: ReportSchedule, today: datetime.date) -> datetime.date:
    """Without a released report: since the committee's last meeting, else since 1 January."""
    previous = (
        schedule.committee.meetings.filter(starts_at__date__lt=today)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    if previous is None:
        return datetime.date(today.year, 1, 1)
    return timezone.localdate(previous) + datetime.timedelta(days=1)


def _occasions(schedule: ReportSchedule, today: datetime.date):
    """The drafts a schedule owes on ``today``: (key, period_start, period_end, meeting)."""
    upcoming = schedule.committee.meetings.filter(starts_at__date__gt=today).order_by("starts_at")
    if schedule.kind == ReportSchedule.Kind.QUARTERLY:
        quarter_start, end, key = previous_quarter(today)
        yield key, _period_start(schedule, quarter_start), end, upcoming.first()
        return
    horizon = today + datetime.timedelta(days=schedule.days_before)
    for meeting in upcoming.filter(starts_at__date__lte=horizon):
        start = _period_start(schedule, _first_period_start(schedule, today))
        yield f"meeting:{meeting.pk}", start, today, meeting


@dataclass
class ScheduleRun:
    """What one run of a schedule did: the drafts it made, and in German why it made no
    (other) draft."""

    created: list[Report] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        made = [
            _("Entwurf %(number)s angelegt.") % {"number": report.number} for report in self.created
        ]
        return " ".join(made + self.notes) or _("Nichts zu tun.")


def report_schedule_run(*, schedule: ReportSchedule, today: datetime.date | None = None):
    """Create and queue the drafts a schedule owes today, and note the run on the schedule.

    One draft per committee meeting: a meeting that already has a report (made by hand, by
    this or another schedule) gets none, so a second run, or a second schedule of the same
    committee, creates nothing. The period starts the day after the last released report
    ended.
    """
    today = today or timezone.localdate()
    run = ScheduleRun()
    if not schedule.active:
        run.notes.append(_("Der Zeitplan ist nicht aktiv."))
        return run
    with transaction.atomic():
        schedule = (
            ReportSchedule.objects.select_for_update(of=("self",))
            .select_related("committee", "created_by")
            .get(pk=schedule.pk)
        )
        occasions = list(_occasions(schedule, today))
        if not occasions:
            run.notes.append(
                _("Keine Sitzung des Ausschusses in den nächsten %(days)s Tagen.")
                % {"days": schedule.days_before}
            )
        for key, start, end, meeting in occasions:
            _schedule_occasion(schedule, run, key=key, start=start, end=end, meeting=meeting)
        schedule.last_run_at = timezone.now()
        schedule.last_run_note = run.summary()[:500]
        schedule.save(update_fields=["last_run_at", "last_run_note"])
    logger.info("Schedule %s ran: %s", schedule.pk, run.summary())
    return run


def _schedule_occasion(schedule, run: ScheduleRun, *, key, start, end, meeting) -> None:
    if meeting is not None:
        # Locked: a second schedule (or staff) cannot add a draft for it meanwhile.
        CommitteeMeeting.objects.select_for_update().filter(pk=meeting.pk).first()
        existing = Report.objects.filter(meeting=meeting).order_by("-serial").first()
        if existing is not None:
            run.notes.append(
                _("Für die Sitzung am %(meeting)s gibt es bereits den Bericht %(number)s.")
                % {"meeting": _date(_meeting_date(meeting)), "number": existing.number}
            )
            return
    existing = Report.objects.filter(schedule=schedule, schedule_key=key).first()
    if existing is not None:
        run.notes.append(
            _("Für diesen Anlass gibt es bereits den Bericht %(number)s.")
            % {"number": existing.number}
        )
        return
    if start > end:
        run.notes.append(
            _("Kein neuer Berichtszeitraum: Der letzte freigegebene Bericht reicht bis %(end)s.")
            % {"end": _date(start - datetime.timedelta(days=1))}
        )
        return
    report = report_create(
        author=schedule.created_by,
        schedule=schedule,
        schedule_key=key,
        title=schedule.title,
        period_start=start,
        period_end=end,
        meeting=meeting,
        visibility=schedule.visibility,
    )
    report_request_generation(report=report)
    run.created.append(report)

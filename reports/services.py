"""Writes on reports: numbering, drafting, generating the PDF, releasing, schedules."""

from __future__ import annotations

import datetime
import json
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from dialog.accounts.roles import Role
from dialog.audit.models import AuditEntry
from dialog.audit.services import audit_record
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
def report_create(*, author, schedule=None, schedule_key: str = "", **fields) -> Report:
    """Create a draft report with the next Vorlage number."""
    with transaction.atomic():
        serial, period, number = report_number_allocate()
        report = Report(
            author=author,
            number=number,
            serial=serial,
            electoral_period=period,
            schedule=schedule,
            schedule_key=schedule_key,
            **{key: value for key, value in fields.items() if key in REPORT_FIELDS},
        )
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
        report.status = Report.Status.DRAFT
        report.snapshot = None
        report.snapshot_taken_at = None
        report.error_message = ""
        report.full_clean()
        report.save()
    return report


# --- Generation -----------------------------------------------------------------------------
def report_request_generation(*, report: Report, refresh_snapshot: bool = True) -> Report:
    """Queue the PDF generation of a report that is not released.

    ``refresh_snapshot`` takes the data anew; without it (e.g. "try again" after a failed
    rendering) the stored snapshot is used, so the result is the PDF of that snapshot. If the
    broker cannot take the job, the report ends up failed with a message (``_queue_generation``).
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status == Report.Status.RELEASED:
            raise ValidationError(
                _("Ein freigegebener Bericht wird nicht neu erzeugt."), code="released"
            )
        if report.status == Report.Status.GENERATING:
            return report  # already queued: generating twice changes nothing
        report.status = Report.Status.GENERATING
        report.error_message = ""
        if refresh_snapshot:
            report.snapshot = None
            report.snapshot_taken_at = None
        report.save(
            update_fields=["status", "error_message", "snapshot", "snapshot_taken_at", "updated_at"]
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


BROKER_UNREACHABLE_MESSAGE = gettext_lazy(
    "Der Auftrag konnte nicht an den Hintergrunddienst übergeben werden, weil die "
    "Warteschlange (Redis) gerade nicht erreichbar ist. Es wurde kein PDF erzeugt. Bitte "
    "versuchen Sie es in einigen Minuten mit „Erneut versuchen“."
)


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
    """Freeze the data of a report being generated (once: a repeated run keeps it)."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("meeting__committee")
            .get(pk=report_id)
        )
        if report.status != Report.Status.GENERATING:
            return None
        if report.snapshot is None:
            taken_at = timezone.now().replace(microsecond=0)
            with translation.override(settings.LANGUAGE_CODE):
                report.snapshot = build_snapshot(report, taken_at=taken_at)
            report.snapshot_taken_at = taken_at
            report.save(update_fields=["snapshot", "snapshot_taken_at", "updated_at"])
    return report


def report_generate(*, report_id: int) -> Report:
    """Take the snapshot (if not yet taken), render the PDF, store it with its checksums and
    page count, and mark the report ready. Idempotent: a report that is not being generated
    is left alone, and the same snapshot gives the same PDF.

    A rendering error marks the report failed with the message; database errors propagate so
    that the task retries them.
    """
    report = report_take_snapshot(report_id=report_id)
    if report is None:
        return Report.objects.get(pk=report_id)
    logger.info("Rendering report %s", report.number)
    try:
        rendered = render_report_pdf(report.snapshot)
        name = _write_atomically(f"berichte/{report.pdf_filename}", rendered.content)
        logger.info("Report %s rendered: %s", report.number, rendered.sha256)
    except Exception as exc:
        logger.exception("Report %s could not be rendered", report.number)
        return report_mark_failed(report_id=report_id, message=str(exc) or type(exc).__name__)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
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


def report_mark_failed(*, report_id: int, message: str) -> Report:
    """The generation failed: keep the message for staff, who may try again."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == Report.Status.GENERATING:
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


def _last_period_end(schedule: ReportSchedule):
    last = (
        Report.objects.filter(meeting__committee=schedule.committee)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    return last


def _occasions(schedule: ReportSchedule, today: datetime.date):
    """The drafts a schedule owes on ``today``: (key, period_start, period_end, meeting)."""
    upcoming = schedule.committee.meetings.filter(starts_at__date__gt=today).order_by("starts_at")
    if schedule.kind == ReportSchedule.Kind.QUARTERLY:
        start, end, key = previous_quarter(today)
        yield key, start, end, upcoming.first()
        return
    horizon = today + datetime.timedelta(days=schedule.days_before)
    for meeting in upcoming.filter(starts_at__date__lte=horizon):
        last_end = _last_period_end(schedule)
        start = (
            last_end + datetime.timedelta(days=1)
            if last_end and last_end < today
            else today - datetime.timedelta(days=90)
        )
        yield f"meeting:{meeting.pk}", start, today, meeting


def report_schedule_run(*, schedule: ReportSchedule, today: datetime.date | None = None):
    """Create and queue the drafts a schedule owes today; a second run creates none."""
    today = today or timezone.localdate()
    created = []
    if not schedule.active:
        return created
    with transaction.atomic():
        ReportSchedule.objects.select_for_update().get(pk=schedule.pk)
        for key, start, end, meeting in _occasions(schedule, today):
            if Report.objects.filter(schedule=schedule, schedule_key=key).exists():
                continue
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
            created.append(report)
    return created

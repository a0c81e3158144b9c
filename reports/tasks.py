"""Celery tasks of the reports: thin wrappers that take primary keys and call a service."""

import base64
import json
import logging
from pathlib import Path

from celery import shared_task
from celery.signals import worker_ready
from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 5


@shared_task(
    bind=True,
    name="reports.generate_report",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    # The outcome lives on the report; storing it in the result backend as well would make
    # every .delay() subscribe to it, which retries for 20 s when Redis is down.
    ignore_result=True,
)
def generate_report(self, report_id: int) -> str | None:
    """Generate a report's PDF. Acknowledged only when done, so a report whose worker died is
    delivered again (by Redis; the file-system broker cannot, see ``requeue_lost_generations``);
    transient errors (database, connections) are retried with exponential backoff; running it
    twice changes nothing (see ``report_generate``)."""
    from .services import SERVICES_UNREACHABLE_MESSAGE, report_generate, report_mark_failed

    try:
        report = report_generate(report_id=report_id)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            logger.exception("Report %s: giving up after %s retries", report_id, self.max_retries)
            report = report_mark_failed(
                report_id=report_id, message=str(SERVICES_UNREACHABLE_MESSAGE)
            )
            return report.status if report else None
        raise self.retry(exc=exc, countdown=min(300, 5 * 2**self.request.retries)) from exc
    return report.status if report else None


@shared_task(name="reports.fail_stale_generations", ignore_result=True)
def fail_stale_generations() -> int:
    """Fired by beat: reports "wird erzeugt" for longer than ``REPORT_GENERATION_TIMEOUT``
    become failed, with a message and "Erneut versuchen" (their job was lost)."""
    from .services import report_fail_stale_generations

    return report_fail_stale_generations()


@shared_task(name="reports.run_schedule", acks_late=True)
def run_schedule(schedule_id: int) -> list[int]:
    """Fired by django-celery-beat: create and generate the drafts a schedule owes today."""
    from .models import ReportSchedule
    from .services import report_schedule_run

    schedule = ReportSchedule.objects.filter(pk=schedule_id).first()
    if schedule is None:
        return []
    return [report.pk for report in report_schedule_run(schedule=schedule).created]


@worker_ready.connect(dispatch_uid="reports-requeue-lost-generations")
def requeue_lost_generations(sender, **kwargs):
    """On the file-system broker a job leaves the queue when a worker takes it, acknowledged
    or not: a worker killed mid-report takes it along. A starting worker queues such reports
    again (Redis redelivers them itself after its visibility timeout)."""
    conf = sender.app.conf
    if not str(conf.broker_url).startswith("filesystem"):
        return
    from .services import report_requeue_lost_generations

    folder = Path((conf.broker_transport_options or {}).get("data_folder_in", "."))
    try:
        report_requeue_lost_generations(still_queued=_queued_report_ids(folder))
    except Exception:  # the worker must start even if the database is not there yet
        logger.exception("Reports being generated could not be queued again")
    finally:
        connections.close_all()


def _queued_report_ids(folder: Path) -> set[int]:
    """The reports whose generation job waits in the file broker's queue folder (kombu keeps
    one JSON file per message; the task's arguments are its body)."""
    queued = set()
    for path in folder.glob("*.msg"):
        try:
            message = json.loads(path.read_bytes())
            if message["headers"].get("task") != generate_report.name:
                continue
            body = message["body"]
            if message["properties"].get("body_encoding") == "base64":
                body = base64.b64decode(body)
            args, _kwargs, _embed = json.loads(body)
            queued.add(int(args[0]))
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            continue  # taken by a worker meanwhile, or not a generation job
    return queued

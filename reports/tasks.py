"""Celery tasks of the reports: thin wrappers that take primary keys and call a service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

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
def generate_report(self, report_id: int) -> str:
    """Generate a report's PDF. Acknowledged only when done, so a report whose worker died is
    delivered again; transient errors (database, connections) are retried with exponential
    backoff; running it twice changes nothing (see ``report_generate``)."""
    from .services import report_generate, report_mark_failed

    try:
        return report_generate(report_id=report_id).status
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            return report_mark_failed(report_id=report_id, message=str(exc)).status
        raise self.retry(exc=exc, countdown=min(300, 5 * 2**self.request.retries)) from exc


@shared_task(name="reports.run_schedule", acks_late=True)
def run_schedule(schedule_id: int) -> list[int]:
    """Fired by django-celery-beat: create and generate the drafts a schedule owes today."""
    from .models import ReportSchedule
    from .services import report_schedule_run

    schedule = ReportSchedule.objects.filter(pk=schedule_id).first()
    if schedule is None:
        return []
    return [report.pk for report in report_schedule_run(schedule=schedule)]

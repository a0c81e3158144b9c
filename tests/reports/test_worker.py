"""A report generated end to end by a real Celery worker process on the configured broker."""

import time

import pytest

from reports import services
from reports.models import Report

from .helpers import pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wait_until_done(report, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status not in (Report.Status.GENERATING, Report.Status.DRAFT):
            return report
        time.sleep(0.5)
    pytest.fail(f"report still {report.status} after {timeout} s")


def test_real_worker_generates_the_report(celery_worker_process, staff_user, dialog_data, period):
    report = services.report_create(
        author=staff_user,
        title="Bericht aus dem echten Worker",
        meeting=dialog_data["meeting"],
        **period,
    )
    services.report_request_generation(report=report)  # .delay() once committed

    report = _wait_until_done(report)

    assert report.status == Report.Status.READY, report.error_message
    text, pages = pdf_text(report)
    assert pages == report.pdf_page_count
    assert report.number in text and "Bericht aus dem echten Worker" in text
    assert all(m.code in text for m in dialog_data["measures"])
    assert celery_worker_process.poll() is None

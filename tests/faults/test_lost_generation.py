"""No report is left "wird erzeugt" for ever when its worker dies (issue 18, item 4).

On the embedded default (no ``REDIS_URL``) Celery's broker is a folder: a worker takes a job
by deleting its file, so a worker killed mid-report takes the job along and nothing delivers it
again. A worker that starts queues such reports again; a generation older than
``REPORT_GENERATION_TIMEOUT`` is failed instead (also when its page is looked at), and
"Erneut versuchen" finishes it. Both run here on the file broker and on Redis, with real
worker and web processes on the private services (see ``conftest.py``).
"""

import os
import signal
import time

import pytest

from .conftest import assert_stored_pdf_matches, wait_for, wait_for_report

pytestmark = pytest.mark.faults

SHORT_TIMEOUT = 15  # seconds; production: REPORT_GENERATION_TIMEOUT, default 900


def _kill_mid_report(stack, processes, report_id):
    """A worker takes the report's job, freezes the data, is held before rendering, and is
    killed (its whole process group, as by the OOM killer or a power cut)."""
    worker = processes.worker("first", app="tests.faults.slow_render")
    wait_for(lambda: "Rendering report" in processes.log("first"), 30, "the first rendering")
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    assert stack.postgres.fetch_report(report_id)["status"] == "generating"


def test_on_the_file_broker_the_next_worker_finishes_the_report_of_a_killed_one(
    stack, file_broker, processes
):
    stack.staff_session()
    report_id = stack.create_report("Bericht trotz Absturz", request_generation=True)
    assert len(file_broker.messages()) == 1  # queued as a file, no worker yet

    _kill_mid_report(stack, processes, report_id)
    # The job left the queue with the worker that took it: nothing will deliver it again.
    assert file_broker.messages() == []

    processes.worker("second")
    row = wait_for_report(stack, report_id, {"ready", "failed"}, 45)
    assert_stored_pdf_matches(stack, row)
    second = processes.log("second")
    assert "its job was lost; generation queued again" in second
    assert second.count("rendered:") == 1
    assert file_broker.messages() == []


@pytest.mark.parametrize("broker", ["file", "redis"])
def test_a_lost_generation_fails_after_the_timeout_and_try_again_finishes_it(
    broker, stack, processes, request
):
    if broker == "file":
        request.getfixturevalue("file_broker")
    stack.extra_env["REPORT_GENERATION_TIMEOUT"] = str(SHORT_TIMEOUT)
    session = stack.staff_session()
    web = processes.web()
    web.log_in(session)
    report_id = stack.create_report("Bericht mit verlorenem Auftrag", request_generation=True)
    requested_at = time.monotonic()
    _kill_mid_report(stack, processes, report_id)
    page_url = f"/berichte/{report_id}/"

    # Until the timeout the report is being generated (if the worker started quickly enough
    # to look before it); then its page says what happened.
    before_timeout = time.monotonic() - requested_at < SHORT_TIMEOUT - 2
    if before_timeout:
        assert "Das PDF wird gerade erzeugt." in web.get(page_url).body
    page = wait_for(
        lambda: "Erneut versuchen" in (body := web.get(page_url).body) and body,
        SHORT_TIMEOUT + 15,
        "the report page to offer “Erneut versuchen”",
        interval=1,
    )
    assert time.monotonic() - requested_at >= SHORT_TIMEOUT - 1
    row = stack.postgres.fetch_report(report_id)
    assert row["status"] == "failed"
    assert "nicht innerhalb von 1 Minute beendet" in row["error_message"]
    assert row["error_message"] in page
    assert str(stack.media_root) not in page and "Traceback" not in page

    processes.worker("second")
    retried = web.post(f"/berichte/{report_id}/erzeugen/", {"retry": "1"})
    assert "Das PDF wird erzeugt" in retried.body
    row = wait_for_report(stack, report_id, {"ready", "failed"}, 45)
    assert_stored_pdf_matches(stack, row)
    assert web.get(page_url).body.count("PDF herunterladen") == 1

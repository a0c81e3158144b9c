"""What survives a dead worker, a stopped Redis and a restarted PostgreSQL (issue 8, part 2).

All of it runs on private service instances (see ``conftest.py``), never on the shared ones.
"""

import os
import signal
import socket
import time

import pytest

from .conftest import (
    RESTORE_INTERVAL,
    VISIBILITY_TIMEOUT,
    assert_stored_pdf_matches,
    wait_for,
    wait_for_report,
)

pytestmark = pytest.mark.faults

QUEUE = "celery"


def test_report_of_a_killed_worker_is_finished_once_by_the_next_worker(stack, processes):
    stack.staff_session()
    report_id = stack.create_report("Bericht trotz Absturz", request_generation=True)
    redis = stack.redis.client()
    assert redis.llen(QUEUE) == 1  # queued, no worker yet

    # The first worker takes the job, freezes the data, and is held before rendering.
    first = processes.worker("first", app="tests.faults.slow_render")
    wait_for(lambda: "Rendering report" in processes.log("first"), 20, "the first rendering")
    delivered_at = time.monotonic()
    assert redis.hlen("unacked") == 1  # delivered, not acknowledged
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    killed_at = time.monotonic()
    assert stack.postgres.fetch_report(report_id)["status"] == "generating"

    # A new worker gets the job again once the visibility timeout has passed.
    processes.worker("second")
    wait_for(
        lambda: "Rendering report" in processes.log("second"),
        VISIBILITY_TIMEOUT + RESTORE_INTERVAL + 10,
        "the redelivery to the second worker",
    )
    redelivered_at = time.monotonic()
    # Not before the visibility timeout (a little slack: delivery came just before we saw
    # it), and within the timeout plus the restore interval plus a few seconds.
    assert redelivered_at - delivered_at >= VISIBILITY_TIMEOUT - 2
    assert redelivered_at - killed_at <= VISIBILITY_TIMEOUT + RESTORE_INTERVAL + 5

    row = wait_for_report(stack, report_id, {"ready", "failed"}, 30)
    assert_stored_pdf_matches(stack, row)

    # Rendered and written once; nothing left that could deliver it a third time.
    logs = processes.log("first") + processes.log("second")
    assert logs.count("Rendering report") == 2  # started by both workers …
    assert logs.count("rendered:") == 1  # … finished by one
    assert logs.count("succeeded in") == 1  # one acknowledged run of the task
    assert sorted(path.name for path in (stack.media_root / "berichte").iterdir()) == [
        os.path.basename(row["pdf"])
    ]
    wait_for(lambda: redis.hlen("unacked") == 0, 5, "the acknowledgement")
    assert redis.llen(QUEUE) == 0


def test_without_redis_pages_work_health_says_so_and_no_report_is_lost(stack, processes):
    session = stack.staff_session()
    report_id = stack.create_report("Bericht ohne Warteschlange", request_generation=False)
    web = processes.web()
    processes.worker("worker")
    healthy = web.get("/healthz")
    assert healthy.status == 200, healthy.body
    assert healthy.json()["checks"] == {"database": "ok", "broker": "ok"}

    stack.redis.stop()

    health = web.get("/healthz")
    assert health.status == 503
    assert health.json()["checks"] == {"database": "ok", "broker": "unreachable"}
    assert health.elapsed < 5
    for path in ["/", "/massnahmen/", "/berichte/", "/veranstaltungen/", "/impressum/"]:
        assert web.get(path).status == 200, path
    # Logged-in pages too: the session comes from the database while the cache is away.
    web.log_in(session)
    for path in ["/", "/berichte/", f"/berichte/{report_id}/", "/unternehmen/"]:
        assert web.get(path).status == 200, path

    # Requested while the broker is away (the service the web page and the schedules call):
    # refused with a clear message and kept for a retry, never left "generating" for ever.
    started = time.monotonic()
    stack.django(
        "from reports import services\n"
        "from reports.models import Report\n"
        f"services.report_request_generation(report=Report.objects.get(pk={report_id}))\n"
        "print('requested')\n"
    )
    assert time.monotonic() - started < 20
    row = stack.postgres.fetch_report(report_id)
    assert row["status"] == "failed"
    assert "Warteschlange (Redis) gerade nicht erreichbar" in row["error_message"]

    stack.redis.start()

    wait_for(lambda: web.get("/healthz").status == 200, 15, "/healthz to recover")
    web.log_in(session)
    page = web.get(f"/berichte/{report_id}/")
    assert "Warteschlange (Redis) gerade nicht erreichbar" in page.body
    assert "Erneut versuchen" in page.body
    retried = web.post(f"/berichte/{report_id}/erzeugen/", {"retry": "1"})
    assert "Das PDF wird erzeugt" in retried.body
    row = wait_for_report(stack, report_id, {"ready", "failed"}, 45)
    assert_stored_pdf_matches(stack, row)
    assert processes.log("worker").count("rendered:") == 1


def test_health_check_does_not_hang_on_a_broker_that_never_answers(stack, processes):
    # A "Redis" that takes connections and never answers: a hung server or a dead network path.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        web = processes.web(REDIS_URL=f"redis://127.0.0.1:{silent.getsockname()[1]}/0")

        health = web.get("/healthz", timeout=30)

    assert health.status == 503
    assert health.json()["checks"] == {"database": "ok", "broker": "unreachable"}
    assert health.elapsed < 8
    assert web.get("/massnahmen/").status == 200


def test_after_a_postgresql_restart_the_next_requests_succeed(stack, processes):
    session = stack.staff_session()
    report_id = stack.create_report("Bericht nach Neustart", request_generation=False)
    web = processes.web()
    processes.worker("worker")
    web.log_in(session)
    assert web.get(f"/berichte/{report_id}/").status == 200  # opens the kept connection

    stack.postgres.restart()

    # The very next request meets the connection the restart cut: it must not fail.
    for path in [f"/berichte/{report_id}/", "/berichte/", "/", "/massnahmen/"]:
        response = web.get(path)
        assert response.status == 200, (path, response.body[:2000])
    health = web.get("/healthz")
    assert health.status == 200
    assert health.json()["checks"]["database"] == "ok"

    # The worker's connection was cut too; it still generates the report.
    requested = web.post(f"/berichte/{report_id}/erzeugen/")
    assert "Das PDF wird erzeugt" in requested.body
    row = wait_for_report(stack, report_id, {"ready", "failed"}, 45)
    assert_stored_pdf_matches(stack, row)

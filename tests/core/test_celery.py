"""A task makes a round trip through a real worker process on the configured broker."""

import pytest

from dialog.core.tasks import ping


@pytest.mark.worker
def test_task_round_trip_through_a_real_worker(celery_worker_process):
    result = ping.delay("industrie-dialog")
    assert result.get(timeout=30) == "pong:industrie-dialog"
    assert celery_worker_process.poll() is None

"""Staff request a report while the broker refuses connections: they are told so at once and
the report waits, failed, for "Erneut versuchen" — it is never left "wird erzeugt" for ever.

The web part runs in the test process here (so the session store stays up while only the
broker is away); the broker is a real Redis URL on a port where nothing listens.
"""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from dialog.accounts.roles import Role
from dialog.celery import app as celery_app
from reports import services
from reports.models import Report

from .conftest import free_port

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _drop_broker_pools():
    # Only forget them: kombu keeps one pool per broker URL, and the pool of the real broker
    # must stay open for the tests that follow.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def refusing_broker():
    saved = celery_app.conf.broker_url, celery_app.conf.broker_transport_options
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    celery_app.conf.broker_transport_options = {"socket_connect_timeout": 1}
    _drop_broker_pools()
    yield
    celery_app.conf.broker_url, celery_app.conf.broker_transport_options = saved
    _drop_broker_pools()


def test_staff_are_told_the_queue_is_down_and_can_try_again(refusing_broker, client_for, period):
    client = client_for(Role.VERWALTUNG)
    report = services.report_create(author=client.user, title="Bericht bei Störung", **period)

    started = time.monotonic()
    response = client.post(reverse("reports:generate", args=[report.pk]), follow=True)

    assert time.monotonic() - started < 10
    assert response.status_code == 200
    page = response.content.decode()
    assert "Warteschlange (Redis) gerade nicht erreichbar" in page
    assert "Erneut versuchen" in page
    assert "Das PDF wird erzeugt" not in page
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "nicht erreichbar" in report.error_message


@pytest.fixture
def period():
    today = timezone.localdate()
    return {"period_start": today.replace(day=1), "period_end": today}

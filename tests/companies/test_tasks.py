"""The weekly early-warning digest is a Celery beat job."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from companies.tasks import risk_digest_send

from .factories import RiskSignalFactory

pytestmark = pytest.mark.django_db


def test_the_digest_is_scheduled_weekly():
    entry = settings.CELERY_BEAT_SCHEDULE["companies-risk-digest"]
    assert entry["task"] == risk_digest_send.name
    schedule = entry["schedule"]
    assert schedule.day_of_week == {1}  # Monday
    assert schedule.hour == {7}


def test_the_digest_task_mails_staff(staff_user, django_capture_on_commit_callbacks):
    RiskSignalFactory(observed_on=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        assert risk_digest_send.delay().get() == 1
    assert mail.outbox[0].to == [staff_user.email]

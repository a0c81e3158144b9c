"""Schedules: django-celery-beat entries that create and generate drafts and tell staff."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from dialog.accounts.roles import Role
from dialog.celery import app as celery_app
from reports import tasks  # noqa: F401  (registers the tasks beat names)
from reports.models import Report, ReportSchedule
from reports.services import previous_quarter, report_schedule_delete, report_schedule_save

from .factories import CommitteeFactory, CommitteeMeetingFactory

pytestmark = pytest.mark.django_db


def _fire(entry):
    """Run the beat entry's task with its arguments, as beat would send it."""
    celery_app.tasks[entry.task].apply_async(args=json.loads(entry.args))


def test_before_meeting_schedule_creates_generates_and_announces_a_draft(
    make_user, dialog_data, django_capture_on_commit_callbacks
):
    staff = make_user(Role.VERWALTUNG)
    meeting = dialog_data["meeting"]  # in 14 days
    schedule = report_schedule_save(
        schedule=ReportSchedule(
            name="Drei Wochen vor jeder Sitzung",
            kind="before_meeting",
            days_before=21,
            committee=meeting.committee,
            created_by=staff,
        )
    )
    entry = PeriodicTask.objects.get(pk=schedule.periodic_task_id)
    assert entry.task == "reports.run_schedule" and entry.enabled
    assert entry.crontab.hour == "6"

    with django_capture_on_commit_callbacks(execute=True):
        _fire(entry)
    report = Report.objects.get(schedule=schedule)
    assert report.meeting == meeting
    assert report.status == Report.Status.READY
    assert report.schedule_key == f"meeting:{meeting.pk}"
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert report.number in mail.outbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        _fire(entry)
    assert Report.objects.filter(schedule=schedule).count() == 1


def test_before_meeting_schedule_waits_until_n_days_before(db):
    meeting = CommitteeMeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=40))
    schedule = report_schedule_save(
        schedule=ReportSchedule(
            name="Zwei Wochen vorher",
            kind="before_meeting",
            days_before=14,
            committee=meeting.committee,
        )
    )
    _fire(schedule.periodic_task)
    assert not Report.objects.exists()


def test_quarterly_schedule_reports_on_the_previous_quarter(db, django_capture_on_commit_callbacks):
    schedule = report_schedule_save(
        schedule=ReportSchedule(name="Quartal", kind="quarterly", committee=CommitteeFactory())
    )
    assert schedule.periodic_task.crontab.month_of_year == "1,4,7,10"
    with django_capture_on_commit_callbacks(execute=True):
        _fire(schedule.periodic_task)
    report = Report.objects.get()
    start, end, key = previous_quarter(timezone.localdate())
    assert (report.period_start, report.period_end, report.schedule_key) == (start, end, key)


def test_inactive_schedule_disables_its_beat_entry_and_deleting_removes_it(db):
    schedule = report_schedule_save(
        schedule=ReportSchedule(name="Aus", kind="quarterly", committee=CommitteeFactory())
    )
    schedule.active = False
    report_schedule_save(schedule=schedule)
    assert not PeriodicTask.objects.get(pk=schedule.periodic_task_id).enabled
    report_schedule_delete(schedule=schedule)
    assert not PeriodicTask.objects.filter(name__startswith="Berichtszeitplan").exists()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            datetime.date(2026, 1, 1),
            (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31), "2025-Q4"),
        ),
        (
            datetime.date(2026, 4, 1),
            (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), "2026-Q1"),
        ),
        (
            datetime.date(2026, 8, 15),
            (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), "2026-Q2"),
        ),
        (
            datetime.date(2026, 12, 31),
            (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30), "2026-Q3"),
        ),
    ],
)
def test_previous_quarter(today, expected):
    assert previous_quarter(today) == expected


def test_staff_manage_schedules_in_the_portal(client_for):
    from django.urls import reverse

    committee = CommitteeFactory()
    client = client_for(Role.VERWALTUNG)
    response = client.post(
        reverse("reports:schedule-create"),
        {
            "name": "Vor jeder Sitzung",
            "kind": "before_meeting",
            "days_before": 21,
            "committee": committee.pk,
            "visibility": "public",
            "title": "Sachstand",
            "active": "on",
        },
    )
    assert response.status_code == 302
    schedule = ReportSchedule.objects.get()
    assert schedule.periodic_task.args == json.dumps([schedule.pk])
    response = client.post(
        reverse("reports:schedule-create"),
        {
            "name": "",
            "kind": "before_meeting",
            "days_before": 999,
            "committee": committee.pk,
            "visibility": "public",
            "title": "Sachstand",
        },
    )
    assert response.status_code == 200 and ReportSchedule.objects.count() == 1

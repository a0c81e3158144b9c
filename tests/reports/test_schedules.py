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
from reports.services import (
    previous_quarter,
    report_create,
    report_schedule_delete,
    report_schedule_run,
    report_schedule_save,
)

from .factories import CommitteeFactory, CommitteeMeetingFactory, ReportFactory, released_report

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


# --- One draft per meeting, the period, running by hand ------------------------------------
def _before_meeting(committee, name="Vor jeder Sitzung", **kwargs):
    return report_schedule_save(
        schedule=ReportSchedule(
            name=name, kind="before_meeting", days_before=21, committee=committee, **kwargs
        )
    )


def _meeting_in(days, **kwargs):
    return CommitteeMeetingFactory(
        starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(days=days), **kwargs
    )


def test_a_meeting_gets_one_draft_however_often_and_by_whichever_schedule(
    db, django_capture_on_commit_callbacks
):
    meeting = _meeting_in(10)
    first = _before_meeting(meeting.committee, "Drei Wochen vorher")
    second = _before_meeting(meeting.committee, "Noch ein Zeitplan")

    with django_capture_on_commit_callbacks(execute=True):
        made = report_schedule_run(schedule=first).created
        again = report_schedule_run(schedule=first)
        other = report_schedule_run(schedule=second)

    assert [report.meeting for report in made] == [meeting]
    assert again.created == [] and other.created == []
    assert Report.objects.filter(meeting=meeting).count() == 1
    assert f"gibt es bereits den Bericht {made[0].number}" in other.summary()


def test_a_schedule_leaves_a_meeting_alone_that_staff_drafted_by_hand(staff_user):
    meeting = _meeting_in(10)
    today = timezone.localdate()
    by_hand = report_create(
        author=staff_user,
        title="Von Hand",
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
        meeting=meeting,
    )
    run = report_schedule_run(schedule=_before_meeting(meeting.committee))
    assert run.created == []
    assert list(Report.objects.all()) == [by_hand]


def test_period_starts_the_day_after_the_last_released_report_ended(
    db, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    meeting = _meeting_in(10)
    released_report(
        meeting=_meeting_in(-60, committee=meeting.committee),
        period_start=today - datetime.timedelta(days=200),
        period_end=today - datetime.timedelta(days=70),
    )
    # A later draft that was never released does not count.
    ReportFactory(
        meeting=_meeting_in(-5, committee=meeting.committee),
        period_start=today - datetime.timedelta(days=69),
        period_end=today - datetime.timedelta(days=6),
    )

    with django_capture_on_commit_callbacks(execute=True):
        (report,) = report_schedule_run(schedule=_before_meeting(meeting.committee)).created

    assert report.period_start == today - datetime.timedelta(days=69)
    assert report.period_end == today


def test_first_period_starts_after_the_previous_meeting(db, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    meeting = _meeting_in(10)
    previous = _meeting_in(-45, committee=meeting.committee)

    with django_capture_on_commit_callbacks(execute=True):
        (report,) = report_schedule_run(schedule=_before_meeting(meeting.committee)).created

    assert report.period_start == timezone.localdate(previous.starts_at) + datetime.timedelta(1)
    assert report.period_start != today - datetime.timedelta(days=90)


def test_quarterly_period_reaches_back_to_the_last_released_report(
    db, django_capture_on_commit_callbacks
):
    quarter_start, quarter_end, _key = previous_quarter(timezone.localdate())
    released_report(
        meeting=_meeting_in(-90),
        period_start=quarter_start - datetime.timedelta(days=200),
        period_end=quarter_start - datetime.timedelta(days=100),
    )
    next_meeting = _meeting_in(20)
    schedule = report_schedule_save(
        schedule=ReportSchedule(name="Quartal", kind="quarterly", committee=CommitteeFactory())
    )
    with django_capture_on_commit_callbacks(execute=True):
        (report,) = report_schedule_run(schedule=schedule).created
    assert report.period_start == quarter_start - datetime.timedelta(days=99)
    assert report.period_end == quarter_end
    assert report.meeting == next_meeting


def test_schedule_list_shows_last_and_next_run_and_staff_run_it_now(
    client_for, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    meeting = _meeting_in(10)
    schedule = _before_meeting(meeting.committee, "Drei Wochen vorher")
    client = client_for(Role.VERWALTUNG)
    now = timezone.localtime()
    next_run = now.replace(hour=6, minute=0, second=0, microsecond=0)
    if next_run <= now:
        next_run += datetime.timedelta(days=1)

    page = client.get(reverse("reports:schedules")).content.decode()
    assert "Letzte Ausführung" in page and "noch nie" in page
    assert f"{next_run:%d.%m.%Y} 06:00" in page
    run_url = reverse("reports:schedule-run", args=[schedule.pk])
    assert f'action="{run_url}"' in page and "Jetzt ausführen" in page

    assert client.get(run_url).status_code == 405  # running changes data: POST only
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(run_url, follow=True)
    report = Report.objects.get(schedule=schedule)
    page = response.content.decode()
    assert f"Entwurf {report.number} angelegt." in page
    schedule.refresh_from_db()
    assert schedule.last_run_at is not None
    assert f"{timezone.localtime(schedule.last_run_at):%d.%m.%Y %H:%M}" in page

    page = client.post(run_url, follow=True).content.decode()
    assert "kein neuer Entwurf" in page
    assert Report.objects.filter(schedule=schedule).count() == 1


def test_an_inactive_schedule_has_no_next_run(client_for):
    from django.urls import reverse

    schedule = _before_meeting(_meeting_in(10).committee, active=False)
    client = client_for(Role.VERWALTUNG)
    assert "nicht aktiv" in client.get(reverse("reports:schedules")).content.decode()
    page = client.post(
        reverse("reports:schedule-run", args=[schedule.pk]), follow=True
    ).content.decode()
    assert "Der Zeitplan ist nicht aktiv." in page
    assert not Report.objects.exists()


@pytest.mark.parametrize("role", [Role.AUSSCHUSS, Role.BEIRAT, Role.PARTNER])
def test_only_staff_run_a_schedule(role, client_for):
    from django.urls import reverse

    schedule = _before_meeting(_meeting_in(10).committee)
    response = client_for(role).post(reverse("reports:schedule-run", args=[schedule.pk]))
    assert response.status_code == 403
    assert not Report.objects.exists()

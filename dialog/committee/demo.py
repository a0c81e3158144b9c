"""Demo data of the committee: the AAWW and its meeting dates since 2014. Idempotent."""

import calendar
import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from .models import Committee, CommitteeMeeting

BERLIN = ZoneInfo("Europe/Berlin")


def load(stdout):
    stdout.write(f"  Ausschuss: {_committee()} Sitzungstermine")


def _second_weekday(year, month, weekday):
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month]
    return [d for d in days if d.weekday() == weekday][1]


def _committee():
    committee, _ = Committee.objects.get_or_create(
        name="Ausschuss für Arbeit, Wirtschaft und Wissenschaft", defaults={"short_name": "AAWW"}
    )
    until = timezone.localdate() + datetime.timedelta(days=365)
    count = 0
    for year in range(2014, until.year + 1):
        for month in (2, 3, 5, 6, 9, 11):
            day = _second_weekday(year, month, 3)
            if day < datetime.date(2014, 3, 1) or day > until:
                continue
            CommitteeMeeting.objects.get_or_create(
                committee=committee,
                starts_at=datetime.datetime(day.year, day.month, day.day, 17, tzinfo=BERLIN),
                defaults={"location": "Rathaus Aachen, Ratssaal", "public": True},
            )
            count += 1
    return count

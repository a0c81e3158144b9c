"""iCalendar (.ics) files: one VCALENDAR of entries, in Europe/Berlin with VTIMEZONE."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

DEFAULT_DURATION = timedelta(hours=2)
PRODID = "-//Stadt Aachen//Aachener Industrie-Dialog//DE"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime | None = None
    location: str = ""
    description: str = ""


def calendar_ics(entries, *, name: str) -> bytes:
    """One VCALENDAR with a VEVENT per entry; times local to Berlin, with the VTIMEZONE."""
    berlin = ZoneInfo(settings.TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", " ".join(name.split()))  # a title may hold a line break
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for entry in entries:
        event = icalendar.Event()
        start = entry.starts_at.astimezone(berlin)
        end = (entry.ends_at or entry.starts_at + DEFAULT_DURATION).astimezone(berlin)
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", entry.summary)
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

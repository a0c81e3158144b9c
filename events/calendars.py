"""iCalendar files of events: one per event and a feed of the public events.

Times are written in Europe/Berlin with a VTIMEZONE, so calendars show the right local time
on both sides of a daylight-saving change.
"""

from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Stadt Aachen//Aachener Industrie-Dialog//DE"


def _vevent(event, base_url):
    entry = icalendar.Event()
    entry.add("uid", f"event-{event.pk}@industrie-dialog.aachen.de")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at.astimezone(BERLIN))
    entry.add("dtend", event.ends_at.astimezone(BERLIN))
    entry.add("summary", event.title)
    url = base_url + event.get_absolute_url()
    entry.add("url", url)
    description = event.description.strip()
    entry.add("description", f"{description}\n\n{url}".strip())
    location = event.venue or (event.host_company.name if event.host_company else "")
    if location:
        entry.add("location", location)
    entry.add("categories", [event.get_format_display()])
    entry.add("status", "CANCELLED" if event.status == event.Status.CANCELLED else "CONFIRMED")
    entry.add("last-modified", event.updated_at)
    return entry


def calendar_for(events, *, name: str, base_url: str | None = None) -> bytes:
    """Serialise the events as one iCalendar file."""
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", " ".join(name.split()))  # a title may hold a line break
    calendar.add("x-wr-timezone", "Europe/Berlin")
    starts = []
    for event in events:
        calendar.add_component(_vevent(event, base_url))
        starts.append(event.starts_at.astimezone(BERLIN).date())
    if starts:
        calendar.add_missing_timezones(
            first_date=min(starts).replace(month=1, day=1),
            last_date=max(starts).replace(year=max(starts).year + 1, month=1, day=1),
        )
    return calendar.to_ical()

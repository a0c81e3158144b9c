"""iCalendar (.ics) files: one VCALENDAR of entries, in Europe/Berlin with VTIMEZONE.

The one builder of calendar files: events, board and committee meetings all hand their
entries to :func:`calendar_ics`. Whatever users typed (a title with a line break, commas,
semicolons, backslashes, control characters, a very long description) gives a valid file
(RFC 5545): text values lose the control characters a TEXT value may not hold, a one-line
property (summary, location, the calendar's name) is one line, and the library escapes
``\\ ; , newline`` and folds every line at 75 octets without splitting a character.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

DEFAULT_DURATION = timedelta(hours=2)
PRODID = "-//Stadt Aachen//Aachener Industrie-Dialog//DE"

# Every way of breaking a line: CR LF, CR, LF, vertical tab, form feed, the Unicode separators.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# What RFC 5545 calls CONTROL (all but the tab) and the C1 controls: never in a TEXT value.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime | None = None
    location: str = ""
    description: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    status: str = ""  # CONFIRMED, CANCELLED … (RFC 5545 §3.8.1.11); empty: none
    last_modified: datetime | None = None


def ical_text(value, *, multiline: bool = False) -> str:
    """A text value as a calendar may hold it: no control characters, line breaks as ``\\n``
    (a one-line property gets spaces instead). Escaping and folding are the library's."""
    lines = [_CONTROL.sub("", line) for line in _LINE_BREAK.split(str(value or ""))]
    if multiline:
        return "\n".join(line.rstrip() for line in lines).strip("\n")
    return " ".join(" ".join(lines).split())


def calendar_ics(entries, *, name: str) -> bytes:
    """One VCALENDAR with a VEVENT per entry; times local to Berlin, with the VTIMEZONE."""
    berlin = ZoneInfo(settings.TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", icalendar.vText(ical_text(name)))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    starts = []
    for entry in entries:
        start = entry.starts_at.astimezone(berlin)
        end = (entry.ends_at or entry.starts_at + DEFAULT_DURATION).astimezone(berlin)
        starts.append(start.date())
        calendar.add_component(_vevent(entry, start, end, stamp))
    if starts:
        # The zone's rules for the years the entries fall in, not for 1970 to 2038.
        calendar.add_missing_timezones(
            first_date=min(starts).replace(month=1, day=1),
            last_date=max(starts).replace(year=max(starts).year + 1, month=1, day=1),
        )
    return calendar.to_ical()


def _vevent(entry: CalendarEntry, start, end, stamp) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", ical_text(entry.uid))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", ical_text(entry.summary))
    if entry.url:
        event.add("url", "".join(ical_text(entry.url).split()))
    location = ical_text(entry.location)
    if location:
        event.add("location", location)
    description = ical_text(entry.description, multiline=True)
    if description:
        event.add("description", description)
    categories = [text for text in (ical_text(c) for c in entry.categories) if text]
    if categories:
        event.add("categories", categories)
    if entry.status:
        event.add("status", entry.status)
    if entry.last_modified:
        event.add("last-modified", entry.last_modified)
    return event

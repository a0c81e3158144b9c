"""iCalendar files of events: one per event and a feed of the public events.

The file itself comes from the portal's one calendar builder (``dialog.core.calendars``):
times in Europe/Berlin with a VTIMEZONE, so calendars show the right local time on both sides
of a daylight-saving change, and whatever a title or description holds gives a valid file.
"""

from django.conf import settings

from dialog.core.calendars import CalendarEntry, calendar_ics


def event_entry(event, base_url: str) -> CalendarEntry:
    """An event as a calendar entry with its page's link (``host_company`` selected)."""
    url = base_url + event.get_absolute_url()
    return CalendarEntry(
        uid=f"event-{event.pk}@industrie-dialog.aachen.de",
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        location=event.venue or (event.host_company.name if event.host_company else ""),
        description=f"{event.description.strip()}\n\n{url}".strip(),
        url=url,
        categories=(event.get_format_display(),),
        status="CANCELLED" if event.status == event.Status.CANCELLED else "CONFIRMED",
        last_modified=event.updated_at,
    )


def calendar_for(events, *, name: str, base_url: str | None = None) -> bytes:
    """Serialise the events as one iCalendar file."""
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    return calendar_ics([event_entry(event, base_url) for event in events], name=name)

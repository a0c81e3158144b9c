"""Board meetings as calendar entries."""

from dialog.core.calendars import CalendarEntry


def board_meeting_entry(meeting) -> CalendarEntry:
    """A board meeting with its agenda (agenda items should be prefetched)."""
    agenda = "\n".join(f"TOP {item.position}: {item.title}" for item in meeting.agenda_items.all())
    return CalendarEntry(
        uid=f"beirat-sitzung-{meeting.pk}@industrie-dialog.aachen",
        summary=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        description=agenda,
    )

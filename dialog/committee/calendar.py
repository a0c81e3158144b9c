"""Committee meetings as calendar entries."""

from dialog.core.calendars import CalendarEntry


def committee_meeting_entry(meeting) -> CalendarEntry:
    committee = meeting.committee
    return CalendarEntry(
        uid=f"ausschuss-sitzung-{meeting.pk}@industrie-dialog.aachen",
        summary=f"Sitzung {committee.short_name or committee.name}",
        starts_at=meeting.starts_at,
        location=meeting.location,
        description=committee.name,
    )

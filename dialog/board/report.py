"""The board's chapter of a committee report (Berichterstattung): its meetings in the reporting
period and their resolutions, as JSON-serialisable data for the report's frozen snapshot.

For ``reports.snapshot.SECTIONS``::

    Section("board", _l("Unternehmerbeirat: Sitzungen und Beschlüsse"), section_board,
            "board/report_section.html")
"""

from django.utils import timezone

from .selectors import meetings_in_period


def section_board(period) -> dict:
    """``period`` has ``start`` and ``end`` dates (a ``reports.snapshot.ReportPeriod``).

    Resolutions appear once the meeting's minutes are released; nothing names a member's vote.
    """
    meetings = []
    resolution_count = 0
    for meeting in meetings_in_period(period.start, period.end):
        starts_at = timezone.localtime(meeting.starts_at)
        resolutions = []
        if meeting.minutes_released:
            for resolution in meeting.resolutions.all():
                resolutions.append(
                    {
                        "text": resolution.text,
                        "votes_for": resolution.votes_for,
                        "votes_against": resolution.votes_against,
                        "votes_abstain": resolution.votes_abstain,
                        "effect": resolution.effect,
                        "effect_label": str(resolution.get_effect_display()),
                        "measure_code": resolution.measure.code if resolution.measure else "",
                        "measure_title": resolution.measure.title if resolution.measure else "",
                        "applied_on": timezone.localdate(resolution.applied_at).isoformat()
                        if resolution.applied_at
                        else None,
                    }
                )
        resolution_count += len(resolutions)
        meetings.append(
            {
                # ISO, like every date of the snapshot: the report formats them all alike.
                "date": starts_at.date().isoformat(),
                "title": meeting.title,
                "location": meeting.location,
                "agenda": [item.title for item in meeting.agenda_items.all()],
                "minutes_released": meeting.minutes_released,
                "resolutions": resolutions,
            }
        )
    return {
        "meeting_count": len(meetings),
        "resolution_count": resolution_count,
        "meetings": meetings,
    }

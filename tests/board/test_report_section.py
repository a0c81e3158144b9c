"""The board's chapter for committee reports: meetings of the period and released resolutions."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from dialog.board.report import section_board

from .factories import AgendaItemFactory, BoardMeetingFactory, MeasureFactory, ResolutionFactory

pytestmark = pytest.mark.django_db
Q1_2025 = SimpleNamespace(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 3, 31))


def test_the_chapter_lists_the_periods_meetings_and_their_released_resolutions():
    released = BoardMeetingFactory(
        title="33. Sitzung",
        starts_at="2025-02-12T17:30:00+01:00",
        minutes="Protokoll",
        minutes_released_at="2025-02-20T10:00:00+01:00",
    )
    AgendaItemFactory(meeting=released, position=1, title="Flächen")
    ResolutionFactory(
        meeting=released,
        text="Der Beirat empfiehlt M-04.",
        measure=MeasureFactory(code="M-04"),
        effect="prioritise",
        priority=1,
    )
    draft = BoardMeetingFactory(title="34. Sitzung", starts_at="2025-03-26T17:30:00+01:00")
    ResolutionFactory(meeting=draft, text="Noch nicht freigegeben")
    BoardMeetingFactory(title="32. Sitzung", starts_at="2024-10-09T17:30:00+02:00")

    data = section_board(Q1_2025)
    assert json.loads(json.dumps(data)) == data
    assert [m["title"] for m in data["meetings"]] == ["33. Sitzung", "34. Sitzung"]
    assert data["resolution_count"] == 1
    first = data["meetings"][0]
    assert first["date"] == "2025-02-12" and first["agenda"] == ["Flächen"]
    assert first["resolutions"][0]["measure_code"] == "M-04"
    html = render_to_string("board/report_section.html", {"data": data})
    assert "Der Beirat empfiehlt M-04." in html
    assert "Noch nicht freigegeben" not in html
    assert "Das Protokoll ist noch nicht freigegeben." in html


def test_an_empty_period_says_so():
    html = render_to_string("board/report_section.html", {"data": section_board(Q1_2025)})
    assert "Keine Sitzungen im Berichtszeitraum." in html

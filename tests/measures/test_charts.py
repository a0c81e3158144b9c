"""The SVG charts: valid markup, accessible, no inline styles, the same data as the tables."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from measures.charts import capacity_svg, indicator_svg, timeline_svg
from measures.selectors import QuarterLoad, TimelinePhase, TimelineRow

SVG = "{http://www.w3.org/2000/svg}"
Q = 2026 * 4


def _rows():
    return [
        TimelineRow(
            code="M-01",
            title="Unternehmerbeirat <einrichten>",
            status="active",
            status_label="laufend",
            field_of_action="1. Dialog & Beteiligung",
            phases=(TimelinePhase("Start", Q - 40, Q - 39, 30, True),),
        ),
        TimelineRow(
            code="M-02",
            title="Woche der Mobilität",
            status="deferred",
            status_label="zurückgestellt",
            field_of_action="3. Fachkräfte",
            phases=(TimelinePhase("Pilot", Q + 2, Q + 5, 40, False),),
        ),
    ]


def _parse(markup):
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text
    assert "style=" not in str(markup)
    return root


def test_timeline_has_a_bar_per_phase_coloured_by_status_and_groups():
    markup = timeline_svg(_rows(), today=datetime.date(2026, 5, 1))
    root = _parse(markup)
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 2
    assert bars[0].get("fill") != bars[1].get("fill")
    assert bars[0].get("stroke")  # fixed phase is outlined
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "1. Dialog & Beteiligung" in texts
    assert "2016" in texts and "2027" in texts
    assert "&lt;einrichten&gt;" in markup  # escaped


def test_the_same_input_gives_the_same_chart():
    today = datetime.date(2026, 5, 1)
    assert timeline_svg(_rows(), today=today) == timeline_svg(_rows(), today=today)


def test_an_empty_timeline_says_so():
    root = _parse(timeline_svg([], today=datetime.date(2026, 5, 1)))
    assert "Keine Maßnahmen mit Phasen." in [t.text for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("planned", [Decimal("0"), Decimal("50.5"), Decimal("400")])
def test_capacity_chart_marks_overloaded_quarters_red(planned):
    quarters = [
        QuarterLoad(index=Q, planned=planned, capacity=100, has_capacity=True),
        QuarterLoad(index=Q + 1, planned=Decimal("10"), capacity=100, has_capacity=False),
    ]
    root = _parse(capacity_svg(quarters))
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 2
    assert (bars[0].get("fill") == "#b00d26") == (planned > 100)
    assert root.find(f"{SVG}polyline") is not None


def test_indicator_chart_shows_values_and_target():
    values = [
        (datetime.date(2024, 12, 31), Decimal("5")),
        (datetime.date(2025, 12, 31), Decimal("12")),
    ]
    root = _parse(indicator_svg(values, target=Decimal("30"), name="Betriebe", unit="Betriebe"))
    assert len(list(root.iter(f"{SVG}circle"))) == 2
    _parse(indicator_svg([], target=Decimal("30"), name="Leer"))

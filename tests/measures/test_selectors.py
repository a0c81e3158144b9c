"""Reads of the measures: timeline rows, indicators with their values, the change history."""

import datetime
from decimal import Decimal

import pytest

from measures.forms import IndicatorValueForm
from measures.models import Measure
from measures.quarters import QuarterLabels, quarter_label
from measures.selectors import (
    measure_history,
    measure_indicators,
    timeline_row,
    timeline_rows,
)

from .factories import IndicatorFactory, IndicatorValueFactory, MeasureFactory, PhaseFactory

pytestmark = pytest.mark.django_db


def test_timeline_rows_are_the_rows_of_the_loaded_measures_in_display_order():
    later = MeasureFactory(code="M-09", status=Measure.Status.ACTIVE)
    first = MeasureFactory(code="M-01", status=Measure.Status.PLANNED)
    MeasureFactory(code="M-05", field_of_action=first.field_of_action)  # no phases
    PhaseFactory(measure=first, order=2, title="Zwei", start=datetime.date(2026, 4, 1))
    PhaseFactory(measure=first, order=1, title="Eins", fixed=True)
    PhaseFactory(measure=later, title="Nur")
    rows = timeline_rows(Measure.objects.all())
    measures = (
        Measure.objects.select_related("field_of_action")
        .prefetch_related("phases")
        .order_by("field_of_action__number", "code")
    )
    expected = []
    for measure in measures:
        # the phases in their order, as ``timeline_row`` expects them prefetched
        measure._prefetched_objects_cache["phases"] = measure.phases.order_by("order", "start")
        expected.append(timeline_row(measure))
    assert rows == expected
    by_code = {row.code: row for row in rows}
    assert [p.title for p in by_code["M-01"].phases] == ["Eins", "Zwei"]
    assert by_code["M-01"].phases[0].fixed
    assert by_code["M-01"].status_label == "geplant"
    assert by_code["M-01"].url == first.get_absolute_url()
    assert by_code["M-01"].field_of_action == str(first.field_of_action)
    assert by_code["M-05"].phases == ()


def test_quarter_labels_are_the_quarter_label_of_each_index():
    labels = QuarterLabels()
    for index in range(2024 * 4, 2027 * 4):
        assert labels[index] == quarter_label(index)


def test_indicators_come_with_their_values_in_date_order_and_empty_ones_too():
    measure = MeasureFactory()
    seats = IndicatorFactory(measure=measure, name="Plätze", target=Decimal("40"))
    IndicatorValueFactory(indicator=seats, date=datetime.date(2026, 3, 1), value=Decimal("12"))
    IndicatorValueFactory(indicator=seats, date=datetime.date(2025, 3, 1), value=Decimal("5"))
    IndicatorFactory(measure=measure, name="Betriebe")
    IndicatorFactory(measure=MeasureFactory(), name="Fremd")
    indicators = measure_indicators(measure)
    assert [i.name for i in indicators] == ["Betriebe", "Plätze"]
    assert indicators[0].value_list == []
    assert indicators[1].value_list == [
        (datetime.date(2025, 3, 1), Decimal("5")),
        (datetime.date(2026, 3, 1), Decimal("12")),
    ]
    assert indicators[1].pk == seats.pk and indicators[1].target == Decimal("40")


def test_the_indicator_form_offers_the_same_choices_from_loaded_indicators():
    measure = MeasureFactory()
    IndicatorFactory(measure=measure, name="Plätze")
    IndicatorFactory(measure=measure, name="Betriebe")
    loaded = IndicatorValueForm(measure=measure, indicators=measure_indicators(measure))
    queried = IndicatorValueForm(measure=measure)
    assert str(loaded["indicator"]) == str(queried["indicator"])
    assert "Betriebe" in str(loaded["indicator"])


def test_history_merges_measure_and_phase_changes_newest_first():
    measure = MeasureFactory(status=Measure.Status.PLANNED)
    PhaseFactory(measure=measure, title="Pilot")
    measure.status = Measure.Status.ACTIVE
    measure._change_reason = "Start"
    measure.save()
    PhaseFactory(measure=MeasureFactory(), title="Fremd")
    entries = measure_history(measure)
    assert [(e.phase, e.status_label) for e in entries] == [
        (None, "laufend"),
        ("Pilot", ""),
        (None, "geplant"),
    ]
    assert entries[0].reason == "Start"
    assert entries[0].date >= entries[1].date >= entries[2].date
    assert entries[0].action and entries[1].action


def test_history_keeps_the_latest_entries():
    measure = MeasureFactory()
    for i in range(20):
        PhaseFactory(measure=measure, order=i, title=f"Phase {i}")
    entries = measure_history(measure)
    assert len(entries) == 15
    assert entries[0].phase == "Phase 19"
    assert [e.date for e in entries] == sorted((e.date for e in entries), reverse=True)

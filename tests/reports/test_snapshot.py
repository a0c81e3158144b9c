"""Pure parts of the snapshot and numbering, with property tests."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from reports.models import format_report_number
from reports.snapshot import diff_measures, status_events_in_period

STATUSES = ["idea", "planned", "active", "completed", "deferred", "dropped"]
codes = st.sets(st.integers(min_value=1, max_value=60), max_size=12)


def _section(spec):
    """{code number: (status, field)} → a measures section."""
    fields = {}
    for number, (status, field) in spec.items():
        fields.setdefault(field, []).append(
            {
                "code": f"M-{number:02d}",
                "title": f"Maßnahme {number}",
                "status": status,
                "status_label": status,
            }
        )
    return [{"number": f, "title": f"Feld {f}", "measures": m} for f, m in sorted(fields.items())]


specs = st.dictionaries(
    st.integers(min_value=1, max_value=40),
    st.tuples(st.sampled_from(STATUSES), st.integers(min_value=1, max_value=4)),
    max_size=15,
)


@given(specs)
def test_a_snapshot_compared_with_itself_shows_no_change(spec):
    diff = diff_measures(_section(spec), _section(spec))
    assert diff == {
        "new": [],
        "removed": [],
        "status_changed": [],
        "moved": [],
        "phases_moved": [],
    }


@given(specs, specs)
def test_diff_names_exactly_the_added_removed_and_changed_measures(before, after):
    diff = diff_measures(_section(before), _section(after))
    assert {r["code"] for r in diff["new"]} == {f"M-{n:02d}" for n in after.keys() - before.keys()}
    assert {r["code"] for r in diff["removed"]} == {
        f"M-{n:02d}" for n in before.keys() - after.keys()
    }
    common = before.keys() & after.keys()
    assert {r["code"] for r in diff["status_changed"]} == {
        f"M-{n:02d}" for n in common if before[n][0] != after[n][0]
    }
    assert {r["code"] for r in diff["moved"]} == {
        f"M-{n:02d}" for n in common if before[n][1] != after[n][1]
    }


def _quarter_date(index):
    return datetime.date(2024 + index // 4, index % 4 * 3 + 1, 1).isoformat()


def _phased_section(spec):
    """{code number: {phase id: (start quarter, length)}} → a measures section with phases."""
    return [
        {
            "number": 1,
            "title": "Feld 1",
            "measures": [
                {
                    "code": f"M-{number:02d}",
                    "title": f"Maßnahme {number}",
                    "status": "planned",
                    "status_label": "geplant",
                    "phases": [
                        {
                            "id": phase_id,
                            "title": f"Phase {phase_id}",
                            "start": _quarter_date(start),
                            "end": _quarter_date(start + length),
                        }
                        for phase_id, (start, length) in sorted(phases.items())
                    ],
                }
                for number, phases in sorted(spec.items())
            ],
        }
    ]


phase_specs = st.dictionaries(
    st.integers(min_value=1, max_value=8),
    st.dictionaries(
        st.integers(min_value=1, max_value=30),
        st.tuples(st.integers(0, 12), st.integers(0, 4)),
        max_size=4,
    ),
    max_size=6,
)


@given(phase_specs, phase_specs)
def test_diff_lists_exactly_the_phases_whose_start_or_end_moved(before, after):
    diff = diff_measures(_phased_section(before), _phased_section(after))

    expected = {
        (f"M-{number:02d}", phase_id)
        for number in before.keys() & after.keys()
        for phase_id in before[number].keys() & after[number].keys()
        if before[number][phase_id] != after[number][phase_id]
    }
    assert {(row["code"], int(row["phase"].split()[1])) for row in diff["phases_moved"]} == (
        expected
    )
    for row in diff["phases_moved"]:
        assert (row["from_start"], row["from_end"]) != (row["to_start"], row["to_end"])


def test_snapshots_without_phase_data_show_no_moved_phases():
    old = _section({1: ("planned", 1)})
    new = _phased_section({1: {7: (0, 1)}})
    assert diff_measures(old, new)["phases_moved"] == []


def test_first_report_has_nothing_to_compare_with():
    assert diff_measures(None, _section({1: ("idea", 1)}))["new"][0]["code"] == "M-01"


@given(st.text(min_size=1, max_size=10), st.integers(1, 9999), st.integers(1, 99))
def test_report_number_has_the_council_shape(prefix, serial, period):
    number = format_report_number(prefix, serial, period)
    head, serial_part, period_part = number.rsplit("/", 2)
    assert head == prefix and int(serial_part) == serial and len(serial_part) >= 4
    assert period_part == f"WP{period}"


def _moment(day):
    return datetime.datetime(2026, 1, day, 12, tzinfo=datetime.UTC)


def test_status_events_only_count_changes_inside_the_period():
    rec = {"id": 1, "code": "M-01", "title": "A", "status_reason": ""}
    records = [
        {**rec, "status": "idea", "history_date": _moment(1), "history_type": "+"},
        {**rec, "status": "planned", "history_date": _moment(5), "history_type": "~"},
        {
            **rec,
            "status": "deferred",
            "history_date": _moment(20),
            "history_type": "~",
            "status_reason": "später",
        },
        {
            **rec,
            "status": "deferred",
            "history_date": _moment(21),
            "history_type": "~",
            "status_reason": "später",
        },
    ]
    events = status_events_in_period(records, _moment(10), _moment(31))
    assert events["new"] == []
    assert [(e["code"], e["reason"]) for e in events["deferred"]] == [("M-01", "später")]

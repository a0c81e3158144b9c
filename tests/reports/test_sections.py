"""The report's sections on progress, timeline, capacity, events and the Woche der Mobilität:
the data they freeze in the snapshot and what the PDF read back shows."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event, MobilityFeedback, Registration
from measures.models import Measure
from measures.quarters import quarter_index, to_quarter_start
from reports import services
from reports.rendering import render_report_pdf
from reports.snapshot import (
    ReportPeriod,
    build_snapshot,
    section_capacity,
    section_events,
    section_measures,
    section_mobility_week,
    section_timeline,
)
from reports.templatetags.report_pdf import TIMELINE_ROWS_PER_CHART, capacity_chart, timeline_charts
from tests.events.factories import (
    CompanyFactory,
    EventFactory,
    MobilityMatchFactory,
    MobilityOfferFactory,
    MobilityWeekFactory,
    RegistrationFactory,
)
from tests.measures.factories import (
    MeasureFactory,
    PhaseFactory,
    ProgressUpdateFactory,
    StaffCapacityFactory,
)

from .factories import ReportFactory
from .helpers import pdf_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY - datetime.timedelta(days=90)


def _period(**kwargs):
    report = ReportFactory(period_start=START, period_end=TODAY)
    return ReportPeriod(report=report, start=START, end=TODAY, taken_at=timezone.now(), **kwargs)


def _measure(snapshot_measures, code):
    return next(m for f in snapshot_measures for m in f["measures"] if m["code"] == code)


def _held_event(days_ago, **kwargs):
    starts_at = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)
    return EventFactory(starts_at=starts_at, status=Event.Status.HELD, **kwargs)


def _attendance(event, *, attended, no_show, companies=()):
    for index in range(attended):
        company = companies[index % len(companies)] if companies else None
        RegistrationFactory(event=event, status=Registration.Status.ATTENDED, company=company)
    for _ in range(no_show):
        RegistrationFactory(event=event, status=Registration.Status.NO_SHOW)


# --- Progress updates and phases under each measure --------------------------------------
def test_measures_quote_only_the_progress_updates_of_the_period():
    measure = MeasureFactory(code="P-01")
    ProgressUpdateFactory(measure=measure, date=TODAY - datetime.timedelta(days=10), text="Neu")
    ProgressUpdateFactory(measure=measure, date=START, text="Am ersten Tag")
    ProgressUpdateFactory(measure=measure, date=START - datetime.timedelta(days=1), text="Alt")

    row = _measure(section_measures(_period()), "P-01")

    assert [u["text"] for u in row["progress_updates"]] == ["Am ersten Tag", "Neu"]
    assert row["progress_updates"][0]["date"] == START.isoformat()


def test_measures_carry_their_phases_with_start_and_end():
    measure = MeasureFactory(code="P-02")
    phase = PhaseFactory(
        measure=measure,
        title="Konzept",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 7, 1),
        person_days=30,
    )

    row = _measure(section_measures(_period()), "P-02")

    assert row["phases"] == [
        {
            "id": phase.pk,
            "title": "Konzept",
            "start": "2026-01-01",
            "end": "2026-07-01",
            "person_days": 30,
            "fixed": False,
        }
    ]


# --- Charts ------------------------------------------------------------------------------
def test_timeline_holds_the_chart_rows_without_unreviewed_ideas():
    planned = MeasureFactory(code="Z-01", title="Gewerbeflächen sichern")
    PhaseFactory(measure=planned, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 4, 1))
    MeasureFactory(code="Z-02", status=Measure.Status.IDEA)
    period = _period()

    data = section_timeline(period)

    assert data["today"] == timezone.localdate(period.taken_at).isoformat()
    assert [row["code"] for row in data["rows"]] == ["Z-01"]
    assert data["rows"][0]["phases"][0]["start"] == quarter_index(datetime.date(2026, 1, 1))
    [svg] = timeline_charts(data)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "Gewerbeflächen sichern" in svg


def test_a_long_timeline_is_drawn_as_charts_that_fit_a_page_and_share_their_axis():
    today = datetime.date(2026, 5, 1)
    groups = ["Flächen", "Fachkräfte", "Innovation"]
    rows = [
        {
            "code": f"T-{n:03}",
            "title": f"Maßnahme {n}",
            "status": "planned",
            "status_label": "geplant",
            "field_of_action": groups[n * len(groups) // 100],
            "phases": [
                {"title": "Phase", "start": quarter_index(datetime.date(2020 + n % 10, 1, 1)),
                 "end": quarter_index(datetime.date(2020 + n % 10, 10, 1)),
                 "person_days": 5, "fixed": False}
            ],
        }
        for n in range(100)
    ]  # fmt: skip
    charts = timeline_charts({"today": today.isoformat(), "rows": rows})
    assert len(charts) > 1
    for chart in charts:
        measures = chart.count('<text x="12"')  # one label per measure
        headings = chart.count('font-weight="bold"')  # one per field of action
        assert measures + headings <= TIMELINE_ROWS_PER_CHART
        # The same years on every chart: 2020 … 2029.
        assert ">2020</text>" in chart and ">2029</text>" in chart
    # Every measure is drawn exactly once.
    drawn = "".join(charts)
    assert all(drawn.count(f">T-{n:03} Maßnahme {n}</text>") == 1 for n in range(100))


def test_capacity_sets_planned_against_available_days_and_flags_overload():
    quarter = to_quarter_start(TODAY)
    StaffCapacityFactory(quarter=quarter, person_days=10)
    PhaseFactory(
        measure=MeasureFactory(status=Measure.Status.ACTIVE),
        start=quarter,
        end=quarter,
        person_days=25,
    )

    data = section_capacity(_period())

    first = next(q for q in data["quarters"] if q["index"] == quarter_index(quarter))
    assert (first["planned"], first["capacity"], first["overloaded"]) == ("25.0", 10, True)
    assert first["utilisation"] == 250
    assert first["label"] in data["overloaded"]
    assert data["quarters"][0]["index"] == quarter_index(START)
    assert capacity_chart(data).startswith("<svg")


# --- Events and the Woche der Mobilität ----------------------------------------------------
def test_events_list_participation_counts_of_events_held_in_the_period():
    companies = [CompanyFactory(), CompanyFactory()]
    breakfast = _held_event(20, title="Unternehmerfrühstück Energie")
    _attendance(breakfast, attended=3, no_show=1, companies=companies)
    _held_event(200, title="Zu früh")
    EventFactory(title="Noch nicht stattgefunden")
    cancelled = _held_event(10, title="Abgesagt")
    Event.objects.filter(pk=cancelled.pk).update(status=Event.Status.CANCELLED)
    _held_event(5, title="Interne Abstimmung", visibility=Event.Visibility.INTERNAL)

    data = section_events(_period())

    assert data["events"] == [
        {
            "title": "Unternehmerfrühstück Energie",
            "format_label": "Unternehmerfrühstück",
            "date": timezone.localdate(breakfast.starts_at).isoformat(),
            "registered": 4,
            "attended": 3,
            "no_show": 1,
            "companies": 2,
        }
    ]
    assert data["internal_count"] == 1
    assert data["no_show_rate"] == 25


def test_events_show_network_reach_but_no_names():
    companies = [CompanyFactory(name="Diskrete Dreherei GmbH"), CompanyFactory()]
    for days_ago in (30, 15):
        meeting = _held_event(days_ago, format=Event.Format.NETWORK_MEETING)
        _attendance(meeting, attended=2, no_show=0, companies=companies[: 1 + days_ago // 30])
    RegistrationFactory(
        event=meeting, status=Registration.Status.ATTENDED, name="Waltraud Vertraulich"
    )

    data = section_events(_period())

    assert data["network"]["meetings"] == 2
    assert data["network"]["companies_reached"] == 2
    assert data["network"]["repeat_companies"] == 1
    assert data["network"]["repeat_share"] == 50
    assert "Waltraud Vertraulich" not in str(data)
    assert "Diskrete Dreherei" not in str(data)


def test_mobility_week_results_of_editions_in_the_period():
    starts_on = TODAY - datetime.timedelta(days=30)
    week = MobilityWeekFactory(starts_on=starts_on, year=starts_on.year)
    offer = MobilityOfferFactory(week=week, places=3)
    MobilityOfferFactory(week=week, places=2)
    for rating, recommend in ((5, True), (3, False)):
        match = MobilityMatchFactory(offer=offer)
        MobilityFeedback.objects.create(
            match=match,
            rating=rating,
            learned_something=True,
            would_recommend=recommend,
            comment="Frau Beispiel war sehr nett",
        )
    MobilityWeekFactory(
        starts_on=TODAY + datetime.timedelta(days=400), year=TODAY.year + 2
    )  # not yet

    data = section_mobility_week(_period())

    assert len(data) == 1
    edition = data[0]
    assert (edition["offers"], edition["places"], edition["applications"], edition["matched"]) == (
        2,
        5,
        2,
        2,
    )
    assert edition["feedback"]["responses"] == 2
    assert edition["feedback"]["average_rating"] == "4.0"
    assert edition["feedback"]["learned_share"] == 100
    assert edition["feedback"]["recommend_share"] == 50
    assert "Frau Beispiel" not in str(data)


# --- The PDF read back ---------------------------------------------------------------------
def _generate(author, period, meeting, django_capture_on_commit_callbacks):
    report = services.report_create(
        author=author, title="Sachstandsbericht", meeting=meeting, **period
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_request_generation(report=report)
    report.refresh_from_db()
    assert report.status == report.Status.READY, report.error_message
    return report


@pytest.fixture
def activity(dialog_data, period):
    """Progress, phases, an event with attendance and a Woche der Mobilität in the period."""
    measure = dialog_data["measures"][0]
    ProgressUpdateFactory(
        measure=measure,
        date=period["period_end"] - datetime.timedelta(days=5),
        text="Zwölf Gastbetriebe haben Plätze zugesagt.",
    )
    ProgressUpdateFactory(
        measure=measure,
        date=period["period_start"] - datetime.timedelta(days=5),
        text="Erste Gespräche mit der Kammer liefen an.",
    )
    phase = PhaseFactory(
        measure=measure,
        title="Gastbetriebe gewinnen",
        start=to_quarter_start(period["period_end"]),
        end=to_quarter_start(period["period_end"]),
    )
    event = _held_event(20, title="Werkstattgespräch Robotik")
    _attendance(event, attended=7, no_show=2, companies=[CompanyFactory()])
    starts_on = period["period_end"] - datetime.timedelta(days=40)
    week = MobilityWeekFactory(starts_on=starts_on, year=starts_on.year)
    MobilityMatchFactory(offer=MobilityOfferFactory(week=week, places=4))
    return {"phase": phase, "event": event}


def test_pdf_shows_progress_charts_events_and_mobility_week(
    staff_user, dialog_data, period, activity, django_capture_on_commit_callbacks
):
    report = _generate(
        staff_user, period, dialog_data["meeting"], django_capture_on_commit_callbacks
    )

    text, _pages = pdf_text(report)
    assert "Zwölf Gastbetriebe haben Plätze zugesagt." in text
    assert "Erste Gespräche mit der Kammer" not in text
    assert "Zeitplan der Maßnahmen" in text
    assert "Kapazität: geplanter Aufwand und verfügbare Personentage" in text
    assert "geplanter Aufwand" in text and "überlastet" in text  # the chart's legend (SVG)
    assert "Gastbetriebe gewinnen" in text
    assert "Werkstattgespräch Robotik" in text
    row = text.split("Werkstattgespräch Robotik", 1)[1][:80]
    assert "9 7 2 1" in row  # registered, attended, no-show, companies
    assert "Woche der Mobilität" in text
    assert "Vermittlungen" in text


def test_pdf_lists_phases_moved_since_the_previous_report(
    staff_user, dialog_data, period, activity, django_capture_on_commit_callbacks
):
    first = _generate(
        staff_user, period, dialog_data["meeting"], django_capture_on_commit_callbacks
    )
    services.report_release(report=first, released_by=staff_user, notify=False)
    phase = activity["phase"]
    old_label = f"Q{(phase.start.month - 1) // 3 + 1} {phase.start.year}"
    phase.start = phase.end = datetime.date(phase.start.year + 2, 1, 1)
    phase.save()

    second = _generate(
        staff_user, period, dialog_data["meeting"], django_capture_on_commit_callbacks
    )

    moved = second.snapshot["sections"]["changes"]["measures"]["phases_moved"]
    assert [(row["code"], row["phase"]) for row in moved] == [("M-01", "Gastbetriebe gewinnen")]
    text, _pages = pdf_text(second)
    assert (
        f"Phase „Gastbetriebe gewinnen“ verschoben von {old_label} – {old_label} auf "
        f"Q1 {phase.start.year} – Q1 {phase.start.year}"
    ) in text


def test_released_report_keeps_its_charts_and_quotes_when_the_data_changes(
    staff_user, dialog_data, period, activity, django_capture_on_commit_callbacks
):
    report = _generate(
        staff_user, period, dialog_data["meeting"], django_capture_on_commit_callbacks
    )
    services.report_release(report=report, released_by=staff_user, notify=False)
    report.refresh_from_db()
    snapshot, sha = report.snapshot, report.pdf_sha256

    phase = activity["phase"]
    phase.start = phase.end = datetime.date(phase.start.year + 3, 1, 1)
    phase.save()
    StaffCapacityFactory(quarter=to_quarter_start(period["period_end"]), person_days=1)
    ProgressUpdateFactory(measure=dialog_data["measures"][0], text="Nachträglich eingetragen")
    Registration.objects.filter(event=activity["event"]).delete()

    report.refresh_from_db()
    assert report.snapshot == snapshot
    assert report.pdf_sha256 == sha
    assert render_report_pdf(report.snapshot).sha256 == sha


def test_snapshot_query_count_does_not_grow_with_measures_and_events(
    dialog_data, period, count_queries
):
    report = ReportFactory(meeting=dialog_data["meeting"], **period)

    def add(n):
        for _ in range(n):
            measure = MeasureFactory(field_of_action=dialog_data["fields"][0])
            PhaseFactory(measure=measure)
            ProgressUpdateFactory(measure=measure, date=period["period_end"])
            _attendance(_held_event(10), attended=1, no_show=1, companies=[CompanyFactory()])

    add(2)
    few = count_queries(lambda: build_snapshot(report))
    add(18)
    many = count_queries(lambda: build_snapshot(report))
    assert few == many


def test_pdf_shows_the_boards_meetings_and_released_resolutions(
    staff_user, dialog_data, period, django_capture_on_commit_callbacks
):
    from tests.board.factories import BoardMeetingFactory, ResolutionFactory

    held = timezone.make_aware(
        datetime.datetime.combine(period["period_end"] - datetime.timedelta(days=10),
                                  datetime.time(17, 30))
    )  # fmt: skip
    meeting = BoardMeetingFactory(
        title="41. Sitzung des Beirats",
        starts_at=held,
        minutes="Protokoll",
        minutes_released_at=held + datetime.timedelta(days=2),
    )
    ResolutionFactory(meeting=meeting, text="Der Beirat empfiehlt den Flächenpool.")
    report = _generate(
        staff_user, period, dialog_data["meeting"], django_capture_on_commit_callbacks
    )
    text, _pages = pdf_text(report)
    assert "Unternehmerbeirat: Sitzungen und Beschlüsse" in text
    assert "41. Sitzung des Beirats" in text
    assert "Der Beirat empfiehlt den Flächenpool." in text

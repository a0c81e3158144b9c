"""The snapshot of a report: everything its PDF shows, frozen as JSON.

Each part of the report is a :class:`Section` in ``SECTIONS``: a function that takes the
:class:`ReportPeriod` and returns JSON-serialisable data, and a template partial in
``reports/templates/reports/pdf/`` that renders it. The order of ``SECTIONS`` is the order in
the PDF; sections of the ``vorlage`` part form the council's cover sheet, those of the
``begruendung`` part the report itself (with a table of contents). A new section (charts,
events, board resolutions …) plugs in by adding a function and a partial and registering them.
Charts are stored as their input data (plain dicts) and drawn by ``measures.charts`` when the
PDF is rendered (template tags in ``report_pdf``), so the snapshot stays self-contained.

Snapshots never contain confidential company data: needs are aggregated by topic, and neither
contact persons, nor contact log, nor risk signals are read here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from dialog.board.report import section_board

SNAPSHOT_VERSION = 2


@dataclass
class ReportPeriod:
    """What a section function gets: the report, its period and what is known already."""

    report: Any
    start: datetime.date
    end: datetime.date
    taken_at: datetime.datetime
    previous: dict | None = None  # snapshot of the previous released report, if any
    sections: dict[str, Any] = field(default_factory=dict)  # sections built so far

    @property
    def start_dt(self):
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_dt(self):
        return timezone.make_aware(datetime.datetime.combine(self.end, datetime.time.max))


@dataclass(frozen=True)
class Section:
    key: str
    title: Any  # German heading (lazy msgid)
    build: Callable[[ReportPeriod], Any]
    template: str
    part: str = "begruendung"  # "vorlage" (cover sheet) or "begruendung" (the report)


def _date(value):
    return value.isoformat() if value else None


# --- Vorlage (cover sheet) ------------------------------------------------------------------
def section_vorlage(period: ReportPeriod) -> dict:
    """The header block of the Vorlage."""
    report = period.report
    author = report.author
    return {
        "number": report.number,
        "title": report.title,
        "date": _date(timezone.localdate(period.taken_at)),
        "lead_department": _("FB 02 – Wirtschaftsförderung/Europäische Angelegenheiten"),
        "participating_departments": report.participating_departments,
        "visibility": report.visibility,
        "visibility_label": str(report.get_visibility_display()),
        "file_reference": report.file_reference,
        "author": (author.get_full_name() if author else ""),
        "period_start": _date(period.start),
        "period_end": _date(period.end),
        "corrects": report.corrects.number if report.corrects_id else None,
    }


def section_consultation(period: ReportPeriod) -> list[dict]:
    """The Beratungsfolge: the committee meeting the report goes to, for information."""
    meeting = period.report.meeting
    if meeting is None:
        return []
    return [
        {
            "date": _date(timezone.localdate(meeting.starts_at)),
            "committee": meeting.committee.name,
            "competence": _("Kenntnisnahme"),
            "public": meeting.public,
        }
    ]


def section_resolution(period: ReportPeriod) -> dict:
    return {"text": period.report.resolution_proposal}


def section_financial_effects(period: ReportPeriod) -> dict:
    return {"text": period.report.financial_effects}


# --- Begründung (the report) ----------------------------------------------------------------
def section_introduction(period: ReportPeriod) -> dict:
    return {"text": period.report.introduction}


def section_summary(period: ReportPeriod) -> dict:
    """Key figures: measures by status, companies in the register, needs by topic."""
    from companies.models import Need
    from companies.selectors import company_figures, need_counts_by_topic
    from measures.models import Measure
    from measures.selectors import measure_counts_by_status

    by_status = measure_counts_by_status()
    companies = company_figures()
    needs = {topic: counts["total"] for topic, counts in need_counts_by_topic().items()}
    return {
        "measures_total": sum(by_status.values()),
        "measures_by_status": [
            {"status": status.value, "label": str(status.label), "count": by_status[status]}
            for status in Measure.Status
        ],
        "companies": companies,
        "needs_total": sum(needs.values()),
        "needs_by_topic": [
            {"topic": topic.value, "label": str(topic.label), "count": needs[topic]}
            for topic in Need.Topic
            if needs.get(topic)
        ],
    }


def section_measures(period: ReportPeriod) -> list[dict]:
    """Every measure, grouped by field of action, with status, partners, its phases and the
    progress updates dated within the period (quoted in the report)."""
    from measures.selectors import fields_of_action_with_measures

    fields = fields_of_action_with_measures(updates_between=(period.start, period.end))
    result = []
    for foa in fields:
        measures = [
            {
                "code": m.code,
                "title": m.title,
                "summary": m.summary,
                "status": m.status,
                "status_label": str(m.get_status_display()),
                "status_reason": m.status_reason,
                "priority_label": str(m.get_priority_display()),
                "partners": [
                    {"name": p.partner.name, "role_label": str(p.get_role_display())}
                    for p in m.partner_roles.all()
                ],
                "phases": [
                    {
                        "id": phase.pk,
                        "title": phase.title,
                        "start": _date(phase.start),
                        "end": _date(phase.end),
                        "person_days": phase.person_days,
                        "fixed": phase.fixed,
                    }
                    for phase in m.phases.all()
                ],
                # Who wrote an update stays out: only the date, the text and the partner
                # organisation it was written for.
                "progress_updates": [
                    {
                        "date": _date(update.date),
                        "text": update.text,
                        "partner": update.partner.name if update.partner_id else "",
                    }
                    for update in m.updates_in_period
                ],
            }
            for m in foa.measures.all()
        ]
        if measures:
            result.append({"number": foa.number, "title": foa.title, "measures": measures})
    return result


# --- Charts: the chart input as plain data, drawn from the snapshot at rendering time --------
def section_timeline(period: ReportPeriod) -> dict:
    """The rows of the timeline chart (``measures.selectors.timeline_rows``) as plain data.

    The same measures as on the public timeline page (no unreviewed ideas); "today" is the
    day the snapshot was taken, so the chart of a released report never moves.
    """
    from measures.models import Measure
    from measures.selectors import timeline_rows

    rows = timeline_rows(Measure.objects.exclude(status=Measure.Status.IDEA))
    return {
        "today": _date(timezone.localdate(period.taken_at)),
        "rows": [row.to_snapshot() for row in rows],
    }


CAPACITY_QUARTERS_AHEAD = 8


def capacity_report_window(start: datetime.date, end: datetime.date) -> tuple[int, int]:
    """The quarters the report's capacity plan shows: from the first quarter of the period to
    two years after its last one."""
    from measures.quarters import quarter_index

    return quarter_index(start), quarter_index(end) + CAPACITY_QUARTERS_AHEAD


def section_capacity(period: ReportPeriod) -> dict:
    """Planned against available person-days per quarter (``capacity_quarters``) as plain
    data; the chart and the table of the report are drawn from it."""
    from measures.selectors import capacity_quarters

    first, last = capacity_report_window(period.start, period.end)
    quarters = [q.to_snapshot() for q in capacity_quarters(first, last)]
    return {
        "quarters": quarters,
        "overloaded": [q["label"] for q in quarters if q["overloaded"]],
        "assumed": any(not q["has_capacity"] for q in quarters),
    }


def status_events_in_period(records, start, end) -> dict[str, list[dict]]:
    """Sort a measure history (records ordered by measure and time) into new measures and
    measures deferred, dropped, resumed or completed between ``start`` and ``end``."""
    events = defaultdict(list)
    previous_status = {}
    for rec in records:
        measure_id = rec["id"]
        before = previous_status.get(measure_id)
        previous_status[measure_id] = rec["status"]
        if not start <= rec["history_date"] <= end:
            continue
        entry = {
            "code": rec["code"],
            "title": rec["title"],
            "date": _date(timezone.localdate(rec["history_date"])),
            "reason": rec["status_reason"],
        }
        if rec["history_type"] == "+":
            events["new"].append(entry)
        elif before is not None and before != rec["status"]:
            kind = {
                "deferred": "deferred",
                "dropped": "dropped",
                "completed": "completed",
            }.get(rec["status"])
            if rec["status"] == "planned" and before == "deferred":
                kind = "resumed"
            if kind:
                events[kind].append(entry)
    return {
        key: events.get(key, []) for key in ("new", "deferred", "dropped", "resumed", "completed")
    }


def section_open_process(period: ReportPeriod) -> dict:
    """New, deferred and dropped measures in the period, with their reasons (open process)."""
    from measures.models import Measure

    records = (
        Measure.history.filter(history_date__lte=period.end_dt)
        .order_by("id", "history_date", "history_id")
        .values("id", "code", "title", "status", "status_reason", "history_date", "history_type")
    )
    return status_events_in_period(records, period.start_dt, period.end_dt)


def _share(value: float | None) -> int | None:
    """A share as whole per cent (JSON-stable, as the report prints it)."""
    return None if value is None else round(value * 100)


def section_events(period: ReportPeriod) -> dict:
    """Events held in the period with participation figures, and the network's reach.

    Only counts: never who registered or came, and no company names. Internal events (staff
    appointments) are counted, not listed.
    """
    from events.models import Event
    from events.selectors import events_held, network_participation, no_show_rate

    held = events_held(start=period.start, end=period.end)
    listed = [
        {
            "title": event.title,
            "format_label": str(event.get_format_display()),
            "date": _date(timezone.localdate(event.starts_at)),
            "registered": event.registered_count,
            "attended": event.attended_count,
            "no_show": event.no_show_count,
            "companies": event.companies_count,
        }
        for event in held.exclude(visibility=Event.Visibility.INTERNAL)
    ]
    network = network_participation(start=period.start, end=period.end)
    return {
        "events": listed,
        "internal_count": held.filter(visibility=Event.Visibility.INTERNAL).count(),
        "attended_total": sum(row["attended"] for row in listed),
        "no_show_rate": _share(no_show_rate(held)),
        "network": {
            "meetings": network.meetings,
            "participants": network.participants,
            "companies_reached": network.companies_reached,
            "repeat_companies": network.repeat_companies,
            "repeat_share": _share(network.repeat_share),
        },
    }


def section_mobility_week(period: ReportPeriod) -> list[dict]:
    """Results of the editions of the Woche der Mobilität held (at least partly) in the
    period: offers, places, applications, placements and the aggregated feedback."""
    from events.models import MobilityWeek
    from events.selectors import mobility_feedback_summary, mobility_week_figures

    weeks = MobilityWeek.objects.filter(
        starts_on__lte=period.end, ends_on__gte=period.start
    ).order_by("starts_on")
    result = []
    for week in weeks:
        feedback = mobility_feedback_summary(week=week)
        result.append(
            {
                "year": week.year,
                "title": str(week),
                "starts_on": _date(week.starts_on),
                "ends_on": _date(week.ends_on),
                **mobility_week_figures(week=week),
                "feedback": {
                    "responses": feedback["responses"],
                    "average_rating": (
                        str(feedback["average_rating"])
                        if feedback["average_rating"] is not None
                        else None
                    ),
                    "learned_share": _share(feedback["learned_share"]),
                    "recommend_share": _share(feedback["recommend_share"]),
                    "ratings": [
                        {"rating": rating, "count": count}
                        for rating, count in sorted(feedback["ratings"].items())
                    ],
                },
            }
        )
    return result


def section_needs(period: ReportPeriod) -> list[dict]:
    """Needs answered, aggregated by topic: never a company's name or what it said."""
    from companies.selectors import need_figures_by_topic

    return need_figures_by_topic(period.start, period.end)


def moved_phases(before: dict[str, dict], after: dict[str, dict]) -> list[dict]:
    """Phases (matched by id within the same measure) whose start or end changed between two
    indexed ``measures`` sections. Snapshots without phase data have nothing to compare."""
    result = []
    for code in sorted(before.keys() & after.keys()):
        old_phases = {p["id"]: p for p in before[code].get("phases", [])}
        for phase in after[code].get("phases", []):
            old = old_phases.get(phase["id"])
            if old is None or (old["start"], old["end"]) == (phase["start"], phase["end"]):
                continue
            result.append(
                {
                    "code": code,
                    "title": after[code]["title"],
                    "phase": phase["title"],
                    "from_start": old["start"],
                    "from_end": old["end"],
                    "to_start": phase["start"],
                    "to_end": phase["end"],
                }
            )
    return result


def diff_measures(previous: list[dict] | None, current: list[dict]) -> dict:
    """What changed between two ``measures`` sections: new and removed measures, status
    changes, measures that moved to another field of action and phases that moved in time."""

    def index(section):
        return {
            m["code"]: {**m, "field": f["number"]} for f in section or [] for m in f["measures"]
        }

    before, after = index(previous), index(current)
    return {
        "new": [
            {
                "code": code,
                "title": after[code]["title"],
                "status_label": after[code]["status_label"],
            }
            for code in sorted(after.keys() - before.keys())
        ],
        "removed": [
            {"code": code, "title": before[code]["title"]}
            for code in sorted(before.keys() - after.keys())
        ],
        "status_changed": [
            {
                "code": code,
                "title": after[code]["title"],
                "from": before[code]["status_label"],
                "to": after[code]["status_label"],
            }
            for code in sorted(before.keys() & after.keys())
            if before[code]["status"] != after[code]["status"]
        ],
        "moved": [
            {
                "code": code,
                "title": after[code]["title"],
                "from": before[code]["field"],
                "to": after[code]["field"],
            }
            for code in sorted(before.keys() & after.keys())
            if before[code]["field"] != after[code]["field"]
        ],
        "phases_moved": moved_phases(before, after),
    }


def section_changes(period: ReportPeriod) -> dict:
    """What changed since the previous released report (diff of the two snapshots)."""
    previous = period.previous
    if not previous:
        return {"previous": None}
    prev_sections = previous.get("sections", {})
    return {
        "previous": {
            "number": previous.get("number"),
            "date": prev_sections.get("vorlage", {}).get("date"),
        },
        "measures": diff_measures(prev_sections.get("measures"), period.sections["measures"]),
    }


SECTIONS: list[Section] = [
    Section("vorlage", _l("Vorlage"), section_vorlage, "reports/pdf/_vorlage.html", "vorlage"),
    Section(
        "consultation",
        _l("Beratungsfolge"),
        section_consultation,
        "reports/pdf/_consultation.html",
        "vorlage",
    ),
    Section(
        "resolution",
        _l("Beschlussvorschlag"),
        section_resolution,
        "reports/pdf/_resolution.html",
        "vorlage",
    ),
    Section(
        "financial_effects",
        _l("Finanzielle Auswirkungen"),
        section_financial_effects,
        "reports/pdf/_financial_effects.html",
        "vorlage",
    ),
    Section(
        "introduction", _l("Einleitung"), section_introduction, "reports/pdf/_introduction.html"
    ),
    Section("summary", _l("Kennzahlen im Überblick"), section_summary, "reports/pdf/_summary.html"),
    Section(
        "measures",
        _l("Maßnahmen nach Handlungsfeldern"),
        section_measures,
        "reports/pdf/_measures.html",
    ),
    Section(
        "timeline",
        _l("Zeitplan der Maßnahmen"),
        section_timeline,
        "reports/pdf/_timeline.html",
    ),
    Section(
        "capacity",
        _l("Kapazität: geplanter Aufwand und verfügbare Personentage"),
        section_capacity,
        "reports/pdf/_capacity.html",
    ),
    Section(
        "open_process",
        _l("Offener Prozess: neue, zurückgestellte und verworfene Maßnahmen"),
        section_open_process,
        "reports/pdf/_open_process.html",
    ),
    Section(
        "events",
        _l("Veranstaltungen und Beteiligung"),
        section_events,
        "reports/pdf/_events.html",
    ),
    Section(
        "mobility_week",
        _l("Woche der Mobilität"),
        section_mobility_week,
        "reports/pdf/_mobility_week.html",
    ),
    Section(
        "board",
        _l("Unternehmerbeirat: Sitzungen und Beschlüsse"),
        section_board,
        "board/report_section.html",
    ),
    Section(
        "needs",
        _l("Beantwortete Bedarfe nach Themen"),
        section_needs,
        "reports/pdf/_needs.html",
    ),
    Section(
        "changes",
        _l("Änderungen seit dem letzten Bericht"),
        section_changes,
        "reports/pdf/_changes.html",
    ),
]


def previous_snapshot(report) -> dict | None:
    """The snapshot of the last report released before this one (same committee or any)."""
    from .models import Report

    previous = (
        Report.objects.released()
        .exclude(pk=report.pk)
        .filter(snapshot__isnull=False, period_end__lte=report.period_end)
        .order_by("-period_end", "-released_at")
        .only("snapshot")
        .first()
    )
    return previous.snapshot if previous else None


def build_snapshot(report, *, taken_at=None) -> dict:
    """Collect the data of every section for the report, as JSON-serialisable data."""
    taken_at = taken_at or timezone.now()
    period = ReportPeriod(
        report=report,
        start=report.period_start,
        end=report.period_end,
        taken_at=taken_at,
        previous=previous_snapshot(report),
    )
    for section in SECTIONS:
        period.sections[section.key] = section.build(period)
    return {
        "version": SNAPSHOT_VERSION,
        "number": report.number,
        "taken_at": taken_at.isoformat(),
        "sections": period.sections,
    }

"""The snapshot of a report: everything its PDF shows, frozen as JSON.

Each part of the report is a :class:`Section` in ``SECTIONS``: a function that takes the
:class:`ReportPeriod` and returns JSON-serialisable data, and a template partial in
``reports/templates/reports/pdf/`` that renders it. The order of ``SECTIONS`` is the order in
the PDF; sections of the ``vorlage`` part form the council's cover sheet, those of the
``begruendung`` part the report itself (with a table of contents). A new section (charts,
events, board resolutions …) plugs in by adding a function and a partial and registering them.

Snapshots never contain confidential company data: needs are aggregated by topic, and neither
contact persons, nor contact log, nor risk signals are read here.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

SNAPSHOT_VERSION = 1


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
    from companies.models import Company, Need
    from measures.models import Measure

    by_status = Counter(Measure.objects.values_list("status", flat=True))
    companies = Company.objects.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status=Company.Status.ACTIVE)),
        production_intensive=Count(
            "pk", filter=Q(status=Company.Status.ACTIVE, production_intensive=True)
        ),
    )
    needs = Counter(Need.objects.values_list("topic", flat=True))
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
            if needs[topic]
        ],
    }


def section_measures(period: ReportPeriod) -> list[dict]:
    """Every measure, grouped by field of action, with status and partners."""
    from measures.models import FieldOfAction, Measure, MeasurePartner

    fields = FieldOfAction.objects.prefetch_related(
        Prefetch(
            "measures",
            queryset=Measure.objects.order_by("code").prefetch_related(
                Prefetch(
                    "partner_roles",
                    queryset=MeasurePartner.objects.select_related("partner").order_by(
                        "role", "partner__name"
                    ),
                )
            ),
        )
    )
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
            }
            for m in foa.measures.all()
        ]
        if measures:
            result.append({"number": foa.number, "title": foa.title, "measures": measures})
    return result


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


def section_needs(period: ReportPeriod) -> list[dict]:
    """Needs answered, aggregated by topic: never a company's name or what it said."""
    from companies.models import Need

    rows = (
        Need.objects.values("topic")
        .annotate(
            total=Count("pk", distinct=True),
            answered=Count("pk", filter=Q(status=Need.Status.ANSWERED), distinct=True),
            with_measure=Count("pk", filter=Q(measures__isnull=False), distinct=True),
            stated_in_period=Count(
                "pk", filter=Q(stated_on__range=(period.start, period.end)), distinct=True
            ),
        )
        .order_by("topic")
    )
    codes = defaultdict(set)
    for topic, code in Need.objects.filter(measures__isnull=False).values_list(
        "topic", "measures__code"
    ):
        codes[topic].add(code)
    labels = dict(Need.Topic.choices)
    return [
        {
            "topic": row["topic"],
            "label": str(labels.get(row["topic"], row["topic"])),
            "total": row["total"],
            "answered": row["answered"],
            "with_measure": row["with_measure"],
            "stated_in_period": row["stated_in_period"],
            "measures": sorted(codes[row["topic"]]),
        }
        for row in rows
    ]


def diff_measures(previous: list[dict] | None, current: list[dict]) -> dict:
    """What changed between two ``measures`` sections: new and removed measures, status
    changes and measures that moved to another field of action."""

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
        "open_process",
        _l("Offener Prozess: neue, zurückgestellte und verworfene Maßnahmen"),
        section_open_process,
        "reports/pdf/_open_process.html",
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

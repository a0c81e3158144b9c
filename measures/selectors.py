"""Reads on measures shared by the pages, the dashboards and the PDF reports.

The timeline and capacity selectors return plain data (dataclasses) that ``measures.charts``
turns into SVG, so the reports can draw the very same charts.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import (
    CharField,
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from .models import (
    FieldOfAction,
    Indicator,
    Measure,
    MeasureCost,
    MeasurePartner,
    Phase,
    ProgressUpdate,
    StaffCapacity,
)
from .quarters import quarter_index, quarter_label
from .rules import can_see_internals
from .scheduling import PlannedPhase, quarterly_load

# Measures whose phases take staff time: ideas are not planned yet, deferred and dropped ones
# have given their time back.
LOADED_STATES = (Measure.Status.PLANNED, Measure.Status.ACTIVE, Measure.Status.COMPLETED)


def sees_internals_in_lists(user) -> bool:
    return bool(can_see_internals(user))


# The order in which a measure's partners and phases appear wherever it is shown (the measure
# page, the list, the report).
PHASE_ORDER = ("order", "start", "pk")


def partner_roles_prefetch() -> Prefetch:
    """A measure's partners with their roles, in the order every page shows them."""
    return Prefetch(
        "partner_roles",
        queryset=MeasurePartner.objects.select_related("partner").order_by("role", "partner__name"),
    )


def phases_prefetch() -> Prefetch:
    return Prefetch("phases", queryset=Phase.objects.order_by(*PHASE_ORDER))


def fields_of_action_with_measures(*, updates_between: tuple[datetime.date, datetime.date]):
    """Every field of action with its measures by code, each with its partners, its phases and
    (as ``updates_in_period``) the progress updates dated within ``updates_between``."""
    measures = Measure.objects.order_by("code").prefetch_related(
        partner_roles_prefetch(),
        phases_prefetch(),
        Prefetch(
            "progress_updates",
            queryset=ProgressUpdate.objects.filter(date__range=updates_between)
            .select_related("partner")
            .order_by("date", "created_at", "pk"),
            to_attr="updates_in_period",
        ),
    )
    return FieldOfAction.objects.prefetch_related(Prefetch("measures", queryset=measures))


def measure_list_queryset(user):
    """The measure list with everything a row shows, in a fixed number of queries.

    Period and effort are subqueries rather than aggregates over joined phases: no GROUP BY
    over the whole row, they run only for the rows of the page, and the paginator's COUNT
    leaves them out.
    """
    phases = Phase.objects.filter(measure=OuterRef("pk"))
    effort = phases.order_by().values("measure_id").annotate(total=Sum("person_days"))
    return (
        Measure.objects.visible_to(user)
        .select_related("field_of_action", "responsible")
        .prefetch_related(partner_roles_prefetch())
        .annotate(
            first_start=Subquery(phases.order_by("start").values("start")[:1]),
            last_end=Subquery(phases.order_by("-end").values("end")[:1]),
            effort=Coalesce(Subquery(effort.values("total"), output_field=IntegerField()), 0),
        )
        .order_by("code")
    )


def with_planned_costs(queryset):
    """The measures with ``planned_costs``, the sum of their cost estimates over all years."""
    costs = (
        MeasureCost.objects.filter(measure=OuterRef("pk"))
        .order_by()
        .values("measure_id")
        .annotate(total=Sum("estimate"))
    )
    return queryset.annotate(
        planned_costs=Subquery(costs.values("total"), output_field=DecimalField())
    )


def measure_counts_by_status() -> dict[str, int]:
    """How many measures each status has (statuses without measures count 0)."""
    counts = dict.fromkeys(Measure.Status.values, 0)
    for row in Measure.objects.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts


def measures_of_partner_user(user):
    return Measure.objects.filter(partners__users=user).distinct().select_related("field_of_action")


def ideas_to_triage():
    return (
        Measure.objects.filter(status=Measure.Status.IDEA)
        .select_related("field_of_action", "proposed_by")
        .order_by("created_at")
    )


def measure_indicators(measure) -> list[Indicator]:
    """The measure's indicators by name, each with ``value_list``: its ``(date, value)`` pairs
    in date order. One query (the values joined), for the page and its form's choices."""
    indicators = {}
    for pk, name, unit, target, date, value in (
        Indicator.objects.filter(measure=measure)
        .order_by("name", "values__date")
        .values_list("pk", "name", "unit", "target", "values__date", "values__value")
    ):
        if pk not in indicators:
            indicator = Indicator(pk=pk, measure=measure, name=name, unit=unit, target=target)
            indicator._state.adding, indicator.value_list = False, []
            indicators[pk] = indicator
        if date is not None:
            indicators[pk].value_list.append((date, value))
    return list(indicators.values())


@dataclass(frozen=True)
class HistoryEntry:
    """One change to a measure or to one of its phases (``phase`` is the phase's title)."""

    date: datetime.datetime
    user: str
    action: str
    reason: str
    status_label: str
    phase: str | None


def measure_history(measure, *, limit: int = 15) -> list[HistoryEntry]:
    """The latest changes to a measure and its phases, newest first, in one query."""
    columns = (
        "history_date",
        "history_type",
        "history_change_reason",
        "history_user__full_name",
        "history_user__email",
        "entry_status",
        "entry_phase",
        "entry_is_phase",
    )
    text = CharField()
    own = measure.history.annotate(
        entry_status=F("status"),
        entry_phase=Value("", output_field=text),
        entry_is_phase=Value(False),
    ).values_list(*columns)
    phases = (
        Phase.history.filter(measure_id=measure.pk)
        .annotate(
            entry_status=Value("", output_field=text),
            entry_phase=F("title"),
            entry_is_phase=Value(True),
        )
        .values_list(*columns)
    )
    actions = dict(measure.history.model._meta.get_field("history_type").flatchoices)
    statuses = dict(Measure.Status.choices)
    return [
        HistoryEntry(
            date=date,
            user=full_name or email or "",
            action=str(actions.get(kind, kind)),
            reason=reason or "",
            status_label=str(statuses.get(status, status)),
            phase=phase if is_phase else None,
        )
        for date, kind, reason, full_name, email, status, phase, is_phase in own.order_by()
        .union(phases.order_by(), all=True)
        .order_by("-history_date")[:limit]
    ]


# --- Timeline ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelinePhase:
    title: str
    start: int
    end: int
    person_days: int
    fixed: bool

    def to_snapshot(self) -> dict:
        """As plain JSON data (a report's frozen snapshot); :meth:`from_snapshot` reverses it."""
        return {
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "person_days": self.person_days,
            "fixed": self.fixed,
        }

    @classmethod
    def from_snapshot(cls, data: dict) -> "TimelinePhase":
        return cls(**data)


@dataclass(frozen=True)
class TimelineRow:
    code: str
    title: str
    status: str
    status_label: str
    field_of_action: str
    url: str = ""
    phases: tuple[TimelinePhase, ...] = field(default_factory=tuple)

    @property
    def start(self):
        return min((p.start for p in self.phases), default=None)

    @property
    def end(self):
        return max((p.end for p in self.phases), default=None)

    def to_snapshot(self) -> dict:
        """As plain JSON data (without the page's URL); :meth:`from_snapshot` reverses it."""
        return {
            "code": self.code,
            "title": self.title,
            "status": self.status,
            "status_label": str(self.status_label),
            "field_of_action": self.field_of_action,
            "phases": [phase.to_snapshot() for phase in self.phases],
        }

    @classmethod
    def from_snapshot(cls, data: dict) -> "TimelineRow":
        return cls(
            code=data["code"],
            title=data["title"],
            status=data["status"],
            status_label=data["status_label"],
            field_of_action=data["field_of_action"],
            phases=tuple(TimelinePhase.from_snapshot(phase) for phase in data["phases"]),
        )


def _timeline_phase(title, start, end, person_days, fixed) -> TimelinePhase:
    return TimelinePhase(
        title=title,
        start=quarter_index(start),
        end=quarter_index(end),
        person_days=person_days,
        fixed=fixed,
    )


def timeline_row(measure) -> TimelineRow:
    """The timeline row of one loaded measure (its ``field_of_action`` selected and its
    ``phases`` prefetched in order, so this makes no query)."""
    return TimelineRow(
        code=measure.code,
        title=measure.title,
        status=measure.status,
        status_label=measure.get_status_display(),
        field_of_action=str(measure.field_of_action),
        url=measure.get_absolute_url(),
        phases=tuple(
            _timeline_phase(p.title, p.start, p.end, p.person_days, p.fixed)
            for p in measure.phases.all()
        ),
    )


TIMELINE_ORDER = ("field_of_action__number", "code")


def timeline_years_of(measures, today: datetime.date) -> tuple[int, int]:
    """The first and last year of the phases of ``measures`` (today always included): the axis
    that every page of the timeline shares. One query."""
    span = Phase.objects.filter(measure__in=measures.order_by()).aggregate(
        first=Min("start"), last=Max("end")
    )
    years = [today.year] + [span[key].year for key in ("first", "last") if span[key]]
    return min(years), max(years)


def timeline_rows(measures) -> list[TimelineRow]:
    """One row per measure with its phases (quarter indices), ordered by field of action.

    Two queries of plain values: the full roadmap has hundreds of measures and thousands of
    phases, too many to build model instances (and reverse a URL) for each.
    """
    if not measures.query.is_sliced:  # a page of the timeline comes ordered
        measures = measures.order_by(*TIMELINE_ORDER)
    found = list(
        measures.values_list(
            "pk", "code", "title", "status", "field_of_action__number", "field_of_action__title"
        )
    )
    phases = defaultdict(list)
    for measure_id, *phase in (
        Phase.objects.filter(measure_id__in=[pk for pk, *_rest in found])
        .order_by(*PHASE_ORDER)
        .values_list("measure_id", "title", "start", "end", "person_days", "fixed")
    ):
        phases[measure_id].append(_timeline_phase(*phase))
    status_labels = {value: str(label) for value, label in Measure.Status.choices}
    fields = {}  # (number, title) -> the field of action as the page names it
    url = _detail_url()
    return [
        TimelineRow(
            code=code,
            title=title,
            status=status,
            status_label=status_labels.get(status, status),
            field_of_action=fields.get((number, foa_title))
            or fields.setdefault(
                (number, foa_title), str(FieldOfAction(number=number, title=foa_title))
            ),
            url=url(pk),
            phases=tuple(phases.get(pk, ())),
        )
        for pk, code, title, status, number, foa_title in found
    ]


def _detail_url():
    """``Measure.get_absolute_url`` by primary key, with a single ``reverse()``."""
    marker = 987654321
    head, tail = reverse("measures:detail", kwargs={"pk": marker}).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


# --- Capacity ----------------------------------------------------------------------------
@dataclass(frozen=True)
class QuarterLoad:
    index: int
    planned: Decimal
    capacity: int
    has_capacity: bool

    @property
    def overloaded(self) -> bool:
        return self.planned > self.capacity

    @property
    def utilisation(self) -> int | None:
        """Planned effort in per cent of capacity."""
        if not self.capacity:
            return None
        return round(self.planned * 100 / self.capacity)

    def to_snapshot(self) -> dict:
        """As plain JSON data, with the label and the derived figures the report prints;
        :meth:`from_snapshot` reverses it."""
        return {
            "index": self.index,
            "label": quarter_label(self.index),
            "planned": str(self.planned),
            "capacity": self.capacity,
            "has_capacity": self.has_capacity,
            "overloaded": self.overloaded,
            "utilisation": self.utilisation,
        }

    @classmethod
    def from_snapshot(cls, data: dict) -> "QuarterLoad":
        return cls(
            index=data["index"],
            planned=Decimal(data["planned"]),
            capacity=data["capacity"],
            has_capacity=data["has_capacity"],
        )


def planned_phases_with_status(*, statuses=LOADED_STATES) -> list[tuple[PlannedPhase, str]]:
    """The phases that take staff time, as the scheduler sees them, with their measure's status."""
    rows = Phase.objects.filter(measure__status__in=statuses).values_list(
        "pk",
        "measure_id",
        "order",
        "start",
        "end",
        "person_days",
        "fixed",
        "measure__priority",
        "measure__status",
    )
    return [
        (
            PlannedPhase(
                id=pk,
                measure_id=measure_id,
                order=order,
                start=quarter_index(start),
                end=quarter_index(end),
                person_days=person_days,
                fixed=fixed,
                priority=priority,
            ),
            status,
        )
        for pk, measure_id, order, start, end, person_days, fixed, priority, status in rows
    ]


def planned_phases(*, statuses=LOADED_STATES) -> list[PlannedPhase]:
    """The phases that take staff time, as the scheduler sees them."""
    return [phase for phase, _status in planned_phases_with_status(statuses=statuses)]


def capacity_by_quarter() -> dict[int, int]:
    return {
        quarter_index(quarter): days
        for quarter, days in StaffCapacity.objects.values_list("quarter", "person_days")
    }


def default_capacity(capacity: dict[int, int]) -> int:
    """Quarters without a recorded capacity are assumed to have the latest recorded one."""
    return capacity[max(capacity)] if capacity else 0


def _to_decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.1"))


def capacity_quarters(first: int, last: int, *, phases=None, starts=None) -> list[QuarterLoad]:
    """Planned person-days against capacity for each quarter from ``first`` to ``last``."""
    phases = planned_phases() if phases is None else phases
    capacity = capacity_by_quarter()
    fallback = default_capacity(capacity)
    load = quarterly_load(phases, starts)
    return [
        QuarterLoad(
            index=index,
            planned=_to_decimal(load.get(index, Fraction(0))),
            capacity=capacity.get(index, fallback),
            has_capacity=index in capacity,
        )
        for index in range(first, last + 1)
    ]


def capacity_window(today: datetime.date | None = None) -> tuple[int, int]:
    """The quarters the capacity plan shows: two years back, up to four years ahead."""
    current = quarter_index(today or timezone.localdate())
    return current - 8, current + 15


def overloaded_quarters(today: datetime.date | None = None) -> list[QuarterLoad]:
    """Overloaded quarters from now on (for the staff dashboard)."""
    today = today or timezone.localdate()
    first, last = capacity_window(today)
    return [
        q
        for q in capacity_quarters(quarter_index(today), last)
        if q.overloaded and q.capacity is not None
    ]

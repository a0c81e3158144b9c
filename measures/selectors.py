"""Reads on measures shared by the pages, the dashboards and the PDF reports.

The timeline and capacity selectors return plain data (dataclasses) that ``measures.charts``
turns into SVG, so the reports can draw the very same charts.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import IntegerField, Max, Min, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from dialog.rules import is_verwaltung

from .models import Measure, MeasurePartner, Phase, StaffCapacity
from .quarters import quarter_index
from .rules import can_see_internals
from .scheduling import PlannedPhase, quarterly_load

# Measures whose phases take staff time: ideas are not planned yet, deferred and dropped ones
# have given their time back.
LOADED_STATES = (Measure.Status.PLANNED, Measure.Status.ACTIVE, Measure.Status.COMPLETED)


def measures_visible_to(user):
    """Measures a user may find in lists: ideas only for staff (they triage them)."""
    queryset = Measure.objects.all()
    if not is_verwaltung(user):
        queryset = queryset.exclude(status=Measure.Status.IDEA)
    return queryset


def sees_internals_in_lists(user) -> bool:
    return bool(can_see_internals(user))


def measure_list_queryset(user):
    """The measure list with everything a row shows, in a fixed number of queries."""
    effort = (
        Phase.objects.filter(measure=OuterRef("pk"))
        .values("measure")
        .annotate(total=Sum("person_days"))
        .values("total")
    )
    return (
        measures_visible_to(user)
        .select_related("field_of_action", "responsible")
        .prefetch_related(
            Prefetch(
                "partner_roles",
                queryset=MeasurePartner.objects.select_related("partner").order_by(
                    "role", "partner__name"
                ),
            )
        )
        .annotate(
            first_start=Min("phases__start"),
            last_end=Max("phases__end"),
            effort=Coalesce(Subquery(effort, output_field=IntegerField()), 0),
        )
        .order_by("code")
    )


def measures_of_partner_user(user):
    return Measure.objects.filter(partners__users=user).distinct().select_related("field_of_action")


def ideas_to_triage():
    return (
        Measure.objects.filter(status=Measure.Status.IDEA)
        .select_related("field_of_action", "proposed_by")
        .order_by("created_at")
    )


# --- Timeline ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelinePhase:
    title: str
    start: int
    end: int
    person_days: int
    fixed: bool


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


def timeline_rows(measures) -> list[TimelineRow]:
    """One row per measure with its phases (quarter indices), ordered by field of action."""
    measures = (
        measures.select_related("field_of_action")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("order", "start")))
        .order_by("field_of_action__number", "code")
    )
    return [
        TimelineRow(
            code=m.code,
            title=m.title,
            status=m.status,
            status_label=m.get_status_display(),
            field_of_action=str(m.field_of_action),
            url=m.get_absolute_url(),
            phases=tuple(
                TimelinePhase(
                    title=p.title,
                    start=quarter_index(p.start),
                    end=quarter_index(p.end),
                    person_days=p.person_days,
                    fixed=p.fixed,
                )
                for p in m.phases.all()
            ),
        )
        for m in measures
    ]


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

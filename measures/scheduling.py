"""*Staffelung vorschlagen*: stagger movable phases so that planned effort fits staff capacity.

A pure function on plain data (no database), so it can be tested on its own and the same input
always gives the same proposal. Quarters are integer indices (see ``measures.quarters``).

The rules, as the Handlungskonzept asks:

* only movable phases move, and only later, never earlier;
* the order of the phases within a measure is kept: a phase moves together with the phases of
  its measure that come after it, by the same number of quarters;
* the lowest-priority phases move first;
* nothing ends after ``horizon``; when no plan within the horizon fits, the result says so and
  carries the best plan found (the one with the least overload).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class PlannedPhase:
    """A phase as the scheduler sees it. ``priority``: 1 high … 3 low (``Measure.Priority``)."""

    id: int
    measure_id: int
    order: int
    start: int
    end: int
    person_days: int
    fixed: bool = False
    priority: int = 2

    @property
    def quarters(self) -> int:
        return self.end - self.start + 1


@dataclass(frozen=True)
class Move:
    phase_id: int
    old_start: int
    new_start: int

    @property
    def quarters(self) -> int:
        return self.new_start - self.old_start


@dataclass(frozen=True)
class Staggering:
    """The proposal: new starts of the phases that move, and how the quarters look."""

    moves: tuple[Move, ...]
    feasible: bool
    overloaded_before: tuple[int, ...]
    overloaded_after: tuple[int, ...]
    starts: Mapping[int, int] = field(default_factory=dict)

    @property
    def changes_anything(self) -> bool:
        return bool(self.moves)


def quarterly_load(
    phases: Iterable[PlannedPhase], starts: Mapping[int, int] | None = None
) -> dict[int, Fraction]:
    """Person-days per quarter, each phase's effort spread evenly over its quarters.

    Exact: per quarter, the person-days are summed as integers by the phases' lengths, and
    only those few sums become fractions (adding a ``Fraction`` per phase and quarter is slow).
    """
    totals: dict[int, dict[int, int]] = {}  # quarter -> {phase length: person-days}
    for phase in phases:
        start = starts.get(phase.id, phase.start) if starts else phase.start
        length, days = phase.quarters, phase.person_days
        for quarter in range(start, start + length):
            by_length = totals.setdefault(quarter, {})
            by_length[length] = by_length.get(length, 0) + days
    return {
        quarter: sum((Fraction(days, length) for length, days in by_length.items()), Fraction(0))
        for quarter, by_length in totals.items()
    }


def _overloads(load, capacity, default_capacity, earliest):
    return {
        quarter: amount - capacity.get(quarter, default_capacity)
        for quarter, amount in load.items()
        if quarter >= earliest and amount > capacity.get(quarter, default_capacity)
    }


def propose_staggering(
    phases: Iterable[PlannedPhase],
    capacity: Mapping[int, int],
    *,
    horizon: int,
    earliest: int | None = None,
    default_capacity: int = 0,
) -> Staggering:
    """Propose new starts for movable phases so that every quarter from ``earliest`` fits.

    ``capacity`` maps quarter indices to available person-days; quarters without an entry have
    ``default_capacity``. Phases starting before ``earliest`` (already under way) count as
    fixed. No phase is moved to end after ``horizon``.
    """
    phases = sorted(phases, key=lambda p: (p.measure_id, p.order, p.start, p.id))
    if earliest is None:
        earliest = min((p.start for p in phases), default=0)
    by_measure: dict[int, list[PlannedPhase]] = {}
    for phase in phases:
        by_measure.setdefault(phase.measure_id, []).append(phase)

    starts = {phase.id: phase.start for phase in phases}

    def movable(phase):
        return not phase.fixed and phase.start >= earliest

    def group_of(phase):
        """The phase and those of its measure after it: they move together."""
        siblings = by_measure[phase.measure_id]
        return siblings[siblings.index(phase) :]

    def overload_now():
        return _overloads(quarterly_load(phases, starts), capacity, default_capacity, earliest)

    initial = overload_now()
    best_starts, best_total = dict(starts), sum(initial.values(), Fraction(0))
    stuck: set[int] = set()
    while True:
        overloaded = overload_now()
        total = sum(overloaded.values(), Fraction(0))
        if total < best_total:
            best_starts, best_total = dict(starts), total
        pending = sorted(quarter for quarter in overloaded if quarter not in stuck)
        if not pending:
            break
        quarter = pending[0]
        candidates = []
        for phase in phases:
            start = starts[phase.id]
            if not (start <= quarter < start + phase.quarters) or phase.person_days == 0:
                continue
            shift = quarter - start + 1
            group = group_of(phase)
            if not all(movable(p) for p in group):
                continue
            if any(starts[p.id] + shift + p.quarters - 1 > horizon for p in group):
                continue
            # Lowest priority first, then the smallest shift, then a fixed tie-break.
            key = (-phase.priority, shift, -phase.measure_id, -phase.order, -phase.id)
            candidates.append((key, shift, group))
        if not candidates:
            stuck.add(quarter)
            continue
        _key, shift, group = min(candidates, key=lambda c: c[0])
        for p in group:
            starts[p.id] += shift

    after = _overloads(quarterly_load(phases, best_starts), capacity, default_capacity, earliest)
    moves = tuple(
        Move(phase.id, phase.start, best_starts[phase.id])
        for phase in phases
        if best_starts[phase.id] != phase.start
    )
    return Staggering(
        moves=moves,
        feasible=not after,
        overloaded_before=tuple(sorted(initial)),
        overloaded_after=tuple(sorted(after)),
        starts=best_starts,
    )

"""The staggering proposal (*Staffelung vorschlagen*): a pure function, tested on its own."""

from hypothesis import given, settings
from hypothesis import strategies as st

from measures.scheduling import PlannedPhase, propose_staggering, quarterly_load

Q = 2026 * 4  # Q1 2026 as quarter index


def phase(id, measure, start, quarters=1, days=10, order=1, fixed=False, priority=2):
    return PlannedPhase(
        id=id,
        measure_id=measure,
        order=order,
        start=start,
        end=start + quarters - 1,
        person_days=days,
        fixed=fixed,
        priority=priority,
    )


def test_a_plan_that_fits_is_left_alone():
    phases = [phase(1, 1, Q, days=50), phase(2, 2, Q + 1, days=50)]
    result = propose_staggering(phases, {Q: 60, Q + 1: 60}, horizon=Q + 8)
    assert result.feasible
    assert result.moves == ()
    assert result.overloaded_before == ()


def test_the_lowest_priority_phase_moves_later_until_the_quarter_fits():
    high = phase(1, 1, Q, days=60, priority=1)
    low = phase(2, 2, Q, days=60, priority=3)
    result = propose_staggering([high, low], {}, horizon=Q + 8, default_capacity=80)
    assert result.overloaded_before == (Q,)
    assert result.feasible
    assert [(m.phase_id, m.old_start, m.new_start) for m in result.moves] == [(2, Q, Q + 1)]


def test_fixed_phases_stay_even_with_low_priority():
    fixed_low = phase(1, 1, Q, days=60, priority=3, fixed=True)
    movable_high = phase(2, 2, Q, days=60, priority=1)
    result = propose_staggering([fixed_low, movable_high], {}, horizon=Q + 8, default_capacity=80)
    assert [m.phase_id for m in result.moves] == [2]


def test_later_phases_of_a_measure_move_along_and_keep_their_order():
    first = phase(1, 1, Q, days=60, order=1, priority=3)
    second = phase(2, 1, Q + 1, days=10, order=2, priority=3)
    other = phase(3, 2, Q, days=60, priority=1)
    result = propose_staggering([first, second, other], {}, horizon=Q + 8, default_capacity=80)
    assert result.feasible
    assert result.starts[1] == Q + 1
    assert result.starts[2] == Q + 2


def test_phases_under_way_are_not_moved():
    running = phase(1, 1, Q - 1, quarters=3, days=90, priority=3)
    planned = phase(2, 2, Q, days=60, priority=1)
    result = propose_staggering(
        [running, planned], {}, horizon=Q + 8, earliest=Q, default_capacity=80
    )
    assert [m.phase_id for m in result.moves] == [2]


def test_without_a_feasible_plan_it_says_so_and_returns_the_best_found():
    # A fixed phase alone exceeds the capacity: nothing can make that quarter fit.
    fixed = phase(1, 1, Q, days=100, fixed=True)
    movable = phase(2, 2, Q, days=30, priority=3)
    result = propose_staggering([fixed, movable], {}, horizon=Q + 4, default_capacity=80)
    assert not result.feasible
    assert result.overloaded_after == (Q,)
    assert result.starts[2] == Q + 1  # the movable one still made the overload smaller


def test_nothing_moves_beyond_the_horizon():
    phases = [phase(1, 1, Q, days=100), phase(2, 2, Q, days=100)]
    result = propose_staggering(phases, {}, horizon=Q, default_capacity=120)
    assert not result.feasible
    assert result.moves == ()


def test_load_spreads_a_phase_evenly_over_its_quarters():
    load = quarterly_load([phase(1, 1, Q, quarters=4, days=100)])
    assert load == {Q: 25, Q + 1: 25, Q + 2: 25, Q + 3: 25}


# --- Properties -------------------------------------------------------------------------
@st.composite
def plans(draw):
    measures = draw(st.integers(min_value=1, max_value=6))
    phases, next_id = [], 1
    for measure in range(1, measures + 1):
        priority = draw(st.integers(min_value=1, max_value=3))
        start = Q + draw(st.integers(min_value=0, max_value=6))
        for order in range(1, draw(st.integers(min_value=1, max_value=3)) + 1):
            quarters = draw(st.integers(min_value=1, max_value=4))
            phases.append(
                phase(
                    next_id,
                    measure,
                    start,
                    quarters=quarters,
                    days=draw(st.integers(min_value=0, max_value=80)),
                    order=order,
                    fixed=draw(st.booleans()),
                    priority=priority,
                )
            )
            next_id += 1
            start += quarters + draw(st.integers(min_value=-1, max_value=2))
    capacity = draw(
        st.dictionaries(
            st.integers(min_value=Q, max_value=Q + 16), st.integers(min_value=0, max_value=120)
        )
    )
    default = draw(st.integers(min_value=20, max_value=120))
    return phases, capacity, default


@settings(max_examples=200, deadline=None)
@given(plans())
def test_properties_of_every_proposal(plan):
    phases, capacity, default = plan
    horizon = max(p.end for p in phases) + 8
    result = propose_staggering(phases, capacity, horizon=horizon, default_capacity=default)
    by_id = {p.id: p for p in phases}
    for p in phases:
        new = result.starts[p.id]
        assert new >= p.start, "nothing is moved earlier"
        if p.fixed:
            assert new == p.start, "fixed phases never move"
        assert new + p.quarters - 1 <= max(horizon, p.end), "nothing moves past the horizon"
    for a in phases:
        for b in phases:
            if a.measure_id == b.measure_id and a.order < b.order and a.start <= b.start:
                assert result.starts[a.id] <= result.starts[b.id], "order within a measure kept"
    for move in result.moves:
        assert by_id[move.phase_id].start == move.old_start
    load = quarterly_load(phases, result.starts)
    overloaded = {q for q, amount in load.items() if amount > capacity.get(q, default)}
    assert set(result.overloaded_after) == overloaded
    assert result.feasible == (not overloaded)
    # Never worse than doing nothing.
    before = quarterly_load(phases)

    def total(ld):
        return sum(max(0, amount - capacity.get(q, default)) for q, amount in ld.items())

    assert total(load) <= total(before)


@settings(max_examples=100, deadline=None)
@given(plans())
def test_the_same_input_always_gives_the_same_proposal(plan):
    phases, capacity, default = plan
    horizon = max(p.end for p in phases) + 8
    first = propose_staggering(phases, capacity, horizon=horizon, default_capacity=default)
    again = propose_staggering(
        list(reversed(phases)), dict(capacity), horizon=horizon, default_capacity=default
    )
    assert first == again

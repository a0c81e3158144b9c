"""The risk score: weights by severity and kind, fading with age, resolved signals count 0."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from companies.risk import HALF_LIFE_DAYS, KIND_WEIGHTS, Signal, risk_score, signal_weight

TODAY = datetime.date(2026, 6, 1)
kinds = st.sampled_from(sorted(KIND_WEIGHTS))
severities = st.integers(min_value=1, max_value=5)
ages = st.integers(min_value=0, max_value=3650)


def signal(kind="order_slump", severity=3, age=0, resolved=False):
    observed = TODAY - datetime.timedelta(days=age)
    return Signal(kind, severity, observed, observed if resolved else None)


signals = st.builds(signal, kind=kinds, severity=severities, age=ages, resolved=st.booleans())


def test_a_company_without_signals_scores_zero():
    assert risk_score([], TODAY) == 0


def test_a_signal_counts_half_after_one_half_life():
    fresh = signal_weight(signal(age=0), TODAY)
    assert signal_weight(signal(age=HALF_LIFE_DAYS), TODAY) == fresh / 2


def test_insolvency_weighs_more_than_energy_costs_of_the_same_severity():
    assert risk_score([signal("insolvency", 4)], TODAY) > risk_score(
        [signal("energy_costs", 4)], TODAY
    )


def test_one_existential_signal_outweighs_two_minor_ones():
    assert risk_score([signal(severity=5)], TODAY) > risk_score(
        [signal(severity=1), signal(severity=2)], TODAY
    )


def test_a_signal_observed_in_the_future_counts_like_a_fresh_one():
    future = Signal("job_cuts", 3, TODAY + datetime.timedelta(days=30))
    assert signal_weight(future, TODAY) == signal_weight(signal("job_cuts", 3), TODAY)


@given(kind=kinds, severity=severities, age=ages)
def test_resolved_signals_count_nothing(kind, severity, age):
    assert risk_score([signal(kind, severity, age, resolved=True)], TODAY) == 0


@given(items=st.lists(signals, max_size=12))
def test_the_score_is_never_negative(items):
    assert risk_score(items, TODAY) >= 0


@given(kind=kinds, low=severities, high=severities, age=ages)
def test_the_score_grows_with_severity(kind, low, high, age):
    low, high = sorted((low, high))
    assert risk_score([signal(kind, low, age)], TODAY) <= risk_score(
        [signal(kind, high, age)], TODAY
    )
    if low < high:
        assert signal_weight(signal(kind, low, age), TODAY) < signal_weight(
            signal(kind, high, age), TODAY
        )


@given(kind=kinds, severity=severities, young=ages, old=ages)
def test_an_older_signal_never_scores_higher(kind, severity, young, old):
    young, old = sorted((young, old))
    assert risk_score([signal(kind, severity, old)], TODAY) <= risk_score(
        [signal(kind, severity, young)], TODAY
    )


@given(items=st.lists(signals, max_size=8), extra=signals)
def test_another_open_signal_never_lowers_the_score(items, extra):
    assert risk_score([*items, extra], TODAY) >= risk_score(items, TODAY) - 0.1

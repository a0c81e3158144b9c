"""The early-warning risk score: a pure function of a company's risk signals and a day.

Each open signal weighs ``kind weight × severity points``, halved every ``HALF_LIFE_DAYS`` since
it was observed; resolved signals count nothing. The score is the sum over the signals. Nothing
here touches the database, so the watchlist, the weekly digest and the tests share it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

# How much a kind of signal says about a company drifting into trouble.
KIND_WEIGHTS = {
    "insolvency": 3.0,
    "relocation": 2.5,
    "job_cuts": 2.0,
    "short_time": 1.5,
    "order_slump": 1.5,
    "succession": 1.2,
    "energy_costs": 1.0,
    "owner_change": 1.0,
    "other": 1.0,
}
DEFAULT_KIND_WEIGHT = 1.0
# Severity 1–5 grows faster than linearly: one existential signal outweighs several minor ones.
SEVERITY_POINTS = {1: 1.0, 2: 2.0, 3: 4.0, 4: 7.0, 5: 11.0}
HALF_LIFE_DAYS = 180


@dataclass(frozen=True)
class Signal:
    """What the score needs to know about a risk signal."""

    kind: str
    severity: int
    observed_on: datetime.date
    resolved_on: datetime.date | None = None


def signal_weight(signal, today: datetime.date) -> float:
    """The weight of one signal on ``today`` (0 once it is resolved)."""
    if signal.resolved_on is not None:
        return 0.0
    severity = min(max(int(signal.severity), 1), 5)
    age_days = max((today - signal.observed_on).days, 0)
    fading = 0.5 ** (age_days / HALF_LIFE_DAYS)
    return KIND_WEIGHTS.get(signal.kind, DEFAULT_KIND_WEIGHT) * SEVERITY_POINTS[severity] * fading


def risk_score(signals: Iterable, today: datetime.date) -> float:
    """A company's risk score on ``today`` from its signals, rounded to one decimal.

    ``signals`` are :class:`Signal` objects or anything with the same attributes (such as
    :class:`companies.models.RiskSignal`).
    """
    return round(sum(signal_weight(signal, today) for signal in signals), 1)

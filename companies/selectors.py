"""Reads of the company register shared by views, exports, the digest and the dashboard."""

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from .models import (
    Company,
    ContactLogEntry,
    ContactPerson,
    EmployeeCount,
    Need,
    NetworkMembership,
    PrivacyLogEntry,
    RiskSignal,
)
from .risk import Signal, risk_score, signal_weight


def _latest_employees():
    return Subquery(
        EmployeeCount.objects.filter(company=OuterRef("pk"))
        .order_by("-year")
        .values("employees")[:1]
    )


def current_memberships(today=None):
    """Memberships running today, with their network."""
    today = today or timezone.localdate()
    return (
        NetworkMembership.objects.filter(joined_on__lte=today)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .select_related("network")
        .order_by("network__name")
    )


def company_directory():
    """Companies with the directory fields only (for board members and partners)."""
    return (
        Company.objects.only(
            "id", "name", "district", "website", "sector__id", "sector__code", "sector__title"
        )
        .select_related("sector")
        .prefetch_related(
            Prefetch(
                "network_memberships", queryset=current_memberships(), to_attr="current_networks"
            )
        )
    )


def company_register():
    """Companies with what the staff list shows: sector, latest headcount, open signals."""
    open_signals = RiskSignal.objects.filter(company=OuterRef("pk"), resolved_on__isnull=True)
    return (
        Company.objects.select_related("sector")
        .annotate(
            latest_employees=_latest_employees(),
            open_signal_count=Count(
                "risk_signals", filter=Q(risk_signals__resolved_on__isnull=True), distinct=True
            ),
            has_open_signals=Exists(open_signals),
        )
        .prefetch_related(
            Prefetch(
                "network_memberships", queryset=current_memberships(), to_attr="current_networks"
            )
        )
    )


def company_profile(pk):
    """One company with everything the staff page shows, in a fixed number of queries."""
    return (
        Company.objects.select_related("sector", "sector__parent")
        .prefetch_related(
            Prefetch("employee_counts", queryset=EmployeeCount.objects.order_by("year")),
            Prefetch(
                "contacts",
                queryset=ContactPerson.objects.order_by(
                    F("erased_at").asc(nulls_first=True), "name"
                ),
            ),
            Prefetch(
                "needs",
                queryset=Need.objects.order_by("-stated_on", "-pk").prefetch_related("measures"),
            ),
            Prefetch(
                "contact_log",
                queryset=ContactLogEntry.objects.select_related("staff_member", "contact_person"),
            ),
            Prefetch("risk_signals", queryset=RiskSignal.objects.order_by("-observed_on", "-pk")),
            Prefetch(
                "network_memberships",
                queryset=NetworkMembership.objects.select_related("network").order_by("-joined_on"),
            ),
            Prefetch(
                "privacy_log",
                queryset=PrivacyLogEntry.objects.select_related("performed_by", "contact_person"),
            ),
        )
        .get(pk=pk)
    )


class RankedWatchlist(Sequence):
    """The watchlist as a sequence of ``(company, score, signals)``, best ranked first.

    The ranking itself comes from light rows (company id, kind, severity, date); companies and
    their signals are loaded only for the rows asked for (a page, the dashboard's top five),
    so the page costs the same few queries however many companies carry signals.
    """

    def __init__(self, ranking, signals, today):
        self._ranking = ranking  # [(company_id, score)]
        self._signals = signals
        self._today = today

    def __len__(self):
        return len(self._ranking)

    def __iter__(self):
        # Exports and the digest walk the whole list: load it in large chunks.
        for start in range(0, len(self._ranking), 500):
            yield from self._load(self._ranking[start : start + 500])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._load(self._ranking[index])
        return self._load([self._ranking[index]])[0]

    def _load(self, rows):
        if not rows:
            return []
        companies = (
            Company.objects.filter(pk__in=[company_id for company_id, _score in rows])
            .select_related("sector")
            .prefetch_related(
                Prefetch("risk_signals", queryset=self._signals, to_attr="open_signals")
            )
            .in_bulk()
        )
        result = []
        for company_id, score in rows:
            company = companies[company_id]
            for signal in company.open_signals:
                # What each signal adds to the score, so staff see why a company ranks high.
                signal.weight = round(signal_weight(signal, self._today), 1)
            result.append((company, score, company.open_signals))
        return result


def watchlist(*, queryset=None, today=None, kinds=None):
    """Companies with open risk signals, ranked by risk score (highest first).

    Returns a :class:`RankedWatchlist` of ``(company, score, signals)``; ``kinds`` limits the
    signals counted.
    """
    today = today or timezone.localdate()
    signals = RiskSignal.objects.filter(resolved_on__isnull=True).order_by("-observed_on", "-pk")
    if kinds:
        signals = signals.filter(kind__in=kinds)
    companies = queryset if queryset is not None else Company.objects.all()
    per_company = defaultdict(list)
    for company_id, kind, severity, observed_on in signals.filter(
        company__in=companies.values("pk")
    ).values_list("company_id", "kind", "severity", "observed_on"):
        per_company[company_id].append(Signal(kind, severity, observed_on))
    names = dict(Company.objects.filter(pk__in=per_company).values_list("pk", "name"))
    ranking = sorted(
        ((company_id, risk_score(rows, today)) for company_id, rows in per_company.items()),
        key=lambda row: (-row[1], names[row[0]]),
    )
    return RankedWatchlist(ranking, signals, today)


def need_counts_by_topic(queryset=None):
    """Numbers of needs per topic and status: ``{topic: {status: n, "total": n}}``."""
    queryset = queryset if queryset is not None else Need.objects.all()
    table = defaultdict(lambda: defaultdict(int))
    for row in queryset.values("topic", "status").annotate(n=Count("id")).order_by():
        table[row["topic"]][row["status"]] += row["n"]
        table[row["topic"]]["total"] += row["n"]
    return table


def open_follow_ups(limit=10):
    """Agreed next steps not done yet, the ones due first on top."""
    return (
        ContactLogEntry.objects.exclude(follow_up="")
        .filter(follow_up_done_on__isnull=True)
        .select_related("company", "staff_member")
        .order_by("follow_up_due", "date")[:limit]
    )

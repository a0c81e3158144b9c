"""Reads of the company register shared by views, exports, the digest and the dashboard."""

from collections import defaultdict

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
from .risk import risk_score, signal_weight


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


def watchlist(*, queryset=None, today=None, kinds=None):
    """Companies with open risk signals, ranked by risk score (highest first).

    Returns a list of ``(company, score, signals)``; ``kinds`` limits the signals counted.
    """
    today = today or timezone.localdate()
    signals = RiskSignal.objects.filter(resolved_on__isnull=True).order_by("-observed_on", "-pk")
    if kinds:
        signals = signals.filter(kind__in=kinds)
    companies = (queryset if queryset is not None else Company.objects.all()).filter(
        Exists(signals.filter(company=OuterRef("pk")))
    )
    companies = companies.select_related("sector").prefetch_related(
        Prefetch("risk_signals", queryset=signals, to_attr="open_signals")
    )
    ranked = []
    for company in companies:
        for signal in company.open_signals:
            # What each signal adds to the score, so staff see why a company ranks high.
            signal.weight = round(signal_weight(signal, today), 1)
        ranked.append((company, risk_score(company.open_signals, today), company.open_signals))
    ranked.sort(key=lambda row: (-row[1], row[0].name))
    return ranked


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

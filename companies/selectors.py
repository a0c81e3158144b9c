"""Reads of the company register shared by views, exports, the digest and the dashboard."""

import datetime
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.utils import timezone

from dialog.core.db import instances_from_rows, json_rows

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


# The short lists of the company page that come with the company row:
# attribute on the company -> (model, columns, sort key, latest first).
PROFILE_LISTS = {
    "employee_series": (EmployeeCount, ("id", "year", "employees"), ("year",), False),
    "signals": (
        RiskSignal,
        ("id", "kind", "severity", "observed_on", "source", "note", "resolved_on"),
        ("observed_on", "pk"),
        True,
    ),
    "log_entries": (
        ContactLogEntry,
        (
            *("id", "kind", "date", "summary", "follow_up", "follow_up_due"),
            *("follow_up_done_on", "staff_member_id", "contact_person_id"),
            *("staff_member__full_name", "staff_member__email", "contact_person__name"),
        ),
        ("date", "pk"),
        True,
    ),
    "memberships": (
        NetworkMembership,
        ("id", "joined_on", "left_on", "network_id", "network__name"),
        ("joined_on",),
        True,
    ),
    "privacy_entries": (
        PrivacyLogEntry,
        ("id", "action", "performed_at", "performed_by_id")
        + ("performed_by__full_name", "performed_by__email"),
        ("performed_at",),
        True,
    ),
}


def company_profile(pk):
    """One company with everything the staff page shows, in a fixed number of queries.

    The short lists of :data:`PROFILE_LISTS` come with the company row (as JSON, sorted here
    by dates and numbers); what is ordered by text (contacts, needs and their measures) is
    prefetched. Sets the attributes of ``PROFILE_LISTS`` on the company. Other apps add their
    own panels to the page (the events app its participation figures).
    """
    lists = {
        f"{name}_rows": json_rows(model.objects.filter(company=OuterRef("pk")), *columns)
        for name, (model, columns, _key, _reverse) in PROFILE_LISTS.items()
    }
    company = (
        Company.objects.select_related("sector", "sector__parent")
        .annotate(**lists)
        .prefetch_related(
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
        )
        .get(pk=pk)
    )
    for name, (model, columns, key, reverse) in PROFILE_LISTS.items():
        rows = instances_from_rows(model, getattr(company, f"{name}_rows"), columns)
        rows.sort(key=lambda row, key=key: tuple(getattr(row, part) for part in key))
        setattr(company, name, rows[::-1] if reverse else rows)
    return company


class RankedWatchlist(Sequence):
    """The watchlist as a sequence of ``(company, score, signals)``, best ranked first.

    The ranking itself comes from light rows (company id, kind, severity, date); companies and
    their signals are loaded only for the rows asked for (a page, the dashboard's top five),
    so the page costs the same few queries however many companies carry signals.
    """

    def __init__(self, ranking, signals, today, names=None):
        self._ranking = ranking  # [(company_id, score)]
        self._signals = signals
        self._today = today
        self._names = names or {}

    def top(self, limit):
        """The first ``limit`` rows as ``(company_id, name, score)``, with no further query
        (the dashboard shows names and scores only)."""
        return [
            (company_id, self._names[company_id], score)
            for company_id, score in self._ranking[:limit]
        ]

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
    names = {}
    for company_id, name, kind, severity, observed_on in signals.filter(
        company__in=companies.values("pk")
    ).values_list("company_id", "company__name", "kind", "severity", "observed_on"):
        per_company[company_id].append(Signal(kind, severity, observed_on))
        names[company_id] = name
    ranking = sorted(
        ((company_id, risk_score(rows, today)) for company_id, rows in per_company.items()),
        key=lambda row: (-row[1], names[row[0]]),
    )
    return RankedWatchlist(ranking, signals, today, names)


def need_counts_by_topic(queryset=None):
    """Numbers of needs per topic and status: ``{topic: {status: n, "total": n}}``."""
    queryset = queryset if queryset is not None else Need.objects.all()
    table = defaultdict(lambda: defaultdict(int))
    for row in queryset.values("topic", "status").annotate(n=Count("id")).order_by():
        table[row["topic"]][row["status"]] += row["n"]
        table[row["topic"]]["total"] += row["n"]
    return table


def company_figures() -> dict:
    """Companies in the register: in total, active, and active production-intensive ones."""
    return Company.objects.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status=Company.Status.ACTIVE)),
        production_intensive=Count(
            "pk", filter=Q(status=Company.Status.ACTIVE, production_intensive=True)
        ),
    )


def need_figures_by_topic(start: datetime.date, end: datetime.date) -> list[dict]:
    """Per topic (those with needs, in order): needs in total, answered, answered by a measure,
    stated between ``start`` and ``end``, and the codes of the measures that answer them.
    Counts only: never a company's name or what it said."""
    rows = (
        Need.objects.values("topic")
        .annotate(
            total=Count("pk", distinct=True),
            answered=Count("pk", filter=Q(status=Need.Status.ANSWERED), distinct=True),
            with_measure=Count("pk", filter=Q(measures__isnull=False), distinct=True),
            stated_in_period=Count("pk", filter=Q(stated_on__range=(start, end)), distinct=True),
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


def open_follow_ups(limit=None, *, today=None):
    """Agreed next steps not done yet (Wiedervorlagen), the ones due first on top.

    Each entry carries ``overdue``: its due date lies before today. Steps without a due date
    come last.
    """
    today = today or timezone.localdate()
    queryset = (
        ContactLogEntry.objects.exclude(follow_up="")
        .filter(follow_up_done_on__isnull=True)
        .annotate(
            overdue=ExpressionWrapper(
                Q(follow_up_due__lt=today, follow_up_due__isnull=False),
                output_field=BooleanField(),
            )
        )
        .select_related("company", "staff_member", "contact_person")
        .order_by(F("follow_up_due").asc(nulls_last=True), "date", "pk")
    )
    return queryset[:limit] if limit is not None else queryset

"""Figures about events for reports, the company page and dashboards.

All of them count companies and people, never show another company's confidential data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum

from companies.models import Company
from dialog.core.db import count_distinct, instances_from_rows, json_rows

from .models import Event, MobilityFeedback, MobilityWeek, Registration

ATTENDED = Registration.Status.ATTENDED


def _period(queryset, start: datetime.date | None, end: datetime.date | None, field="starts_at"):
    if start is not None:
        queryset = queryset.filter(**{f"{field}__date__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{field}__date__lte": end})
    return queryset


@dataclass(frozen=True)
class CompanyParticipation:
    company_id: int
    company_name: str
    meetings: int


@dataclass(frozen=True)
class NetworkParticipation:
    meetings: int
    participants: int
    companies_reached: int
    repeat_companies: int
    per_company: list[CompanyParticipation]

    @property
    def repeat_share(self) -> float:
        """Share of the companies reached that came to more than one meeting."""
        return self.repeat_companies / self.companies_reached if self.companies_reached else 0.0


def network_participation(
    *, network=None, start: datetime.date | None = None, end: datetime.date | None = None
) -> NetworkParticipation:
    """Participation in network meetings: companies reached and repeat participation.

    ``network``: one network (default: every network meeting). A company counts for a meeting
    when at least one of its people attended.
    """
    meetings = Event.objects.filter(format=Event.Format.NETWORK_MEETING).exclude(
        status=Event.Status.CANCELLED
    )
    if network is not None:
        meetings = meetings.filter(network=network)
    meetings = _period(meetings, start, end)
    attended = Registration.objects.filter(event__in=meetings, status=ATTENDED)
    per_company = [
        CompanyParticipation(row["company_id"], row["company__name"], row["meetings"])
        for row in attended.filter(company__isnull=False)
        .values("company_id", "company__name")
        .annotate(meetings=Count("event", distinct=True))
        .order_by("-meetings", "company__name")
    ]
    return NetworkParticipation(
        meetings=meetings.count(),
        participants=attended.count(),
        companies_reached=len(per_company),
        repeat_companies=sum(1 for row in per_company if row.meetings > 1),
        per_company=per_company,
    )


# What the company page shows of the events a company attended.
RECENT_EVENT_COLUMNS = ("id", "title", "starts_at")


def company_participation_annotations() -> dict:
    """A company's part in the dialog's events as annotations of a ``Company`` queryset
    (subqueries on the company's ``pk``); :func:`company_participation` reads them. The
    company page gets them with the company row."""
    attended = Registration.objects.filter(company=OuterRef("pk"), status=ATTENDED)
    # The five latest events attended (a subquery two levels below the company).
    latest_attended = (
        Event.objects.filter(
            Exists(
                Registration.objects.filter(
                    event=OuterRef("pk"),
                    company=OuterRef(OuterRef(OuterRef("pk"))),
                    status=ATTENDED,
                )
            )
        )
        .order_by("-starts_at")
        .values("pk")[:5]
    )
    return {
        "recent_event_rows": json_rows(
            Event.objects.filter(pk__in=latest_attended), *RECENT_EVENT_COLUMNS
        ),
        "events_attended": count_distinct(attended, "event"),
        "network_meetings_attended": count_distinct(
            attended.filter(event__format=Event.Format.NETWORK_MEETING), "event"
        ),
        "events_hosted": count_distinct(
            Event.objects.filter(host_company=OuterRef("pk")).exclude(status=Event.Status.CANCELLED)
        ),
    }


def company_participation(company) -> dict:
    """The figures of a company annotated with :func:`company_participation_annotations`."""
    recent = instances_from_rows(Event, company.recent_event_rows, RECENT_EVENT_COLUMNS)
    return {
        "events_attended": company.events_attended,
        "network_meetings_attended": company.network_meetings_attended,
        "events_hosted": company.events_hosted,
        "recent": sorted(recent, key=lambda event: event.starts_at, reverse=True),
    }


def company_event_participation(*, company) -> dict:
    """A company's part in the dialog's events (one query): the panel on the company page."""
    return company_participation(
        Company.objects.annotate(**company_participation_annotations()).get(pk=company.pk)
    )


def no_show_rate(events=None) -> float | None:
    """Share of registered people who did not come, over events with attendance taken."""
    registrations = Registration.objects.filter(status__in=[ATTENDED, Registration.Status.NO_SHOW])
    if events is not None:
        registrations = registrations.filter(event__in=events)
    figures = registrations.aggregate(
        total=Count("pk"), no_show=Count("pk", filter=Q(status=Registration.Status.NO_SHOW))
    )
    return figures["no_show"] / figures["total"] if figures["total"] else None


def events_held(*, start: datetime.date | None = None, end: datetime.date | None = None):
    """Events held in a period with their participation figures (for the reports)."""
    events = Event.objects.exclude(status=Event.Status.CANCELLED).filter(
        starts_at__lt=datetime.datetime.now(datetime.UTC)
    )
    return (
        _period(events, start, end)
        .with_counts()
        .annotate(
            companies_count=Count(
                "registrations__company",
                filter=Q(registrations__status=ATTENDED),
                distinct=True,
            )
        )
        .order_by("starts_at")
    )


def mobility_feedback_summary(*, week: MobilityWeek | None = None) -> dict:
    """Aggregated feedback of the Woche der Mobilität (one edition or all)."""
    feedback = MobilityFeedback.objects.all()
    if week is not None:
        feedback = feedback.filter(match__offer__week=week)
    figures = feedback.aggregate(
        responses=Count("pk"),
        average_rating=Avg("rating"),
        learned=Count("pk", filter=Q(learned_something=True)),
        recommend=Count("pk", filter=Q(would_recommend=True)),
    )
    responses = figures["responses"]
    return {
        "responses": responses,
        "average_rating": round(figures["average_rating"], 1) if responses else None,
        "learned_share": figures["learned"] / responses if responses else None,
        "recommend_share": figures["recommend"] / responses if responses else None,
        "ratings": {rating: feedback.filter(rating=rating).count() for rating in range(1, 6)},
    }


def mobility_week_figures(*, week: MobilityWeek) -> dict:
    """Offers, places, applications and placements of one edition."""
    offers = week.offers.aggregate(offers=Count("pk"), places=Sum("places"))
    return {
        "offers": offers["offers"],
        "places": offers["places"] or 0,
        "applications": week.applications.count(),
        "matched": week.applications.filter(match__isnull=False).count(),
        "host_companies": week.offers.values("host_company").distinct().count(),
    }

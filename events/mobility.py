"""Reads the Woche der Mobilität from the database into the pure matching function."""

import datetime

from django.db.models import Count

from .matching import Applicant, Offer, suggest_matching
from .models import MobilityApplication, MobilityWeek


def suggestion_for_week(week: MobilityWeek) -> dict:
    """The suggested placements for the open applications of an edition.

    Places already given away are not offered again; applications already placed are left
    out. Returns the rows (placement, application, offer) and the applications left over.
    """
    offers = {
        offer.pk: offer
        for offer in week.offers.select_related("host_company").annotate(taken=Count("matches"))
    }
    applications = list(
        week.applications.filter(status=MobilityApplication.Status.APPLIED, match__isnull=True)
        .select_related("home_company")
        .order_by("created_at", "pk")
    )
    placements = suggest_matching(
        [
            Offer(
                id=offer.pk,
                host_company_id=offer.host_company_id,
                places=max(offer.places - offer.taken, 0),
                days=frozenset(datetime.date.fromisoformat(day) for day in offer.days),
            )
            for offer in offers.values()
        ],
        [
            Applicant(
                id=application.pk,
                home_company_id=application.home_company_id,
                days=frozenset(
                    datetime.date.fromisoformat(day) for day in application.preferred_days
                ),
                rank=position,
            )
            for position, application in enumerate(applications)
        ],
    )
    by_pk = {application.pk: application for application in applications}
    placed = {placement.applicant_id for placement in placements}
    return {
        "rows": [
            {
                "placement": placement,
                "application": by_pk[placement.applicant_id],
                "offer": offers[placement.offer_id],
                "key": f"{placement.applicant_id}:{placement.offer_id}",
            }
            for placement in placements
        ],
        "unplaced": [application for application in applications if application.pk not in placed],
    }

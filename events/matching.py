"""The suggested matching of the Woche der Mobilität: a pure, deterministic function.

Rules: an applicant never goes to their own company; an offer never gets more guests than it
has places; an applicant is only placed where the offer's days and the preferred days overlap
(the placement covers exactly that overlap). Among all matchings that keep these rules it
finds one with the most placed applicants (augmenting paths, as in Kuhn's algorithm), and it
prefers earlier applications and offers with more common days. The result depends only on the
input's content, not on its order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Offer:
    id: int
    host_company_id: int
    places: int
    days: frozenset[date]


@dataclass(frozen=True)
class Applicant:
    id: int
    home_company_id: int
    days: frozenset[date]
    rank: int = 0  # earlier applications first (e.g. the position by application time)


@dataclass(frozen=True)
class Placement:
    applicant_id: int
    offer_id: int
    days: tuple[date, ...]


def compatible(applicant: Applicant, offer: Offer) -> bool:
    """Whether the applicant may be placed with this offer at all."""
    return (
        applicant.home_company_id != offer.host_company_id
        and offer.places > 0
        and bool(applicant.days & offer.days)
    )


def suggest_matching(
    offers: list[Offer] | tuple[Offer, ...], applicants: list[Applicant] | tuple[Applicant, ...]
) -> list[Placement]:
    """Suggest placements for the applicants; see the module docstring for the rules."""
    offers = sorted(offers, key=lambda offer: offer.id)
    applicants = sorted(applicants, key=lambda applicant: (applicant.rank, applicant.id))
    # Each applicant's candidates, best first: most common days, then the offer's id.
    candidates = {
        applicant.id: [
            offer
            for offer in sorted(
                offers, key=lambda offer: (-len(applicant.days & offer.days), offer.id)
            )
            if compatible(applicant, offer)
        ]
        for applicant in applicants
    }
    guests: dict[int, list[int]] = {offer.id: [] for offer in offers}
    places = {offer.id: offer.places for offer in offers}
    assigned: dict[int, int] = {}

    def augment(applicant_id: int, seen: set[int]) -> bool:
        for offer in candidates[applicant_id]:
            if offer.id in seen:
                continue
            seen.add(offer.id)
            if len(guests[offer.id]) < places[offer.id]:
                guests[offer.id].append(applicant_id)
                assigned[applicant_id] = offer.id
                return True
            # The offer is full: try to move one of its guests elsewhere.
            for other in list(guests[offer.id]):
                if augment(other, seen):
                    guests[offer.id].remove(other)
                    guests[offer.id].append(applicant_id)
                    assigned[applicant_id] = offer.id
                    return True
        return False

    for applicant in applicants:
        augment(applicant.id, set())

    by_id = {applicant.id: applicant for applicant in applicants}
    offer_by_id = {offer.id: offer for offer in offers}
    return [
        Placement(
            applicant_id=applicant_id,
            offer_id=offer_id,
            days=tuple(sorted(by_id[applicant_id].days & offer_by_id[offer_id].days)),
        )
        for applicant_id, offer_id in sorted(assigned.items())
    ]

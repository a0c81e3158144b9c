"""The suggested matching of the Woche der Mobilität: examples and properties."""

import datetime
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from events.matching import Applicant, Offer, compatible, suggest_matching

MON = datetime.date(2026, 9, 14)
DAYS = [MON + datetime.timedelta(days=n) for n in range(5)]


def days(*indexes):
    return frozenset(DAYS[i] for i in indexes)


def test_never_at_the_own_company():
    offers = [Offer(1, host_company_id=10, places=3, days=days(0, 1))]
    applicants = [Applicant(1, home_company_id=10, days=days(0, 1))]
    assert suggest_matching(offers, applicants) == []


def test_never_more_guests_than_places_and_earlier_applications_first():
    offers = [Offer(1, host_company_id=10, places=1, days=days(0))]
    applicants = [
        Applicant(7, home_company_id=20, days=days(0), rank=1),
        Applicant(8, home_company_id=21, days=days(0), rank=0),
    ]
    [placement] = suggest_matching(offers, applicants)
    assert placement.applicant_id == 8


def test_only_on_common_days():
    offers = [Offer(1, host_company_id=10, places=2, days=days(0, 1, 2))]
    applicants = [
        Applicant(1, home_company_id=20, days=days(3, 4)),
        Applicant(2, home_company_id=20, days=days(2, 3)),
    ]
    [placement] = suggest_matching(offers, applicants)
    assert placement.applicant_id == 2
    assert placement.days == (DAYS[2],)


def test_moves_a_guest_to_place_one_more_applicant():
    # A greedy choice would give offer 1 to applicant 1 and leave applicant 2 without a place.
    offers = [
        Offer(1, host_company_id=10, places=1, days=days(0, 1)),
        Offer(2, host_company_id=11, places=1, days=days(0)),
    ]
    applicants = [
        Applicant(1, home_company_id=30, days=days(0, 1), rank=0),
        Applicant(2, home_company_id=11, days=days(0, 1), rank=1),
    ]
    placements = {p.applicant_id: p.offer_id for p in suggest_matching(offers, applicants)}
    assert placements == {1: 2, 2: 1}


# --- Properties ---------------------------------------------------------------------------
day_sets = st.frozensets(st.sampled_from(DAYS), min_size=1, max_size=5)
offers_strategy = st.lists(
    st.builds(
        Offer,
        id=st.integers(1, 10_000),
        host_company_id=st.integers(1, 5),
        places=st.integers(0, 3),
        days=day_sets,
    ),
    max_size=6,
    unique_by=lambda offer: offer.id,
)
applicants_strategy = st.lists(
    st.builds(
        Applicant,
        id=st.integers(1, 10_000),
        home_company_id=st.integers(1, 5),
        days=day_sets,
        rank=st.integers(0, 50),
    ),
    max_size=10,
    unique_by=lambda applicant: applicant.id,
)


@settings(max_examples=300, deadline=None)
@given(offers_strategy, applicants_strategy)
def test_every_placement_keeps_the_rules(offers, applicants):
    placements = suggest_matching(offers, applicants)
    offer_by_id = {offer.id: offer for offer in offers}
    applicant_by_id = {applicant.id: applicant for applicant in applicants}
    assert len({p.applicant_id for p in placements}) == len(placements)
    for placement in placements:
        offer, applicant = offer_by_id[placement.offer_id], applicant_by_id[placement.applicant_id]
        assert applicant.home_company_id != offer.host_company_id
        assert placement.days
        assert set(placement.days) == applicant.days & offer.days
    for offer in offers:
        assert sum(p.offer_id == offer.id for p in placements) <= offer.places


@settings(max_examples=300, deadline=None)
@given(offers_strategy, applicants_strategy, st.randoms())
def test_the_result_depends_on_content_not_order(offers, applicants, rnd):
    shuffled_offers, shuffled_applicants = list(offers), list(applicants)
    rnd.shuffle(shuffled_offers)
    rnd.shuffle(shuffled_applicants)
    assert suggest_matching(offers, applicants) == suggest_matching(
        shuffled_offers, shuffled_applicants
    )


@settings(max_examples=300, deadline=None)
@given(offers_strategy, applicants_strategy)
def test_no_one_is_left_out_while_a_fitting_place_is_free(offers, applicants):
    placements = suggest_matching(offers, applicants)
    placed = {p.applicant_id for p in placements}
    used = {offer.id: sum(p.offer_id == offer.id for p in placements) for offer in offers}
    for applicant in applicants:
        if applicant.id in placed:
            continue
        for offer in offers:
            assert not (compatible(applicant, offer) and used[offer.id] < offer.places)


def _best_possible(offers, applicants):
    """Brute force: the most applicants any assignment keeping the rules can place."""
    options = [[None] + [o for o in offers if compatible(a, o)] for a in applicants]
    best = 0
    for choice in itertools.product(*options):
        chosen = [o.id for o in choice if o is not None]
        if all(chosen.count(o.id) <= o.places for o in offers):
            best = max(best, len(chosen))
    return best


@settings(max_examples=150, deadline=None)
@given(offers_strategy.map(lambda o: o[:3]), applicants_strategy.map(lambda a: a[:5]))
def test_places_as_many_applicants_as_possible(offers, applicants):
    assert len(suggest_matching(offers, applicants)) == _best_possible(offers, applicants)

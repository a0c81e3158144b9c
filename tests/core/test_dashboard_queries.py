"""The dashboards and the board's start page: a fixed, small number of queries, as many for 10×N
objects as for N (nothing is fetched per row), and the panels still show their figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dialog.accounts.roles import Role
from measures.models import Measure
from tests.board.factories import (
    BoardMeetingFactory,
    BoardMembershipFactory,
    PriorityRoundFactory,
    PriorityVoteFactory,
    ResolutionFactory,
)
from tests.companies.factories import (
    CompanyFactory,
    ContactLogEntryFactory,
    NeedFactory,
    RiskSignalFactory,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.measures.factories import MeasureFactory, PhaseFactory, StaffCapacityFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10


class Scene:
    """What the dashboards of every role show; ``grow(n)`` adds n of each kind."""

    def __init__(self, user):
        self.user = user
        self.round = PriorityRoundFactory()
        StaffCapacityFactory(person_days=10)

    def grow(self, n):
        soon = timezone.now() + datetime.timedelta(days=10)
        past = timezone.now() - datetime.timedelta(days=30)
        for _ in range(n):
            company = CompanyFactory()
            RiskSignalFactory(company=company)
            ContactLogEntryFactory(company=company)
            NeedFactory(company=company)
            measure = MeasureFactory()
            PhaseFactory(measure=measure, person_days=30)
            MeasureFactory(status=Measure.Status.IDEA)
            for visibility in ("public", "members"):
                event = EventFactory(visibility=visibility)
                RegistrationFactory(event=event)
                RegistrationFactory(event=event, user=self.user)
            BoardMeetingFactory(starts_at=soon)
            old = BoardMeetingFactory(starts_at=past, minutes="x", minutes_released_at=past)
            ResolutionFactory(meeting=old, measure=measure, effect="approve")
            BoardMembershipFactory()
            PriorityVoteFactory(round=self.round, measure=measure)
            PriorityVoteFactory(round=self.round, measure=measure, voter=self.user)
            ReportFactory()
            soon += datetime.timedelta(days=1)


def _measure(client, url, scene, count_queries):
    def fetch():
        response = client.get(url)
        assert response.status_code == 200, url

    scene.grow(1)
    fetch()  # warm up session and caches
    few = count_queries(fetch)
    scene.grow(9)
    many = count_queries(fetch)
    return few, many


DASHBOARD_ROLES = [Role.VERWALTUNG, Role.BEIRAT, Role.PARTNER, Role.AUSSCHUSS]


@pytest.mark.parametrize("role", DASHBOARD_ROLES)
def test_dashboard_queries_do_not_grow_with_the_data(role, client_for, count_queries):
    client = client_for(role)
    few, many = _measure(client, "/", Scene(client.user), count_queries)
    assert few == many, f"dashboard {role}: {few} queries for N, {many} for 10×N"


@pytest.mark.parametrize("role", DASHBOARD_ROLES)
def test_dashboard_makes_few_queries(role, client_for, count_queries):
    client = client_for(role)
    _few, many = _measure(client, "/", Scene(client.user), count_queries)
    assert many <= MAX_QUERIES, f"dashboard {role}: {many} queries"


@pytest.mark.parametrize("role", [Role.VERWALTUNG, Role.BEIRAT])
def test_board_index_makes_few_queries_whatever_the_data(role, client_for, count_queries):
    client = client_for(role)
    if role == Role.BEIRAT:
        BoardMembershipFactory(user=client.user)
    few, many = _measure(client, reverse("board:index"), Scene(client.user), count_queries)
    assert few == many, f"board:index {role}: {few} queries for N, {many} for 10×N"
    assert many <= MAX_QUERIES, f"board:index {role}: {many} queries"


def test_board_panels_count_the_members_votes_and_the_pending_resolutions(client_for):
    client = client_for(Role.BEIRAT)
    scene = Scene(client.user)
    scene.grow(3)
    page = client.get("/").content.decode()
    assert "Sie haben 3 Maßnahmen bewertet." in page
    assert "noch nicht auf" not in page  # resolutions are staff business
    staff = client_for(Role.VERWALTUNG)
    page = staff.get("/").content.decode()
    assert "3 Beschlüsse sind noch nicht auf ihre Maßnahmen angewandt." in page
    assert "Maßnahmen bewertet" not in page


def test_board_index_counts_own_votes_for_members_and_voters_for_staff(client_for):
    client = client_for(Role.BEIRAT)
    BoardMembershipFactory(user=client.user)
    scene = Scene(client.user)
    scene.grow(2)
    page = client.get(reverse("board:index")).content.decode()
    assert "Sie haben bisher 2 Maßnahmen bewertet." in page
    staff = client_for(Role.VERWALTUNG)
    page = staff.get(reverse("board:index")).content.decode()
    # Two other members voted twice each, the member above twice: three voters.
    assert "Bisher haben 3 Mitglieder abgestimmt." in page


@pytest.mark.parametrize("upcoming", [True, False], ids=["with-upcoming", "no-upcoming"])
def test_staff_see_pending_resolutions_with_and_without_an_upcoming_meeting(upcoming, client_for):
    client = client_for(Role.VERWALTUNG)
    past = BoardMeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=30))
    ResolutionFactory(meeting=past, measure=MeasureFactory(), effect="approve")
    ResolutionFactory(meeting=past, measure=MeasureFactory(), effect="approve")
    ResolutionFactory(meeting=past)  # no effect on a measure: nothing to apply
    if upcoming:
        BoardMeetingFactory()
    page = client.get("/").content.decode()
    assert "2 Beschlüsse sind noch nicht auf ihre Maßnahmen angewandt." in page

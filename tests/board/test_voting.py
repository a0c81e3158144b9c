"""Priority voting: members rate open measures 1–5, staff see the aggregate and adopt it."""

import math

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from dialog.accounts.roles import Role
from dialog.board import services as board_services
from dialog.board.models import PriorityRound, PriorityVote
from dialog.board.selectors import priority_from_mean, vote_summary
from measures.models import Measure

from .factories import MeasureFactory, PriorityRoundFactory, PriorityVoteFactory

pytestmark = pytest.mark.django_db

scores = st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=40)


@given(scores)
def test_summary_of_ratings(values):
    summary = vote_summary(values)
    assert summary.count == len(values)
    assert min(values) <= summary.mean <= max(values)
    assert 0 <= summary.spread <= (max(values) - min(values)) / 2 + 1e-9
    assert (summary.lowest, summary.highest) == (min(values), max(values))
    if len(set(values)) == 1:
        assert math.isclose(summary.spread, 0, abs_tol=1e-9)


@given(st.floats(min_value=1, max_value=5), st.floats(min_value=1, max_value=5))
def test_a_higher_mean_never_suggests_a_lower_priority(a, b):
    low, high = sorted([a, b])
    # Priority 1 is the highest, so a higher mean maps to a smaller or equal number.
    assert priority_from_mean(high) <= priority_from_mean(low)


def test_the_ends_of_the_scale_map_to_the_ends_of_the_priorities():
    assert priority_from_mean(5) == Measure.Priority.HIGH
    assert priority_from_mean(3) == Measure.Priority.MEDIUM
    assert priority_from_mean(1) == Measure.Priority.LOW
    assert vote_summary([]).count == 0


def test_a_member_rates_and_changes_the_rating_until_the_round_closes(member_client):
    measure = MeasureFactory()
    priority_round = PriorityRoundFactory()
    url = reverse("board:priorities")
    member_client.post(url, {f"measure_{measure.pk}": "2"})
    member_client.post(url, {f"measure_{measure.pk}": "5"})
    vote = PriorityVote.objects.get()
    assert (vote.score, vote.voter) == (5, member_client.user)
    board_services.priority_round_close(priority_round=priority_round)
    response = member_client.post(url, {f"measure_{measure.pk}": "1"}, follow=True)
    assert "keine Bewertung möglich" in response.content.decode()
    assert PriorityVote.objects.get().score == 5


def test_a_member_can_withdraw_a_rating(member_client):
    measure = MeasureFactory()
    PriorityVoteFactory(round=PriorityRoundFactory(), measure=measure, voter=member_client.user)
    member_client.post(reverse("board:priorities"), {f"measure_{measure.pk}": ""})
    assert not PriorityVote.objects.exists()


def test_an_invalid_rating_re_renders_without_saving(member_client):
    measure = MeasureFactory()
    PriorityRoundFactory()
    response = member_client.post(reverse("board:priorities"), {f"measure_{measure.pk}": "9"})
    assert response.status_code == 200
    assert "keine gültige Auswahl" in response.content.decode()
    assert not PriorityVote.objects.exists()


def test_closed_and_deferred_measures_are_not_rated(member):
    deferred = MeasureFactory(status=Measure.Status.DEFERRED, deferred_on="2024-01-01")
    priority_round = PriorityRoundFactory()
    board_services.priority_votes_cast(
        priority_round=priority_round, voter=member, scores={deferred.pk: 5}
    )
    assert not PriorityVote.objects.exists()


def test_members_never_see_other_members_votes(member_client, make_user):
    measure = MeasureFactory(title="Flächenbörse")
    priority_round = PriorityRoundFactory()
    other = make_user(Role.BEIRAT, full_name="Olga Andere")
    PriorityVoteFactory(round=priority_round, measure=measure, voter=other, score=1)
    page = member_client.get(reverse("board:priorities")).content.decode()
    assert "Flächenbörse" in page
    assert "Olga Andere" not in page
    assert "Mittelwert" not in page and "Zwischenstand" not in page
    # Their own form starts empty, not with someone else's rating.
    assert 'value="1" selected' not in page
    response = member_client.get(reverse("board:priority-round", kwargs={"pk": priority_round.pk}))
    assert response.status_code == 403


def test_staff_see_mean_count_and_spread_and_adopt_the_suggestion(staff_client, make_user):
    measure = MeasureFactory(priority=Measure.Priority.LOW)
    priority_round = PriorityRoundFactory()
    for score in (5, 4, 5):
        PriorityVoteFactory(round=priority_round, measure=measure, score=score)
    page = staff_client.get(
        reverse("board:priority-round", kwargs={"pk": priority_round.pk})
    ).content.decode()
    assert "4,67" in page  # mean
    assert "0,47" in page  # spread (standard deviation)
    assert ">3<" in page  # votes
    staff_client.post(
        reverse("board:priority-adopt", kwargs={"pk": priority_round.pk, "measure_pk": measure.pk})
    )
    measure.refresh_from_db()
    assert measure.priority == Measure.Priority.HIGH
    assert measure.history.first().history_user == staff_client.user


def test_only_one_round_is_open_at_a_time(staff_client):
    staff_client.post(reverse("board:priority-round-open"), {"title": "Runde A"})
    response = staff_client.post(
        reverse("board:priority-round-open"), {"title": "Runde B"}, follow=True
    )
    assert "bereits eine Runde offen" in response.content.decode()
    assert list(PriorityRound.objects.values_list("title", flat=True)) == ["Runde A"]


def test_adopting_without_votes_is_refused():
    with pytest.raises(ValidationError):
        board_services.priority_adopt(
            priority_round=PriorityRoundFactory(), measure=MeasureFactory(), changed_by=None
        )

"""The board's memberships: one chair and one deputy at a time, current and past members."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from dialog.accounts.roles import Role
from dialog.board import services as board_services
from dialog.board.models import BoardMembership

from .factories import BoardMembershipFactory

pytestmark = pytest.mark.django_db
CHAIR = BoardMembership.Role.CHAIR


def test_the_database_refuses_a_second_chair_in_office():
    BoardMembershipFactory(role=CHAIR)
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardMembershipFactory(role=CHAIR)


def test_the_database_refuses_a_second_deputy_in_office():
    BoardMembershipFactory(role=BoardMembership.Role.DEPUTY)
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardMembershipFactory(role=BoardMembership.Role.DEPUTY)


def test_overlapping_closed_chair_terms_are_refused_by_postgresql_itself():
    """PostgreSQL has an exclusion constraint for overlapping terms; SQLite has none (there
    the one-open-chair constraint and ``clean()`` guard the chair)."""
    BoardMembershipFactory(
        role=CHAIR, started_on=datetime.date(2014, 1, 1), ended_on=datetime.date(2018, 12, 31)
    )
    overlapping = {"started_on": datetime.date(2018, 6, 1), "ended_on": datetime.date(2019, 5, 31)}
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            BoardMembershipFactory(role=CHAIR, **overlapping)
    else:
        BoardMembershipFactory(role=CHAIR, **overlapping)
        assert BoardMembership.objects.filter(role=CHAIR).count() == 2


def test_consecutive_chairs_and_any_number_of_members_are_fine():
    BoardMembershipFactory(
        role=CHAIR, started_on=datetime.date(2014, 1, 1), ended_on=datetime.date(2018, 12, 31)
    )
    BoardMembershipFactory(role=CHAIR, started_on=datetime.date(2019, 1, 1))
    BoardMembershipFactory.create_batch(3)
    assert BoardMembership.objects.count() == 5


def test_an_overlapping_chair_is_refused_with_a_german_message(make_user):
    BoardMembershipFactory(
        role=CHAIR, started_on=datetime.date(2014, 1, 1), ended_on=datetime.date(2018, 12, 31)
    )
    second = BoardMembership(
        user=make_user(Role.BEIRAT), role=CHAIR, started_on=datetime.date(2016, 1, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        board_services.board_membership_save(membership=second)
    assert "bereits jemand" in str(excinfo.value)


def test_staff_cannot_enter_a_second_chair_through_the_form(staff_client):
    existing = BoardMembershipFactory(role=CHAIR)
    other = BoardMembershipFactory()
    response = staff_client.post(
        reverse("board:member-update", kwargs={"pk": other.pk}),
        {"user": other.user.pk, "role": "chair", "started_on": "2020-01-01"},
    )
    assert response.status_code == 200
    assert "bereits jemand" in response.content.decode()
    other.refresh_from_db()
    assert other.role == "member"
    assert BoardMembership.objects.get(role="chair") == existing


def test_member_list_shows_current_and_past_members(member_client):
    current = BoardMembershipFactory(user__full_name="Anna Aktuell")
    BoardMembershipFactory(
        user__full_name="Fritz Früher",
        started_on=datetime.date(2014, 1, 1),
        ended_on=datetime.date(2016, 12, 31),
    )
    page = member_client.get(reverse("board:member-list")).content.decode()
    assert "Anna Aktuell" in page and "Fritz Früher" in page
    page = member_client.get(reverse("board:member-list") + "?period=current").content.decode()
    assert current.user.full_name in page and "Fritz Früher" not in page
    page = member_client.get(reverse("board:member-list") + "?period=past").content.decode()
    assert "Fritz Früher" in page and "Anna Aktuell" not in page

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


def test_the_database_refuses_two_current_memberships_of_one_person():
    first = BoardMembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardMembershipFactory(user=first.user, started_on=datetime.date(2020, 1, 1))
    assert BoardMembership.objects.filter(user=first.user).count() == 1


def test_a_second_membership_of_a_person_is_refused_in_german_and_a_later_one_is_fine(
    staff_client,
):
    first = BoardMembershipFactory(started_on=datetime.date(2014, 6, 1))
    url = reverse("board:member-create")
    data = {"user": first.user.pk, "role": "member", "started_on": "2020-01-01"}
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Diese Person hat bereits eine laufende Mitgliedschaft im Beirat." in (
        response.content.decode()
    )
    # A closed term that overlaps the open one is refused as well, by ``clean()``.
    response = staff_client.post(url, {**data, "ended_on": "2021-12-31"})
    assert "Eine Person kann nur eine Mitgliedschaft zur selben Zeit haben." in (
        response.content.decode()
    )
    assert BoardMembership.objects.filter(user=first.user).count() == 1

    first.ended_on = datetime.date(2019, 12, 31)
    first.save()
    assert staff_client.post(url, data).status_code == 302
    assert BoardMembership.objects.filter(user=first.user).count() == 2
    assert BoardMembership.objects.current().get(user=first.user).started_on == datetime.date(
        2020, 1, 1
    )


def test_a_person_with_a_current_membership_is_refused_by_the_service_in_german(make_user):
    user = make_user(Role.BEIRAT)
    BoardMembershipFactory(user=user)
    with pytest.raises(ValidationError) as excinfo:
        board_services.board_membership_save(
            membership=BoardMembership(user=user, started_on=datetime.date(2022, 1, 1))
        )
    assert "bereits eine laufende Mitgliedschaft" in str(excinfo.value)


def test_the_migration_closes_the_earlier_of_two_open_memberships_of_one_person(
    transactional_db, make_user
):
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("board", "0001_initial")], [("board", "0003_one_membership_per_person")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        Membership = old_apps.get_model("board", "BoardMembership")
        user = make_user(Role.BEIRAT)
        earlier = Membership.objects.create(user_id=user.pk, started_on=datetime.date(2014, 6, 1))
        later = Membership.objects.create(user_id=user.pk, started_on=datetime.date(2020, 1, 1))
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    earlier = BoardMembership.objects.get(pk=earlier.pk)
    assert earlier.ended_on == datetime.date(2019, 12, 31)
    assert BoardMembership.objects.get(pk=later.pk).ended_on is None
    assert list(BoardMembership.objects.current().filter(user=user)) == [
        BoardMembership.objects.get(pk=later.pk)
    ]

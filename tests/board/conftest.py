"""Fixtures of the board tests: members with a seat, staff, a client per person."""

import pytest

from dialog.accounts.roles import Role

from .factories import BoardMembershipFactory


@pytest.fixture
def member(make_user):
    """A board member with a current seat."""
    user = make_user(Role.BEIRAT)
    BoardMembershipFactory(user=user)
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.user = staff_user
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    client.user = member
    return client

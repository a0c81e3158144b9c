import pytest

from dialog.accounts.roles import Role


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.user = staff_user
    return client


@pytest.fixture
def board_client(client, make_user):
    user = make_user(Role.BEIRAT)
    client.force_login(user)
    client.user = user
    return client

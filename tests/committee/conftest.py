"""Fixtures of the committee tests."""

import pytest


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.user = staff_user
    return client

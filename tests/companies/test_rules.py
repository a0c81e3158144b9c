"""Who may do what with the company register."""

import pytest

from dialog.accounts.roles import Role

pytestmark = pytest.mark.django_db

EXPECTED = {
    "companies.view_directory": {Role.VERWALTUNG, Role.BEIRAT, Role.PARTNER},
    "companies.manage": {Role.VERWALTUNG},
    "companies.view_need_counts": {Role.VERWALTUNG, Role.BEIRAT},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_company_permissions(perm, role, make_user):
    assert make_user(role).has_perm(perm) == (role in EXPECTED[perm])


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_inactive_or_roleless_users_have_no_company_permission(perm, make_user):
    assert not make_user(None).has_perm(perm)
    assert not make_user(Role.VERWALTUNG, is_active=False).has_perm(perm)

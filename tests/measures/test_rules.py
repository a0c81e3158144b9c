"""Who may do what with measures."""

import pytest

from dialog.accounts.roles import Role

from .factories import MeasureFactory, MeasurePartnerFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("measures.manage_measure", {Role.VERWALTUNG}),
        ("measures.export_measures", {Role.VERWALTUNG}),
        ("measures.triage_ideas", {Role.VERWALTUNG}),
        ("measures.view_capacity", {Role.VERWALTUNG}),
        ("measures.propose_idea", {Role.VERWALTUNG, Role.BEIRAT, Role.PARTNER}),
        ("measures.view_partners", {Role.VERWALTUNG, Role.BEIRAT, Role.PARTNER}),
    ],
)
def test_role_permissions(perm, allowed, make_user):
    for role in Role:
        assert make_user(role).has_perm(perm) == (role in allowed), (perm, role)


def test_a_partner_user_sees_internals_and_posts_only_on_their_organisations_measures(make_user):
    user = make_user(Role.PARTNER)
    own = MeasurePartnerFactory(partner=PartnerFactory(users=[user])).measure
    other = MeasurePartnerFactory().measure
    assert user.has_perm("measures.post_progress", own)
    assert user.has_perm("measures.view_measure_internals", own)
    assert not user.has_perm("measures.post_progress", other)
    assert not user.has_perm("measures.view_measure_internals", other)


def test_staff_post_progress_on_any_measure_board_members_on_none(make_user):
    measure = MeasureFactory()
    assert make_user(Role.VERWALTUNG).has_perm("measures.post_progress", measure)
    assert not make_user(Role.BEIRAT).has_perm("measures.post_progress", measure)


def test_anonymous_visitors_see_no_internals():
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("measures.view_measure_internals", MeasureFactory())
    assert AnonymousUser().has_perm("measures.view_measure")

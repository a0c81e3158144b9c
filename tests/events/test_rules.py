"""Who sees which events (docs/design.md §4), as rules and as the list."""

import pytest

from dialog.accounts.roles import Role
from events.models import Event

from .factories import EventFactory, PartnerFactory

pytestmark = pytest.mark.django_db

VISIBLE = {
    None: {"public"},
    Role.AUSSCHUSS: {"public"},
    Role.BEIRAT: {"public", "members"},
    Role.PARTNER: {"public", "members"},
    Role.VERWALTUNG: {"public", "members", "internal"},
}


@pytest.fixture
def events_by_visibility():
    return {v: EventFactory(visibility=v, title=f"Termin {v}") for v in Event.Visibility.values}


@pytest.mark.parametrize("role", list(VISIBLE))
def test_each_role_sees_the_events_of_the_access_table(role, make_user, events_by_visibility):
    from django.contrib.auth.models import AnonymousUser

    user = make_user(role) if role else AnonymousUser()
    seen = {event.visibility for event in Event.objects.visible_to(user)}
    assert seen == VISIBLE[role]
    for visibility, event in events_by_visibility.items():
        assert user.has_perm("events.view_event", event) == (visibility in VISIBLE[role])


def test_partner_sees_internal_events_their_organisation_co_organises(make_user):
    user = make_user(Role.PARTNER)
    partner = PartnerFactory()
    partner.users.add(user)
    ours = EventFactory(visibility="internal")
    ours.organisers.add(partner, PartnerFactory())
    other = EventFactory(visibility="internal")
    assert list(Event.objects.visible_to(user)) == [ours]
    assert user.has_perm("events.view_event", ours)
    assert user.has_perm("events.view_registrations", ours)
    assert not user.has_perm("events.view_registrations", other)


@pytest.mark.parametrize("role", [Role.BEIRAT, Role.PARTNER, Role.AUSSCHUSS])
def test_only_staff_manage_events(role, make_user):
    user = make_user(role)
    assert not user.has_perm("events.manage_event")
    assert not user.has_perm("events.manage_mobility_week")
    assert make_user(Role.VERWALTUNG).has_perm("events.manage_event")


@pytest.mark.parametrize(
    ("role", "visibility", "expected"),
    [
        (None, "members", 302),
        (None, "internal", 302),
        (Role.AUSSCHUSS, "members", 404),
        (Role.BEIRAT, "internal", 404),
        (Role.PARTNER, "internal", 404),
        (Role.BEIRAT, "members", 200),
        (Role.VERWALTUNG, "internal", 200),
    ],
)
def test_event_pages_the_user_may_not_see(role, visibility, expected, client_for):
    event = EventFactory(visibility=visibility, title="Vertrauliche Runde")
    client = client_for(role)
    for url in (f"/veranstaltungen/{event.pk}/", f"/veranstaltungen/{event.pk}/kalender.ics"):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert response["Location"].startswith("/konto/login/")
    register = client.post(f"/veranstaltungen/{event.pk}/anmelden/", {"name": "X"})
    assert register.status_code in ({200, 302} if expected == 200 else {expected})
    listed = "Vertrauliche Runde" in client.get("/veranstaltungen/").content.decode()
    assert listed == (expected == 200)

"""Staff manage the committees and their meeting dates (the Beratungsfolge of reports)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from dialog.accounts.roles import Role
from dialog.committee.models import Committee, CommitteeMeeting

from .factories import CommitteeFactory, CommitteeMeetingFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def test_staff_add_a_meeting_date_to_the_committee(staff_client):
    committee = CommitteeFactory()
    response = staff_client.post(
        reverse("committee:meeting-create", kwargs={"pk": committee.pk}),
        {"starts_at": "2030-05-16T17:00", "location": "Rathaus, Ratssaal", "public": "on"},
        follow=True,
    )
    meeting = CommitteeMeeting.objects.get()
    assert meeting.starts_at == datetime.datetime(2030, 5, 16, 17, tzinfo=BERLIN)
    assert "16.05.2030 17:00" in response.content.decode()


def test_the_same_date_twice_is_refused_in_german(staff_client):
    meeting = CommitteeMeetingFactory(starts_at=datetime.datetime(2030, 5, 16, 17, tzinfo=BERLIN))
    response = staff_client.post(
        reverse("committee:meeting-create", kwargs={"pk": meeting.committee_id}),
        {"starts_at": "2030-05-16T17:00", "location": ""},
    )
    assert response.status_code == 200
    assert "Für diesen Zeitpunkt ist bereits eine Sitzung dieses Gremiums eingetragen." in (
        response.content.decode()
    )
    assert CommitteeMeeting.objects.count() == 1


def test_a_bad_date_re_renders_the_form(staff_client):
    committee = CommitteeFactory()
    response = staff_client.post(
        reverse("committee:meeting-create", kwargs={"pk": committee.pk}),
        {"starts_at": "kein Datum"},
    )
    assert response.status_code == 200
    assert "gültiges Datum" in response.content.decode()


def test_staff_rename_a_committee_and_delete_a_date(staff_client):
    meeting = CommitteeMeetingFactory()
    staff_client.post(
        reverse("committee:update", kwargs={"pk": meeting.committee_id}),
        {"name": "Ausschuss für Arbeit, Wirtschaft und Wissenschaft", "short_name": "AWW"},
    )
    assert Committee.objects.get().short_name == "AWW"
    staff_client.post(reverse("committee:meeting-delete", kwargs={"meeting_pk": meeting.pk}))
    assert not CommitteeMeeting.objects.exists()


def test_the_list_shows_the_next_meeting(staff_client):
    CommitteeMeetingFactory(starts_at=datetime.datetime(2014, 3, 13, 17, tzinfo=BERLIN))
    CommitteeMeetingFactory(starts_at=datetime.datetime(2031, 2, 13, 17, tzinfo=BERLIN))
    page = staff_client.get(reverse("committee:list")).content.decode()
    assert "13.02.2031 17:00" in page


@pytest.mark.parametrize("role", [Role.BEIRAT, Role.PARTNER, Role.AUSSCHUSS])
def test_only_staff_manage_committees(client_for, role):
    committee = CommitteeFactory()
    client = client_for(role)
    assert client.get(reverse("committee:list")).status_code == 403
    response = client.post(
        reverse("committee:meeting-create", kwargs={"pk": committee.pk}),
        {"starts_at": "2030-05-16T17:00"},
    )
    assert response.status_code == 403
    assert not CommitteeMeeting.objects.exists()

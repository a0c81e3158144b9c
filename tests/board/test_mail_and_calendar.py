"""Calendar files of board and committee meetings, invitations and minutes by mail."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from dialog.accounts.roles import Role
from dialog.board.models import BoardMembership

from .factories import (
    AgendaItemFactory,
    BoardMeetingFactory,
    BoardMembershipFactory,
    CommitteeMeetingFactory,
    PriorityRoundFactory,
)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _meeting_with_agenda():
    meeting = BoardMeetingFactory(
        title="30. Sitzung des Unternehmerbeirats",
        starts_at=datetime.datetime(2030, 3, 13, 17, 30, tzinfo=BERLIN),
    )
    AgendaItemFactory(meeting=meeting, position=1, title="Fachkräftesicherung")
    AgendaItemFactory(meeting=meeting, position=2, title="Energiekosten")
    return meeting


def test_members_get_an_invitation_with_agenda_and_calendar_file(
    staff_client, django_capture_on_commit_callbacks
):
    meeting = _meeting_with_agenda()
    members = [BoardMembershipFactory().user for _ in range(3)]
    BoardMembershipFactory(
        started_on=datetime.date(2014, 1, 1), ended_on=datetime.date(2015, 1, 1)
    )  # a former member is not invited
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("board:meeting-invite", kwargs={"pk": meeting.pk}))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in members)
    message = mail.outbox[0]
    assert "30. Sitzung des Unternehmerbeirats" in message.subject
    assert "TOP 1: Fachkräftesicherung" in message.body
    assert "TOP 2: Energiekosten" in message.body
    assert "13. März 2030, 17:30 Uhr" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "sitzung.ics" and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime.datetime(2030, 3, 13, 17, 30, tzinfo=BERLIN)
    assert "TOP 2: Energiekosten" in str(event["description"])
    meeting.refresh_from_db()
    assert meeting.invitation_sent_at is not None


def test_without_members_there_is_no_invitation(staff_client):
    meeting = _meeting_with_agenda()
    response = staff_client.post(
        reverse("board:meeting-invite", kwargs={"pk": meeting.pk}), follow=True
    )
    assert "keine Mitglieder" in response.content.decode()
    assert not mail.outbox


def test_releasing_the_minutes_tells_the_members_once(
    staff_client, django_capture_on_commit_callbacks
):
    meeting = _meeting_with_agenda()
    member = BoardMembershipFactory().user
    url = reverse("board:minutes", kwargs={"pk": meeting.pk})
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"minutes": "Entwurf"})
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"minutes": "Endfassung", "release": "on"})
        staff_client.post(url, {"minutes": "Endfassung, korrigiert", "release": "on"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "Protokoll freigegeben" in mail.outbox[0].subject
    assert meeting.get_absolute_url() in mail.outbox[0].body


def test_empty_minutes_cannot_be_released(staff_client):
    meeting = _meeting_with_agenda()
    response = staff_client.post(
        reverse("board:minutes", kwargs={"pk": meeting.pk}), {"minutes": " ", "release": "on"}
    )
    assert response.status_code == 200
    assert "leeres Protokoll" in response.content.decode()


def test_board_calendar_feed_lists_the_meetings_in_berlin_time(member_client):
    meeting = _meeting_with_agenda()
    response = member_client.get(reverse("board:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [meeting.title]
    assert "TZID=Europe/Berlin:20300313T173000" in response.content.decode()


def test_a_member_takes_one_meeting_into_the_calendar(member_client):
    meeting = _meeting_with_agenda()
    page = member_client.get(meeting.get_absolute_url()).content.decode()
    url = reverse("board:meeting-ics", kwargs={"pk": meeting.pk})
    assert url in page
    response = member_client.get(url)
    assert response["Content-Disposition"] == (
        f'attachment; filename="beirat-sitzung-{meeting.pk}.ics"'
    )
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "30. Sitzung des Unternehmerbeirats"
    assert "TOP 1: Fachkräftesicherung" in str(event["description"])


@pytest.mark.parametrize("role", [Role.AUSSCHUSS, Role.VERWALTUNG])
def test_committee_calendar_feed_for_committee_members_and_staff(client_for, role):
    CommitteeMeetingFactory(starts_at=datetime.datetime(2030, 5, 16, 17, tzinfo=BERLIN))
    response = client_for(role).get(reverse("committee:calendar"))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]) == "Sitzung AAWW"
    assert calendar.walk("VTIMEZONE")


def test_a_deputy_and_a_chair_appear_on_the_board_page(member_client):
    BoardMembershipFactory(role=BoardMembership.Role.CHAIR, user__full_name="Clara Vorsitz")
    page = member_client.get(reverse("board:index")).content.decode()
    assert "Clara Vorsitz" in page and "Vorsitz" in page


def test_dashboards_show_the_next_meeting_and_the_open_round(member_client, make_user):
    BoardMeetingFactory(title="42. Sitzung des Unternehmerbeirats")
    PriorityRoundFactory(title="Priorisierung 2031")
    page = member_client.get("/").content.decode()
    assert "42. Sitzung des Unternehmerbeirats" in page
    assert "Priorisierung 2031" in page and "Jetzt bewerten" in page
    staff = make_user(Role.VERWALTUNG)
    member_client.force_login(staff)
    page = member_client.get("/").content.decode()
    assert "42. Sitzung des Unternehmerbeirats" in page and "Einladung offen" in page


def test_a_line_break_in_the_title_stays_out_of_the_subject(
    staff_client, django_capture_on_commit_callbacks
):
    meeting = BoardMeetingFactory(title="31. Sitzung\r\nBcc: alle@example.org")
    BoardMembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("board:meeting-invite", kwargs={"pk": meeting.pk}))
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "31. Sitzung Bcc: alle@example.org" in message.subject
    assert message.attachments[0][0] == "sitzung.ics"

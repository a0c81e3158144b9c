"""The one calendar builder: whatever users type gives a valid .ics (RFC 5545), for events,
board meetings and committee meetings alike, in the download, the feed and the invitation."""

import re

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dialog.accounts.roles import Role
from dialog.board import services as board_services
from dialog.core.calendars import CalendarEntry, calendar_ics, ical_text
from tests.board.factories import AgendaItemFactory, BoardMeetingFactory, BoardMembershipFactory
from tests.committee.factories import CommitteeFactory, CommitteeMeetingFactory
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

# A title as users paste it: line breaks of every kind, separators, a backslash, quotes,
# controls, and a long run of multi-byte characters.
# (PostgreSQL stores no NUL character; the builder drops one all the same.)
NASTY = 'Frühstück\r\nBcc: alle@example.org; Teil 1, Teil 2\\3 "Zitat"\rEnde\n\x0b\x1b\u2028Ö' + (
    "Überlänge-€-" * 12
)
ONE_LINE = ical_text(NASTY)
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def assert_valid_ics(content: bytes) -> icalendar.Calendar:
    """Check the file line by line against RFC 5545, then parse it back."""
    text = content.decode("utf-8")  # strict: a split character would fail here
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\r" not in line and "\n" not in line, repr(line)
        assert len(line.encode("utf-8")) <= 75, repr(line)
        assert not CONTROL.search(line), repr(line)
    logical = []
    for line in physical:
        if line[:1] in (" ", "\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    depth = []
    for line in logical:
        name, colon, value = line.partition(":")
        assert colon and re.fullmatch(r"[A-Za-z0-9-]+(;[^:]*)?", name), repr(line)
        prop = name.split(";")[0].upper()
        if prop == "BEGIN":
            depth.append(value)
        elif prop == "END":
            assert depth.pop() == value
        elif prop in {"SUMMARY", "LOCATION", "DESCRIPTION", "X-WR-CALNAME", "UID"}:
            # TEXT: every backslash, semicolon and comma escaped, no raw line break.
            rest = re.sub(r"\\[\\;,nN]", "", value)
            assert not re.search(r"[\\;,]", rest), repr(line)
    assert not depth
    return icalendar.Calendar.from_ical(content)


def _calendar_name(calendar):
    # The parser reads an X- property raw; it is TEXT, escaped as such.
    escaped = str(calendar["X-WR-CALNAME"])
    return re.sub(r"\\([\\;,nN])", lambda m: {"n": "\n", "N": "\n"}.get(m[1], m[1]), escaped)


def _summary_and_description(calendar):
    [entry] = calendar.walk("VEVENT")
    return str(entry["SUMMARY"]), str(entry.get("DESCRIPTION", ""))


def test_a_text_value_loses_controls_and_a_one_line_value_its_line_breaks():
    assert ical_text("a\r\nb\rc\nd\u2028e\x0bf") == "a b c d e f"
    assert ical_text("a\r\nb\rc\x00d", multiline=True) == "a\nb\ncd"
    assert ical_text("  Teil 1;\tTeil 2,  \\ ") == "Teil 1; Teil 2, \\"
    assert ical_text(None) == ""


def test_any_text_gives_a_valid_file_that_reads_back_as_written():
    ics = calendar_ics(
        [
            CalendarEntry(
                uid="x@industrie-dialog.aachen",
                summary=NASTY,
                starts_at=timezone.now(),
                location=NASTY,
                description=NASTY + "\x00",
                categories=(NASTY,),
            )
        ],
        name=NASTY,
    )
    calendar = assert_valid_ics(ics)
    assert _calendar_name(calendar) == ONE_LINE
    summary, description = _summary_and_description(calendar)
    assert summary == ONE_LINE
    assert description.startswith("Frühstück\nBcc: alle@example.org; Teil 1, Teil 2\\3")
    assert "Überlänge-€-" * 12 in description.replace("\n", "")
    assert not CONTROL.search(description.replace("\n", ""))


def test_an_event_with_a_line_break_in_its_title_has_a_valid_calendar_file(client):
    event = EventFactory(title="Werkstattgespräch\r\nTeil 2", description=NASTY, venue=NASTY)
    response = client.get(reverse("events:ics", args=[event.pk]))
    assert response.status_code == 200
    calendar = assert_valid_ics(response.content)
    summary, description = _summary_and_description(calendar)
    assert summary == "Werkstattgespräch Teil 2"
    assert _calendar_name(calendar) == "Werkstattgespräch Teil 2"
    assert description.endswith(f"http://testserver/veranstaltungen/{event.pk}/")
    [entry] = calendar.walk("VEVENT")
    assert str(entry["LOCATION"]) == ONE_LINE
    assert str(entry["URL"]) == f"http://testserver/veranstaltungen/{event.pk}/"


def test_the_public_event_feed_stays_valid_with_any_title(client):
    EventFactory(title=NASTY)
    EventFactory(title="Zweites\rFrühstück")
    response = client.get(reverse("events:feed"))
    calendar = assert_valid_ics(response.content)
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == sorted(
        [ONE_LINE, "Zweites Frühstück"]
    )


def test_board_meetings_with_any_title_give_valid_files_download_feed_and_invitation(
    client, make_user, django_capture_on_commit_callbacks
):
    member = make_user(Role.BEIRAT)
    BoardMembershipFactory(user=member)
    meeting = BoardMeetingFactory(title="Sitzung\r\nBcc: x", location=NASTY)
    AgendaItemFactory(meeting=meeting, position=1, title=NASTY)
    client.force_login(member)

    response = client.get(reverse("board:meeting-ics", args=[meeting.pk]))
    assert response.status_code == 200
    calendar = assert_valid_ics(response.content)
    summary, description = _summary_and_description(calendar)
    assert summary == "Sitzung Bcc: x"
    assert description.startswith("TOP 1: Frühstück\nBcc: alle@example.org; Teil 1, Teil 2\\3")

    feed = assert_valid_ics(client.get(reverse("board:calendar")).content)
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == ["Sitzung Bcc: x"]

    with django_capture_on_commit_callbacks(execute=True):
        board_services.board_meeting_send_invitations(meeting=meeting)
    [message] = mail.outbox
    [(filename, attached, mimetype)] = message.attachments
    assert (filename, mimetype) == ("sitzung.ics", "text/calendar")
    content = attached.encode("utf-8") if isinstance(attached, str) else attached
    assert _summary_and_description(assert_valid_ics(content))[0] == "Sitzung Bcc: x"


def test_committee_meetings_with_any_name_give_a_valid_feed(client, make_user):
    committee = CommitteeFactory(name=NASTY, short_name="AAWW\r\nExtra")
    CommitteeMeetingFactory(committee=committee, location=NASTY)
    client.force_login(make_user(Role.AUSSCHUSS))
    response = client.get(reverse("committee:calendar"))
    assert response.status_code == 200
    calendar = assert_valid_ics(response.content)
    summary, description = _summary_and_description(calendar)
    assert summary == "Sitzung AAWW Extra"
    assert description.startswith("Frühstück\nBcc: alle@example.org")

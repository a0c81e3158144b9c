"""Calendar files: parsed back, in Europe/Berlin with a VTIMEZONE, across DST changes."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.calendars import calendar_for

from .factories import EventFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_has_local_times_time_zone_and_link(client):
    # Sunday 30 March 2025 is the day clocks go forward in Germany.
    start = datetime.datetime(2025, 3, 29, 18, 0, tzinfo=BERLIN)
    event = EventFactory(
        title="Werkstattgespräch Additive Fertigung",
        starts_at=start,
        ends_at=datetime.datetime(2025, 3, 30, 12, 0, tzinfo=BERLIN),
    )
    calendar = _parse(client.get(f"/veranstaltungen/{event.pk}/kalender.ics"))

    [entry] = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Werkstattgespräch Additive Fertigung"
    dtstart, dtend = entry.decoded("DTSTART"), entry.decoded("DTEND")
    assert entry["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert (dtstart.hour, dtend.hour) == (18, 12)
    # 18:00 CET is 17:00 UTC, 12:00 CEST the next day is 10:00 UTC: 17 hours, not 18.
    assert dtstart.utcoffset() == datetime.timedelta(hours=1)
    assert dtend.utcoffset() == datetime.timedelta(hours=2)
    utc = datetime.UTC
    assert dtend.astimezone(utc) - dtstart.astimezone(utc) == datetime.timedelta(hours=17)
    assert str(entry["URL"]) == f"http://testserver/veranstaltungen/{event.pk}/"

    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    names = {str(sub["TZNAME"]) for sub in zone.subcomponents}
    assert {"CET", "CEST"} <= names


def test_autumn_event_keeps_its_wall_clock_time():
    start = datetime.datetime(2025, 10, 27, 9, 30, tzinfo=BERLIN)  # the day after the change
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    [entry] = icalendar.Calendar.from_ical(calendar_for([event], name="Test")).walk("VEVENT")
    assert entry.decoded("DTSTART").replace(tzinfo=None) == datetime.datetime(2025, 10, 27, 9, 30)
    assert entry.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)


def test_feed_lists_public_events_only(client):
    public = EventFactory(title="Öffentliches Frühstück")
    EventFactory(title="Beiratsinterne Runde", visibility="members")
    EventFactory(title="Interne Planung", visibility="internal")
    calendar = _parse(client.get("/veranstaltungen/kalender.ics"))
    entries = calendar.walk("VEVENT")
    assert [str(entry["SUMMARY"]) for entry in entries] == ["Öffentliches Frühstück"]
    assert str(entries[0]["URL"]).endswith(public.get_absolute_url())
    assert calendar.walk("VTIMEZONE")


def test_cancelled_event_is_marked_cancelled_in_the_calendar(client):
    event = EventFactory(status="cancelled")
    [entry] = _parse(client.get(f"/veranstaltungen/{event.pk}/kalender.ics")).walk("VEVENT")
    assert str(entry["STATUS"]) == "CANCELLED"


def test_members_event_calendar_is_not_public(client):
    event = EventFactory(visibility="members")
    response = client.get(f"/veranstaltungen/{event.pk}/kalender.ics")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")

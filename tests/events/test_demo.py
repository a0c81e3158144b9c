"""The events demo: enough to look at (loading it twice: tests/core/test_pages.py)."""

import pytest
from django.db.models import F
from django.utils import timezone

from events.models import Event, MobilityMatch, MobilityWeek, Registration

pytestmark = pytest.mark.django_db


def test_demo_has_events_since_2014_waitlists_attendance_and_two_mobility_weeks(demo):
    events = Event.objects.all()
    assert events.count() >= 30
    assert events.order_by("starts_at").first().starts_at.year == 2014
    upcoming = events.filter(starts_at__gte=timezone.now())
    assert upcoming.filter(visibility="public", status="open").exists()
    assert {e.format for e in events} >= {
        "breakfast",
        "workshop_talk",
        "site_visit",
        "network_meeting",
        "workshop",
    }
    assert Registration.objects.filter(status="waitlisted").exists()
    for event in events.with_counts():
        assert event.registered_count <= event.capacity, event
    assert (
        upcoming.filter(visibility="public", status="open")
        .with_counts()
        .filter(registered_count__lt=F("capacity"))
        .exists()
    )
    assert Registration.objects.filter(status="attended").exists()
    assert Registration.objects.filter(status="no_show").exists()
    weeks = MobilityWeek.objects.all()
    assert weeks.count() == 2
    for week in weeks:
        assert week.offers.exists() and week.applications.exists()
        assert MobilityMatch.objects.filter(offer__week=week).exists()
    for match in MobilityMatch.objects.select_related("application", "offer"):
        assert match.application.home_company_id != match.offer.host_company_id


def test_demo_partner_sees_co_organised_events(demo):
    from django.contrib.auth import get_user_model

    partner = get_user_model().objects.get(email="partner@example.org")
    assert Event.objects.co_organised_by(partner).exists()

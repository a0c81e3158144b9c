"""Woche der Mobilität: applying, matching, confirmations and feedback."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from dialog.accounts.roles import Role
from events import selectors, services
from events.models import MobilityApplication, MobilityFeedback, MobilityMatch

from .factories import (
    CompanyFactory,
    MobilityApplicationFactory,
    MobilityMatchFactory,
    MobilityOfferFactory,
    MobilityWeekFactory,
)

pytestmark = pytest.mark.django_db


def test_employee_applies_with_preferred_days(client, mails_sent):
    week = MobilityWeekFactory()
    company = CompanyFactory(name="Haarener Antriebstechnik GmbH")
    monday, tuesday = week.days[0].isoformat(), week.days[1].isoformat()
    with mails_sent():
        response = client.post(
            f"/veranstaltungen/woche-der-mobilitaet/{week.year}/bewerben/",
            {
                "name": "Timo Kaldenbach",
                "email": "timo@example.org",
                "company_name": "haarener antriebstechnik gmbh",
                "interests": "Montage und Logistik",
                "preferred_days": [monday, tuesday],
                "consent": "on",
            },
            follow=True,
        )
    assert "Vielen Dank für Ihre Bewerbung" in response.content.decode()
    application = MobilityApplication.objects.get()
    assert application.preferred_days == [monday, tuesday]
    # The name the person typed links the application to the company of the register.
    assert application.home_company == company
    assert application.company_label == "Haarener Antriebstechnik GmbH"
    assert mail.outbox[0].to == ["timo@example.org"]


def test_application_without_days_is_explained(client):
    week = MobilityWeekFactory()
    response = client.post(
        f"/veranstaltungen/woche-der-mobilitaet/{week.year}/bewerben/",
        {"name": "Timo", "email": "timo@example.org", "interests": "x", "consent": "on"},
    )
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not MobilityApplication.objects.exists()


def test_staff_accept_the_suggested_matching_and_everyone_is_told(client_for, mails_sent):
    client = client_for(Role.VERWALTUNG)
    week = MobilityWeekFactory()
    host = CompanyFactory(name="Brander Kunststofftechnik GmbH")
    offer = MobilityOfferFactory(
        week=week, host_company=host, places=1, contact_email="personal@brander.example.org"
    )
    own = MobilityApplicationFactory(week=week, home_company=host, name="Eigene Firma")
    guest = MobilityApplicationFactory(week=week, name="Gast Andere Firma")
    page = client.get(f"/veranstaltungen/woche-der-mobilitaet/{week.year}/vermittlung/")
    content = page.content.decode()
    assert "Gast Andere Firma" in content
    assert f'value="{guest.pk}:{offer.pk}"' in content
    assert f'value="{own.pk}:{offer.pk}"' not in content
    with mails_sent():
        client.post(
            f"/veranstaltungen/woche-der-mobilitaet/{week.year}/vermittlung/",
            {"placement": [f"{guest.pk}:{offer.pk}"]},
        )
    match = MobilityMatch.objects.get()
    assert (match.application, match.offer) == (guest, offer)
    guest.refresh_from_db()
    assert guest.status == MobilityApplication.Status.MATCHED
    assert {tuple(m.to) for m in mail.outbox} == {
        (guest.email,),
        ("personal@brander.example.org",),
    }
    assert "Brander Kunststofftechnik GmbH" in mail.outbox[0].body


def test_accepting_never_exceeds_the_places():
    week = MobilityWeekFactory()
    offer = MobilityOfferFactory(week=week, places=1)
    MobilityMatchFactory(offer=offer)
    late = MobilityApplicationFactory(week=week)
    from events.matching import Placement

    with pytest.raises(ValidationError, match="keine freien Plätze"):
        services.mobility_matches_accept(
            week=week,
            placements=[Placement(late.pk, offer.pk, ())],
            accepted_by=None,
        )


def test_feedback_through_the_link_and_its_summary(client, mails_sent):
    match = MobilityMatchFactory()
    with mails_sent():
        assert services.mobility_feedback_request(week=match.offer.week) == 1
    path = re.search(r"https?://[^/\s]+(/veranstaltungen/\S+/)", mail.outbox[0].body).group(1)
    bad = client.post(path, {"rating": "7"})
    assert bad.status_code == 200
    client.post(
        path,
        {"rating": "4", "learned_something": "true", "would_recommend": "false", "comment": ""},
    )
    feedback = MobilityFeedback.objects.get()
    assert (feedback.rating, feedback.learned_something, feedback.would_recommend) == (
        4,
        True,
        False,
    )
    summary = selectors.mobility_feedback_summary(week=match.offer.week)
    assert summary["responses"] == 1
    assert summary["average_rating"] == 4
    assert summary["recommend_share"] == 0
    assert summary["ratings"][4] == 1


@pytest.mark.parametrize(
    "path",
    [
        "/veranstaltungen/woche-der-mobilitaet/",
        "/veranstaltungen/woche-der-mobilitaet/{year}/",
        "/veranstaltungen/woche-der-mobilitaet/{year}/vermittlung/",
    ],
)
def test_mobility_pages_queries_do_not_grow(path, client_for, count_queries):
    client = client_for(Role.VERWALTUNG)
    week = MobilityWeekFactory()
    url = path.format(year=week.year)

    def fill(n):
        for _ in range(n):
            MobilityOfferFactory(week=week)
            MobilityApplicationFactory(week=week)
            MobilityMatchFactory(offer=MobilityOfferFactory(week=week))

    fill(1)
    first = count_queries(lambda: client.get(url))
    fill(9)
    assert count_queries(lambda: client.get(url)) == first


def test_staff_create_an_edition_and_an_offer(client_for):
    client = client_for(Role.VERWALTUNG)
    response = client.post(
        "/veranstaltungen/woche-der-mobilitaet/neu/",
        {"year": "2031", "title": "", "starts_on": "2031-09-15", "ends_on": "2031-09-12"},
    )
    assert "Der letzte Tag liegt vor dem ersten." in response.content.decode()
    client.post(
        "/veranstaltungen/woche-der-mobilitaet/neu/",
        {"year": "2031", "title": "", "starts_on": "2031-09-15", "ends_on": "2031-09-19"},
    )
    host = CompanyFactory()
    client.post(
        "/veranstaltungen/woche-der-mobilitaet/2031/angebote/neu/",
        {
            "host_company": host.pk,
            "department": "Instandhaltung",
            "description": "Wartung der Pressen",
            "places": "2",
            "days": ["2031-09-16", "2031-09-17"],
        },
    )
    page = client.get("/veranstaltungen/woche-der-mobilitaet/2031/").content.decode()
    assert "Instandhaltung" in page
    assert "Wartung der Pressen" in page


def test_the_week_in_the_calendar_leads_to_its_offers(client):
    from .factories import EventFactory

    week = MobilityWeekFactory()
    week.event = EventFactory(format="mobility_week", title="Woche der Mobilität")
    week.save()
    content = client.get(week.event.get_absolute_url()).content.decode()
    assert week.get_absolute_url() in content
    assert 'name="email"' not in content  # one applies on the week's page, not here

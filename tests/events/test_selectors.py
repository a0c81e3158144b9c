"""Participation figures for reports and the company page."""

import datetime

import pytest
from django.utils import timezone

from events import selectors

from .factories import CompanyFactory, EventFactory, NetworkFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _meeting(network, days_ago):
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return EventFactory(
        format="network_meeting",
        network=network,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        status="held",
    )


def test_network_participation_counts_companies_reached_and_repeats():
    network = NetworkFactory()
    loyal, once = CompanyFactory(name="Treu GmbH"), CompanyFactory(name="Einmal AG")
    first, second = _meeting(network, 60), _meeting(network, 30)
    RegistrationFactory(event=first, company=loyal, status="attended")
    RegistrationFactory(event=first, company=loyal, status="attended")  # two people, one company
    RegistrationFactory(event=second, company=loyal, status="attended")
    RegistrationFactory(event=second, company=once, status="attended")
    RegistrationFactory(event=second, company=CompanyFactory(), status="no_show")
    EventFactory(format="workshop")  # not a network meeting

    figures = selectors.network_participation(network=network)
    assert figures.meetings == 2
    assert figures.participants == 4
    assert figures.companies_reached == 2
    assert figures.repeat_companies == 1
    assert figures.repeat_share == 0.5
    assert [(row.company_name, row.meetings) for row in figures.per_company] == [
        ("Treu GmbH", 2),
        ("Einmal AG", 1),
    ]


def test_company_participation_for_the_company_page():
    company = CompanyFactory()
    network = NetworkFactory()
    RegistrationFactory(event=_meeting(network, 10), company=company, status="attended")
    RegistrationFactory(event=EventFactory(), company=company, status="registered")
    EventFactory(host_company=company)
    figures = selectors.company_event_participation(company=company)
    assert figures["events_attended"] == 1
    assert figures["network_meetings_attended"] == 1
    assert figures["events_hosted"] == 1


def test_no_show_rate_over_events_with_attendance():
    event = EventFactory()
    RegistrationFactory(event=event, status="attended")
    RegistrationFactory(event=event, status="attended")
    RegistrationFactory(event=event, status="attended")
    RegistrationFactory(event=event, status="no_show")
    RegistrationFactory(event=event, status="registered")
    assert selectors.no_show_rate([event]) == 0.25
    assert selectors.no_show_rate([EventFactory()]) is None


def test_events_held_for_the_report():
    network = NetworkFactory()
    held = _meeting(network, 5)
    RegistrationFactory(event=held, company=CompanyFactory(), status="attended")
    EventFactory()  # upcoming
    rows = list(selectors.events_held(start=timezone.localdate() - datetime.timedelta(days=30)))
    assert rows == [held]
    assert rows[0].attended_count == 1
    assert rows[0].companies_count == 1


def test_company_page_panel_renders_the_participation(client_for):
    from dialog.accounts.roles import Role

    company = CompanyFactory()
    RegistrationFactory(event=_meeting(NetworkFactory(), 3), company=company, status="attended")
    html = client_for(Role.VERWALTUNG).get(company.get_absolute_url()).content.decode()
    assert "1 Veranstaltung besucht" in html
    assert "davon 1 Netzwerktreffen" in html

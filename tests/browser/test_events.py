"""Browser journeys of events, registrations and the Woche der Mobilität, with axe on every
page they pass."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from dialog.accounts.roles import Role
from events.models import Event, MobilityFeedback, MobilityMatch, Registration
from events.tokens import cancel_token_make, feedback_token_make
from tests.events.factories import (
    CompanyFactory,
    EventFactory,
    MobilityApplicationFactory,
    MobilityMatchFactory,
    MobilityOfferFactory,
    MobilityWeekFactory,
    NetworkFactory,
    PartnerFactory,
    RegistrationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link_in(message, kind):
    return re.search(rf"https?://[^/\s]+(/veranstaltungen/\S*{kind}\S*/)", message.body).group(1)


def test_visitor_registers_confirms_is_waitlisted_and_moves_up(
    page, live_server, assert_accessible
):
    event = EventFactory(title="Unternehmerfrühstück Fachkräfte", capacity=1)
    first = RegistrationFactory(event=event, name="Erika Erste", email="erika@example.org")
    EventFactory(title="Interne Planungsrunde", visibility="internal")

    page.goto(f"{live_server.url}/veranstaltungen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungen")
    expect(page.get_by_text("Interne Planungsrunde")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Unternehmerfrühstück Fachkräfte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unternehmerfrühstück Fachkräfte")
    expect(page.get_by_text("ausgebucht")).to_be_visible()
    assert_accessible(page)

    # Bad input first: the form explains, nothing typed is lost.
    page.get_by_label("Name").fill("Karl Kaldenbach")
    page.get_by_label("E-Mail-Adresse").fill("kein-at-zeichen")
    page.get_by_role("button", name="Auf die Warteliste").click()
    expect(page.get_by_text("gültige E-Mail-Adresse").first).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Karl Kaldenbach")
    assert_accessible(page)
    page.get_by_label("E-Mail-Adresse").fill("karl@example.org")
    page.get_by_label("Unternehmen / Organisation").fill("Kaldenbach Zerspanung GmbH")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("status")).to_contain_text("Bitte bestätigen Sie Ihre Anmeldung")

    [confirmation] = mail.outbox
    page.goto(live_server.url + _link_in(confirmation, "bestaetigen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung bestätigen")
    assert_accessible(page)
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Warteliste")
    karl = event.registrations.get(email="karl@example.org")
    assert karl.status == Registration.Status.WAITLISTED

    # Erika cancels through the link in her e-mail: Karl moves up and is told.
    mail.outbox.clear()
    page.goto(f"{live_server.url}/veranstaltungen/anmeldung/{cancel_token_make(first)}/abmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Von der Veranstaltung abmelden")
    assert_accessible(page)
    page.get_by_role("button", name="Verbindlich abmelden").click()
    expect(page.get_by_role("status")).to_contain_text("abgemeldet")
    karl.refresh_from_db()
    assert karl.status == Registration.Status.REGISTERED
    [promoted] = mail.outbox
    assert promoted.to == ["karl@example.org"]
    assert "Ein Platz ist frei geworden" in promoted.subject


def test_board_member_registers_with_one_click_and_cancels(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    member = make_user(Role.BEIRAT)
    EventFactory(title="Werkstattgespräch Lean Production", visibility="members")
    login_in_browser(page, member.email)
    expect(page.get_by_text("Werkstattgespräch Lean Production")).to_be_visible()  # dashboard
    assert_accessible(page)
    page.goto(f"{live_server.url}/veranstaltungen/")
    page.get_by_role("link", name="Werkstattgespräch Lean Production").click()
    page.get_by_role("button", name="Jetzt anmelden").click()
    expect(page.get_by_role("status")).to_contain_text("Sie sind angemeldet")
    assert_accessible(page)
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("status")).to_contain_text("abgemeldet")
    assert Registration.objects.get(user=member).status == Registration.Status.CANCELLED


def test_staff_create_run_and_cancel_an_event(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    PartnerFactory(name="IHK Aachen")
    login_in_browser(page, staff_user.email)
    assert_accessible(page)  # dashboard with the events panel
    page.goto(f"{live_server.url}/veranstaltungen/")
    page.get_by_role("link", name="Veranstaltung anlegen").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Betriebsbesichtigung Präzisionsdrehteile")
    page.get_by_label("Format").select_option("site_visit")
    page.get_by_label("Status").select_option("open")
    page.get_by_label("Beginn").fill("2031-05-06T16:00")
    page.locator("#id_ends_at").fill("2031-05-06T14:00")
    page.get_by_label("Plätze").fill("12")
    page.get_by_label("mitveranstaltende Partner").select_option(label="IHK Aachen")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Das Ende liegt vor dem Beginn.").first).to_be_visible()
    assert_accessible(page)
    page.locator("#id_ends_at").fill("2031-05-06T18:00")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("angelegt")
    event = Event.objects.get()
    assert [str(p) for p in event.organisers.all()] == ["IHK Aachen"]

    page.get_by_role("link", name="Veranstaltung bearbeiten").click()
    assert_accessible(page)
    page.get_by_label("Plätze").fill("2")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("0 von 2 vergeben")).to_be_visible()

    RegistrationFactory(event=event, name="Anna Anwesend")
    RegistrationFactory(event=event, name="Bernd Fehlt")
    page.get_by_role("link", name="Anmeldungen ansehen").click()
    expect(page.get_by_role("cell", name="Anna Anwesend", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Teilnahme erfassen (Check-in)").click()
    assert_accessible(page)
    page.get_by_label("Person suchen").fill("bernd")
    expect(page.get_by_role("cell", name="Anna Anwesend", exact=True)).to_be_hidden()
    page.get_by_role("button", name="nicht erschienen – Bernd Fehlt").click()
    page.get_by_role("button", name="anwesend – Anna Anwesend").click()
    expect(page.get_by_text("Nichterscheinen: 50 %")).to_be_visible()
    pdf = page.request.get(f"{live_server.url}/veranstaltungen/{event.pk}/teilnahmeliste.pdf")
    assert pdf.headers["content-type"] == "application/pdf"

    RegistrationFactory(event=event, status="waitlisted", email="carla@example.org")
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    page.get_by_role("link", name="Veranstaltung absagen").click()
    assert_accessible(page)
    page.get_by_label("Grund der Absage").fill("Der Betrieb hat kurzfristig abgesagt.")
    page.get_by_role("button", name="Veranstaltung absagen").click()
    expect(page.get_by_role("status")).to_contain_text("abgesagt")
    assert [m.to for m in mail.outbox] == [["carla@example.org"]]  # still waiting


def test_staff_see_network_participation(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    import datetime

    from django.utils import timezone

    start = timezone.now() - datetime.timedelta(days=20)
    meeting = EventFactory(
        title="Netzwerktreffen Benchmarking",
        format="network_meeting",
        network=NetworkFactory(),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    RegistrationFactory(
        event=meeting, status="attended", company=CompanyFactory(name="Treu Drehteile GmbH")
    )
    login_in_browser(page, staff_user.email)
    page.goto(f"{live_server.url}/veranstaltungen/")
    page.get_by_role("link", name="Netzwerktreffen", exact=True).click()
    expect(page.get_by_role("cell", name="Treu Drehteile GmbH")).to_be_visible()
    assert_accessible(page)


def test_employee_applies_and_staff_match_a_placement(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    week = MobilityWeekFactory()
    host = CompanyFactory(name="Brander Kunststofftechnik GmbH")
    CompanyFactory(name="Haarener Antriebstechnik GmbH")
    offer = MobilityOfferFactory(week=week, host_company=host, department="Spritzguss", places=1)

    page.goto(f"{live_server.url}/veranstaltungen/woche-der-mobilitaet/")
    assert_accessible(page)
    page.get_by_role("link", name=str(week)).click()
    expect(page.get_by_role("cell", name="Spritzguss")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Jetzt bewerben").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Timo Kaldenbach")
    page.get_by_label("E-Mail-Adresse").fill("timo@example.org")
    page.get_by_label("Ihr Unternehmen").fill("Haarener Antriebstechnik GmbH")
    page.get_by_label("Interessen").fill("Spritzguss und Werkzeugbau")
    page.locator("input[name=preferred_days]").first.check()
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Bewerbung absenden").click()
    expect(page.get_by_role("status")).to_contain_text("Vielen Dank für Ihre Bewerbung")

    login_in_browser(page, staff_user.email)
    page.goto(f"{live_server.url}{week.get_absolute_url()}")
    expect(page.get_by_role("cell", name="Timo Kaldenbach")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Angebot erfassen").click()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Vermittlung").click()
    expect(page.get_by_role("checkbox", name="Timo Kaldenbach zu Brander")).to_be_checked()
    assert_accessible(page)
    mail.outbox.clear()
    page.get_by_role("button", name="Ausgewählte Vermittlungen bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("1 Vermittlung bestätigt")
    match = MobilityMatch.objects.get()
    assert match.offer == offer
    assert [m.to for m in mail.outbox] == [["timo@example.org"]]
    page.goto(f"{live_server.url}/veranstaltungen/woche-der-mobilitaet/neu/")
    assert_accessible(page)


def test_participant_gives_feedback_through_the_link(page, live_server, assert_accessible):
    match = MobilityMatchFactory(
        application=MobilityApplicationFactory(name="Timo Kaldenbach"),
    )
    page.goto(
        f"{live_server.url}/veranstaltungen/woche-der-mobilitaet/rueckmeldung/"
        f"{feedback_token_make(match)}/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Rückmeldung zur Woche der Mobilität")
    assert_accessible(page)
    page.get_by_role("button", name="Rückmeldung senden").click()
    expect(page.get_by_text("Dieses Feld ist zwingend erforderlich.").first).to_be_visible()
    page.get_by_label("5 – sehr gut").check()
    page.locator("#id_learned_something_0").check()  # ja
    page.locator("#id_would_recommend_0").check()  # ja
    page.get_by_role("button", name="Rückmeldung senden").click()
    expect(page.get_by_role("status")).to_contain_text("Vielen Dank für Ihre Rückmeldung")
    assert MobilityFeedback.objects.get().rating == 5


@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUSSCHUSS])
def test_dashboard_panels_are_accessible(
    role, page, live_server, make_user, login_in_browser, assert_accessible
):
    user = make_user(role)
    partner = PartnerFactory()
    partner.users.add(user)
    EventFactory(title="Unternehmerfrühstück Energie").organisers.add(partner)
    login_in_browser(page, user.email)
    expect(page.get_by_text("Unternehmerfrühstück Energie").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/veranstaltungen/")
    page.get_by_role("link", name="Unternehmerfrühstück Energie").click()
    assert_accessible(page)
    if role == Role.PARTNER:
        page.get_by_role("link", name="Anmeldungen ansehen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Anmeldungen")
        assert_accessible(page)
    else:
        page.goto(f"{live_server.url}/veranstaltungen/{Event.objects.get().pk}/anmelden/")
        assert_accessible(page)


def test_staff_add_move_and_cancel_registrations_for_people(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    event = EventFactory(title="Werkstattgespräch Mai", capacity=1)
    EventFactory(title="Werkstattgespräch Juni", capacity=5)
    RegistrationFactory(event=event, name="Anna Angemeldet", email="anna@example.org")
    login_in_browser(page, staff_user.email)
    page.goto(f"{live_server.url}/veranstaltungen/")
    expect(page.get_by_text("ausgebucht – Warteliste")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/veranstaltungen/{event.pk}/anmeldungen/")
    page.get_by_role("link", name="Anmeldung hinzufügen").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Wilma Warten")
    page.get_by_label("E-Mail-Adresse").fill("wilma@example.org")
    page.get_by_label("Unternehmen / Organisation").fill("Warten Maschinenbau GmbH")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("status")).to_contain_text("Warteliste")
    expect(page.get_by_role("cell", name="Wilma Warten", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Umbuchen – Anna Angemeldet").click()
    assert_accessible(page)
    june = Event.objects.get(title="Werkstattgespräch Juni")
    page.get_by_label("Neue Veranstaltung").select_option(value=str(june.pk))
    page.get_by_role("button", name="Umbuchen").click()
    expect(page.get_by_role("status")).to_contain_text("umgebucht")
    assert event.registrations.get(email="wilma@example.org").status == "registered"

    mail.outbox.clear()
    page.get_by_role("button", name="Stornieren – Wilma Warten").click()
    expect(page.get_by_role("status")).to_contain_text("storniert")
    assert event.registrations.get(email="wilma@example.org").status == "cancelled"
    assert_accessible(page)

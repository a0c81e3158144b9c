"""Browser journeys of the measures, with axe-core on every page they pass."""

import datetime

import pytest
from playwright.sync_api import expect

from dialog.accounts.roles import Role
from measures.models import Measure, Phase
from tests.measures.factories import (
    FieldOfActionFactory,
    IndicatorFactory,
    MeasureFactory,
    MeasurePartnerFactory,
    PartnerFactory,
    PhaseFactory,
    StaffCapacityFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _quick_failures(page):
    page.set_default_timeout(10_000)


def _current_quarter():
    today = datetime.date.today()
    return datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)


def _next_quarter(quarter):
    return datetime.date(quarter.year + quarter.month // 10, (quarter.month + 2) % 12 + 1, 1)


def test_staff_plan_a_measure_see_it_on_the_timeline_defer_it_and_stagger(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    staff = make_user(Role.VERWALTUNG, is_staff=True, full_name="Petra Hansen")
    FieldOfActionFactory(number=2, title="Austausch und Vernetzung")
    PartnerFactory(name="IHK Aachen", short_name="")
    PartnerFactory(name="RWTH Aachen University", short_name="")
    login_in_browser(page, staff.email)

    page.goto(f"{live_server.url}/massnahmen/")
    assert_accessible(page)
    page.get_by_role("link", name="Neue Maßnahme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neue Maßnahme")
    assert_accessible(page)
    page.locator('[name="title"]').fill("Werkstattgespräche Digitalisierung")
    page.get_by_label("Kurzbeschreibung").fill("Betriebe zeigen einander ihre Digitalisierung.")
    page.get_by_label("Handlungsfeld").select_option(label="2. Austausch und Vernetzung")
    page.locator('[name="phases-0-title"]').fill("Konzept")
    page.locator('[name="phases-0-start"]').select_option("2027-01-01")
    page.locator('[name="phases-0-end"]').select_option("2027-04-01")
    page.locator('[name="phases-0-person_days"]').fill("30")
    page.locator('[name="phases-1-title"]').fill("Gesprächsreihe")
    page.locator('[name="phases-1-order"]').fill("2")
    page.locator('[name="phases-1-start"]').select_option("2027-07-01")
    page.locator('[name="phases-1-end"]').select_option("2028-04-01")
    page.locator('[name="phases-1-person_days"]').fill("60")
    page.locator('[name="partners-0-partner"]').select_option(label="IHK Aachen")
    page.locator('[name="partners-0-role"]').select_option("lead")
    page.locator('[name="partners-1-partner"]').select_option(label="RWTH Aachen University")
    page.locator('[name="partners-1-role"]').select_option("supporting")
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_role("status")).to_contain_text("wurde gespeichert")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Werkstattgespräche Digitalisierung"
    )
    expect(page.get_by_role("cell", name="Gesprächsreihe", exact=True)).to_be_visible()
    expect(page.get_by_text("IHK Aachen – federführend")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Zeitplan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zeitplan der Maßnahmen")
    expect(page.locator("svg[role=img] title").first).to_have_text("Zeitplan der Maßnahmen")
    page.get_by_text("Zeitplan als Tabelle").click()
    expect(page.get_by_role("cell", name="Gesprächsreihe", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Werkstattgespräche Digitalisierung").first.click()
    page.get_by_role("link", name="Status ändern").click()
    expect(page.get_by_label("Neuer Status")).to_be_visible()  # the new page, before axe
    assert_accessible(page)
    page.get_by_label("Neuer Status").select_option("deferred")
    page.get_by_role("button", name="Status ändern").click()
    expect(page.get_by_text("Bitte geben Sie eine Begründung an.").first).to_be_visible()
    page.get_by_label("Begründung").fill("Erst nach der Neubesetzung der Stelle.")
    page.get_by_role("button", name="Status ändern").click()
    expect(page.get_by_role("status")).to_contain_text("zurückgestellt")
    assert Measure.objects.get(title__startswith="Werkstattgespräche").status == "deferred"

    # An overloaded coming quarter: the staggering moves the low-priority phase.
    quarter = _next_quarter(_current_quarter())
    StaffCapacityFactory(quarter=_current_quarter(), person_days=60)
    PhaseFactory(measure=MeasureFactory(priority=1), start=quarter, end=quarter, person_days=50)
    low = PhaseFactory(
        measure=MeasureFactory(priority=3, title="Tag der Industrie"),
        start=quarter,
        end=quarter,
        person_days=40,
    )
    page.get_by_role("link", name="Kapazität", exact=True).click()
    expect(page.get_by_text("1 Quartal ist überlastet:")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Staffelung vorschlagen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staffelung vorschlagen")
    expect(page.get_by_role("cell", name="Tag der Industrie")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Vorschlag übernehmen").click()
    expect(page.get_by_role("status")).to_contain_text("1 Phase verschoben")
    expect(page.get_by_text("Kein Quartal ist überlastet")).to_be_visible()
    assert Phase.objects.get(pk=low.pk).start > quarter


def test_public_overview_without_internal_fields(page, live_server, assert_accessible):
    measure = MeasureFactory(title="Woche der Mobilität", status=Measure.Status.ACTIVE)
    PhaseFactory(measure=measure, title="Erste Woche", person_days=77)
    MeasurePartnerFactory(measure=measure, partner=PartnerFactory(name="IG Metall Aachen"))
    page.goto(f"{live_server.url}/massnahmen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Maßnahmen des Handlungskonzepts")
    expect(page.get_by_role("columnheader", name="Personentage")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Woche der Mobilität").click()
    expect(page.get_by_text("IG Metall Aachen")).to_be_visible()
    expect(page.get_by_role("cell", name="77", exact=True)).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Personentage")).to_have_count(0)
    assert_accessible(page)
    page.goto(f"{live_server.url}/massnahmen/zeitplan/")
    assert_accessible(page)


def test_partner_reports_progress_on_their_measure_only(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    user = make_user(Role.PARTNER)
    own = MeasurePartnerFactory(
        measure=MeasureFactory(title="Unternehmerfrühstück"),
        partner=PartnerFactory(name="IHK Aachen", users=[user]),
    ).measure
    other = MeasurePartnerFactory(measure=MeasureFactory(title="Fremde Maßnahme")).measure
    login_in_browser(page, user.email)
    page.get_by_role("link", name="Unternehmerfrühstück").click()
    assert_accessible(page)
    page.get_by_label("Fortschritt").fill("Drei neue Gastgeberbetriebe gewonnen.")
    page.get_by_role("button", name="Bericht veröffentlichen").click()
    expect(page.get_by_role("status")).to_contain_text("veröffentlicht")
    expect(page.get_by_text("Drei neue Gastgeberbetriebe gewonnen.")).to_be_visible()
    assert own.progress_updates.count() == 1

    page.goto(f"{live_server.url}{other.get_absolute_url()}")
    expect(page.get_by_role("button", name="Bericht veröffentlichen")).to_have_count(0)
    response = page.goto(f"{live_server.url}/massnahmen/{other.pk}/fortschritt/")
    assert response.status == 403

    page.goto(f"{live_server.url}/massnahmen/{own.pk}/fortschritt/")
    assert_accessible(page)
    page.get_by_role("link", name="Partner", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="IHK Aachen").click()
    expect(page.get_by_text("Sie sind Ansprechperson")).to_be_visible()
    assert_accessible(page)


def test_board_member_proposes_an_idea_and_staff_triage_it(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    FieldOfActionFactory(number=6, title="Innovation und Transfer")
    member = make_user(Role.BEIRAT)
    staff = make_user(Role.VERWALTUNG, is_staff=True)
    login_in_browser(page, member.email)
    page.get_by_role("link", name="Maßnahmenidee vorschlagen").click()
    assert_accessible(page)
    page.get_by_label("Titel der Idee").fill("Wasserstoff-Anwenderkreis")
    page.get_by_label("Kurzbeschreibung").fill("Betriebe tauschen Erfahrungen mit Wasserstoff aus.")
    page.get_by_label("Handlungsfeld").select_option(label="6. Innovation und Transfer")
    page.get_by_role("button", name="Idee einreichen").click()
    expect(page.get_by_role("status")).to_contain_text("Vielen Dank")
    page.get_by_role("link", name="Abmelden").click()
    page.get_by_role("button", name="Abmelden").click()

    login_in_browser(page, staff.email)
    page.goto(f"{live_server.url}/massnahmen/ideen/")
    expect(page.get_by_role("heading", name="Wasserstoff-Anwenderkreis")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Entscheidung").select_option("defer")
    page.get_by_role("button", name="Entscheidung speichern").click()
    expect(page.get_by_text("Bitte geben Sie eine Begründung an.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Begründung").fill("Erst nach dem Förderaufruf 2028.")
    page.get_by_role("button", name="Entscheidung speichern").click()
    expect(page.get_by_role("status")).to_contain_text("zurückgestellt")
    expect(page.get_by_text("Keine Ideen warten auf eine Bewertung.")).to_be_visible()


def test_staff_record_an_indicator_value(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    staff = make_user(Role.VERWALTUNG, is_staff=True)
    indicator = IndicatorFactory(name="Beteiligte Betriebe", measure=MeasureFactory())
    login_in_browser(page, staff.email)
    page.goto(f"{live_server.url}/massnahmen/{indicator.measure.pk}/kennzahl/")
    assert_accessible(page)
    page.get_by_label("Kennzahl").select_option(label=str(indicator))
    page.get_by_label("Wert").fill("12")
    page.get_by_role("button", name="Wert speichern").click()
    expect(page.get_by_role("status")).to_contain_text("gespeichert")
    expect(page.get_by_role("cell", name="12 Betriebe")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/massnahmen/{indicator.measure.pk}/bearbeiten/")
    assert_accessible(page)

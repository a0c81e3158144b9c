"""In a real browser: a failed form puts the focus on its error summary, whose links lead to
the fields; a German amount typed into a cost field comes back as "12.500,50"."""

import pytest
from playwright.sync_api import expect

from dialog.accounts.roles import Role
from tests.measures.factories import IndicatorFactory, MeasureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_failed_form_focuses_its_error_summary_and_links_to_the_field(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    page.set_default_timeout(10_000)
    staff = make_user(Role.VERWALTUNG, is_staff=True)
    measure = MeasureFactory(title="Zulieferbörse")
    IndicatorFactory(measure=measure, name="Teilnehmende")
    login_in_browser(page, staff.email)

    page.goto(f"{live_server.url}/massnahmen/{measure.pk}/kennzahl/")
    page.get_by_label("Kennzahl").select_option(index=1)
    page.get_by_label("Wert").fill("zwölf")
    page.get_by_role("button", name="Speichern").click()

    summary = page.get_by_role("alert").filter(has_text="Bitte korrigieren Sie")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Wert: Bitte eine Zahl eingeben.")
    assert page.title().endswith(" – Aachener Industrie-Dialog")
    assert_accessible(page)

    summary.get_by_role("link", name="Wert: Bitte eine Zahl eingeben.").click()
    expect(page.get_by_label("Wert")).to_be_focused()

    page.get_by_label("Wert").fill("12.500,5")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert").filter(has_text="Bitte korrigieren Sie")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("12.500,50")

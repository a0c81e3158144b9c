"""Browser journey through the open follow-ups (Wiedervorlagen), with axe-core on each page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from companies import wz2008
from companies.models import ContactLogEntry, Sector
from tests.companies.factories import CompanyFactory, ContactLogEntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _sectors(transactional_db):
    """Transactional tests flush the database, and with it the WZ 2008 data migration."""
    wz2008.ensure_loaded(Sector)


def test_staff_go_from_the_dashboard_to_their_follow_ups_and_mark_an_overdue_one_done(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    today = timezone.localdate()
    overdue = ContactLogEntryFactory(
        company=CompanyFactory(name="Brander Guss GmbH"),
        staff_member=staff_user,
        follow_up="Förderbescheid nachreichen",
        follow_up_due=today - datetime.timedelta(days=3),
    )
    ContactLogEntryFactory(
        company=CompanyFactory(name="Haarener Blech GmbH"),
        follow_up="Rückruf beim Einkauf",
        follow_up_due=today + datetime.timedelta(days=7),
    )
    login_in_browser(page, staff_user.email)
    page.get_by_role("link", name="Alle Wiedervorlagen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wiedervorlagen")
    assert_accessible(page)

    overdue_row = page.get_by_role("row").filter(has_text="Brander Guss GmbH")
    expect(overdue_row).to_contain_text("überfällig")
    expect(page.get_by_role("row").filter(has_text="Haarener Blech GmbH")).not_to_contain_text(
        "überfällig"
    )

    page.get_by_label("Zuständig").select_option(label="meine Wiedervorlagen")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("row")).to_have_count(2)
    assert_accessible(page)

    page.get_by_role("button", name="Erledigt – Brander Guss GmbH").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Die Wiedervorlage zu „Brander Guss GmbH“ ist als erledigt markiert."
    )
    expect(page.get_by_text("Keine offenen Wiedervorlagen passen zu den Filtern.")).to_be_visible()
    assert_accessible(page)
    assert ContactLogEntry.objects.get(pk=overdue.pk).follow_up_done_on == today

"""The open follow-ups (Wiedervorlagen) of the contact log: the list staff work through."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from companies.tasks import follow_up_reminders_send
from dialog.accounts.roles import Role

from .factories import CompanyFactory, ContactLogEntryFactory

pytestmark = pytest.mark.django_db
FOLLOW_UPS = reverse("companies:follow-ups")


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _rows(response):
    return list(response.context["page_obj"].object_list)


def test_the_list_shows_open_follow_ups_due_first_and_marks_overdue_ones_in_words(staff_client):
    later = ContactLogEntryFactory(follow_up="Förderbescheid nachfassen", follow_up_due=_days(5))
    overdue = ContactLogEntryFactory(follow_up="Rückruf Geschäftsführung", follow_up_due=_days(-3))
    ContactLogEntryFactory(follow_up="Schon erledigt", follow_up_done_on=_days(-1))
    ContactLogEntryFactory(follow_up="", summary="Nur ein Gespräch")
    undated = ContactLogEntryFactory(follow_up="Irgendwann melden", follow_up_due=None)

    response = staff_client.get(FOLLOW_UPS)

    assert response.status_code == 200
    assert _rows(response) == [overdue, later, undated]
    assert [entry.overdue for entry in _rows(response)] == [True, False, False]
    html = response.content.decode()
    assert html.count(">überfällig<") == 1
    assert "Schon erledigt" not in html


def test_mine_shows_only_the_follow_ups_of_the_logged_in_staff_member(staff_client, make_user):
    colleague = make_user(Role.VERWALTUNG, is_staff=True)
    own = ContactLogEntryFactory(staff_member=staff_client.user)
    ContactLogEntryFactory(staff_member=colleague)
    ContactLogEntryFactory(staff_member=None)

    assert _rows(staff_client.get(FOLLOW_UPS, {"whose": "mine"})) == [own]
    assert len(_rows(staff_client.get(FOLLOW_UPS, {"whose": "all"}))) == 3


def test_the_list_filters_by_company_and_by_being_overdue(staff_client):
    brand = CompanyFactory(name="Brander Guss GmbH")
    brand_entry = ContactLogEntryFactory(company=brand, follow_up_due=_days(10))
    brand_overdue = ContactLogEntryFactory(company=brand, follow_up_due=_days(-10))
    other_overdue = ContactLogEntryFactory(follow_up_due=_days(-1))

    assert _rows(staff_client.get(FOLLOW_UPS, {"company": brand.pk})) == [
        brand_overdue,
        brand_entry,
    ]
    assert _rows(staff_client.get(FOLLOW_UPS, {"due": "overdue"})) == [
        brand_overdue,
        other_overdue,
    ]
    assert _rows(staff_client.get(FOLLOW_UPS, {"company": brand.pk, "due": "not_overdue"})) == [
        brand_entry
    ]


def test_a_bad_filter_value_gives_an_empty_list_with_a_german_hint_not_an_error(staff_client):
    ContactLogEntryFactory()
    response = staff_client.get(FOLLOW_UPS, {"company": "abc", "whose": "jemand"})
    assert response.status_code == 200
    assert "Keine offenen Wiedervorlagen passen zu den Filtern." in response.content.decode()


def test_without_any_open_follow_up_the_list_says_so(staff_client):
    ContactLogEntryFactory(follow_up_done_on=_days(-2))
    response = staff_client.get(FOLLOW_UPS)
    assert "Es gibt keine offenen Wiedervorlagen." in response.content.decode()


def test_the_list_is_paginated(staff_client):
    ContactLogEntryFactory.create_batch(30)
    first = staff_client.get(FOLLOW_UPS)
    second = staff_client.get(FOLLOW_UPS, {"page": 2})
    assert len(_rows(first)) == 25
    assert len(_rows(second)) == 5
    assert first.context["page_obj"].paginator.count == 30
    # A page that no longer exists (its entries were done) shows the last one.
    assert staff_client.get(FOLLOW_UPS, {"page": 9}).context["page_obj"].number == 2


def test_one_click_marks_a_follow_up_done_today_and_returns_to_the_filtered_list(staff_client):
    entry = ContactLogEntryFactory(
        company=CompanyFactory(name="Testguss GmbH"), follow_up_due=_days(-4)
    )
    back = f"{FOLLOW_UPS}?whose=all&due=overdue"

    response = staff_client.post(
        reverse("companies:follow-up-done", args=[entry.pk]), {"next": back}, follow=True
    )

    entry.refresh_from_db()
    assert entry.follow_up_done_on == timezone.localdate()
    assert response.redirect_chain[-1][0] == back
    page = response.content.decode()
    assert "Die Wiedervorlage zu „Testguss GmbH“ ist als erledigt markiert." in page
    assert _rows(response) == []


def test_marking_done_never_redirects_to_another_site(staff_client):
    entry = ContactLogEntryFactory()
    response = staff_client.post(
        reverse("companies:follow-up-done", args=[entry.pk]), {"next": "https://example.org/"}
    )
    assert response["Location"] == entry.company.get_absolute_url() + "#kontaktverlauf"


def test_marking_done_twice_keeps_the_first_date(staff_client):
    entry = ContactLogEntryFactory(follow_up_done_on=datetime.date(2025, 1, 2))
    staff_client.post(reverse("companies:follow-up-done", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.follow_up_done_on == datetime.date(2025, 1, 2)


def test_staff_export_the_filtered_follow_ups_as_csv_and_xlsx(staff_client):
    mine = ContactLogEntryFactory(
        company=CompanyFactory(name="Meine GmbH"),
        staff_member=staff_client.user,
        follow_up="=Rückruf",
        follow_up_due=_days(-2),
    )
    ContactLogEntryFactory(company=CompanyFactory(name="Fremde GmbH"))

    csv_response = staff_client.get(FOLLOW_UPS, {"whose": "mine", "format": "csv"})
    assert csv_response["Content-Disposition"].startswith('attachment; filename="wiedervorlagen-')
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("fällig am;überfällig;Unternehmen;Nächste Schritte")
    assert len(lines) == 2
    assert lines[1].startswith(f"{mine.follow_up_due:%d.%m.%Y};ja;Meine GmbH;'=Rückruf")

    xlsx_response = staff_client.get(FOLLOW_UPS, {"whose": "mine", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet.max_row == 2
    assert sheet["A2"].value.date() == mine.follow_up_due
    assert sheet["C2"].value == "Meine GmbH"


def test_the_dashboard_marks_overdue_follow_ups_and_links_to_the_full_list(staff_client):
    ContactLogEntryFactory(follow_up="Angebot nachfassen", follow_up_due=_days(-1))
    html = staff_client.get(reverse("home")).content.decode()
    assert "Angebot nachfassen" in html
    assert ">überfällig<" in html
    assert f'href="{FOLLOW_UPS}"' in html


@pytest.mark.parametrize("role", [Role.BEIRAT, Role.PARTNER])
def test_other_roles_can_neither_see_nor_mark_follow_ups(client_for, role):
    entry = ContactLogEntryFactory()
    client = client_for(role)
    assert client.get(FOLLOW_UPS).status_code == 403
    assert client.get(FOLLOW_UPS, {"format": "csv"}).status_code == 403
    assert client.post(reverse("companies:follow-up-done", args=[entry.pk])).status_code == 403
    entry.refresh_from_db()
    assert entry.follow_up_done_on is None


def _populate(count, user):
    for index in range(count):
        ContactLogEntryFactory(
            staff_member=user if index % 2 else None,
            contact_person=None,
            follow_up_due=_days(index - count // 2),
        )


def test_the_list_makes_the_same_number_of_queries_for_10_and_100_follow_ups(
    staff_client, count_queries
):
    _populate(10, staff_client.user)
    staff_client.get(FOLLOW_UPS)
    few = count_queries(lambda: staff_client.get(FOLLOW_UPS))
    _populate(90, staff_client.user)
    many = count_queries(lambda: staff_client.get(FOLLOW_UPS, {"page": 2}))
    assert few == many
    assert count_queries(lambda: staff_client.get(FOLLOW_UPS, {"whose": "mine"})) == few


def test_the_reminder_of_overdue_follow_ups_is_scheduled_weekly():
    entry = settings.CELERY_BEAT_SCHEDULE["companies-follow-up-reminders"]
    assert entry["task"] == follow_up_reminders_send.name
    assert entry["schedule"].day_of_week == {1}  # Monday


def test_each_staff_member_is_mailed_only_their_own_overdue_follow_ups_once_a_day(
    staff_user, make_user, django_capture_on_commit_callbacks
):
    colleague = make_user(Role.VERWALTUNG, is_staff=True)
    relaxed = make_user(Role.VERWALTUNG, is_staff=True)
    ContactLogEntryFactory(
        company=CompanyFactory(name="Brander Guss GmbH"),
        staff_member=staff_user,
        follow_up="Förderbescheid nachreichen",
        follow_up_due=_days(-3),
    )
    ContactLogEntryFactory(staff_member=staff_user, follow_up="Noch Zeit", follow_up_due=_days(2))
    ContactLogEntryFactory(
        staff_member=staff_user,
        follow_up="Schon erledigt",
        follow_up_due=_days(-9),
        follow_up_done_on=_days(-1),
    )
    ContactLogEntryFactory(staff_member=colleague, follow_up="Rückruf", follow_up_due=_days(-1))
    ContactLogEntryFactory(staff_member=colleague, follow_up="Angebot", follow_up_due=_days(-20))
    ContactLogEntryFactory(staff_member=relaxed, follow_up="Später", follow_up_due=_days(5))

    with django_capture_on_commit_callbacks(execute=True):
        assert follow_up_reminders_send.delay().get() == 2

    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {staff_user.email, colleague.email}
    own = by_person[staff_user.email]
    assert own.subject == "Eine überfällige Wiedervorlage"
    assert "Brander Guss GmbH: Förderbescheid nachreichen" in own.body
    assert "Noch Zeit" not in own.body and "Schon erledigt" not in own.body
    assert "Rückruf" not in own.body
    assert f"{FOLLOW_UPS}?whose=mine&due=overdue" in own.body
    theirs = by_person[colleague.email]
    assert theirs.subject == "2 überfällige Wiedervorlagen"
    assert theirs.body.index("Angebot") < theirs.body.index("Rückruf")

    with django_capture_on_commit_callbacks(execute=True):
        assert follow_up_reminders_send.delay().get() == 0
    assert len(mail.outbox) == 2

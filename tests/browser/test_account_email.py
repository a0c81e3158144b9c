"""Changing the account's address in the browser: the new one counts after its link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from dialog.accounts.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_changes_the_address_through_the_link(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    member = make_user(Role.BEIRAT, email="alt@example.org")
    other = make_user(Role.PARTNER, email="vergeben@example.org")
    login_in_browser(page, member.email)
    page.goto(f"{live_server.url}/konto/email/")
    expect(page.get_by_role("heading", level=1)).to_have_text("E-Mail-Adresse")
    assert_accessible(page)

    page.get_by_label("Neue E-Mail-Adresse").fill(other.email)
    page.get_by_role("button", name="Adresse ändern").click()
    expect(page.get_by_text("wird bereits von einem anderen Konto verwendet").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Neue E-Mail-Adresse").fill("neu@example.org")
    page.get_by_role("button", name="Adresse ändern").click()
    expect(page.get_by_text("Sie ändern Ihre Adresse in neu@example.org")).to_be_visible()
    assert_accessible(page)
    assert get_user_model().objects.get(pk=member.pk).email == "alt@example.org"

    [message] = [m for m in mail.outbox if m.to == ["neu@example.org"]]
    path = re.search(r"https?://[^/\s]+(/konto/confirm-email/\S+/)", message.body).group(1)
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text("E-Mail-Adresse bestätigen")
    assert_accessible(page)
    page.get_by_role("button", name="Adresse bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("neu@example.org ist bestätigt")
    assert get_user_model().objects.get(pk=member.pk).email == "neu@example.org"

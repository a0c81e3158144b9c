"""The portal's one mail service: text and HTML part, one message per recipient, after commit."""

import re

import pytest
from django.core import mail
from django.db import transaction

from dialog.accounts import services
from dialog.accounts.roles import Role
from dialog.core.mail import Attachment, mail_render, mail_send
from dialog.core.tasks import mail_deliver

pytestmark = pytest.mark.django_db
SITE_URL = "https://industrie-dialog.aachen.de"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL + "/"


def _invite(staff_user, **kwargs):
    return services.user_invite(
        email="neu@example.org", role=Role.BEIRAT, invited_by=staff_user, **kwargs
    )


def test_a_mail_goes_out_only_after_the_write_is_committed(
    staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        _invite(staff_user)
    assert not mail.outbox
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["neu@example.org"]]


def test_a_write_that_is_rolled_back_sends_nothing(staff_user, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _invite(staff_user)
        raise RuntimeError("abgebrochen")
    assert not mail.outbox


def test_the_html_part_is_the_city_layout_with_the_text_escaped(
    staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(staff_user, full_name='Anna <b>"Neu"</b> & Co')
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert 'Anna <b>"Neu"</b> & Co' in message.body
    assert "Anna &lt;b&gt;&quot;Neu&quot;&lt;/b&gt; &amp; Co" in html
    assert "Stadt Aachen" in html and "Aachener Industrie-Dialog" in html
    assert not re.search(r"""(src=|url\(|@import|<link)""", html)  # nothing loaded from outside


def test_links_in_mails_are_absolute_to_the_portal(staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(staff_user)
    message = mail.outbox[0]
    links = re.findall(r"https?://\S+", message.body)
    hrefs = re.findall(r'href="(https?:[^"]+)"', message.alternatives[0][0])
    assert links and hrefs
    assert all(link.startswith(SITE_URL + "/") for link in links + hrefs)
    assert any("/konto/einladung/" in href for href in hrefs)  # the text's link is clickable


def test_many_recipients_get_a_message_each(django_capture_on_commit_callbacks, staff_user):
    user = staff_user
    with django_capture_on_commit_callbacks(execute=True):
        sent = mail_send(
            template="emails/invitation",
            context={"user": user, "link": SITE_URL + "/", "sent_by": user, "role": "Beirat"},
            to=["a@example.org", "b@example.org", "", "a@example.org"],
            attachments=[Attachment("termin.ics", b"BEGIN:VCALENDAR\r\n", "text/calendar")],
        )
    assert sent == 2
    assert [message.to for message in mail.outbox] == [["a@example.org"], ["b@example.org"]]
    assert all(
        message.attachments[0] == ("termin.ics", "BEGIN:VCALENDAR\r\n", "text/calendar")
        for message in mail.outbox
    )


def test_a_subject_is_one_line_whatever_the_context_holds():
    rendered = mail_render(
        template="events/emails/registration_registered",
        context={"event": {"title": "Frühstück\r\nBcc: alle@example.org\n & „Mehr“"}},
    )
    assert rendered.subject == "Anmeldung bestätigt: Frühstück Bcc: alle@example.org & „Mehr“"


def test_the_delivery_task_tries_again_when_the_mail_server_is_down():
    assert OSError in mail_deliver.autoretry_for
    assert mail_deliver.max_retries

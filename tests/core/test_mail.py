"""The portal's one mail service: text and HTML part, one message per recipient, after commit."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction

from dialog.accounts import services
from dialog.accounts.roles import Role
from dialog.board.services import board_meeting_send_invitations
from dialog.core.mail import Attachment, mail_render, mail_send
from dialog.core.tasks import mail_deliver
from measures.services import measure_propose_idea
from tests.board.factories import BoardMeetingFactory, BoardMembershipFactory
from tests.measures.factories import FieldOfActionFactory

pytestmark = pytest.mark.django_db
SITE_URL = "https://industrie-dialog.aachen.de"
ROOT = Path(__file__).resolve().parent.parent.parent


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


# --- Plain text is plain, HTML is escaped, user text is never a header ------------------------
COMPANY = 'Müller & Söhne "GmbH" <Vertrieb>'
ESCAPED = "Müller &amp; Söhne &quot;GmbH&quot; &lt;Vertrieb&gt;"


def test_an_idea_mail_has_the_title_literally_in_the_text_and_escaped_in_the_html(
    make_user, django_capture_on_commit_callbacks
):
    staff = make_user(Role.VERWALTUNG)
    partner = make_user(Role.PARTNER, full_name="Paula O'Partner & Co")
    with django_capture_on_commit_callbacks(execute=True):
        measure_propose_idea(
            title=COMPANY,
            summary="Einkauf & Logistik: „gemeinsam“ <günstiger>",
            field_of_action=FieldOfActionFactory(),
            proposed_by=partner,
        )
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert f"„{COMPANY}“" in message.body
    assert "Paula O'Partner & Co hat eine neue Maßnahmenidee" in message.body
    assert "Einkauf & Logistik: „gemeinsam“ <günstiger>" in message.body
    assert not re.search(r"&(amp|quot|lt|gt|#x?[0-9a-f]+);", message.body)
    html = message.alternatives[0][0]
    assert ESCAPED in html and COMPANY not in html
    assert "Paula O&#x27;Partner &amp; Co" in html


@pytest.mark.parametrize(
    "template", ["reports/emails/report_released", "reports/emails/report_ready"]
)
def test_report_mails_have_the_title_literally_in_the_text_and_escaped_in_the_html(template):
    report = {"number": "FB 02/0007/WP17", "title": COMPANY}
    rendered = mail_render(template=template, context={"report": report, "link": SITE_URL + "/"})
    assert f"„{COMPANY}“" in rendered.body
    assert "&amp;" not in rendered.body and "&quot;" not in rendered.body
    assert ESCAPED in rendered.html


def _mail_templates():
    """Every mail's template name (``…/emails/<name>``), found by its subject file."""
    names = {}
    for root in [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("dialog/*/templates")]:
        for path in root.glob("**/emails/*_subject.txt"):
            names[str(path.relative_to(root))[: -len("_subject.txt")]] = path.parent
    return names


MAIL_TEMPLATES = _mail_templates()
# Whatever would turn the text part (or subject) into HTML again.
ESCAPING = re.compile(r"autoescape\s+on|\|\s*(escape|force_escape|urlize|urlizetrunc|linebreaks)\b")


def test_no_text_part_or_subject_of_any_mail_escapes_again():
    assert {"measures/emails/idea_proposed", "reports/emails/report_released"} <= set(
        MAIL_TEMPLATES
    )
    for name, folder in MAIL_TEMPLATES.items():
        for path in folder.glob(f"{name.rsplit('/', 1)[1]}*.txt"):
            assert not ESCAPING.search(path.read_text()), path
        for include in folder.glob("_*.txt"):
            assert not ESCAPING.search(include.read_text()), include


def test_a_board_invitation_has_the_meeting_title_literally_and_in_one_subject_line(
    make_user, django_capture_on_commit_callbacks
):
    BoardMembershipFactory(user=make_user(Role.BEIRAT))
    meeting = BoardMeetingFactory(title=f"{COMPANY}\r\nBcc: alle@example.org", location=COMPANY)
    with django_capture_on_commit_callbacks(execute=True):
        board_meeting_send_invitations(meeting=meeting)
    [message] = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject.startswith(f"Einladung: {COMPANY} Bcc: alle@example.org am ")
    assert COMPANY in message.body and "&amp;" not in message.body
    assert ESCAPED in message.alternatives[0][0]
    assert message.message()["Bcc"] is None

"""The one way the portal sends e-mail: rendered from templates, HTML and text, after commit.

A mail is a template name such as ``events/emails/registration_registered`` with three files
beside it: ``…_subject.txt`` (one line), ``….txt`` (the text part) and, optionally,
``….html``. Without an HTML file of its own, the HTML part is the text part in the shared
layout ``emails/base.html``. Text parts and subjects are rendered without HTML escaping
(they are not HTML); the HTML part is escaped as every page is.

Every recipient gets a message of their own, so nobody sees the other addresses. Messages go
out through a Celery task queued when the current transaction commits: a rolled-back write
sends nothing, and a mail server that is down is tried again later.
"""

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, select_template
from django.utils import timezone, translation


@dataclass(frozen=True)
class Attachment:
    """A file attached to a mail, e.g. a calendar entry (``text/calendar``)."""

    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class RenderedMail:
    """The fields of a rendered mail, ready to be sent to each recipient."""

    subject: str
    body: str
    html: str


def absolute_url(path: str) -> str:
    """The link to a page of the portal as a mail shows it: ``SITE_URL`` + path."""
    return settings.SITE_URL.rstrip("/") + path


def _render_plain(name: str, context: dict) -> str:
    # Through the engine's template, so that the Context can switch escaping off for the
    # whole rendering, includes and {% blocktranslate %} variables too.
    rendered = get_template(name).template.render(Context(context, autoescape=False))
    # A plain str, not the SafeString the engine returns: this text is not HTML, and the HTML
    # part must escape it.
    return "".join(rendered)


def mail_render(*, template: str, context: dict) -> RenderedMail:
    """Render subject, text and HTML part in the portal's language and time zone."""
    context = {"site_url": absolute_url(""), **context}
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        # Text a user typed (a title) must never add a line, let alone a header, to a subject.
        subject = " ".join(_render_plain(f"{template}_subject.txt", context).split())
        body = _render_plain(f"{template}.txt", context)
        html = select_template([f"{template}.html", "emails/base.html"]).render(
            {**context, "subject": subject, "text": body.strip()}
        )
    return RenderedMail(subject=subject, body=body, html=html)


def mail_send(
    *,
    template: str,
    context: dict,
    to: Iterable[str],
    attachments: Sequence[Attachment] = (),
) -> int:
    """Render the mail now and send one message per recipient once the transaction commits.

    Empty addresses are skipped; returns the number of messages queued.
    """
    from .tasks import mail_deliver

    recipients = list(dict.fromkeys(address for address in to if address))
    if not recipients:
        return 0
    rendered = mail_render(template=template, context=context)
    fields = {
        "subject": rendered.subject,
        "body": rendered.body,
        "html": rendered.html,
        "attachments": [
            [a.filename, base64.b64encode(a.content).decode("ascii"), a.mimetype]
            for a in attachments
        ],
    }

    def queue():
        for address in recipients:
            mail_deliver.delay(to=address, **fields)

    transaction.on_commit(queue)
    return len(recipients)


def mail_message(
    *, to: str, subject: str, body: str, html: str, attachments=()
) -> EmailMultiAlternatives:
    """The message to one recipient; ``attachments`` as (filename, base64 content, mimetype)."""
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message

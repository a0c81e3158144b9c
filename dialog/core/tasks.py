"""Celery tasks every app shares."""

from celery import shared_task


@shared_task(name="dialog.ping")
def ping(value: str) -> str:
    """Answer with the value: proves that a worker takes tasks from the broker and replies."""
    return f"pong:{value}"


@shared_task(
    name="core.mail_deliver",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def mail_deliver(*, to: str, subject: str, body: str, html: str, attachments=()) -> None:
    """Send one rendered mail (see ``dialog.core.mail.mail_send``) to one recipient.

    A mail server that cannot be reached raises OSError: the task tries again later.
    """
    from .mail import mail_message

    mail_message(to=to, subject=subject, body=body, html=html, attachments=attachments).send()

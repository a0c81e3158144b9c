"""Celery tasks of the company register (thin wrappers around services)."""

from celery import shared_task

from . import services


@shared_task(
    name="companies.risk_digest_send", autoretry_for=(OSError,), retry_backoff=60, max_retries=3
)
def risk_digest_send() -> int:
    """Weekly: e-mail staff the companies whose risk score rose (once per day at most)."""
    return len(services.risk_digest_send())


@shared_task(
    name="companies.follow_up_reminders_send",
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=3,
)
def follow_up_reminders_send() -> int:
    """Weekly: e-mail each staff member their overdue follow-ups (once per day at most)."""
    return services.follow_up_reminders_send()

"""Celery tasks of the events app (thin wrappers around services)."""

from celery import shared_task

from . import services


@shared_task(name="events.expire_unconfirmed_registrations")
def expire_unconfirmed_registrations() -> int:
    """Delete registrations whose confirmation link has expired (runs periodically)."""
    return services.registrations_expire()

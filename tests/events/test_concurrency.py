"""Capacity holds when many people register at the same moment."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from events import services
from events.models import Registration

from .factories import EventFactory


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_registrations_for_five_places():
    event = EventFactory(capacity=5)
    start = threading.Barrier(20)
    errors = []

    def register(n):
        try:
            start.wait()
            services.registration_create(
                event=event, name=f"Person {n}", email=f"p{n}@example.org", confirmed=True
            )
        except (ValidationError, Exception) as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    statuses = list(event.registrations.values_list("status", flat=True))
    assert statuses.count(Registration.Status.REGISTERED) == 5
    assert statuses.count(Registration.Status.WAITLISTED) == 15

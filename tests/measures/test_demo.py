"""The measures' demo data: the Handlungskonzept, staggered, with work for the staggering."""

import pytest

from measures import services
from measures.models import Measure, Partner, Phase, StaffCapacity
from measures.selectors import overloaded_quarters

pytestmark = pytest.mark.django_db


def test_demo_has_the_handlungskonzept_and_work_for_the_staggering(demo):
    """(Loading it twice changes nothing: tests/core/test_pages.py.)"""
    assert StaffCapacity.objects.exists() and Phase.objects.exists()

    assert 25 <= Measure.objects.exclude(status=Measure.Status.IDEA).count() <= 30
    titles = " ".join(Measure.objects.values_list("title", flat=True))
    for topic in ["Unternehmerbeirat", "Woche der Mobilität", "Produktionstechnik", "Werkstatt"]:
        assert topic in titles
    statuses = set(Measure.objects.values_list("status", flat=True))
    assert {"completed", "active", "planned", "deferred", "dropped", "idea"} <= statuses
    ihk = Partner.objects.get(short_name="IHK Aachen")
    assert ihk.users.filter(email="partner@example.org").exists()
    assert overloaded_quarters()
    assert services.staggering_propose().moves

"""The measures' demo data: the Handlungskonzept, staggered, with work for the staggering."""

import io

import pytest
from django.core.management import call_command

from measures import services
from measures.models import Measure, Partner, Phase, StaffCapacity
from measures.selectors import overloaded_quarters

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_changes_and_has_work_for_the_staggering():
    call_command("load_demo", stdout=io.StringIO())
    counts = (Measure.objects.count(), Phase.objects.count(), StaffCapacity.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Measure.objects.count(), Phase.objects.count(), StaffCapacity.objects.count()) == counts

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

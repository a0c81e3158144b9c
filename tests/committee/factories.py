"""Factories of the committee and its meeting dates."""

import datetime

import factory
from django.utils import timezone

from dialog.committee.models import Committee, CommitteeMeeting


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["name"]

    name = "Ausschuss für Arbeit, Wirtschaft und Wissenschaft"
    short_name = "AAWW"


class CommitteeMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMeeting

    committee = factory.SubFactory(CommitteeFactory)
    starts_at = factory.Sequence(
        lambda n: timezone.now().replace(microsecond=0) + datetime.timedelta(days=30 + n)
    )
    location = "Rathaus Aachen, Ratssaal"

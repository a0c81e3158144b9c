"""Factories for the board and committee tests."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from dialog.accounts.roles import Role
from dialog.board.models import (
    AgendaItem,
    BoardDocument,
    BoardMeeting,
    BoardMembership,
    MeasureComment,
    PriorityRound,
    PriorityVote,
    Resolution,
)
from tests.committee.factories import CommitteeFactory, CommitteeMeetingFactory  # noqa: F401
from tests.factories import UserFactory
from tests.measures.factories import MeasureFactory

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class BoardMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMembership

    user = factory.SubFactory(UserFactory, role=Role.BEIRAT)
    role = BoardMembership.Role.MEMBER
    started_on = datetime.date(2014, 6, 1)


class BoardMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMeeting

    title = factory.Sequence(lambda n: f"{n}. Sitzung des Unternehmerbeirats")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    location = "Rathaus Aachen, Weißer Saal"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(BoardMeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")


class BoardDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardDocument

    meeting = factory.SubFactory(BoardMeetingFactory)
    original_name = "Vorlage Beirat.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="vorlage.pdf"))


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    # A resolution is taken at a meeting that has taken place.
    meeting = factory.SubFactory(
        BoardMeetingFactory,
        starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7)),
    )
    text = "Der Beirat empfiehlt die Maßnahme."
    votes_for = 7
    votes_against = 1
    votes_abstain = 1


class PriorityRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityRound

    title = factory.Sequence(lambda n: f"Priorisierung {2020 + n}")


class PriorityVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityVote

    round = factory.SubFactory(PriorityRoundFactory)
    measure = factory.SubFactory(MeasureFactory)
    voter = factory.SubFactory(UserFactory, role=Role.BEIRAT)
    score = 4


class MeasureCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureComment

    measure = factory.SubFactory(MeasureFactory)
    author = factory.SubFactory(UserFactory, role=Role.BEIRAT)
    text = "Aus Sicht unseres Betriebs sehr wichtig."

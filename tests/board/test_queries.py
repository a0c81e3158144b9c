"""Every page of the board area and the committee makes as many queries for 10×N objects as
for N: nothing is fetched per row."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dialog.accounts.roles import Role

from .factories import (
    AgendaItemFactory,
    BoardDocumentFactory,
    BoardMeetingFactory,
    BoardMembershipFactory,
    CommitteeFactory,
    CommitteeMeetingFactory,
    MeasureCommentFactory,
    MeasureFactory,
    PriorityRoundFactory,
    PriorityVoteFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db
N = 1


class Scene:
    """Objects shared by one page's two measurements; ``grow(n)`` adds n of each kind."""

    def __init__(self):
        self.meeting = BoardMeetingFactory()
        self.measure = MeasureFactory()
        self.round = PriorityRoundFactory()
        self.committee = CommitteeFactory()
        self.committee_meeting = CommitteeMeetingFactory(committee=self.committee)
        self.comment = MeasureCommentFactory(measure=self.measure)
        self.membership = BoardMembershipFactory()
        self.item = AgendaItemFactory(meeting=self.meeting, measure=self.measure)
        self.resolution = ResolutionFactory(meeting=self.meeting, agenda_item=self.item)

    def grow(self, n):
        past = timezone.now() - datetime.timedelta(days=30)
        for _ in range(n):
            meeting = BoardMeetingFactory()
            item = AgendaItemFactory(meeting=meeting, measure=MeasureFactory())
            BoardDocumentFactory(meeting=meeting, agenda_item=item)
            old = BoardMeetingFactory(starts_at=past, minutes="x", minutes_released_at=past)
            ResolutionFactory(meeting=old)
            item = AgendaItemFactory(meeting=self.meeting, measure=MeasureFactory())
            BoardDocumentFactory(meeting=self.meeting, agenda_item=item)
            BoardDocumentFactory(meeting=self.meeting)
            ResolutionFactory(
                meeting=self.meeting, agenda_item=item, measure=item.measure, effect="approve"
            )
            BoardMembershipFactory()
            measure = MeasureFactory()
            MeasureCommentFactory(measure=measure)
            MeasureCommentFactory(measure=self.measure)
            MeasureCommentFactory(measure=self.measure, hidden_reason="x", hidden_at=past)
            PriorityVoteFactory(round=self.round, measure=measure)
            PriorityVoteFactory(round=self.round, measure=self.measure)
            CommitteeMeetingFactory(committee=self.committee)
            CommitteeFactory(name=f"Ausschuss {MeasureFactory().code}")
        self.meeting.minutes = "Protokoll"
        self.meeting.minutes_released_at = past
        self.meeting.save()


PAGES = [
    ("board:index", {}),
    ("board:member-list", {}),
    ("board:member-create", {}),
    ("board:member-update", {"pk": "membership"}),
    ("board:meeting-list", {}),
    ("board:meeting-create", {}),
    ("board:meeting-detail", {"pk": "meeting"}),
    ("board:meeting-update", {"pk": "meeting"}),
    ("board:agenda-item-create", {"pk": "meeting"}),
    ("board:document-upload", {"pk": "meeting"}),
    ("board:minutes", {"pk": "meeting"}),
    ("board:resolution-create", {"pk": "meeting"}),
    ("board:resolution-update", {"pk": "resolution"}),
    ("board:agenda-item-update", {"pk": "item"}),
    ("board:calendar", {}),
    ("board:meeting-ics", {"pk": "meeting"}),
    ("board:measure-list", {}),
    ("board:measure-detail", {"pk": "measure"}),
    ("board:comment-hide", {"pk": "comment"}),
    ("board:priorities", {}),
    ("board:priority-round", {"pk": "round"}),
    ("committee:list", {}),
    ("committee:create", {}),
    ("committee:calendar", {}),
    ("committee:detail", {"pk": "committee"}),
    ("committee:update", {"pk": "committee"}),
    ("committee:meeting-create", {"pk": "committee"}),
    ("committee:meeting-update", {"meeting_pk": "committee_meeting"}),
    ("committee:meeting-delete", {"meeting_pk": "committee_meeting"}),
]
MEMBER_PAGES = [
    "board:index",
    "board:member-list",
    "board:meeting-list",
    "board:meeting-detail",
    "board:measure-list",
    "board:measure-detail",
    "board:priorities",
    "board:calendar",
    "board:meeting-ics",
]
CASES = [(name, kwargs, Role.VERWALTUNG) for name, kwargs in PAGES] + [
    (name, kwargs, Role.BEIRAT) for name, kwargs in PAGES if name in MEMBER_PAGES
]


@pytest.mark.parametrize(("name", "kwargs", "role"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_page_queries_do_not_grow_with_the_data(name, kwargs, role, client_for, count_queries):
    client = client_for(role)
    if role == Role.BEIRAT:
        BoardMembershipFactory(user=client.user)
    scene = Scene()
    url = reverse(name, kwargs={k: getattr(scene, v).pk for k, v in kwargs.items()})

    def fetch():
        response = client.get(url)
        assert response.status_code == 200, url
        if hasattr(response, "render"):
            response.render()

    scene.grow(N)
    fetch()  # warm up session and caches
    few = count_queries(fetch)
    scene.grow(9 * N)
    many = count_queries(fetch)
    assert few == many, f"{url}: {few} queries for {N}, {many} for {10 * N}"

"""The Django admin offers the board's and committee's records to staff, never the votes, and
never lets anyone write a member's comment."""

import pytest
from django.contrib.admin import site
from django.urls import reverse

from dialog.board.models import (
    BoardDocument,
    BoardMeeting,
    BoardMembership,
    MeasureComment,
    PriorityRound,
    PriorityVote,
    Resolution,
)
from dialog.committee.models import Committee

from .factories import (
    AgendaItemFactory,
    BoardDocumentFactory,
    CommitteeMeetingFactory,
    MeasureCommentFactory,
)

pytestmark = pytest.mark.django_db
MODELS = [
    BoardMembership,
    BoardMeeting,
    BoardDocument,
    Resolution,
    PriorityRound,
    Committee,
]


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_staff_open_the_add_page(staff_client, model):
    opts = model._meta
    response = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert response.status_code == 200


def test_staff_open_a_meeting_and_a_committee_with_their_inlines(staff_client):
    item = AgendaItemFactory()
    document = BoardDocumentFactory(meeting=item.meeting)
    committee = CommitteeMeetingFactory().committee
    for obj in (item.meeting, document, committee):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert staff_client.get(url).status_code == 200


def test_individual_votes_are_not_in_the_admin():
    assert PriorityVote not in site._registry


def test_nobody_writes_or_rewrites_a_members_comment_in_the_admin(staff_client, member):
    comment = MeasureCommentFactory(author=member, text="Wir unterstützen das.")
    add = reverse("admin:board_measurecomment_add")
    change = reverse("admin:board_measurecomment_change", args=[comment.pk])
    assert staff_client.get(add).status_code == 403
    response = staff_client.post(
        add, {"measure": comment.measure_id, "author": member.pk, "text": "Wir sind dagegen."}
    )
    assert response.status_code == 403
    page = staff_client.get(change)
    assert page.status_code == 200 and 'name="text"' not in page.content.decode()
    response = staff_client.post(
        change, {"measure": comment.measure_id, "author": member.pk, "text": "Wir sind dagegen."}
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert (comment.author, comment.text) == (member, "Wir unterstützen das.")
    assert MeasureComment.objects.count() == 1

"""The Django admin offers the board's and committee's records to staff, never the votes."""

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

from .factories import AgendaItemFactory, BoardDocumentFactory, CommitteeMeetingFactory

pytestmark = pytest.mark.django_db
MODELS = [
    BoardMembership,
    BoardMeeting,
    BoardDocument,
    Resolution,
    PriorityRound,
    MeasureComment,
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

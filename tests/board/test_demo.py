"""The demo of the board and the committee: complete, fictitious and idempotent."""

import pytest
from django.utils import timezone

from dialog.accounts.roles import Role
from dialog.board.models import (
    BoardDocument,
    BoardMeeting,
    BoardMembership,
    PriorityRound,
    Resolution,
)
from dialog.committee.models import CommitteeMeeting

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_board_meetings_rounds_and_the_committee(demo):
    current = BoardMembership.objects.current().select_related("user")
    assert 8 <= BoardMembership.objects.count() <= 10
    member = BoardMembership.objects.get(user__email="beirat@example.org")
    assert member.user.full_name == "Dr. Markus Offermann"
    assert member.company.name == "Offermann Präzisionsteile GmbH"
    assert all(m.user.role == Role.BEIRAT for m in current)
    assert all(m.user.email.endswith("example.org") for m in current)
    assert current.filter(role="chair").count() == 1

    now = timezone.now()
    meetings = BoardMeeting.objects.all()
    assert meetings.order_by("starts_at").first().starts_at.year == 2014
    assert meetings.filter(starts_at__gt=now).exists()
    assert meetings.filter(starts_at__lt=now, minutes_released_at__isnull=False).exists()
    assert Resolution.objects.exclude(effect="none").exists()
    assert BoardDocument.objects.exists()
    assert PriorityRound.objects.filter(is_open=True).count() == 1
    assert PriorityRound.objects.filter(is_open=False).exists()
    aaww = CommitteeMeeting.objects.filter(committee__short_name="AAWW")
    assert aaww.filter(starts_at__lt=now).exists() and aaww.filter(starts_at__gt=now).exists()

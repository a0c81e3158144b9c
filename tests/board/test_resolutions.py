"""Resolutions of the board change measures through the measures' services, with history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dialog.board import services as board_services
from dialog.board.models import Resolution
from dialog.board.selectors import meetings_in_period
from measures.models import Measure

from .factories import (
    BoardMeetingFactory,
    BoardMembershipFactory,
    MeasureFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db


def test_applying_a_deferral_defers_the_measure_and_records_it_in_its_history(staff_client):
    measure = MeasureFactory(status=Measure.Status.ACTIVE)
    resolution = ResolutionFactory(
        measure=measure, effect="defer", reason="Erst nach dem Umbau der Halle sinnvoll."
    )
    response = staff_client.post(reverse("board:resolution-apply", kwargs={"pk": resolution.pk}))
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == Measure.Status.DEFERRED
    assert measure.status_reason == "Erst nach dem Umbau der Halle sinnvoll."
    assert measure.deferred_on is not None
    latest = measure.history.first()
    assert latest.status == Measure.Status.DEFERRED
    assert latest.history_user == staff_client.user
    resolution.refresh_from_db()
    assert resolution.applied_at is not None and resolution.applied_by == staff_client.user


def test_applying_a_priority_changes_the_priority(staff_user):
    measure = MeasureFactory(priority=Measure.Priority.LOW)
    resolution = ResolutionFactory(measure=measure, effect="prioritise", priority=1)
    board_services.resolution_apply(resolution=resolution, applied_by=staff_user)
    measure.refresh_from_db()
    assert measure.priority == Measure.Priority.HIGH
    assert measure.history.first().history_user == staff_user


def test_approving_an_idea_plans_it(staff_user):
    measure = MeasureFactory(status=Measure.Status.IDEA)
    resolution = ResolutionFactory(measure=measure, effect="approve")
    board_services.resolution_apply(resolution=resolution, applied_by=staff_user)
    measure.refresh_from_db()
    assert measure.status == Measure.Status.PLANNED


def test_a_resolution_is_applied_only_once(staff_user):
    resolution = ResolutionFactory(measure=MeasureFactory(), effect="prioritise", priority=2)
    board_services.resolution_apply(resolution=resolution, applied_by=staff_user)
    with pytest.raises(ValidationError, match="bereits umgesetzt"):
        board_services.resolution_apply(resolution=resolution, applied_by=staff_user)


def test_a_rejected_resolution_cannot_be_applied(staff_client):
    measure = MeasureFactory(status=Measure.Status.ACTIVE)
    resolution = ResolutionFactory(
        measure=measure, effect="defer", reason="x", votes_for=2, votes_against=6
    )
    response = staff_client.post(
        reverse("board:resolution-apply", kwargs={"pk": resolution.pk}), follow=True
    )
    assert "keine Mehrheit" in response.content.decode()
    measure.refresh_from_db()
    assert measure.status == Measure.Status.ACTIVE


def test_an_impossible_transition_is_reported_not_crashed(staff_client):
    measure = MeasureFactory(status=Measure.Status.COMPLETED)
    resolution = ResolutionFactory(measure=measure, effect="defer", reason="zu spät")
    response = staff_client.post(
        reverse("board:resolution-apply", kwargs={"pk": resolution.pk}), follow=True
    )
    assert response.status_code == 200
    assert "kann nicht auf" in response.content.decode()
    resolution.refresh_from_db()
    assert resolution.applied_at is None


def test_the_database_requires_a_reason_for_a_deferral():
    with pytest.raises(IntegrityError), transaction.atomic():
        Resolution.objects.create(
            meeting=BoardMeetingFactory(), text="x", measure=MeasureFactory(), effect="defer"
        )


def test_the_form_asks_for_the_missing_pieces_in_german(staff_client):
    meeting = BoardMeetingFactory()
    response = staff_client.post(
        reverse("board:resolution-create", kwargs={"pk": meeting.pk}),
        {
            "text": "Zurückstellen",
            "votes_for": 5,
            "votes_against": 0,
            "votes_abstain": 0,
            "effect": "defer",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bitte wählen Sie die Maßnahme" in page
    assert "Bitte begründen Sie" in page
    assert not Resolution.objects.exists()


def test_members_see_resolutions_only_with_released_minutes(member_client):
    resolution = ResolutionFactory(text="Geheimer Entwurf eines Beschlusses")
    url = resolution.meeting.get_absolute_url()
    assert "Geheimer Entwurf" not in member_client.get(url).content.decode()
    board_services.board_minutes_save(meeting=resolution.meeting, minutes="Protokoll", release=True)
    assert "Geheimer Entwurf" in member_client.get(url).content.decode()


def test_reports_get_the_meetings_of_a_period_with_their_resolutions(django_assert_num_queries):
    inside = BoardMeetingFactory(starts_at="2025-03-12T17:30:00+01:00")
    BoardMeetingFactory(starts_at="2024-12-11T17:30:00+01:00")
    ResolutionFactory.create_batch(2, meeting=inside)
    with django_assert_num_queries(4):
        meetings = list(meetings_in_period(datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)))
        assert [len(m.resolutions.all()) for m in meetings] == [2]


def _resolution_data(**votes):
    return {"text": "Der Beirat nimmt den Bericht zur Kenntnis.", "effect": "none", **votes}


def test_a_resolution_for_a_meeting_yet_to_take_place_is_refused_in_german(staff_client):
    BoardMembershipFactory.create_batch(9)
    meeting = BoardMeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=3))
    url = reverse("board:resolution-create", kwargs={"pk": meeting.pk})
    assert "Diese Sitzung hat noch nicht stattgefunden." in staff_client.get(url).content.decode()
    response = staff_client.post(
        reverse("board:resolution-create", kwargs={"pk": meeting.pk}),
        _resolution_data(votes_for=5, votes_against=0, votes_abstain=0),
    )
    assert response.status_code == 200
    assert "Die Sitzung hat noch nicht stattgefunden." in response.content.decode()
    assert not Resolution.objects.exists()


def test_a_resolution_for_a_meeting_that_took_place_is_recorded(staff_client):
    BoardMembershipFactory.create_batch(9)
    meeting = BoardMeetingFactory(starts_at=timezone.now() - datetime.timedelta(hours=2))
    response = staff_client.post(
        reverse("board:resolution-create", kwargs={"pk": meeting.pk}),
        _resolution_data(votes_for=7, votes_against=1, votes_abstain=1),
    )
    assert response.status_code == 302
    assert meeting.resolutions.get().votes_for == 7


def test_500_yes_votes_on_a_board_of_nine_are_refused_in_german(staff_client):
    BoardMembershipFactory.create_batch(9)
    # Members who left before the meeting or joined after it are not entitled to vote.
    BoardMembershipFactory(ended_on=datetime.date(2015, 1, 1))
    BoardMembershipFactory(started_on=timezone.localdate() + datetime.timedelta(days=30))
    meeting = BoardMeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=1))
    url = reverse("board:resolution-create", kwargs={"pk": meeting.pk})
    page = staff_client.get(url).content.decode()
    assert "Am Sitzungstag sind 9 Mitglieder stimmberechtigt" in page
    assert "noch nicht stattgefunden" not in page
    response = staff_client.post(
        url, _resolution_data(votes_for=500, votes_against=0, votes_abstain=0)
    )
    assert response.status_code == 200
    assert (
        "Es sind 500 Stimmen eingetragen, am Sitzungstag waren aber nur 9 Mitglieder "
        "stimmberechtigt." in response.content.decode()
    )
    response = staff_client.post(
        url, _resolution_data(votes_for=6, votes_against=3, votes_abstain=1)
    )
    assert "Es sind 10 Stimmen eingetragen" in response.content.decode()
    assert not Resolution.objects.exists()


def test_the_service_refuses_too_many_votes_too():
    BoardMembershipFactory.create_batch(9)
    resolution = ResolutionFactory.build(
        meeting=BoardMeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=1)),
        votes_for=500,
    )
    with pytest.raises(ValidationError, match="stimmberechtigt"):
        board_services.resolution_save(resolution=resolution)

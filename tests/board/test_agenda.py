"""Staff keep a meeting's agenda in order: append, edit, move and remove items."""

from pathlib import Path

import pytest
from django.urls import reverse

from dialog.board import services as board_services
from dialog.board.models import AgendaItem, BoardDocument

from .factories import (
    AgendaItemFactory,
    BoardDocumentFactory,
    BoardMeetingFactory,
    BoardMembershipFactory,
    MeasureFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db


def _titles(meeting):
    return list(meeting.agenda_items.order_by("position").values_list("position", "title"))


@pytest.fixture
def meeting():
    meeting = BoardMeetingFactory()
    for position, title in enumerate(["Bericht", "Flächen", "Energie"], start=1):
        AgendaItemFactory(meeting=meeting, position=position, title=title)
    return meeting


def test_new_items_go_to_the_end(staff_client, meeting):
    staff_client.post(
        reverse("board:agenda-item-create", kwargs={"pk": meeting.pk}), {"title": "Verschiedenes"}
    )
    assert _titles(meeting)[-1] == (4, "Verschiedenes")


def test_moving_an_item_swaps_it_with_its_neighbour(staff_client, meeting):
    energy = meeting.agenda_items.get(title="Energie")
    url = reverse("board:agenda-item-move", kwargs={"pk": energy.pk})
    staff_client.post(url, {"direction": "up"})
    assert _titles(meeting) == [(1, "Bericht"), (2, "Energie"), (3, "Flächen")]
    staff_client.post(url, {"direction": "up"})
    staff_client.post(url, {"direction": "up"})  # already first: nothing happens
    assert _titles(meeting) == [(1, "Energie"), (2, "Bericht"), (3, "Flächen")]
    staff_client.post(url, {"direction": "down"})
    assert _titles(meeting) == [(1, "Bericht"), (2, "Energie"), (3, "Flächen")]


def test_removing_an_item_closes_the_gap_and_deletes_its_documents(
    staff_client, meeting, django_capture_on_commit_callbacks
):
    flaechen = meeting.agenda_items.get(title="Flächen")
    document = BoardDocumentFactory(meeting=meeting, agenda_item=flaechen)
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("board:agenda-item-remove", kwargs={"pk": flaechen.pk}))
    assert _titles(meeting) == [(1, "Bericht"), (2, "Energie")]
    assert not BoardDocument.objects.exists() and not path.exists()


def test_editing_an_item_keeps_its_place(staff_client, meeting):
    item = meeting.agenda_items.get(title="Flächen")
    response = staff_client.post(
        reverse("board:agenda-item-update", kwargs={"pk": item.pk}), {"title": ""}
    )
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich" in response.content.decode()
    staff_client.post(
        reverse("board:agenda-item-update", kwargs={"pk": item.pk}),
        {"title": "Gewerbeflächen"},
    )
    assert AgendaItem.objects.get(pk=item.pk).position == 2
    assert _titles(meeting)[1] == (2, "Gewerbeflächen")


def test_a_resolution_can_be_corrected_until_it_is_applied(staff_client, staff_user):
    BoardMembershipFactory.create_batch(9)
    resolution = ResolutionFactory(measure=MeasureFactory(), effect="prioritise", priority=2)
    url = reverse("board:resolution-update", kwargs={"pk": resolution.pk})
    data = {
        "text": "Korrigierter Text",
        "votes_for": 8,
        "votes_against": 0,
        "votes_abstain": 1,
        "measure": resolution.measure_id,
        "effect": "prioritise",
        "priority": 1,
    }
    assert staff_client.post(url, data).status_code == 302
    resolution.refresh_from_db()
    assert (resolution.text, resolution.priority) == ("Korrigierter Text", 1)
    board_services.resolution_apply(resolution=resolution, applied_by=staff_user)
    response = staff_client.post(url, {**data, "text": "Nachträglich"}, follow=True)
    assert "kann nicht mehr geändert werden" in response.content.decode()
    resolution.refresh_from_db()
    assert resolution.text == "Korrigierter Text"

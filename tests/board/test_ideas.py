"""An idea a partner or member proposed is staff's to triage first: in the board area, as
anywhere, nobody else sees it, comments on it or rates it (``Measure.objects.visible_to``)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dialog.accounts.roles import Role
from dialog.board import services as board_services
from dialog.board.models import MeasureComment, PriorityVote
from measures.models import Measure

from .factories import AgendaItemFactory, MeasureFactory, PriorityRoundFactory

pytestmark = pytest.mark.django_db
IDEA_TITLE = "Gemeinsamer Einkauf von Strom (Idee eines Partners)"


@pytest.fixture
def idea(make_user):
    partner = make_user(Role.PARTNER)
    return MeasureFactory(status=Measure.Status.IDEA, title=IDEA_TITLE, proposed_by=partner)


def _missing_pk():
    return (Measure.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


def test_a_member_gets_the_same_answer_for_an_idea_as_for_a_missing_measure(member_client, idea):
    hidden = member_client.get(reverse("board:measure-detail", args=[idea.pk]))
    missing = member_client.get(reverse("board:measure-detail", args=[_missing_pk()]))
    assert hidden.status_code == missing.status_code == 404
    assert [t.name for t in hidden.templates] == [t.name for t in missing.templates]
    assert IDEA_TITLE not in hidden.content.decode()


def test_an_anonymous_visitor_gets_the_login_page_for_an_idea_and_a_missing_measure(client, idea):
    for pk in (idea.pk, _missing_pk()):
        response = client.get(reverse("board:measure-detail", args=[pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_member_cannot_comment_on_an_idea(member_client, member, idea):
    response = member_client.post(
        reverse("board:measure-detail", args=[idea.pk]), {"text": "Gute Idee!"}
    )
    assert response.status_code == 404
    with pytest.raises(ValidationError) as refused:
        board_services.measure_comment_create(measure=idea, author=member, text="Gute Idee!")
    assert "keinen Kommentar" in " ".join(refused.value.messages)
    assert not MeasureComment.objects.exists()


def test_staff_see_and_comment_on_an_idea_in_the_board_area(staff_client, idea):
    url = reverse("board:measure-detail", args=[idea.pk])
    assert IDEA_TITLE in staff_client.get(url).content.decode()
    staff_client.post(url, {"text": "Bitte im Beirat besprechen."})
    assert MeasureComment.objects.get().measure == idea
    assert IDEA_TITLE in staff_client.get(reverse("board:measure-list")).content.decode()


def test_the_board_measure_list_shows_members_no_idea(member_client, idea):
    MeasureFactory(title="Flächenbörse")
    page = member_client.get(reverse("board:measure-list")).content.decode()
    assert "Flächenbörse" in page
    assert IDEA_TITLE not in page
    filtered = member_client.get(reverse("board:measure-list"), {"status": "idea"})
    assert IDEA_TITLE not in filtered.content.decode()


def test_members_neither_see_nor_rate_an_idea_in_the_priority_round(member_client, idea):
    planned = MeasureFactory(title="Flächenbörse")
    PriorityRoundFactory()
    url = reverse("board:priorities")
    page = member_client.get(url).content.decode()
    assert "Flächenbörse" in page and IDEA_TITLE not in page
    # A crafted rating of the idea is not recorded; the planned measure's is.
    member_client.post(url, {f"measure_{planned.pk}": "4", f"measure_{idea.pk}": "5"})
    assert list(PriorityVote.objects.values_list("measure__title", "score")) == [
        ("Flächenbörse", 4)
    ]
    assert not PriorityVote.objects.filter(measure=idea).exists()


def test_an_idea_on_the_agenda_is_named_but_not_linked_for_members(
    client, member, staff_user, idea
):
    item = AgendaItemFactory(measure=idea, title="Neue Ideen")
    url = reverse("board:meeting-detail", args=[item.meeting.pk])
    link = f'href="{reverse("board:measure-detail", args=[idea.pk])}"'
    client.force_login(member)
    page = client.get(url).content.decode()
    assert idea.code in page and link not in page
    client.force_login(staff_user)
    assert link in client.get(url).content.decode()

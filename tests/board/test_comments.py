"""Comments on measures by board members and staff, with moderation by staff."""

import pytest
from django.urls import reverse

from dialog.board.models import MeasureComment

from .factories import MeasureCommentFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def test_a_member_comments_on_a_measure(member_client):
    measure = MeasureFactory()
    url = reverse("board:measure-detail", kwargs={"pk": measure.pk})
    response = member_client.post(url, {"text": "Wir machen gern mit."}, follow=True)
    assert "Wir machen gern mit." in response.content.decode()
    assert MeasureComment.objects.get().author == member_client.user


def test_an_empty_comment_is_refused_in_german(member_client):
    measure = MeasureFactory()
    response = member_client.post(
        reverse("board:measure-detail", kwargs={"pk": measure.pk}), {"text": "  "}
    )
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich" in response.content.decode()
    assert not MeasureComment.objects.exists()


def test_staff_hide_a_comment_with_a_reason_and_members_no_longer_see_it(
    staff_client, member, client
):
    comment = MeasureCommentFactory(text="Unsachlicher Beitrag über einen Wettbewerber")
    url = reverse("board:comment-hide", kwargs={"pk": comment.pk})
    response = staff_client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich" in response.content.decode()
    staff_client.post(url, {"reason": "Nennt vertrauliche Angaben eines Unternehmens."})
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == staff_client.user
    detail = reverse("board:measure-detail", kwargs={"pk": comment.measure_id})
    assert "Nennt vertrauliche Angaben" in staff_client.get(detail).content.decode()
    client.force_login(member)
    page = client.get(detail).content.decode()
    assert "Unsachlicher Beitrag" not in page
    listing = client.get(reverse("board:measure-list")).content.decode()
    assert "<td>0</td>" in listing

"""Comments on measures by board members and staff, with moderation by staff."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dialog.board import services as board_services
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


def test_the_author_is_told_by_mail_when_a_comment_is_hidden(
    staff_client, django_capture_on_commit_callbacks
):
    comment = MeasureCommentFactory(measure=MeasureFactory(code="M-7"))
    url = reverse("board:comment-hide", kwargs={"pk": comment.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"reason": "Nennt Namen von Beschäftigten."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [comment.author.email]
    assert message.subject == "Ihr Kommentar zur Maßnahme M-7 wurde ausgeblendet"
    assert "Grund: Nennt Namen von Beschäftigten." in message.body
    assert comment.text in message.body
    assert reverse("board:measure-detail", kwargs={"pk": comment.measure_id}) in message.body
    # Hiding it again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"reason": "Noch einmal"})
    assert len(mail.outbox) == 1


def test_staff_show_a_hidden_comment_again_and_members_see_it(
    staff_client, member, client, django_capture_on_commit_callbacks
):
    comment = MeasureCommentFactory(text="Doch sachlich gemeint")
    board_services.measure_comment_hide(
        comment=comment, hidden_by=staff_client.user, reason="Missverständnis"
    )
    detail = reverse("board:measure-detail", kwargs={"pk": comment.measure_id})
    assert "Wieder einblenden" in staff_client.get(detail).content.decode()

    response = staff_client.post(
        reverse("board:comment-show", kwargs={"pk": comment.pk}), follow=True
    )

    assert "Der Kommentar ist wieder für alle sichtbar." in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert (comment.hidden_by, comment.hidden_reason) == (None, "")
    client.force_login(member)
    assert "Doch sachlich gemeint" in client.get(detail).content.decode()


def test_showing_a_comment_again_is_a_post_for_staff_only(member_client):
    comment = MeasureCommentFactory(text="Bleibt verborgen")
    comment.hidden_at = timezone.now()
    comment.hidden_reason = "Vertraulich"
    comment.save()
    url = reverse("board:comment-show", kwargs={"pk": comment.pk})
    assert member_client.post(url).status_code == 403
    comment.refresh_from_db()
    assert comment.is_hidden

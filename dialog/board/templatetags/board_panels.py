"""Data for the board's dashboard panels (board/_dashboard_<role>.html)."""

from django import template
from django.db.models import Func, IntegerField, Subquery

from .. import selectors
from ..models import BoardMeeting, Resolution

register = template.Library()


@register.simple_tag(takes_context=True)
def board_panel(context, my_votes=False, pending_resolutions=False):
    """The next meetings and the open voting round; on request the user's number of ratings in
    the round (``my_votes``, one query with the round) and, for staff, the number of resolutions
    not yet applied (``pending_resolutions``). Each role's panel asks only for what it shows."""
    user = context["request"].user
    priority_round = selectors.open_round(votes_of=user if my_votes else None)
    with_pending = pending_resolutions and user.has_perm("board.manage")
    pending = (
        Resolution.objects.exclude(effect=Resolution.Effect.NONE)
        .filter(applied_at__isnull=True)
        .order_by()
    )
    upcoming = BoardMeeting.objects.upcoming()
    if with_pending:
        # The count rides along with the meetings (one query instead of two).
        upcoming = upcoming.annotate(
            pending_resolutions=Subquery(
                pending.values(n=Func("pk", function="COUNT")), output_field=IntegerField()
            )
        )
    panel = {"upcoming": list(upcoming[:3]), "priority_round": priority_round}
    if priority_round is not None and my_votes:
        panel["my_vote_count"] = priority_round.my_vote_count
    if with_pending:
        panel["pending_resolutions"] = (
            panel["upcoming"][0].pending_resolutions if panel["upcoming"] else pending.count()
        )
    return panel

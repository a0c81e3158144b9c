"""Data for the board's dashboard panels (dialog/board_dashboard_<role>.html)."""

from django import template

from .. import board_selectors as selectors
from ..models import BoardMeeting, Resolution

register = template.Library()


@register.simple_tag(takes_context=True)
def board_panel(context, my_votes=False, pending_resolutions=False):
    """The next meetings and the open voting round; on request the user's number of ratings in
    the round (``my_votes``, one query with the round) and, for staff, the number of resolutions
    not yet applied (``pending_resolutions``). Each role's panel asks only for what it shows."""
    user = context["request"].user
    priority_round = selectors.open_round(votes_of=user if my_votes else None)
    panel = {
        "upcoming": list(BoardMeeting.objects.upcoming()[:3]),
        "priority_round": priority_round,
    }
    if priority_round is not None and my_votes:
        panel["my_vote_count"] = priority_round.my_vote_count
    if pending_resolutions and user.has_perm("dialog.manage_board"):
        panel["pending_resolutions"] = (
            Resolution.objects.exclude(effect=Resolution.Effect.NONE)
            .filter(applied_at__isnull=True)
            .count()
        )
    return panel

"""Data for the board's dashboard panels (dialog/board_dashboard_<role>.html)."""

from django import template

from .. import board_selectors as selectors
from ..models import BoardMeeting, Resolution

register = template.Library()


@register.simple_tag(takes_context=True)
def board_panel(context):
    """The next meetings, the open voting round and, for staff, resolutions not yet applied."""
    user = context["request"].user
    priority_round = selectors.open_round()
    panel = {
        "upcoming": list(BoardMeeting.objects.upcoming()[:3]),
        "priority_round": priority_round,
    }
    if priority_round is not None:
        panel["my_vote_count"] = priority_round.votes.filter(voter=user).count()
    if user.has_perm("dialog.manage_board"):
        panel["pending_resolutions"] = (
            Resolution.objects.exclude(effect=Resolution.Effect.NONE)
            .filter(applied_at__isnull=True)
            .count()
        )
    return panel

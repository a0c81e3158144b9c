"""Template tags of the company register: the staff dashboard panel."""

from django import template

from companies import selectors

register = template.Library()


@register.simple_tag
def companies_dashboard(limit=5):
    """The top of the watchlist and the open follow-ups for the staff dashboard."""
    return {
        "watchlist": selectors.watchlist()[:limit],
        "follow_ups": list(selectors.open_follow_ups(limit=8)),
    }

"""Template tags of the company register: the staff dashboard panel."""

from django import template

from companies import selectors
from companies.models import Need

register = template.Library()


@register.simple_tag
def companies_dashboard(limit=5):
    """The top of the watchlist and the open follow-ups for the staff dashboard."""
    return {
        "watchlist": selectors.watchlist().top(limit),
        "follow_ups": list(selectors.open_follow_ups(limit=8)),
    }


@register.simple_tag
def companies_need_topics(limit=3):
    """The topics with the most needs, as anonymous counts (for the board's dashboard)."""
    table = selectors.need_counts_by_topic()
    rows = [
        {"label": label, "total": table[topic]["total"]}
        for topic, label in Need.Topic.choices
        if table.get(topic, {}).get("total")
    ]
    return sorted(rows, key=lambda row: -row["total"])[:limit]

"""Template tags for the panels the events app adds to other pages (dashboards, company page)."""

from django import template

from ..models import Event, Registration
from ..selectors import company_event_participation

register = template.Library()


@register.simple_tag
def upcoming_events_for(user, limit=5):
    """The next events this user may see, with their figures."""
    return list(
        Event.objects.visible_to(user)
        .upcoming()
        .exclude(status=Event.Status.CANCELLED)
        .with_counts(attendance=False)[:limit]
    )


@register.simple_tag
def own_registrations(user, limit=5):
    """The user's own upcoming registrations."""
    if not user.is_authenticated:
        return []
    return list(
        Registration.objects.active()
        .filter(user=user, event__in=Event.objects.upcoming())
        .select_related("event")
        .order_by("event__starts_at")[:limit]
    )


@register.simple_tag
def co_organised_events(user, limit=5):
    """Upcoming events the user's partner organisation co-organises."""
    return list(
        Event.objects.co_organised_by(user).upcoming().with_counts(attendance=False)[:limit]
    )


@register.simple_tag
def company_participation(company):
    """The company's part in the dialog's events, for its page (one query)."""
    return company_event_participation(company=company)

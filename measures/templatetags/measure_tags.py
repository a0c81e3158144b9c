"""Template filters of the measures."""

from django import template

from ..quarters import quarter_label

register = template.Library()


@register.filter
def quarter(value):
    """``Q2 2025`` for a date or a quarter index."""
    if value is None or value == "":
        return ""
    return quarter_label(value)


@register.simple_tag
def overloaded_quarters():
    """Overloaded quarters from now on (staff dashboard)."""
    from ..selectors import overloaded_quarters as select

    return select()


@register.simple_tag
def ideas_to_triage():
    from ..selectors import ideas_to_triage as select

    return list(select()[:5])


@register.simple_tag
def measures_of_partner_user(user):
    from ..selectors import measures_of_partner_user as select

    return list(select(user))


@register.simple_tag
def measure_status_counts():
    """How many measures are in each public status (committee dashboard)."""
    from django.db.models import Count

    from ..models import Measure

    counts = dict(
        Measure.objects.exclude(status=Measure.Status.IDEA)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return [
        (status.label, counts.get(status.value, 0))
        for status in Measure.Status
        if status != Measure.Status.IDEA
    ]

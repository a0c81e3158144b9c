"""Template filters of the measures."""

import html

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..quarters import QuarterLabels, quarter_label

register = template.Library()


@register.filter
def quarter(value):
    """``Q2 2025`` for a date or a quarter index."""
    if value is None or value == "":
        return ""
    return quarter_label(value)


@register.simple_tag
def timeline_table_rows(rows):
    """The table rows under the timeline chart: one per phase (a measure without phases gets
    one saying so), the same data as the chart.

    Built here rather than in a template loop: the full roadmap has thousands of phases, and
    six template variables per phase cost more than the rest of the page together.
    """
    labels = QuarterLabels()
    no_phases = html.escape(_("keine Phasen geplant"))
    out = []
    for row in rows:
        head = (
            f"<tr><td>{html.escape(row.field_of_action)}</td>"
            f'<td><a href="{html.escape(row.url)}">{html.escape(row.code)} '
            f"{html.escape(row.title)}</a></td><td>{html.escape(str(row.status_label))}</td>"
        )
        for phase in row.phases:
            out.append(
                f"{head}<td>{html.escape(phase.title)}</td>"
                f"<td>{html.escape(labels[phase.start])}</td>"
                f"<td>{html.escape(labels[phase.end])}</td></tr>"
            )
        if not row.phases:
            out.append(f'{head}<td colspan="3">{no_phases}</td></tr>')
    return mark_safe("\n".join(out))


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

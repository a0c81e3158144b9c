"""Template filters for the report PDF and pages: snapshot values are ISO strings."""

import datetime
from decimal import Decimal

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def isodate(value):
    """``2026-03-31`` → ``31.03.2026`` (the German short date); empty stays empty."""
    if not value:
        return ""
    try:
        parsed = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return value
    return date_format(parsed, "d.m.Y")


@register.filter
def quarter(value):
    """``2026-04-01`` (or a quarter index) → ``Q2 2026``; empty stays empty."""
    from measures.quarters import quarter_label

    if value in (None, ""):
        return ""
    if isinstance(value, int):
        return quarter_label(value)
    return quarter_label(datetime.date.fromisoformat(str(value)[:10]))


@register.simple_tag
def timeline_chart(data):
    """The timeline chart of the web page, drawn from the snapshot's ``timeline`` section."""
    from measures.charts import timeline_svg
    from measures.selectors import TimelinePhase, TimelineRow

    rows = [
        TimelineRow(
            code=row["code"],
            title=row["title"],
            status=row["status"],
            status_label=row["status_label"],
            field_of_action=row["field_of_action"],
            phases=tuple(TimelinePhase(**phase) for phase in row["phases"]),
        )
        for row in data["rows"]
    ]
    return timeline_svg(rows, today=datetime.date.fromisoformat(data["today"]))


@register.simple_tag
def capacity_chart(data):
    """The capacity chart of the web page, drawn from the snapshot's ``capacity`` section."""
    from measures.charts import capacity_svg
    from measures.selectors import QuarterLoad

    quarters = [
        QuarterLoad(
            index=q["index"],
            planned=Decimal(q["planned"]),
            capacity=q["capacity"],
            has_capacity=q["has_capacity"],
        )
        for q in data["quarters"]
    ]
    return capacity_svg(quarters)

"""Template filters for the report PDF and pages: snapshot values are ISO strings."""

import datetime

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


# Rows (measures and field-of-action headings) in one chart: a chart taller than this would not
# fit on an A4 page, and a figure is never split across pages.
TIMELINE_ROWS_PER_CHART = 36


@register.simple_tag
def timeline_charts(data):
    """The timeline chart of the web page, drawn from the snapshot's ``timeline`` section; a
    long timeline as several charts of at most ``TIMELINE_ROWS_PER_CHART`` rows that share
    one time axis (each fits on a page)."""
    from measures.charts import timeline_svg, timeline_years
    from measures.selectors import TimelineRow

    rows = [TimelineRow.from_snapshot(row) for row in data["rows"]]
    today = datetime.date.fromisoformat(data["today"])
    years = timeline_years(rows, today)
    parts, part, used, group = [], [], 0, None
    for row in rows:
        height = 1 + (row.field_of_action != group)  # a new group adds its heading
        if part and used + height > TIMELINE_ROWS_PER_CHART:
            parts.append(part)
            part, used, group = [], 0, None
            height = 2  # the next chart repeats the heading of its first group
        part.append(row)
        used += height
        group = row.field_of_action
    if part or not parts:
        parts.append(part)
    return [timeline_svg(part, today=today, years=years) for part in parts]


@register.simple_tag
def capacity_chart(data):
    """The capacity chart of the web page, drawn from the snapshot's ``capacity`` section."""
    from measures.charts import capacity_svg
    from measures.selectors import QuarterLoad

    return capacity_svg([QuarterLoad.from_snapshot(q) for q in data["quarters"]])

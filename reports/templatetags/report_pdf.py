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

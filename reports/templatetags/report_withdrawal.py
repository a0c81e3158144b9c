"""The corrections of a report that the visitor may see (its withdrawal notice links them)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def visible_corrections(context, report):
    request = context.get("request")
    if request is None:
        return []
    return list(report.corrections.visible_to(request.user).order_by("serial"))

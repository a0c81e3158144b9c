"""Template helpers shared by all pages."""

from django import template
from django.template import loader  # noqa: F401  (template.loader below)

from dialog.core.form_rendering import error_summary_items

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for pagination and sorting)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def optional_include(context, template_name):
    """Render a template if it exists: apps add panels to the dashboards this way."""
    try:
        tmpl = template.loader.get_template(template_name)
    except template.TemplateDoesNotExist:
        return ""
    return tmpl.render(context.flatten(), context.get("request"))


@register.filter
def active_filter_count(filterset):
    """How many fields of a list's filter form the visitor has filled in ("Filter (2 aktiv)")."""
    form = filterset.form
    if not form.is_bound:
        return 0
    count = 0
    for field in form:
        value = field.value()
        values = value if isinstance(value, list | tuple) else [value]
        if any(item not in (None, "", False) for item in values):
            count += 1
    return count


@register.inclusion_tag("partials/error_summary.html", takes_context=True)
def error_summary(context):
    """The summary of every error of the page's forms, at the top of the page."""
    return {"errors": error_summary_items(context)}

"""How forms are drawn: ``<select>`` widgets in Python, and the error summary of a failed form.

A form renderer that renders ``<select>`` widgets in Python.

Django renders every ``<option>`` through a template include; a filter with a few hundred
choices (measures, partners, sectors) then costs more than the rest of the page. The output is
the same markup as Django's ``select.html``/``select_option.html``.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import BaseForm, BaseFormSet
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

SELECT_TEMPLATES = {"django/forms/widgets/select.html"}


def _attrs(attrs):
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(format_html(' {}="{}"', name, str(value)))
    return "".join(parts)


def _option(option):
    return format_html(
        '<option value="{}"{}>{}</option>',
        str(option["value"]),
        mark_safe(_attrs(option["attrs"])),  # noqa: S308 - escaped in _attrs
        option["label"],
    )


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name not in SELECT_TEMPLATES:
            return super().render(template_name, context, request)
        widget = context["widget"]
        html = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(format_html('<optgroup label="{}">', group_name))
            html.extend(_option(option) for option in options)
            if group_name:
                html.append("</optgroup>")
        html.append("</select>")
        return mark_safe("".join(html))  # noqa: S308 - every part is escaped above


# --- The error summary ------------------------------------------------------------------------
# A form that comes back with errors starts with a summary of them: every message, each linked
# to its field (templates/partials/error_summary.html, focused by static/js/error-summary.js).
# It is collected from the page's context, so every form page has it without asking for it.


def _forms_in(value, depth=0):
    # type(), not isinstance(): that would load lazy context values such as ``user``.
    kind = type(value)
    if issubclass(kind, (BaseForm, BaseFormSet)):
        yield value
    elif issubclass(kind, (list, tuple)) and depth < 2:
        for item in value:
            yield from _forms_in(item, depth + 1)


def _form_errors(form):
    for message in form.non_field_errors():
        yield {"message": message, "anchor": ""}
    for name, messages in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            continue
        field = form[name]
        anchor = ""
        if not field.is_hidden and field.auto_id:
            # Radio buttons and check boxes have no label of their own: the first one.
            anchor = field.id_for_label or f"{field.auto_id}_0"
        label = field.label or name
        for message in messages:
            yield {"message": f"{label}: {message}", "anchor": anchor}


def error_summary_items(context):
    """Every error of the bound forms and formsets in ``context``, in page order."""
    items, seen = [], set()
    for value in context.flatten().values():
        for form in _forms_in(value):
            if id(form) in seen or not form.is_bound:
                continue
            seen.add(id(form))
            if isinstance(form, BaseFormSet):
                items.extend({"message": m, "anchor": ""} for m in form.non_form_errors())
                for subform in form.forms:
                    items.extend(_form_errors(subform))
            else:
                items.extend(_form_errors(form))
    return items

"""Form parts every app shares.

Numbers are read and shown in the page's language: in German "12.500,50" (and "12500,50",
and the "12500.50" that worked before) mean 12500.50, and a form shows a stored 12500.50 as
"12.500,50". Model forms get these fields through ``localized_formfield`` (their
``formfield_callback``), plain forms use ``LocalizedDecimalField`` directly.
"""

from decimal import Decimal

from django import forms
from django.db import models

from .numbers import format_number, parse_localized_number

# The browser's own date and time pickers; their values are ISO, whatever the page's language.
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LocalizedNumberInput(forms.TextInput):
    """A text box (a number box would refuse "12.500,50") showing the number grouped."""

    def __init__(self, attrs=None, decimal_places=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})
        self.decimal_places = decimal_places

    def format_value(self, value):
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return format_number(value, self.decimal_places)
        return super().format_value(value)


class LocalizedDecimalField(forms.DecimalField):
    widget = LocalizedNumberInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.decimal_places = self.decimal_places

    def widget_attrs(self, widget):
        # No "step"/"min"/"max" on a text box; the field checks them itself.
        return {}

    def to_python(self, value):
        return super().to_python(parse_localized_number(value))


class LocalizedFloatField(forms.FloatField):
    widget = LocalizedNumberInput

    def widget_attrs(self, widget):
        return {}

    def to_python(self, value):
        return super().to_python(parse_localized_number(value))


def localized_formfield(db_field, **kwargs):
    """``formfield_callback`` of the model forms: decimals and floats in the page's format."""
    if isinstance(db_field, models.DecimalField):
        kwargs.setdefault("form_class", LocalizedDecimalField)
    elif isinstance(db_field, models.FloatField):
        kwargs.setdefault("form_class", LocalizedFloatField)
    return db_field.formfield(**kwargs)


class PortalModelForm(forms.ModelForm):
    """The base of the portal's model forms (numbers in the page's language)."""

    class Meta:
        formfield_callback = localized_formfield

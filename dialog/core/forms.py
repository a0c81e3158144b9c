"""Form parts every app shares."""

from django import forms

# The browser's own date and time pickers; their values are ISO, whatever the page's language.
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

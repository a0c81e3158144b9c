"""The Python rendering of <select> gives the same markup as Django's templates."""

from django import forms
from django.forms.renderers import DjangoTemplates

from dialog.core.form_rendering import PortalFormRenderer


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("a", "Ä & <b>"), ("b", "Bee")], initial="b")
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("Gruppe <1>", [("x", "X"), ("y", "Y")])], required=False
    )
    many = forms.MultipleChoiceField(choices=[("1", "Eins"), ("2", "Zwei")], initial=["1", "2"])


def _normalise(html):
    return "".join(str(html).split())


def test_select_markup_equals_djangos():
    for name in ("plain", "grouped", "many"):
        ours = _Form(renderer=PortalFormRenderer())[name].as_widget(attrs={"class": "form-select"})
        django = _Form(renderer=DjangoTemplates())[name].as_widget(attrs={"class": "form-select"})
        assert _normalise(ours) == _normalise(django), name

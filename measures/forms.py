"""Forms of the measures: the measure with its inline phases, partners, costs and indicators;
status changes, ideas, triage, progress updates, indicator values and capacity."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialog.accounts.roles import Role
from dialog.core.forms import LocalizedDecimalField, PortalModelForm

from .models import (
    Indicator,
    Measure,
    MeasureCost,
    MeasurePartner,
    Phase,
    StaffCapacity,
)
from .quarters import quarter_choices
from .services import REASON_REQUIRED, TRIAGE_DECISIONS

FIRST_YEAR = 2014


def _quarter_field(label, help_text=""):
    last_year = timezone.localdate().year + 12
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=[("", "---------"), *quarter_choices(FIRST_YEAR, last_year)],
        coerce=datetime.date.fromisoformat,
    )


class MeasureForm(forms.ModelForm):
    code = forms.CharField(
        label=_("Kennung"),
        max_length=12,
        required=False,
        help_text=_("z. B. M-07; leer lassen für die nächste freie Kennung."),
    )

    class Meta:
        model = Measure
        fields = [
            "code",
            "title",
            "summary",
            "description",
            "field_of_action",
            "priority",
            "responsible",
            "needs",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = (
            get_user_model().objects.with_role(Role.VERWALTUNG).order_by("full_name")
        )
        self.fields["needs"].queryset = self.fields["needs"].queryset.select_related("company")
        self.fields["needs"].required = False
        self.fields["needs"].help_text = _(
            "Die Bedarfe von Unternehmen, die die Maßnahme aufgreift."
        )
        if self.instance.pk is None:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"),
                choices=[
                    (s.value, s.label)
                    for s in (Measure.Status.PLANNED, Measure.Status.ACTIVE, Measure.Status.IDEA)
                ],
                initial=Measure.Status.PLANNED,
            )

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def save(self, commit=True):
        if "status" in self.cleaned_data:
            self.instance.status = self.cleaned_data["status"]
        return super().save(commit=commit)


class PhaseForm(forms.ModelForm):
    start = _quarter_field(_("Beginn (Quartal)"))
    end = _quarter_field(_("Ende (Quartal)"), _("Das letzte Quartal der Phase."))

    class Meta:
        model = Phase
        fields = ["title", "order", "start", "end", "person_days", "fixed"]


# A posted form count above this is refused ("at most … forms") instead of being built and
# shown again: Django's own limit is 2000 forms per formset, and a crafted TOTAL_FORMS made a
# single request render eight thousand forms (twenty seconds of CPU).
FORMSET_MAX = 50
_limits = {"max_num": FORMSET_MAX, "absolute_max": FORMSET_MAX}

PhaseFormSet = inlineformset_factory(
    Measure, Phase, form=PhaseForm, extra=2, can_delete=True, min_num=0, **_limits
)
PartnerRoleFormSet = inlineformset_factory(
    Measure, MeasurePartner, fields=["partner", "role"], extra=2, can_delete=True, **_limits
)
CostFormSet = inlineformset_factory(
    Measure,
    MeasureCost,
    form=PortalModelForm,
    fields=["year", "estimate", "actual", "funding_source"],
    extra=1,
    can_delete=True,
    **_limits,
)
IndicatorFormSet = inlineformset_factory(
    Measure,
    Indicator,
    form=PortalModelForm,
    fields=["name", "unit", "target"],
    extra=1,
    can_delete=True,
    **_limits,
)


def transition_refused_message(current, allowed):
    """The German sentence for a status the measure cannot move to from ``current``."""
    if not allowed:
        return _("Von „%(current)s“ aus kann der Status nicht mehr gewechselt werden.") % {
            "current": current.label
        }
    labels = [f"„{status.label}“" for status in allowed]
    targets = (
        labels[0]
        if len(labels) == 1
        else _("%(list)s oder %(last)s")
        % {
            "list": ", ".join(labels[:-1]),
            "last": labels[-1],
        }
    )
    return _("Von „%(current)s“ kann nur nach %(targets)s gewechselt werden.") % {
        "current": current.label,
        "targets": targets,
    }


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("Neuer Status"))
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Pflicht beim Zurückstellen und Verwerfen."),
    )

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        current = Measure.Status(measure.status)
        allowed = [s for s in Measure.Status if s in Measure.TRANSITIONS[current]]
        field = self.fields["status"]
        field.choices = [(s.value, s.label) for s in allowed]
        field.error_messages["invalid_choice"] = transition_refused_message(current, allowed)

    def clean(self):
        data = super().clean()
        if data.get("status") in REASON_REQUIRED and not data.get("reason", "").strip():
            self.add_error("reason", _("Bitte geben Sie eine Begründung an."))
        return data


class IdeaForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["title", "summary", "description", "field_of_action"]
        labels = {"title": _("Titel der Idee"), "description": _("Beschreibung (optional)")}
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[
            ("accept", _("als geplante Maßnahme aufnehmen")),
            ("defer", _("zurückstellen")),
            ("drop", _("verwerfen")),
        ],
    )
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_(
            "Pflicht beim Zurückstellen und Verwerfen; die vorschlagende Person erhält sie."
        ),
    )

    def clean(self):
        data = super().clean()
        status = TRIAGE_DECISIONS.get(data.get("decision"))
        if status in REASON_REQUIRED and not data.get("reason", "").strip():
            self.add_error("reason", _("Bitte geben Sie eine Begründung an."))
        return data


class ProgressUpdateForm(forms.Form):
    date = forms.DateField(
        label=_("Datum"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    text = forms.CharField(
        label=_("Fortschritt"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Was ist seit dem letzten Bericht geschehen?"),
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Das Datum darf nicht in der Zukunft liegen."))
        return date


class IndicatorValueForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Kennzahl"), queryset=Indicator.objects.none())
    date = forms.DateField(
        label=_("Stichtag"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    value = LocalizedDecimalField(label=_("Wert"), max_digits=12, decimal_places=2)

    def __init__(self, *args, measure, indicators=None, **kwargs):
        """``indicators``: the measure's indicators if already loaded (saves the choices'
        query when the form is only shown)."""
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        field.queryset = measure.indicators.all()
        if indicators is not None:
            field.choices = [("", field.empty_label)] + [
                (field.prepare_value(i), field.label_from_instance(i)) for i in indicators
            ]


class StaffCapacityForm(forms.ModelForm):
    quarter = _quarter_field(_("Quartal"))

    class Meta:
        model = StaffCapacity
        fields = ["quarter", "person_days", "note"]

    def validate_unique(self):
        # Setting a quarter again replaces its value (see ``staff_capacity_set``).
        pass

"""Forms of the company register (German labels come from the models)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    Company,
    ContactLogEntry,
    ContactPerson,
    EmployeeCount,
    Need,
    NetworkMembership,
    RiskSignal,
    Sector,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CompanyForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("z. B. https://www.beispiel.de"),
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "legal_form",
            "register_number",
            "sector",
            "street",
            "postal_code",
            "city",
            "district",
            "website",
            "founded_year",
            "production_intensive",
            "status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.order_by("code")


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["topic", "description", "source", "stated_on", "status"]
        widgets = {"stated_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}


class RiskSignalForm(forms.ModelForm):
    class Meta:
        model = RiskSignal
        fields = ["kind", "severity", "observed_on", "source", "note"]
        widgets = {"observed_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}


class RiskSignalResolveForm(forms.Form):
    resolved_on = forms.DateField(label=_("erledigt am"), widget=DateInput())


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "function", "email", "phone", "consent_date", "consent_purpose"]
        widgets = {"consent_date": DateInput()}


class ContactLogEntryForm(forms.ModelForm):
    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = company.contacts.filter(erased_at__isnull=True)

    class Meta:
        model = ContactLogEntry
        fields = ["kind", "date", "contact_person", "summary", "follow_up", "follow_up_due"]
        widgets = {
            "date": DateInput(),
            "follow_up_due": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }


class EmployeeCountForm(forms.ModelForm):
    class Meta:
        model = EmployeeCount
        fields = ["year", "employees"]


class NetworkMembershipForm(forms.ModelForm):
    class Meta:
        model = NetworkMembership
        fields = ["network", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}


class ImportForm(forms.Form):
    class Kind:
        COMPANIES = "companies"
        EMPLOYEES = "employees"

    kind = forms.ChoiceField(
        label=_("Inhalt der Datei"),
        choices=[
            (Kind.COMPANIES, _("Unternehmen")),
            (Kind.EMPLOYEES, _("Beschäftigtenzahlen")),
        ],
    )
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_("Höchstens 2 MB und 5.000 Zeilen; die erste Zeile enthält die Spaltennamen."),
    )

"""Forms of the events app (German labels come from the models' verbose names)."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from companies.models import Company

from .models import Event, MobilityOffer, MobilityWeek

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


# What the public forms accept as a name: the mails greet the person with it ("Guten Tag
# <name>,") and carry nothing else a visitor typed. A name is one short line without links.
PERSON_NAME_MAX_LENGTH = 80
_LINK_LIKE = re.compile(r"://|www\.|@|\w\.[a-z]{2,24}\b", re.IGNORECASE)


def validate_person_name(value):
    """A person's name for a greeting: no line breaks or control characters, no links."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise ValidationError(
            _("Bitte geben Sie Ihren Namen in einer Zeile an."), code="control_characters"
        )
    if _LINK_LIKE.search(value):
        raise ValidationError(
            _("Bitte geben Sie nur Ihren Namen an, ohne Internet- oder E-Mail-Adressen."),
            code="link",
        )


def person_name_field():
    return forms.CharField(
        label=_("Name"), max_length=PERSON_NAME_MAX_LENGTH, validators=[validate_person_name]
    )


def day_choices(week):
    return [(day.isoformat(), date_format(day, "l, j. F Y")) for day in week.days]


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "format",
            "status",
            "visibility",
            "starts_at",
            "ends_at",
            "registration_deadline",
            "capacity",
            "venue",
            "host_company",
            "network",
            "description",
            "organisers",
            "measures",
        ]
        widgets = {
            "starts_at": _datetime_widget(),
            "ends_at": _datetime_widget(),
            "registration_deadline": _datetime_widget(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at", "registration_deadline"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
        if self.instance.pk is None:
            # Cancelling is a step of its own (with the registrants told).
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] != Event.Status.CANCELLED
            ]
        elif self.instance.status != Event.Status.CANCELLED:
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] != Event.Status.CANCELLED
            ]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        deadline = cleaned.get("registration_deadline")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("Das Ende liegt vor dem Beginn."))
        if starts and deadline and deadline > starts:
            self.add_error("registration_deadline", _("Der Anmeldeschluss liegt nach dem Beginn."))
        return cleaned


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Absage"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wird allen Angemeldeten und Wartenden per E-Mail mitgeteilt."),
    )


class RegistrationForm(forms.Form):
    """What an anonymous visitor gives to register for a public event."""

    name = person_name_field()
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    company_name = forms.CharField(
        label=_("Unternehmen / Organisation"), max_length=200, required=False
    )
    consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass die Stadt Aachen meine Angaben zur Durchführung der "
            "Veranstaltung speichert."
        ),
    )


class StaffRegistrationForm(forms.Form):
    """What staff enter to register someone (who asked by phone or letter)."""

    name = person_name_field()
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    company_name = forms.CharField(
        label=_("Unternehmen / Organisation"), max_length=200, required=False
    )


class RegistrationMoveForm(forms.Form):
    """The event a registration moves to: upcoming, not cancelled, not the current one."""

    event = forms.ModelChoiceField(
        label=_("Neue Veranstaltung"),
        queryset=Event.objects.none(),
        empty_label=_("Bitte wählen"),
    )

    def __init__(self, *args, current_event, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["event"]
        field.queryset = (
            Event.objects.filter(starts_at__gt=timezone.now())
            .exclude(status=Event.Status.CANCELLED)
            .exclude(pk=current_event.pk)
            .order_by("starts_at", "pk")
        )
        field.label_from_instance = lambda event: (
            f"{date_format(timezone.localtime(event.starts_at), 'SHORT_DATETIME_FORMAT')} – "
            f"{event.title}"
        )


class MobilityWeekForm(forms.ModelForm):
    class Meta:
        model = MobilityWeek
        fields = ["year", "title", "starts_on", "ends_on", "application_deadline", "description"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "application_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Der letzte Tag liegt vor dem ersten."))
        return cleaned


class MobilityOfferForm(forms.ModelForm):
    days = forms.MultipleChoiceField(
        label=_("Tage"), widget=forms.CheckboxSelectMultiple, choices=[]
    )

    class Meta:
        model = MobilityOffer
        fields = ["host_company", "department", "description", "places", "days", "contact_email"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, week, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = day_choices(week)
        self.fields["host_company"].queryset = Company.objects.order_by("name")


class MobilityApplicationForm(forms.Form):
    """What an employee gives to apply; the company by name (the register stays unlisted)."""

    name = person_name_field()
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    company_name = forms.CharField(
        label=_("Ihr Unternehmen"),
        max_length=200,
        help_text=_("Sie hospitieren immer in einem anderen Unternehmen."),
    )
    interests = forms.CharField(
        label=_("Interessen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Welche Bereiche oder Abläufe möchten Sie kennenlernen?"),
    )
    preferred_days = forms.TypedMultipleChoiceField(
        label=_("Wunschtage"), widget=forms.CheckboxSelectMultiple, choices=[]
    )
    consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass meine Angaben zur Vermittlung an das gastgebende "
            "Unternehmen weitergegeben werden."
        ),
    )

    def __init__(self, *args, week, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_days"].choices = day_choices(week)
        self.fields["preferred_days"].coerce = datetime.date.fromisoformat


YES_NO = [("true", _("ja")), ("false", _("nein"))]


class MobilityFeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Wie war Ihre Hospitation insgesamt?"),
        choices=[
            (5, _("5 – sehr gut")),
            (4, _("4 – gut")),
            (3, _("3 – teils, teils")),
            (2, _("2 – weniger gut")),
            (1, _("1 – schlecht")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    learned_something = forms.TypedChoiceField(
        label=_("Haben Sie Neues für Ihre Arbeit mitgenommen?"),
        choices=YES_NO,
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    would_recommend = forms.TypedChoiceField(
        label=_("Würden Sie die Woche der Mobilität Kolleginnen und Kollegen empfehlen?"),
        choices=YES_NO,
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anmerkungen"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

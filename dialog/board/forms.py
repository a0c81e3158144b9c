"""Forms of the board area."""

from django import forms
from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from dialog.accounts.roles import Role
from dialog.core.forms import DATE_WIDGET, DATETIME_WIDGET
from measures.models import Measure

from .documents import ALLOWED, max_document_size
from .models import (
    AgendaItem,
    BoardMeeting,
    BoardMembership,
    Resolution,
)

User = get_user_model()


class BoardMembershipForm(forms.ModelForm):
    class Meta:
        model = BoardMembership
        fields = ["user", "company", "role", "started_on", "ended_on"]
        widgets = {"started_on": DATE_WIDGET, "ended_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.with_role(Role.BEIRAT).order_by("full_name")
        self.fields["company"].queryset = self.fields["company"].queryset.order_by("name")


class BoardMeetingForm(forms.ModelForm):
    class Meta:
        model = BoardMeeting
        fields = ["title", "starts_at", "ends_at", "location"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "measure"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.order_by("code")


class BoardDocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Datei"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED)}),
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Tagesordnungspunkt"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("– zur ganzen Sitzung –"),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF- oder Office-Datei (%(types)s), höchstens %(size)s."
        ) % {
            "types": ", ".join(ext.lstrip(".").upper() for ext in ALLOWED),
            "size": filesizeformat(max_document_size()),
        }
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Protokoll"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )
    release = forms.BooleanField(
        label=_("Protokoll für die Mitglieder freigeben"),
        required=False,
        help_text=_("Die Mitglieder erhalten eine E-Mail, sobald das Protokoll freigegeben ist."),
    )


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = [
            "agenda_item",
            "text",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "measure",
            "effect",
            "priority",
            "reason",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")
        self.fields["measure"].queryset = Measure.objects.order_by("code")


class PriorityRoundForm(forms.Form):
    title = forms.CharField(label=_("Bezeichnung der Runde"), max_length=200)


class PriorityVoteForm(forms.Form):
    """One 1–5 rating per open measure; empty means "no rating"."""

    SCORES = [("", _("keine Bewertung"))] + [
        (str(n), label)
        for n, label in [
            (1, _("1 – unwichtig")),
            (2, _("2 – eher unwichtig")),
            (3, _("3 – mittel")),
            (4, _("4 – wichtig")),
            (5, _("5 – sehr wichtig")),
        ]
    ]

    def __init__(self, *args, measures, initial_scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = list(measures)
        for measure in self.measures:
            self.fields[f"measure_{measure.pk}"] = forms.TypedChoiceField(
                label=f"{measure.code} {measure.title}",
                choices=self.SCORES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial_scores.get(measure.pk, ""),
            )

    def rows(self):
        for measure in self.measures:
            yield measure, self[f"measure_{measure.pk}"]

    def scores(self):
        return {
            measure.pk: self.cleaned_data.get(f"measure_{measure.pk}") for measure in self.measures
        }


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Ihr Kommentar"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class CommentHideForm(forms.Form):
    reason = forms.CharField(label=_("Grund des Ausblendens"), max_length=500)

"""Forms of the committee pages."""

from django import forms

from dialog.core.forms import DATETIME_WIDGET

from .models import Committee, CommitteeMeeting


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "short_name"]


class CommitteeMeetingForm(forms.ModelForm):
    class Meta:
        model = CommitteeMeeting
        fields = ["starts_at", "location", "public"]
        widgets = {"starts_at": DATETIME_WIDGET}

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee

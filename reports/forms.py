"""Forms of the reports: the Vorlage's fields and the schedules that draft reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dialog.committee.models import CommitteeMeeting

from .models import Report, ReportSchedule
from .services import report_plausibility_errors


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "title",
            "period_start",
            "period_end",
            "meeting",
            "visibility",
            "participating_departments",
            "file_reference",
            "resolution_proposal",
            "financial_effects",
            "introduction",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "resolution_proposal": forms.Textarea(attrs={"rows": 3}),
            "financial_effects": forms.Textarea(attrs={"rows": 3}),
            "introduction": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = CommitteeMeeting.objects.select_related(
            "committee"
        ).order_by("-starts_at")

    def clean(self):
        """The plausibility checks of the service (period, meeting), shown at their fields;
        a meeting in the past is refused when it is chosen (a new draft, another meeting)."""
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        chosen = meeting is not None and (
            self.instance.pk is None or meeting.pk != self.instance.meeting_id
        )
        errors = report_plausibility_errors(
            period_start=cleaned.get("period_start"),
            period_end=cleaned.get("period_end"),
            meeting=meeting,
            report=self.instance if self.instance.pk else None,
            meeting_chosen=chosen,
        )
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name, message)
        return cleaned


class WithdrawalForm(forms.Form):
    """Why a released report is withdrawn (or withdrawn for a correction)."""

    reason = forms.CharField(
        label=_("Grund"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Der Grund steht auf der Seite des Berichts, für alle, die den Bericht sehen dürfen."
        ),
        error_messages={"required": _("Bitte geben Sie den Grund an.")},
    )


class ReleaseConfirmForm(forms.Form):
    """Releasing is final: staff confirm it with a checkbox (works without JavaScript)."""

    confirm = forms.BooleanField(
        label=_(
            "Ich habe das PDF geprüft. Der Bericht soll freigegeben werden und danach "
            "unverändert bleiben."
        ),
        error_messages={
            "required": _("Bitte bestätigen Sie die Freigabe, indem Sie das Kästchen ankreuzen.")
        },
    )


class ReportScheduleForm(forms.ModelForm):
    class Meta:
        model = ReportSchedule
        fields = ["name", "kind", "days_before", "committee", "visibility", "title", "active"]

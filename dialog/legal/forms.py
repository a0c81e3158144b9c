from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LegalPage


class LegalPageForm(forms.ModelForm):
    class Meta:
        model = LegalPage
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 20:
            raise forms.ValidationError(_("Bitte geben Sie einen vollständigen Text ein."))
        return body

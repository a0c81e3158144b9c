"""Forms of the accounts app: user administration, accepting an invitation, allauth's forms."""

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .selectors import address_taken, email_verified

User = get_user_model()


class UserInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    full_name = forms.CharField(label=_("Name"), max_length=150)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if address_taken(email):
            raise forms.ValidationError(
                _("Für diese E-Mail-Adresse gibt es bereits ein Konto."), code="duplicate"
            )
        return email


class UserUpdateForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=150)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)
    is_active = forms.BooleanField(
        label=_("Konto aktiv"),
        required=False,
        help_text=_("Deaktivierte Konten können sich nicht mehr anmelden."),
    )

    def __init__(self, *args, instance, acting_user, **kwargs):
        self.instance = instance
        self.acting_user = acting_user
        kwargs.pop("initial", None)
        initial = {
            "full_name": instance.full_name,
            "organisation": instance.organisation,
            "role": instance.role,
            "is_active": instance.is_active,
        }
        super().__init__(*args, initial=initial, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.instance == self.acting_user:
            if not cleaned.get("is_active"):
                raise forms.ValidationError(_("Sie können Ihr eigenes Konto nicht deaktivieren."))
            if cleaned.get("role") != Role.VERWALTUNG:
                raise forms.ValidationError(_("Sie können Ihre eigene Rolle nicht ändern."))
        return cleaned


class SetInitialPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Passwort (Wiederholung)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(_("Die beiden Passwörter stimmen nicht überein."))
        if password2:
            password_validation.validate_password(password2, self.user)
        return password2


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form, with the e-mail address filled in after accepting an invitation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.request is not None:
            email = self.request.GET.get("email", "")
            if email and "@" in email:
                self.fields["login"].initial = email


class AddEmailForm(allauth_forms.AddEmailForm):
    """allauth's form for a new address, which refuses an address another account uses.

    allauth would accept it silently (so as not to reveal that the address exists) and fail
    later, when the address becomes the login. Who asks here is logged in with an account
    staff gave them, and the page is rate-limited; a clear answer serves them better.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Neue E-Mail-Adresse")
        self.fields["email"].widget.attrs.pop("placeholder", None)

    def clean_email(self):
        if not email_verified(self.user):
            # allauth would drop the unproven login address for the new one and leave the
            # account without any; the old one is proven first (or staff correct it).
            raise forms.ValidationError(
                _(
                    "Ihre bisherige Adresse %(email)s ist noch nicht bestätigt. Bitte "
                    "bestätigen Sie sie zuerst über den Link, den wir Ihnen an diese Adresse "
                    "senden; erst danach können Sie sie ändern."
                )
                % {"email": self.user.email},
                code="unverified",
            )
        email = (self.cleaned_data.get("email") or "").strip()
        if email and address_taken(email, by_other_than=self.user):
            raise forms.ValidationError(
                _("Diese E-Mail-Adresse wird bereits von einem anderen Konto verwendet."),
                code="email_taken",
            )
        return super().clean_email()

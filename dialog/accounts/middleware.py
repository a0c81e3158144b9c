"""Two-factor authentication enforced for staff when ``MFA_REQUIRED_FOR_VERWALTUNG`` is on.

allauth offers TOTP to everyone but has no switch to require it; this middleware sends a staff
member without an authenticator to the TOTP set-up page until they have one.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .roles import Role

ALLOWED_PREFIXES = ("/konto/", "/static/", "/healthz", "/i18n/")


class EnforceStaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            messages.warning(
                request,
                _(
                    "Für Konten der Verwaltung ist die Zwei-Faktor-Anmeldung vorgeschrieben. "
                    "Bitte richten Sie sie jetzt ein."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up(self, request):
        if not settings.MFA_REQUIRED_FOR_VERWALTUNG:
            return False
        user = request.user
        if not user.is_authenticated or getattr(user, "role", None) != Role.VERWALTUNG:
            return False
        if request.path.startswith(ALLOWED_PREFIXES):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

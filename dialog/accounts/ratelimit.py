"""Rate limits of the portal's public forms, on allauth's machinery and the shared cache.

allauth already limits logins, password resets and e-mail changes (``ACCOUNT_RATE_LIMITS``);
the forms anyone may send without an account (an event registration, an application for the
Woche der Mobilität) are limited the same way, with their rates in the same setting: per client
(``ip``) and per address the form mails (``key``), so that the portal relays no mail in bulk.
"""

from allauth.core import ratelimit
from django.utils.translation import gettext_lazy as _

RATE_LIMIT_MESSAGE = _(
    "Von Ihrem Anschluss oder für diese E-Mail-Adresse kamen in kurzer Zeit zu viele "
    "Anfragen. Bitte versuchen Sie es in einigen Minuten noch einmal."
)


def public_form_rate_limited(request, *, action: str, key: str) -> bool:
    """Count one sending of a public form; ``True`` when its client or address sent too many.

    ``action`` names the rates in ``ACCOUNT_RATE_LIMITS``; ``key`` is the address the form
    would mail.
    """
    return not ratelimit.consume(request, action=action, key=key.strip().lower())

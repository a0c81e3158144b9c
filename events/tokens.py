"""Signed links in the e-mails of events: confirm a registration, cancel it, give feedback."""

from django.core import signing

CONFIRM_SALT = "events.registration.confirm"
CANCEL_SALT = "events.registration.cancel"
FEEDBACK_SALT = "events.mobility.feedback"
# An unconfirmed registration expires after this long; so does its link.
CONFIRM_MAX_AGE = 48 * 3600


def _make(salt, pk, email):
    return signing.dumps({"p": pk, "e": email.lower()}, salt=salt, compress=True)


def _load(salt, token, model, max_age=None, email_field="email"):
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    obj = model.objects.filter(pk=data.get("p")).first()
    if obj is None:
        return None
    email = obj
    for part in email_field.split("__"):
        email = getattr(email, part)
    if email.lower() != data.get("e"):
        return None
    return obj


def confirm_token_make(registration):
    return _make(CONFIRM_SALT, registration.pk, registration.email)


def confirm_token_registration(token):
    from .models import Registration

    return _load(CONFIRM_SALT, token, Registration, max_age=CONFIRM_MAX_AGE)


def cancel_token_make(registration):
    return _make(CANCEL_SALT, registration.pk, registration.email)


def cancel_token_registration(token):
    from .models import Registration

    return _load(CANCEL_SALT, token, Registration)


def feedback_token_make(match):
    return _make(FEEDBACK_SALT, match.pk, match.application.email)


def feedback_token_match(token):
    from .models import MobilityMatch

    return _load(FEEDBACK_SALT, token, MobilityMatch, email_field="application__email")

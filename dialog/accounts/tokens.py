"""Signed, expiring, single-use links for invitations."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "dialog.invitation"


def _state(user):
    # Changes as soon as the invitee sets a password or logs in: the link works only once.
    return salted_hmac(
        SALT, f"{user.pk}:{user.password}:{user.last_login}:{user.is_active}"
    ).hexdigest()[:20]


def invitation_token_make(user):
    return signing.dumps({"u": user.pk, "s": _state(user)}, salt=SALT, compress=True)


def invitation_token_user(token):
    """The user the token invites, or ``None`` when it is forged, expired or used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.INVITATION_TIMEOUT)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(_state(user), data.get("s", "")):
        return None
    return user

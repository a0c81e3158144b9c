"""Reads on accounts that other apps share."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


def email_verified(user) -> bool:
    """Whether the account's login address (``User.email``) is proven to be its owner's."""
    if not user.is_authenticated or not user.email:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def address_taken(email: str, *, by_other_than=None) -> bool:
    """Whether an account (other than ``by_other_than``) logs in with or has proven ``email``."""
    users = get_user_model().objects.filter(email__iexact=email)
    proven = EmailAddress.objects.filter(email__iexact=email, verified=True)
    if by_other_than is not None:
        users = users.exclude(pk=by_other_than.pk)
        proven = proven.exclude(user=by_other_than)
    return users.exists() or proven.exists()

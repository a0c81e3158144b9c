"""Reads on accounts that other apps share."""

from allauth.account.models import EmailAddress


def email_verified(user) -> bool:
    """Whether the account's login address (``User.email``) is proven to be its owner's."""
    if not user.is_authenticated or not user.email:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()

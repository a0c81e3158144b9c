"""Writes on accounts: invitations, roles, deactivation, proven e-mail addresses."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dialog.audit.models import AuditEntry
from dialog.audit.services import audit_record
from dialog.core.mail import absolute_url, mail_send

from .models import Invitation
from .roles import Role
from .tokens import invitation_token_make

User = get_user_model()


def _role_group(role: Role) -> Group:
    return Group.objects.get_or_create(name=Role(role).value)[0]


def user_set_role(*, user, role: Role) -> None:
    """Give the user exactly this role (one group of the four)."""
    with transaction.atomic():
        user.groups.remove(*Group.objects.filter(name__in=Role.values))
        user.groups.add(_role_group(role))
    user.__dict__.pop("role", None)
    user.__dict__.pop("_role_group", None)  # loaded with the user, now out of date


def invitation_send(*, user, sent_by) -> Invitation:
    """Send (or send again) the invitation e-mail with a fresh signed link."""
    invitation = Invitation.objects.create(user=user, role=user.role or "", sent_by=sent_by)
    link = absolute_url(reverse("invitation-accept", kwargs={"token": invitation_token_make(user)}))
    context = {
        "user": user,
        "link": link,
        "sent_by": sent_by,
        "role": user.role_label,
        "valid_days": max(1, settings.INVITATION_TIMEOUT // 86400),
    }
    mail_send(template="emails/invitation", context=context, to=[user.email])
    return invitation


def user_invite(*, email: str, role: Role, invited_by, full_name: str = "", organisation: str = ""):
    """Create an account without a password and invite the person to choose one."""
    with transaction.atomic():
        user = User(email=email, full_name=full_name, organisation=organisation)
        user.set_unusable_password()
        user.full_clean()
        user.save()
        user_set_role(user=user, role=role)
        invitation_send(user=user, sent_by=invited_by)
        audit_record(
            actor=invited_by, action=AuditEntry.Action.USER_INVITED, obj=user,
            detail={"rolle": str(Role(role).label)},
        )  # fmt: skip
    return user


def invitation_accept(*, user, password: str) -> None:
    """The invitee chose a password: the account is ready to use.

    The link came to the invited address, so following it proves that address.
    """
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        Invitation.objects.filter(user=user, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        email_address_verify(user=user)


def email_address_verify(*, user) -> EmailAddress:
    """Record the account's address (``User.email``) as proven and as its only login address.

    For proofs outside allauth's own link: an accepted invitation, an account set up on the
    server (``createsuperuser``), the demo. Addresses the account had besides it (a change that
    waits for its proof) are dropped.
    """
    email = user.email.lower()
    with transaction.atomic():
        EmailAddress.objects.filter(user=user).exclude(email=email).delete()
        address, _created = EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return address


def email_addresses_adopt() -> int:
    """Accounts that never managed an address through allauth keep theirs as proven.

    Such an address came from staff (an invitation, whose link went to it, or the admin) or
    from the server (the demo, ``createsuperuser``). An account that does have addresses
    recorded proves them through allauth's link. Returns how many accounts were adopted.
    """
    users = User.objects.filter(emailaddress__isnull=True).only("pk", "email")
    addresses = [
        EmailAddress(user=user, email=user.email.lower(), verified=True, primary=True)
        for user in users
    ]
    EmailAddress.objects.bulk_create(addresses)
    return len(addresses)


def user_update(
    *, user, full_name: str, organisation: str, role: Role, is_active: bool, changed_by=None
) -> None:
    """Staff change a person's name, organisation, role or whether the account may log in.

    Role changes and (de)activations go into the audit log.
    """
    with transaction.atomic():
        was_active, old_role = user.is_active, user.role
        user.full_name = full_name
        user.organisation = organisation
        user.is_active = is_active
        user.full_clean()
        user.save(update_fields=["full_name", "organisation", "is_active"])
        if old_role != role:
            user_set_role(user=user, role=role)
            audit_record(
                actor=changed_by, action=AuditEntry.Action.ROLE_CHANGED, obj=user,
                detail={
                    "vorher": str(old_role.label) if old_role else "–",
                    "nachher": str(Role(role).label),
                },
            )  # fmt: skip
        if was_active != is_active:
            action = (
                AuditEntry.Action.USER_ACTIVATED
                if is_active
                else (AuditEntry.Action.USER_DEACTIVATED)
            )
            audit_record(actor=changed_by, action=action, obj=user)

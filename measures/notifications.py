"""E-mails about measure ideas (sent by ``measures.services`` once the change is committed)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from dialog.accounts.roles import Role
from dialog.core.mail import absolute_url, mail_send

from .models import Measure


def idea_proposed_notify(*, measure: Measure) -> None:
    """Tell the staff that a new idea waits for triage."""
    recipients = (
        get_user_model()
        .objects.with_role(Role.VERWALTUNG)
        .filter(is_active=True)
        .values_list("email", flat=True)
    )
    mail_send(
        template="measures/emails/idea_proposed",
        context={"measure": measure, "url": absolute_url(reverse("measures:ideas"))},
        to=recipients,
    )


def idea_triaged_notify(*, measure: Measure) -> None:
    """Tell the proposer of an idea what staff decided."""
    if not measure.proposed_by or not measure.proposed_by.email:
        return
    mail_send(
        template="measures/emails/idea_triaged",
        context={"measure": measure, "url": absolute_url(measure.get_absolute_url())},
        to=[measure.proposed_by.email],
    )

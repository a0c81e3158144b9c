"""E-mails about measure ideas (sent by the tasks in ``measures.tasks``)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string

from dialog.accounts.roles import Role

from .models import Measure


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def idea_proposed_notify(*, measure_pk: int) -> None:
    measure = Measure.objects.select_related("proposed_by", "field_of_action").get(pk=measure_pk)
    recipients = list(
        get_user_model()
        .objects.with_role(Role.VERWALTUNG)
        .filter(is_active=True)
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    context = {"measure": measure, "url": _absolute("/massnahmen/ideen/")}
    send_mail(
        render_to_string("measures/email/idea_proposed_subject.txt", context).strip(),
        render_to_string("measures/email/idea_proposed.txt", context),
        None,
        recipients,
    )


def idea_triaged_notify(*, measure_pk: int) -> None:
    measure = Measure.objects.select_related("proposed_by").get(pk=measure_pk)
    if not measure.proposed_by or not measure.proposed_by.email:
        return
    context = {"measure": measure, "url": _absolute(measure.get_absolute_url())}
    send_mail(
        render_to_string("measures/email/idea_triaged_subject.txt", context).strip(),
        render_to_string("measures/email/idea_triaged.txt", context),
        None,
        [measure.proposed_by.email],
    )

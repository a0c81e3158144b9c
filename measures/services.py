"""Writes on measures that other parts of the portal (board resolutions, triage) also use."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Measure

REASON_REQUIRED = {Measure.Status.DEFERRED, Measure.Status.DROPPED}


def measure_change_status(*, measure: Measure, status: str, reason: str = "", changed_by=None):
    """Move a measure to another status along the allowed transitions.

    Deferring and dropping need a reason; deferring records the date. The change is kept in
    the measure's history with the user who made it.
    """
    status = Measure.Status(status)
    if not measure.can_change_to(status):
        raise ValidationError(
            _("Eine Maßnahme im Status „%(current)s“ kann nicht auf „%(new)s“ gesetzt werden.")
            % {"current": measure.get_status_display(), "new": status.label},
            code="illegal_transition",
        )
    reason = (reason or "").strip()
    if status in REASON_REQUIRED and not reason:
        raise ValidationError(_("Bitte geben Sie eine Begründung an."), code="reason_required")
    with transaction.atomic():
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
        if not measure.can_change_to(status):  # changed meanwhile
            raise ValidationError(_("Der Status wurde inzwischen geändert."), code="stale")
        measure.status = status
        measure.status_reason = reason
        measure.deferred_on = timezone.localdate() if status == Measure.Status.DEFERRED else None
        if changed_by is not None:
            measure._history_user = changed_by
        measure.full_clean()
        measure.save()
    return measure


def measure_set_priority(*, measure: Measure, priority: int, changed_by=None) -> Measure:
    """Give a measure another priority (e.g. adopting the board's vote); kept in its history."""
    measure.priority = Measure.Priority(priority)
    if changed_by is not None:
        measure._history_user = changed_by
    with transaction.atomic():
        measure.full_clean()
        measure.save()
    return measure

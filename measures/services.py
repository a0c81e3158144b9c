"""Writes on measures that other parts of the portal (board resolutions, triage) also use."""

import dataclasses
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialog.accounts.rules import is_verwaltung

from . import selectors
from .models import (
    Indicator,
    IndicatorValue,
    Measure,
    Phase,
    ProgressUpdate,
    StaffCapacity,
)
from .notifications import idea_proposed_notify, idea_triaged_notify
from .quarters import quarter_index, quarter_start
from .scheduling import Staggering, propose_staggering

MOVABLE_STATES = (Measure.Status.PLANNED, Measure.Status.ACTIVE)
# How far beyond the last planned quarter the staggering may push phases.
HORIZON_QUARTERS = 12

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


def next_measure_code() -> str:
    """The next free code ``M-NN`` after the highest number in use."""
    numbers = [
        int(code[2:])
        for code in Measure.objects.filter(code__regex=r"^M-[0-9]+$").values_list("code", flat=True)
    ]
    return f"M-{max(numbers, default=0) + 1:02d}"


@transaction.atomic
def measure_save(*, form, formsets=(), changed_by=None) -> Measure:
    """Create or update a measure from its form and inline formsets (phases, partners, costs,
    indicators) in one transaction; the change is kept in the history with its author."""
    measure = form.save(commit=False)
    if not measure.code:
        measure.code = next_measure_code()
    if changed_by is not None:
        measure._history_user = changed_by
    measure.full_clean()
    measure.save()
    form.save_m2m()
    for formset in formsets:
        formset.instance = measure
        for phase in formset.save(commit=False):
            if changed_by is not None:
                phase._history_user = changed_by
            phase.save()
        for obj in formset.deleted_objects:
            if changed_by is not None:
                obj._history_user = changed_by
            obj.delete()
    return measure


def measure_propose_idea(
    *, title: str, summary: str, description: str = "", field_of_action, proposed_by
) -> Measure:
    """A board member, partner or staff member proposes a measure idea for staff to triage."""
    measure = Measure(
        code=next_measure_code(),
        title=title,
        summary=summary,
        description=description,
        field_of_action=field_of_action,
        status=Measure.Status.IDEA,
        proposed_by=proposed_by,
        priority=Measure.Priority.MEDIUM,
    )
    measure._history_user = proposed_by
    with transaction.atomic():
        measure.full_clean()
        measure.save()
        idea_proposed_notify(measure=measure)
    return measure


TRIAGE_DECISIONS = {
    "accept": Measure.Status.PLANNED,
    "defer": Measure.Status.DEFERRED,
    "drop": Measure.Status.DROPPED,
}


def measure_triage(*, measure: Measure, decision: str, reason: str = "", decided_by) -> Measure:
    """Staff decide on an idea: accept it as planned, defer or drop it; the proposer is told."""
    if measure.status != Measure.Status.IDEA:
        raise ValidationError(_("Diese Idee wurde bereits bewertet."), code="not_an_idea")
    if decision not in TRIAGE_DECISIONS:
        raise ValidationError(_("Unbekannte Entscheidung."), code="unknown_decision")
    with transaction.atomic():
        measure = measure_change_status(
            measure=measure,
            status=TRIAGE_DECISIONS[decision],
            reason=reason,
            changed_by=decided_by,
        )
        if measure.proposed_by_id:
            idea_triaged_notify(measure=measure)
    return measure


def progress_update_create(*, measure: Measure, text: str, author, date=None) -> ProgressUpdate:
    """Record a progress report; a partner user's report names their organisation."""
    partner = (
        measure.partners.filter(users=author).order_by("name").first()
        if author is not None and not is_verwaltung(author)
        else None
    )
    update = ProgressUpdate(
        measure=measure,
        text=(text or "").strip(),
        author=author,
        partner=partner,
        date=date or timezone.localdate(),
    )
    with transaction.atomic():
        update.full_clean()
        update.save()
    return update


def indicator_value_record(*, indicator: Indicator, date, value) -> IndicatorValue:
    """Record (or correct) the value of an indicator on a date."""
    with transaction.atomic():
        record = IndicatorValue.objects.filter(indicator=indicator, date=date).first()
        record = record or IndicatorValue(indicator=indicator, date=date)
        record.value = value
        record.full_clean()
        record.save()
    return record


def staff_capacity_set(*, quarter, person_days: int, note: str = "") -> StaffCapacity:
    """Set the person-days available in a quarter."""
    with transaction.atomic():
        capacity = StaffCapacity.objects.filter(quarter=quarter).first() or StaffCapacity(
            quarter=quarter
        )
        capacity.person_days = person_days
        capacity.note = note
        capacity.full_clean()
        capacity.save()
    return capacity


def staggering_fingerprint(staggering: Staggering) -> str:
    """A short fingerprint of a proposal, so that only the proposal staff saw is applied."""
    text = ";".join(f"{m.phase_id}:{m.old_start}>{m.new_start}" for m in staggering.moves)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def staggering_propose(*, today=None) -> Staggering:
    """The scheduler's proposal for the current plan (phases under way stay where they are)."""
    today = today or timezone.localdate()
    # Completed measures still take the time they took: they count, but do not move.
    phases = [
        phase if status in MOVABLE_STATES else dataclasses.replace(phase, fixed=True)
        for phase, status in selectors.planned_phases_with_status()
    ]
    capacity = selectors.capacity_by_quarter()
    earliest = quarter_index(today)
    horizon = max([p.end for p in phases] + [earliest]) + HORIZON_QUARTERS
    return propose_staggering(
        phases,
        capacity,
        horizon=horizon,
        earliest=earliest,
        default_capacity=selectors.default_capacity(capacity),
    )


def staggering_apply(*, fingerprint: str, applied_by, today=None) -> int:
    """Apply the current proposal if it is the one staff accepted; returns the phases moved."""
    with transaction.atomic():
        # Lock the phases so that nobody changes the plan between proposing and applying.
        list(Phase.objects.select_for_update().values_list("pk", flat=True))
        staggering = staggering_propose(today=today)
        if staggering_fingerprint(staggering) != fingerprint:
            raise ValidationError(
                _("Der Plan hat sich inzwischen geändert. Bitte prüfen Sie den neuen Vorschlag."),
                code="stale",
            )
        phases = Phase.objects.in_bulk([move.phase_id for move in staggering.moves])
        for move in staggering.moves:
            phase = phases[move.phase_id]
            span = quarter_index(phase.end) - quarter_index(phase.start)
            phase.start = quarter_start(move.new_start)
            phase.end = quarter_start(move.new_start + span)
            phase._history_user = applied_by
            phase._change_reason = "Staffelung"
            phase.full_clean()
            phase.save()
    return len(staggering.moves)

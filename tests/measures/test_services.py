"""Writes on measures: status transitions, ideas and triage, progress, staggering."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from dialog.accounts.roles import Role
from measures import services
from measures.models import Measure, Phase, ProgressUpdate

from .factories import (
    MeasureFactory,
    MeasurePartnerFactory,
    PartnerFactory,
    PhaseFactory,
    StaffCapacityFactory,
)

pytestmark = pytest.mark.django_db


def test_an_illegal_status_change_is_refused_with_a_clear_message():
    measure = MeasureFactory(status=Measure.Status.COMPLETED)
    with pytest.raises(ValidationError) as exc:
        services.measure_change_status(measure=measure, status=Measure.Status.ACTIVE)
    assert "„abgeschlossen“ kann nicht auf „laufend“" in exc.value.messages[0]


def test_deferring_needs_a_reason_and_records_the_date(staff_user):
    measure = MeasureFactory(status=Measure.Status.PLANNED)
    with pytest.raises(ValidationError):
        services.measure_change_status(measure=measure, status=Measure.Status.DEFERRED)
    measure = services.measure_change_status(
        measure=measure,
        status=Measure.Status.DEFERRED,
        reason="Keine Kapazität",
        changed_by=staff_user,
    )
    assert measure.deferred_on is not None
    assert measure.history.first().history_user == staff_user


def test_a_deferred_measure_can_be_planned_again():
    measure = MeasureFactory(
        status=Measure.Status.DEFERRED, status_reason="x", deferred_on=datetime.date(2025, 1, 1)
    )
    measure = services.measure_change_status(measure=measure, status=Measure.Status.PLANNED)
    assert measure.status == Measure.Status.PLANNED
    assert measure.deferred_on is None


def test_a_proposed_idea_gets_the_next_code_and_staff_are_told(make_user, staff_user):
    MeasureFactory(code="M-07")
    board_member = make_user(Role.BEIRAT)
    idea = services.measure_propose_idea(
        title="Gemeinsamer Energieeinkauf",
        summary="Betriebe kaufen Energie gemeinsam ein.",
        field_of_action=MeasureFactory().field_of_action,
        proposed_by=board_member,
    )
    assert idea.code == "M-08"
    assert idea.status == Measure.Status.IDEA


def test_staff_are_mailed_about_a_new_idea(
    make_user, staff_user, django_capture_on_commit_callbacks
):
    partner_user = make_user(Role.PARTNER)
    with django_capture_on_commit_callbacks(execute=True):
        services.measure_propose_idea(
            title="Idee",
            summary="Kurz",
            field_of_action=MeasureFactory().field_of_action,
            proposed_by=partner_user,
        )
    assert [m.to for m in mail.outbox] == [[staff_user.email]]
    assert "Neue Maßnahmenidee" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("decision", "reason", "status"),
    [
        ("accept", "", Measure.Status.PLANNED),
        ("defer", "Erst 2028", Measure.Status.DEFERRED),
        ("drop", "Gibt es schon", Measure.Status.DROPPED),
    ],
)
def test_triage_decides_and_tells_the_proposer(
    decision, reason, status, make_user, staff_user, django_capture_on_commit_callbacks
):
    proposer = make_user(Role.BEIRAT)
    idea = MeasureFactory(status=Measure.Status.IDEA, proposed_by=proposer)
    with django_capture_on_commit_callbacks(execute=True):
        services.measure_triage(
            measure=idea, decision=decision, reason=reason, decided_by=staff_user
        )
    idea.refresh_from_db()
    assert idea.status == status
    assert mail.outbox[-1].to == [proposer.email]
    assert str(status.label) in mail.outbox[-1].body
    if reason:
        assert reason in mail.outbox[-1].body


def test_triage_without_reason_for_dropping_is_refused(staff_user):
    idea = MeasureFactory(status=Measure.Status.IDEA)
    with pytest.raises(ValidationError):
        services.measure_triage(measure=idea, decision="drop", decided_by=staff_user)
    idea.refresh_from_db()
    assert idea.status == Measure.Status.IDEA


def test_a_partner_users_progress_update_names_their_organisation(make_user):
    user = make_user(Role.PARTNER)
    partner = PartnerFactory(users=[user])
    measure = MeasurePartnerFactory(partner=partner).measure
    update = services.progress_update_create(measure=measure, text=" Läuft gut. ", author=user)
    assert update.partner == partner
    assert update.text == "Läuft gut."


def test_an_empty_progress_update_is_refused(staff_user):
    with pytest.raises(ValidationError):
        services.progress_update_create(measure=MeasureFactory(), text="  ", author=staff_user)
    assert not ProgressUpdate.objects.exists()


def _overloaded_plan():
    today = datetime.date(2026, 2, 15)
    StaffCapacityFactory(quarter=datetime.date(2026, 1, 1), person_days=80)
    high = MeasureFactory(priority=Measure.Priority.HIGH)
    low = MeasureFactory(priority=Measure.Priority.LOW)
    PhaseFactory(
        measure=high, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 1), person_days=60
    )
    moved = PhaseFactory(
        measure=low, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 4, 1), person_days=60
    )
    return today, moved


def test_accepting_the_staggering_moves_the_phases_and_keeps_history(staff_user):
    today, moved = _overloaded_plan()
    proposal = services.staggering_propose(today=today)
    assert proposal.feasible
    count = services.staggering_apply(
        fingerprint=services.staggering_fingerprint(proposal), applied_by=staff_user, today=today
    )
    moved.refresh_from_db()
    assert count == 1
    assert (moved.start, moved.end) == (datetime.date(2026, 4, 1), datetime.date(2026, 7, 1))
    assert moved.history.first().history_user == staff_user
    assert moved.history.first().history_change_reason == "Staffelung"


def test_a_stale_staggering_proposal_is_not_applied(staff_user):
    today, moved = _overloaded_plan()
    with pytest.raises(ValidationError):
        services.staggering_apply(fingerprint="veraltet", applied_by=staff_user, today=today)
    moved.refresh_from_db()
    assert moved.start == datetime.date(2026, 1, 1)


def test_a_phase_must_start_at_a_quarter_and_not_end_before_it_starts():
    phase = Phase(
        measure=MeasureFactory(),
        title="x",
        start=datetime.date(2026, 2, 1),
        end=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        phase.full_clean()
    assert set(exc.value.message_dict) == {"start", "end"}


def test_completed_measures_count_as_load_but_do_not_move(staff_user):
    today = datetime.date(2026, 2, 15)
    StaffCapacityFactory(quarter=datetime.date(2026, 4, 1), person_days=80)
    done = MeasureFactory(status=Measure.Status.COMPLETED, priority=Measure.Priority.LOW)
    PhaseFactory(
        measure=done, start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 1), person_days=60
    )
    planned = MeasureFactory(priority=Measure.Priority.HIGH)
    PhaseFactory(
        measure=planned,
        start=datetime.date(2026, 4, 1),
        end=datetime.date(2026, 4, 1),
        person_days=60,
    )
    proposal = services.staggering_propose(today=today)
    assert proposal.feasible
    assert [m.phase_id for m in proposal.moves] == [planned.phases.get().pk]


def test_recording_an_indicator_value_twice_on_a_day_corrects_it():
    from .factories import IndicatorFactory

    indicator = IndicatorFactory()
    services.indicator_value_record(indicator=indicator, date=datetime.date(2026, 1, 1), value=5)
    services.indicator_value_record(indicator=indicator, date=datetime.date(2026, 1, 1), value=7)
    assert list(indicator.values.values_list("value", flat=True)) == [7]


def test_idea_mails_show_the_title_as_typed_in_the_text_part(
    make_user, staff_user, django_capture_on_commit_callbacks
):
    proposer = make_user(Role.PARTNER)
    with django_capture_on_commit_callbacks(execute=True):
        idea = services.measure_propose_idea(
            title='Lärm & "Licht"\r\nBcc: alle@example.org',
            summary="Kurz & bündig",
            field_of_action=MeasureFactory().field_of_action,
            proposed_by=proposer,
        )
        services.measure_triage(measure=idea, decision="accept", decided_by=staff_user)
    proposed, triaged = mail.outbox
    for message in (proposed, triaged):
        assert 'Lärm & "Licht"' in message.body
        assert "&amp;" not in message.body and "&quot;" not in message.body
        assert "Lärm &amp; &quot;Licht&quot;" in message.alternatives[0][0]
        assert "\n" not in message.subject and "\r" not in message.subject

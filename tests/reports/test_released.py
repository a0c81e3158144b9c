"""A released report never changes: not through the model, the admin or the database. Staff
withdraw it, or withdraw it for a correction, with a reason; both reports link each other."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from dialog.accounts.roles import Role
from dialog.audit.models import AuditEntry
from reports.models import ReleasedReportError, Report, ReportSchedule
from reports.services import report_schedule_delete
from reports.withdrawal import report_correct, report_withdraw
from tests.factories import UserFactory

from .factories import CommitteeFactory, CommitteeMeetingFactory, ReportFactory, released_report

pytestmark = pytest.mark.django_db


def _stored(report):
    """Every column of the report as the database holds it."""
    return Report.objects.filter(pk=report.pk).values().get()


# --- The model --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Nachträglich geändert"),
        ("visibility", Report.Visibility.NON_PUBLIC),
        ("resolution_proposal", "Der Ausschuss beschließt etwas anderes."),
        ("snapshot", {"version": 1, "number": "gefälscht", "sections": {}}),
        ("pdf_sha256", "0" * 64),
        ("pdf", "berichte/anderes.pdf"),
        ("status", Report.Status.READY),
    ],
)
def test_a_released_report_refuses_every_change_through_the_model(field, value):
    report = released_report(visibility=Report.Visibility.PUBLIC)
    before = _stored(report)
    setattr(report, field, value)
    with pytest.raises(ReleasedReportError, match="freigegeben und kann nicht mehr geändert"):
        report.save()
    with pytest.raises(ReleasedReportError):
        report.save(update_fields=[field])
    assert _stored(report) == before


def test_a_released_report_refuses_another_meeting_and_a_plain_save():
    report = released_report()
    before = _stored(report)
    report.meeting = CommitteeMeetingFactory()
    with pytest.raises(ReleasedReportError):
        report.save()
    report.refresh_from_db()
    with pytest.raises(ReleasedReportError):
        report.save()  # would at least move ``updated_at`` (OParl's "modified")
    assert _stored(report) == before


def test_bulk_updates_and_deletes_refuse_released_reports():
    report = released_report()
    draft = ReportFactory()
    before = _stored(report)
    with pytest.raises(ReleasedReportError):
        Report.objects.filter(pk=report.pk).update(visibility=Report.Visibility.NON_PUBLIC)
    with pytest.raises(ReleasedReportError):
        Report.objects.all().update(title="Alle umbenannt")
    with pytest.raises(ReleasedReportError, match="kann nicht gelöscht werden"):
        report.delete()
    with pytest.raises(ReleasedReportError):
        Report.objects.all().delete()
    assert _stored(report) == before
    assert Report.objects.filter(pk=draft.pk).exists()


def test_unreleased_reports_are_still_changed_and_deleted():
    draft = ReportFactory(title="Entwurf")
    draft.title = "Entwurf, überarbeitet"
    draft.save()
    Report.objects.filter(pk=draft.pk).update(visibility=Report.Visibility.NON_PUBLIC)
    draft.refresh_from_db()
    assert (draft.title, draft.visibility) == ("Entwurf, überarbeitet", "non_public")
    draft.delete()
    assert not Report.objects.filter(pk=draft.pk).exists()


def test_the_withdrawal_is_recorded_once_and_then_frozen_too(staff_user):
    report = report_withdraw(report=released_report(), withdrawn_by=staff_user, reason="Fehler")
    before = _stored(report)
    report.withdrawal_reason = "Anderer Grund"
    with pytest.raises(ReleasedReportError):
        report.save(update_fields=["withdrawal_reason"])
    report.refresh_from_db()
    report.withdrawn_at = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ReleasedReportError):
        report.save()
    assert _stored(report) == before


def test_deleting_the_author_or_the_schedule_leaves_the_released_report_as_it_was(make_user):
    author = make_user(Role.VERWALTUNG)
    schedule = ReportSchedule.objects.create(
        name="Quartal", kind="quarterly", committee=CommitteeFactory()
    )
    report = released_report(author=author, released_by=author, schedule=schedule)
    before = _stored(report)
    author.delete()
    report_schedule_delete(schedule=schedule)
    after = _stored(report)
    assert (after["author_id"], after["released_by_id"], after["schedule_id"]) == (None,) * 3
    unchanged = {"author_id", "released_by_id", "schedule_id"}
    assert {k: v for k, v in after.items() if k not in unchanged} == {
        k: v for k, v in before.items() if k not in unchanged
    }


# --- The database -----------------------------------------------------------------------------
def test_postgresql_refuses_raw_sql_changes_and_deletes_of_a_released_report():
    report = released_report()
    draft = ReportFactory()
    before = _stored(report)
    now = timezone.now()
    statements = [
        ("UPDATE reports_report SET visibility = 'non_public' WHERE id = %s", [report.pk]),
        (
            "UPDATE reports_report SET title = 'Neu', updated_at = %s WHERE id = %s",
            [now, report.pk],
        ),
        ("UPDATE reports_report SET status = 'ready' WHERE id = %s", [report.pk]),
        ("UPDATE reports_report SET pdf_sha256 = repeat('0', 64) WHERE id = %s", [report.pk]),
        ("DELETE FROM reports_report WHERE id = %s", [report.pk]),
    ]
    if connection.vendor == "postgresql":
        for sql, params in statements:
            with (
                pytest.raises(IntegrityError, match="ist freigegeben"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, params)
    else:
        # SQLite (the embedded default) has no trigger: the model is the guard there.
        with pytest.raises(ReleasedReportError):
            Report.objects.filter(pk=report.pk).update(title="Neu", updated_at=now)
    assert _stored(report) == before
    with connection.cursor() as cursor:  # a draft is no released report
        cursor.execute("UPDATE reports_report SET title = 'Neu' WHERE id = %s", [draft.pk])
    draft.refresh_from_db()
    assert draft.title == "Neu"


def test_postgresql_lets_only_the_withdrawal_through_once(staff_user):
    report = released_report()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reports_report SET withdrawn_at = %s, withdrawn_by_id = %s, "
            "withdrawal_reason = 'Fehler', updated_at = %s WHERE id = %s",
            [timezone.now(), staff_user.pk, timezone.now(), report.pk],
        )
    report.refresh_from_db()
    assert report.is_withdrawn and report.withdrawal_reason == "Fehler"
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE reports_report SET withdrawal_reason = 'Anders' WHERE id = %s",
                [report.pk],
            )
    report.refresh_from_db()
    if connection.vendor == "postgresql":
        assert report.withdrawal_reason == "Fehler"


# --- The admin --------------------------------------------------------------------------------
@pytest.fixture(params=["verwaltung", "superuser"])
def admin_client(request, client):
    if request.param == "superuser":
        user = UserFactory(is_staff=True, is_superuser=True)
    else:
        user = UserFactory(role=Role.VERWALTUNG, is_staff=True)
    client.force_login(user)
    return client


def _admin_form(report, **changes):
    data = {
        "title": report.title,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "meeting": report.meeting_id or "",
        "resolution_proposal": report.resolution_proposal,
        "financial_effects": report.financial_effects,
        "introduction": report.introduction,
        "participating_departments": report.participating_departments,
        "file_reference": report.file_reference,
        "visibility": report.visibility,
        "author": report.author_id or "",
        "schedule": "",
        "schedule_key": report.schedule_key,
        "error_message": report.error_message,
    }
    return {**data, **changes}


def test_the_admin_shows_a_released_report_read_only(admin_client):
    report = released_report(visibility=Report.Visibility.NON_PUBLIC)
    before = _stored(report)
    change_url = reverse("admin:reports_report_change", args=[report.pk])

    page = admin_client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert 'name="title"' not in page.content.decode()

    response = admin_client.post(
        change_url, _admin_form(report, visibility="public", title="Jetzt öffentlich")
    )
    assert response.status_code == 403
    delete_url = reverse("admin:reports_report_delete", args=[report.pk])
    assert admin_client.get(delete_url).status_code == 403
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    response = admin_client.post(
        reverse("admin:reports_report_changelist"),
        {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert _stored(report) == before


def test_the_admin_still_changes_a_draft(admin_client):
    draft = ReportFactory(title="Entwurf")
    response = admin_client.post(
        reverse("admin:reports_report_change", args=[draft.pk]),
        _admin_form(draft, title="Entwurf im Admin geändert"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.title == "Entwurf im Admin geändert"


# --- Withdrawing ------------------------------------------------------------------------------
def test_staff_withdraw_a_released_report_with_a_reason(client_for):
    report = released_report(title="Sachstand Frühjahr")
    client = client_for(Role.VERWALTUNG)
    url = reverse("reports:withdraw", args=[report.pk])

    page = client.get(url).content.decode()
    assert f"Bericht {report.number} zurückziehen" in page
    assert 'name="reason"' in page

    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "Bitte geben Sie den Grund an." in response.content.decode()
    assert not Report.objects.get(pk=report.pk).is_withdrawn

    response = client.post(url, {"reason": "Falsche Zahlen in Kapitel 2"})
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert report.is_withdrawn and report.withdrawn_by == client.user
    assert report.withdrawal_reason == "Falsche Zahlen in Kapitel 2"
    assert report.status == Report.Status.RELEASED and report.pdf_sha256

    (entry,) = AuditEntry.objects.filter(action=AuditEntry.Action.REPORT_WITHDRAWN)
    assert entry.actor == client.user and entry.object_id == str(report.pk)
    assert entry.detail == {"grund": "Falsche Zahlen in Kapitel 2"}

    public = client_for("anonymous").get(report.get_absolute_url()).content.decode()
    date = timezone.localtime(report.withdrawn_at).strftime("%d.%m.%Y")
    assert f"Zurückgezogen am {date}." in public
    assert "Grund: Falsche Zahlen in Kapitel 2" in public
    archive = client_for("anonymous").get(reverse("reports:list")).content.decode()
    assert "zurückgezogen" in archive


def test_a_report_is_withdrawn_only_once_and_only_when_released(client_for):
    client = client_for(Role.VERWALTUNG)
    draft = ReportFactory()
    response = client.post(
        reverse("reports:withdraw", args=[draft.pk]), {"reason": "x"}, follow=True
    )
    assert "Nur ein freigegebener Bericht kann zurückgezogen" in response.content.decode()
    assert not Report.objects.get(pk=draft.pk).is_withdrawn

    report = released_report()
    client.post(reverse("reports:withdraw", args=[report.pk]), {"reason": "Erster Grund"})
    response = client.post(
        reverse("reports:correct", args=[report.pk]), {"reason": "Zweiter Grund"}, follow=True
    )
    assert "wurde bereits am" in response.content.decode()
    report.refresh_from_db()
    assert report.withdrawal_reason == "Erster Grund"
    assert not report.corrections.exists()
    assert AuditEntry.objects.filter(action__startswith="report_").count() == 1


@pytest.mark.parametrize("role", [Role.AUSSCHUSS, Role.BEIRAT, Role.PARTNER])
def test_only_staff_withdraw_or_correct(role, client_for):
    report = released_report()
    client = client_for(role)
    for name in ("reports:withdraw", "reports:correct"):
        response = client.post(reverse(name, args=[report.pk]), {"reason": "Ich will das"})
        assert response.status_code == 403
    report.refresh_from_db()
    assert not report.is_withdrawn and not report.corrections.exists()


# --- Correcting -------------------------------------------------------------------------------
def test_correcting_withdraws_the_old_report_and_drafts_its_correction(client_for, settings):
    settings.PAGE_CACHE_TIMEOUT = 0  # the test releases the correction with a bare update()
    old = released_report(
        title="Sachstand Herbst", resolution_proposal="Der Ausschuss nimmt Kenntnis."
    )
    client = client_for(Role.VERWALTUNG)
    url = reverse("reports:correct", args=[old.pk])
    assert "Zurückziehen und Berichtigung anlegen" in client.get(url).content.decode()

    response = client.post(url, {"reason": "Tabelle 3 vertauscht"})
    correction = Report.objects.get(corrects=old)
    assert response["Location"] == correction.get_absolute_url()
    assert correction.status == Report.Status.DRAFT and correction.number != old.number
    assert (correction.title, correction.resolution_proposal, correction.meeting_id) == (
        old.title,
        old.resolution_proposal,
        old.meeting_id,
    )
    old.refresh_from_db()
    assert old.is_withdrawn and old.withdrawal_reason == "Tabelle 3 vertauscht"

    (entry,) = AuditEntry.objects.filter(action=AuditEntry.Action.REPORT_CORRECTED)
    assert entry.object_id == str(old.pk)
    assert entry.detail == {"grund": "Tabelle 3 vertauscht", "berichtigung": correction.number}

    # Both reports link each other: the old one to its correction, the correction back.
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "Berichtigt durch" in old_page and correction.get_absolute_url() in old_page
    new_page = client.get(correction.get_absolute_url()).content.decode()
    assert "berichtigt Vorlage" in new_page and old.get_absolute_url() in new_page

    # The public sees the draft correction only once it is released.
    anonymous = client_for("anonymous")
    link = correction.get_absolute_url()
    assert link not in anonymous.get(old.get_absolute_url()).content.decode()
    Report.objects.filter(pk=correction.pk).update(
        status=Report.Status.RELEASED, released_at=timezone.now(), pdf_sha256="a" * 64
    )
    assert link in anonymous.get(old.get_absolute_url()).content.decode()


def test_the_correction_service_keeps_visibility_and_refuses_an_empty_reason(staff_user):
    from django.core.exceptions import ValidationError

    old = released_report(visibility=Report.Visibility.NON_PUBLIC)
    with pytest.raises(ValidationError, match="Grund"):
        report_correct(report=old, corrected_by=staff_user, reason="  ")
    old.refresh_from_db()
    assert not old.is_withdrawn
    correction = report_correct(report=old, corrected_by=staff_user, reason="Neue Zahlen")
    assert correction.visibility == Report.Visibility.NON_PUBLIC
    assert correction.corrects == old and correction.author == staff_user

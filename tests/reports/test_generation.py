"""Generating, releasing and freezing reports (eager Celery, the real WeasyPrint)."""

import datetime
import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dialog.accounts.roles import Role
from dialog.celery import app as celery_app
from measures.services import measure_change_status
from reports import services
from reports.models import Report
from reports.rendering import render_report_pdf
from reports.tasks import generate_report

from .factories import MeasureFactory
from .helpers import pdf_text

pytestmark = pytest.mark.django_db


def _generated(author, dialog_data, period, django_capture_on_commit_callbacks, **extra):
    report = services.report_create(
        author=author,
        title="Sachstandsbericht Aachener Industrie-Dialog",
        meeting=dialog_data["meeting"],
        **period,
        **extra,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_request_generation(report=report)
    report.refresh_from_db()
    return report


def test_generated_pdf_reads_like_a_council_vorlage(
    staff_user, dialog_data, period, django_capture_on_commit_callbacks
):
    report = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)

    assert report.status == Report.Status.READY, report.error_message
    text, pages = pdf_text(report)
    assert report.pdf_page_count == pages
    assert report.number in text
    assert "Sachstandsbericht Aachener Industrie-Dialog" in text
    for label in (
        "Der Oberbürgermeister",
        "Vorlage",
        "Federführende Dienststelle",
        "Beratungsfolge",
        "Kenntnisnahme",
        "Beschlussvorschlag",
        "Finanzielle Auswirkungen",
        "Begründung",
    ):
        assert label in text
    assert dialog_data["meeting"].committee.name in text
    assert f"Seite 1 von {pages}" in text
    for measure in dialog_data["measures"]:
        assert measure.code in text
        assert measure.title in text
    assert "IHK Aachen" in text


def test_pdf_shows_no_confidential_company_data(
    staff_user, dialog_data, period, django_capture_on_commit_callbacks
):
    report = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)

    text, _pages = pdf_text(report)
    snapshot = str(report.snapshot)
    for secret in (
        dialog_data["need"].company.name,
        "Hannelore Geheimrath",
        "Zahlungsunfähigkeit",
        "Geheimer Bedarf",
        "geheim@example.org",
    ):
        assert secret not in text
        assert secret not in snapshot
    assert "Fachkräfte" in text  # the need's topic, aggregated


def test_checksums_and_size_describe_the_stored_file(
    staff_user, dialog_data, period, django_capture_on_commit_callbacks
):
    report = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)

    content = report.pdf.read()
    assert hashlib.sha256(content).hexdigest() == report.pdf_sha256
    assert hashlib.sha512(content).hexdigest() == report.pdf_sha512
    assert len(content) == report.pdf_size
    assert not list(report.pdf.storage.listdir("berichte")[1][1:]), "no temporary file left"


def test_the_same_snapshot_gives_the_same_pdf(
    staff_user, dialog_data, period, django_capture_on_commit_callbacks
):
    report = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)
    first = report.pdf_sha256

    with django_capture_on_commit_callbacks(execute=True):
        services.report_request_generation(report=report, refresh_snapshot=False)
    report.refresh_from_db()

    assert report.status == Report.Status.READY
    assert report.pdf_sha256 == first
    assert render_report_pdf(report.snapshot).sha256 == first


def test_running_the_task_again_on_a_ready_report_changes_nothing(
    staff_user, dialog_data, period, django_capture_on_commit_callbacks
):
    report = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)

    generate_report.delay(report.pk)
    again = Report.objects.get(pk=report.pk)

    assert (again.status, again.pdf_sha256, again.generated_at) == (
        report.status,
        report.pdf_sha256,
        report.generated_at,
    )


def test_released_report_never_changes(
    staff_user, make_user, dialog_data, period, django_capture_on_commit_callbacks
):
    member = make_user(Role.AUSSCHUSS)
    report = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_release(report=report, released_by=staff_user)
    report.refresh_from_db()
    snapshot, sha, content = report.snapshot, report.pdf_sha256, report.pdf.read()
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert report.number in mail.outbox[0].subject

    measure = dialog_data["measures"][0]
    measure.title = "Ganz anderer Titel"
    measure.save()
    with pytest.raises(ValidationError):
        services.report_request_generation(report=report)
    with pytest.raises(ValidationError):
        services.report_update(report=report, title="Neu")

    report.refresh_from_db()
    assert report.snapshot == snapshot
    assert report.pdf_sha256 == sha
    assert report.pdf.read() == content


def test_rendering_error_shows_staff_a_plain_message_and_logs_the_detail(
    settings, client_for, dialog_data, period, django_capture_on_commit_callbacks, caplog
):
    client = client_for(Role.VERWALTUNG)
    settings.REPORT_PDF_TEMPLATE = "reports/pdf/gibt-es-nicht.html"
    report = _generated(client.user, dialog_data, period, django_capture_on_commit_callbacks)

    assert report.status == Report.Status.FAILED
    assert "Fehler aufgetreten" in report.error_message and report.number in report.error_message
    assert "gibt-es-nicht" not in report.error_message
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Beim Erzeugen des PDF ist ein Fehler aufgetreten" in page
    assert "Erneut versuchen" in page
    for detail in ("gibt-es-nicht", "TemplateDoesNotExist", "Traceback", ".py"):
        assert detail not in page, detail
    status = client.get(reverse("reports:status", args=[report.pk])).json()
    assert "gibt-es-nicht" not in status["error"]
    # The technical detail is in the log, with the traceback.
    logged = [r for r in caplog.records if r.name == "reports.services" and r.exc_info]
    assert logged and report.number in logged[0].getMessage()
    assert "gibt-es-nicht.html" in caplog.text and "Traceback" in caplog.text

    settings.REPORT_PDF_TEMPLATE = "reports/pdf/report.html"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:generate", args=[report.pk]), {"retry": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.error_message == ""


def test_a_storage_error_never_shows_a_server_path(
    settings, tmp_path, client_for, dialog_data, period, django_capture_on_commit_callbacks, caplog
):
    client = client_for(Role.VERWALTUNG)
    not_a_folder = tmp_path / "media-ist-eine-datei"
    not_a_folder.write_text("")
    settings.MEDIA_ROOT = not_a_folder  # the PDF cannot be written below it
    report = _generated(client.user, dialog_data, period, django_capture_on_commit_callbacks)

    assert report.status == Report.Status.FAILED
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Erneut versuchen" in page
    assert str(tmp_path) not in page and "media-ist-eine-datei" not in page
    assert "Errno" not in page and "Error" not in page
    assert str(not_a_folder) in caplog.text  # where it went wrong: for the operators


def _requested(report, django_capture_on_commit_callbacks, *, minutes_ago):
    """Generation requested ``minutes_ago``; its job never ran (a worker took it and died)."""
    with django_capture_on_commit_callbacks(execute=False):
        services.report_request_generation(report=report)
    Report.objects.filter(pk=report.pk).update(
        generation_started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    report.refresh_from_db()
    assert report.status == Report.Status.GENERATING
    return report


def test_a_generation_that_outlives_the_timeout_fails_on_its_page_and_can_be_retried(
    settings, client_for, dialog_data, period, django_capture_on_commit_callbacks
):
    settings.REPORT_GENERATION_TIMEOUT = 600
    settings.PAGE_CACHE_TIMEOUT = 600
    client = client_for(Role.VERWALTUNG)
    report = services.report_create(author=client.user, title="Verloren", **period)
    report = _requested(report, django_capture_on_commit_callbacks, minutes_ago=5)

    page = client.get(report.get_absolute_url())
    assert "wird erzeugt" in page.content.decode()
    assert "no-store" in page["Cache-Control"]  # never kept by the page cache
    Report.objects.filter(pk=report.pk).update(  # no signal: nothing tells the page cache
        generation_started_at=timezone.now() - datetime.timedelta(minutes=11)
    )

    page = client.get(report.get_absolute_url()).content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "nicht innerhalb von 10 Minuten beendet" in page
    assert "Erneut versuchen" in page
    status = client.get(reverse("reports:status", args=[report.pk])).json()
    assert status["status"] == "failed" and status["done"] is True

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:generate", args=[report.pk]), {"retry": "1"})
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error_message


def test_the_status_poll_fails_a_stale_generation_too(
    settings, client_for, period, django_capture_on_commit_callbacks
):
    settings.REPORT_GENERATION_TIMEOUT = 60
    client = client_for(Role.VERWALTUNG)
    report = services.report_create(author=client.user, title="Verloren", **period)
    _requested(report, django_capture_on_commit_callbacks, minutes_ago=2)

    status = client.get(reverse("reports:status", args=[report.pk])).json()

    assert status["status"] == "failed" and status["done"] is True
    assert "Erneut versuchen" in status["error"]


def test_posting_generate_restarts_a_stale_generation_and_leaves_a_fresh_one_alone(
    settings, client_for, dialog_data, period, django_capture_on_commit_callbacks
):
    settings.REPORT_GENERATION_TIMEOUT = 600
    client = client_for(Role.VERWALTUNG)
    report = services.report_create(author=client.user, title="Hängt", **period)
    report = _requested(report, django_capture_on_commit_callbacks, minutes_ago=1)
    url = reverse("reports:generate", args=[report.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Das PDF wird bereits erzeugt" in response.content.decode()
    unchanged = Report.objects.get(pk=report.pk)
    assert unchanged.status == Report.Status.GENERATING
    assert unchanged.generation_started_at == report.generation_started_at

    Report.objects.filter(pk=report.pk).update(
        generation_started_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"retry": "1"})
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error_message
    assert timezone.now() - report.generation_started_at < datetime.timedelta(minutes=1)


def test_try_again_works_on_a_draft(client_for, period, django_capture_on_commit_callbacks):
    client = client_for(Role.VERWALTUNG)
    report = services.report_create(author=client.user, title="Noch nie erzeugt", **period)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:generate", args=[report.pk]), {"retry": "1"})
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error_message
    assert report.generation_started_at is not None


def test_beat_fails_generations_older_than_the_timeout(
    settings, staff_user, period, django_capture_on_commit_callbacks
):
    settings.REPORT_GENERATION_TIMEOUT = 300
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "reports.fail_stale_generations"
    )
    assert entry["schedule"] <= settings.REPORT_GENERATION_TIMEOUT
    lost = services.report_create(author=staff_user, title="Verloren", **period)
    lost = _requested(lost, django_capture_on_commit_callbacks, minutes_ago=6)
    running = services.report_create(author=staff_user, title="Läuft noch", **period)
    running = _requested(running, django_capture_on_commit_callbacks, minutes_ago=4)

    celery_app.tasks["reports.fail_stale_generations"].apply()

    lost.refresh_from_db()
    running.refresh_from_db()
    assert lost.status == Report.Status.FAILED
    assert "nicht innerhalb von 5 Minuten beendet" in lost.error_message
    assert running.status == Report.Status.GENERATING
    # A worker that still finishes the lost job later stores nothing.
    assert services.report_generate(report_id=lost.pk).status == Report.Status.FAILED
    assert not Report.objects.get(pk=lost.pk).pdf


def test_a_starting_worker_queues_again_what_the_file_broker_lost(
    settings, staff_user, period, django_capture_on_commit_callbacks
):
    settings.REPORT_GENERATION_TIMEOUT = 300
    lost = services.report_create(author=staff_user, title="Mit dem Worker verloren", **period)
    lost = _requested(lost, django_capture_on_commit_callbacks, minutes_ago=1)
    waiting = services.report_create(author=staff_user, title="Wartet in der Schlange", **period)
    waiting = _requested(waiting, django_capture_on_commit_callbacks, minutes_ago=1)
    stale = services.report_create(author=staff_user, title="Zu alt", **period)
    stale = _requested(stale, django_capture_on_commit_callbacks, minutes_ago=10)

    assert services.report_requeue_lost_generations(still_queued={waiting.pk}) == 1

    lost.refresh_from_db()
    waiting.refresh_from_db()
    stale.refresh_from_db()
    assert lost.status == Report.Status.READY, lost.error_message
    assert waiting.status == Report.Status.GENERATING  # its job is still to come
    assert stale.status == Report.Status.FAILED


def test_the_jobs_waiting_in_the_file_broker_are_found(tmp_path):
    from celery import Celery

    from reports.tasks import _queued_report_ids

    queue = tmp_path / "queue"
    queue.mkdir()
    folders = {"data_folder_in": str(queue), "data_folder_out": str(queue)}
    file_broker = Celery(
        broker="filesystem://", broker_transport_options=folders, set_as_current=False
    )
    file_broker.send_task("reports.generate_report", args=[41])
    file_broker.send_task("reports.generate_report", args=[42])
    file_broker.send_task("events.expire_unconfirmed_registrations", args=[43])
    (queue / "0_kaputt.celery.msg").write_text("{")

    assert _queued_report_ids(queue) == {41, 42}


def test_a_report_deleted_while_it_is_rendered_leaves_no_file(
    staff_user, period, django_capture_on_commit_callbacks
):
    report = services.report_create(author=staff_user, title="Gelöscht", **period)
    report = _requested(report, django_capture_on_commit_callbacks, minutes_ago=0)
    services.report_take_snapshot(report_id=report.pk)
    services.report_delete(report=report, deleted_by=staff_user)

    assert services.report_generate(report_id=report.pk) is None
    assert generate_report.apply(args=[report.pk]).get() is None


def test_numbers_follow_the_council_style_and_are_never_reused(settings, staff_user, period):
    settings.REPORT_NUMBER_PREFIX = "FB 02"
    settings.REPORT_ELECTORAL_PERIOD = 17
    first = services.report_create(author=staff_user, title="Erster", **period)
    first.delete()
    second = services.report_create(author=staff_user, title="Zweiter", **period)

    assert first.number == "FB 02/0001/WP17"
    assert second.number == "FB 02/0002/WP17"


def test_open_process_lists_new_deferred_and_dropped_measures_with_reasons(
    staff_user, dialog_data, period, django_capture_on_commit_callbacks
):
    m1, m2, _m3 = dialog_data["measures"]
    measure_change_status(measure=m1, status="deferred", reason="Keine Kapazität bis 2027")
    measure_change_status(measure=m2, status="dropped", reason="Vom Markt erledigt")

    report = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)

    process = report.snapshot["sections"]["open_process"]
    assert [row["code"] for row in process["deferred"]] == ["M-01"]
    assert process["deferred"][0]["reason"] == "Keine Kapazität bis 2027"
    assert [row["code"] for row in process["dropped"]] == ["M-02"]
    assert {row["code"] for row in process["new"]} == {"M-01", "M-02", "M-03"}
    text, _ = pdf_text(report)
    assert "Keine Kapazität bis 2027" in text
    assert "Vom Markt erledigt" in text


def test_next_report_says_what_changed_since_the_previous_one(
    staff_user, dialog_data, period, django_capture_on_commit_callbacks
):
    first = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)
    services.report_release(report=first, released_by=staff_user, notify=False)
    measure_change_status(measure=dialog_data["measures"][2], status="planned")
    MeasureFactory(
        code="M-09",
        title="Neue Idee aus dem Beirat",
        field_of_action=dialog_data["fields"][1],
        status="idea",
    )

    second = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)

    changes = second.snapshot["sections"]["changes"]
    assert changes["previous"]["number"] == first.number
    assert [row["code"] for row in changes["measures"]["new"]] == ["M-09"]
    assert [(row["code"], row["to"]) for row in changes["measures"]["status_changed"]] == [
        ("M-03", "geplant")
    ]
    text, _ = pdf_text(second)
    assert first.number in text
    assert "Neue Idee aus dem Beirat" in text


def test_pdf_metadata_names_title_language_and_fixed_dates(
    staff_user, dialog_data, period, django_capture_on_commit_callbacks
):
    import io

    from pypdf import PdfReader

    report = _generated(staff_user, dialog_data, period, django_capture_on_commit_callbacks)
    reader = PdfReader(io.BytesIO(report.pdf.read()))

    assert reader.metadata.title == f"{report.number} – {report.title}"
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert (
        reader.metadata.creation_date.replace(tzinfo=None)
        == report.snapshot_taken_at.replace(tzinfo=None) - report.snapshot_taken_at.utcoffset()
    )
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu-Sans" in name for name in fonts), fonts


def test_generation_task_survives_a_lost_worker():
    assert generate_report.acks_late is True
    assert generate_report.reject_on_worker_lost is True
    assert generate_report.max_retries >= 3

"""Report pages: who sees which report, forms, status polling and query counts."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from dialog.accounts.roles import Role
from reports.models import Report

from .factories import ReportFactory, released_report

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"


def _urls(report):
    return [
        reverse("reports:detail", args=[report.pk]),
        reverse("reports:pdf", args=[report.pk]),
        reverse("reports:status", args=[report.pk]),
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        (Role.BEIRAT, 404),
        (Role.PARTNER, 404),
        (Role.AUSSCHUSS, 200),
        (Role.VERWALTUNG, 200),
    ],
)
def test_non_public_released_report_reaches_committee_and_staff_only(role, expected, client_for):
    report = released_report(visibility=Report.Visibility.NON_PUBLIC)
    client = client_for(role)
    for url in _urls(report):
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302 and response["Location"].startswith(LOGIN), url
        else:
            assert response.status_code == expected, url


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        (Role.BEIRAT, 404),
        (Role.PARTNER, 404),
        (Role.AUSSCHUSS, 404),
        (Role.VERWALTUNG, 200),
    ],
)
def test_drafts_reach_staff_only(role, expected, client_for):
    report = ReportFactory()
    client = client_for(role)
    for url in _urls(report)[::2]:  # a draft has no PDF yet
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302 and response["Location"].startswith(LOGIN), url
        else:
            assert response.status_code == expected, url


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", {"öffentlich"}),
        (Role.BEIRAT, {"öffentlich"}),
        (Role.PARTNER, {"öffentlich"}),
        (Role.AUSSCHUSS, {"öffentlich", "nichtöffentlich"}),
        (Role.VERWALTUNG, {"öffentlich", "nichtöffentlich", "Entwurf"}),
    ],
)
def test_archive_lists_what_the_role_may_see(role, visible, client_for):
    released_report(title="Bericht öffentlich")
    released_report(title="Bericht nichtöffentlich", visibility=Report.Visibility.NON_PUBLIC)
    ReportFactory(title="Bericht Entwurf")
    content = client_for(role).get(reverse("reports:list")).content.decode()
    for word in ("öffentlich", "nichtöffentlich", "Entwurf"):
        assert (f"Bericht {word}</a>" in content) == (word in visible), word


def test_archive_filters_by_year_and_search(client):
    released_report(title="Frühjahrsbericht", period_end=datetime.date(2025, 6, 30))
    released_report(title="Herbstbericht", period_end=datetime.date(2026, 6, 30))
    content = client.get(reverse("reports:list"), {"year": 2025}).content.decode()
    assert "Frühjahrsbericht" in content and "Herbstbericht" not in content
    content = client.get(reverse("reports:list"), {"q": "herbst"}).content.decode()
    assert "Herbstbericht" in content and "Frühjahrsbericht" not in content
    content = client.get(reverse("reports:list"), {"year": "kein-jahr"}).content.decode()
    assert "Herbstbericht" not in content or "Jahr" in content


def test_archive_has_a_friendly_empty_state(client):
    assert "Keine Berichte gefunden" in client.get(reverse("reports:list")).content.decode()


def test_pdf_is_served_as_download(client):
    report = released_report()
    response = client.get(reverse("reports:pdf", args=[report.pk]), {"download": "1"})
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_status_url_answers_json_for_polling(client_for):
    report = ReportFactory(status=Report.Status.GENERATING)
    response = client_for(Role.VERWALTUNG).get(reverse("reports:status", args=[report.pk]))
    assert json.loads(response.content) == {
        "status": "generating",
        "label": "wird erzeugt",
        "error": "",
        "done": False,
        "page_count": None,
    }


def test_page_of_a_report_being_generated_polls_without_inline_script(client_for):
    report = ReportFactory(status=Report.Status.GENERATING)
    content = client_for(Role.VERWALTUNG).get(report.get_absolute_url()).content.decode()
    assert "js/reports.js" in content
    assert reverse("reports:status", args=[report.pk]) in content
    assert "Seite neu laden" in content
    assert "<script>" not in content and "http-equiv" not in content


def test_staff_create_a_draft_with_the_next_number(client_for, settings):
    client = client_for(Role.VERWALTUNG)
    response = client.post(
        reverse("reports:create"),
        {
            "title": "Sachstandsbericht 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "visibility": "public",
            "resolution_proposal": "Der Ausschuss nimmt Kenntnis.",
            "financial_effects": "Keine.",
        },
    )
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.number.startswith(settings.REPORT_NUMBER_PREFIX)
    assert report.status == Report.Status.DRAFT and report.author == client.user


def test_bad_period_re_renders_the_form_in_german(client_for):
    response = client_for(Role.VERWALTUNG).post(
        reverse("reports:create"),
        {
            "title": "X",
            "period_start": "2026-06-30",
            "period_end": "2026-01-01",
            "visibility": "public",
            "resolution_proposal": "a",
            "financial_effects": "b",
        },
    )
    assert response.status_code == 200
    assert "Das Ende des Berichtszeitraums liegt vor seinem Beginn." in response.content.decode()
    assert not Report.objects.exists()


def test_staff_cannot_edit_a_released_report(client_for):
    report = released_report()
    response = client_for(Role.VERWALTUNG).get(reverse("reports:edit", args=[report.pk]))
    assert response.status_code == 403


def test_releasing_a_draft_without_pdf_is_refused_with_a_message(client_for):
    report = ReportFactory()
    client = client_for(Role.VERWALTUNG)
    response = client.post(reverse("reports:release", args=[report.pk]), follow=True)
    assert "Nur ein fertig erzeugter Bericht kann freigegeben werden." in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


@pytest.mark.parametrize("role", [Role.VERWALTUNG, "anonymous"])
def test_archive_query_count_does_not_grow_with_reports(role, client_for, count_queries):
    client = client_for(role)
    url = reverse("reports:list")
    for _ in range(2):
        released_report()
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for _ in range(18):
        released_report()
    many = count_queries(lambda: client.get(url))
    assert few == many


def test_detail_query_count_does_not_grow_with_other_reports(client_for, count_queries):
    client = client_for(Role.AUSSCHUSS)
    report = released_report()
    url = report.get_absolute_url()
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for _ in range(10):
        released_report(corrects=report)
    many = count_queries(lambda: client.get(url))
    assert few == many


def test_schedule_list_query_count_is_flat(client_for, count_queries):
    from reports.models import ReportSchedule
    from reports.services import report_schedule_save

    from .factories import CommitteeFactory

    client = client_for(Role.VERWALTUNG)
    url = reverse("reports:schedules")

    def add(n):
        for i in range(n):
            report_schedule_save(
                schedule=ReportSchedule(
                    name=f"Plan {ReportSchedule.objects.count()} {i}",
                    kind="quarterly",
                    committee=CommitteeFactory(),
                )
            )

    add(2)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    add(18)
    many = count_queries(lambda: client.get(url))
    assert few == many


def test_committee_dashboard_points_to_the_latest_report(client_for):
    report = released_report(title="Der neueste Bericht")
    content = client_for(Role.AUSSCHUSS).get("/").content.decode()
    assert report.get_absolute_url() in content


def test_staff_dashboard_counts_reports_waiting_for_release(client_for):
    ReportFactory(status=Report.Status.READY, pdf_sha256="x")
    ReportFactory()
    content = client_for(Role.VERWALTUNG).get("/").content.decode()
    assert "1 bereit zur Freigabe, 1 in Arbeit." in content


# --- Releasing, deleting, plausibility -----------------------------------------------------
def _ready_report(**kwargs):
    return ReportFactory(
        status=Report.Status.READY, pdf_sha256="0" * 64, pdf_page_count=3, **kwargs
    )


def test_release_asks_for_confirmation_first(client_for):
    report = _ready_report(visibility=Report.Visibility.NON_PUBLIC)
    client = client_for(Role.VERWALTUNG)
    url = reverse("reports:release", args=[report.pk])
    detail = client.get(report.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail  # a link to the confirmation, no direct release

    page = client.get(url).content.decode()
    assert "Die Freigabe ist endgültig." in page
    assert "nichtöffentlich" in page and 'type="checkbox"' in page and 'name="confirm"' in page

    response = client.post(url)  # without the checkbox
    assert response.status_code == 200
    assert "Bitte bestätigen Sie die Freigabe" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.READY

    response = client.post(url, {"confirm": "on"}, follow=True)
    assert "ist freigegeben" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.RELEASED and report.released_by == client.user


def test_release_page_of_a_draft_says_it_is_not_ready(client_for):
    report = ReportFactory()
    client = client_for(Role.VERWALTUNG)
    response = client.get(reverse("reports:release", args=[report.pk]), follow=True)
    assert "Nur ein fertig erzeugter Bericht kann freigegeben werden." in response.content.decode()
    response = client.post(reverse("reports:release", args=[report.pk]), {"confirm": "on"})
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_staff_delete_a_draft_after_confirming(
    client_for, settings, django_capture_on_commit_callbacks
):
    report = _ready_report()
    pdf = settings.MEDIA_ROOT / "berichte" / report.pdf_filename
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.4\n")
    Report.objects.filter(pk=report.pk).update(pdf=f"berichte/{report.pdf_filename}")
    client = client_for(Role.VERWALTUNG)
    url = reverse("reports:delete", args=[report.pk])
    assert f'href="{url}"' in client.get(report.get_absolute_url()).content.decode()

    page = client.get(url).content.decode()
    assert "Endgültig löschen" in page and report.number in page
    assert Report.objects.filter(pk=report.pk).exists()  # looking is not deleting

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert f"Der Bericht {report.number} wurde gelöscht." in response.content.decode()
    assert not Report.objects.filter(pk=report.pk).exists()
    assert not pdf.exists()


def test_a_released_report_cannot_be_deleted(client_for):
    report = released_report()
    client = client_for(Role.VERWALTUNG)
    assert (
        reverse("reports:delete", args=[report.pk])
        not in client.get(report.get_absolute_url()).content.decode()
    )
    assert client.get(reverse("reports:delete", args=[report.pk])).status_code == 403
    assert client.post(reverse("reports:delete", args=[report.pk])).status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()


@pytest.mark.parametrize("role", [Role.AUSSCHUSS, Role.BEIRAT])
def test_only_staff_delete_drafts(role, client_for):
    report = ReportFactory()
    assert client_for(role).post(reverse("reports:delete", args=[report.pk])).status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()


def _draft_form(meeting=None, **fields):
    data = {
        "title": "Sachstandsbericht",
        "period_start": "2026-01-01",
        "period_end": "2026-02-28",
        "visibility": "public",
        "resolution_proposal": "Der Ausschuss nimmt Kenntnis.",
        "financial_effects": "Keine.",
    }
    if meeting is not None:
        data["meeting"] = meeting.pk
    return {**data, **fields}


def _meeting_on(day):
    from .factories import CommitteeMeetingFactory

    return CommitteeMeetingFactory(
        starts_at=timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 17))
    )


def test_period_may_not_end_after_the_meeting(client_for):
    meeting = _meeting_on(timezone.localdate() + datetime.timedelta(days=10))
    end = timezone.localdate() + datetime.timedelta(days=11)
    response = client_for(Role.VERWALTUNG).post(
        reverse("reports:create"), _draft_form(meeting, period_end=end.isoformat())
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f"Der Berichtszeitraum endet am {end:%d.%m.%Y}, nach der Sitzung am" in content
    assert not Report.objects.exists()


def test_a_new_draft_is_not_made_for_a_past_meeting(client_for):
    past = _meeting_on(timezone.localdate() - datetime.timedelta(days=3))
    response = client_for(Role.VERWALTUNG).post(
        reverse("reports:create"), _draft_form(past, period_start="2025-01-01")
    )
    content = response.content.decode()
    assert "liegt in der Vergangenheit. Bitte wählen Sie eine kommende Sitzung." in content
    assert not Report.objects.exists()


def test_a_draft_whose_meeting_has_passed_can_still_be_edited(client_for):
    past = _meeting_on(timezone.localdate() - datetime.timedelta(days=3))
    report = ReportFactory(meeting=past, period_end=datetime.date(2026, 2, 28))
    response = client_for(Role.VERWALTUNG).post(
        reverse("reports:edit", args=[report.pk]), _draft_form(past, title="Neuer Titel")
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "Neuer Titel"


def test_one_draft_per_meeting(client_for):
    first = ReportFactory(period_end=datetime.date(2026, 2, 28))
    response = client_for(Role.VERWALTUNG).post(
        reverse("reports:create"), _draft_form(first.meeting)
    )
    content = response.content.decode()
    assert f"gibt es schon den Bericht {first.number}, der noch nicht freigegeben ist" in content
    assert Report.objects.count() == 1


def test_start_after_end_is_refused_by_the_service_in_german(staff_user):
    from django.core.exceptions import ValidationError

    from reports import services

    with pytest.raises(ValidationError) as refused:
        services.report_create(
            author=staff_user,
            title="Verkehrt herum",
            period_start=datetime.date(2026, 3, 1),
            period_end=datetime.date(2026, 1, 1),
        )
    assert refused.value.message_dict == {
        "period_end": ["Das Ende des Berichtszeitraums liegt vor seinem Beginn."]
    }

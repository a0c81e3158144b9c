"""Demo reports: two released reports from past years and one draft for the next meeting,
made by the real pipeline (snapshot, templates, WeasyPrint). Idempotent: keyed by title."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from dialog.committee.models import Committee, CommitteeMeeting

from .models import Report
from .services import report_create, report_generate

COMMITTEE = "Ausschuss für Arbeit, Wirtschaft und Wissenschaft"
HISTORICAL = [
    # title, period start, period end, meeting (local), visibility
    (
        "Sachstandsbericht Aachener Industrie-Dialog 2024",
        datetime.date(2024, 1, 1),
        datetime.date(2024, 10, 31),
        datetime.datetime(2024, 11, 14, 17, 0),
        Report.Visibility.PUBLIC,
    ),
    (
        "Sachstandsbericht Aachener Industrie-Dialog 2025",
        datetime.date(2024, 11, 1),
        datetime.date(2025, 10, 31),
        datetime.datetime(2025, 11, 13, 17, 0),
        Report.Visibility.NON_PUBLIC,
    ),
]
DRAFT_TITLE = "Sachstandsbericht Aachener Industrie-Dialog (Entwurf)"

FIELDS = [(1, "Fachkräfte und Beschäftigte"), (2, "Standorte und Flächen"), (3, "Kooperation")]
MEASURES = [
    ("D-01", 1, "Woche der Mobilität", "Beschäftigte wechseln für eine Woche die Seiten."),
    ("D-02", 3, "Netzwerk Produktionstechnik", "Das Unternehmensnetzwerk wird neu belebt."),
    ("D-03", 2, "Flächenbörse für Industrie", "Freie Gewerbeflächen werden sichtbar gemacht."),
    ("D-04", 3, "Unternehmerfrühstück", "Regelmäßiger Austausch zu betrieblichen Fragen."),
]
PARTNERS = [("IHK Aachen", "chamber"), ("RWTH Aachen", "university"), ("HWK Aachen", "chamber")]


def _committee():
    committee = Committee.objects.filter(short_name="AAWW").first()
    if committee is None:
        committee, _ = Committee.objects.get_or_create(
            name=COMMITTEE, defaults={"short_name": "AAWW"}
        )
    return committee


def _meeting(committee, starts_at):
    meeting, _ = CommitteeMeeting.objects.get_or_create(
        committee=committee,
        starts_at=timezone.make_aware(starts_at),
        defaults={"location": "Rathaus Aachen, Ratssaal"},
    )
    return meeting


def _upcoming_meeting(committee):
    upcoming = committee.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    if upcoming.exists():
        return upcoming.first()
    day = timezone.localdate() + datetime.timedelta(days=30)
    return _meeting(committee, datetime.datetime(day.year, day.month, day.day, 17, 0))


def _ensure_measures():
    """Use the measures demo if it ran; otherwise a few measures of our own."""
    from measures.models import FieldOfAction, Measure, MeasurePartner, Partner

    if Measure.objects.exists():
        return
    fields = {
        number: FieldOfAction.objects.get_or_create(number=number, defaults={"title": title})[0]
        for number, title in FIELDS
    }
    partners = [
        Partner.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in PARTNERS
    ]
    for index, (code, field, title, summary) in enumerate(MEASURES):
        measure, _ = Measure.objects.get_or_create(
            code=code,
            defaults={"title": title, "summary": summary, "field_of_action": fields[field]},
        )
        MeasurePartner.objects.get_or_create(
            measure=measure,
            partner=partners[index % len(partners)],
            defaults={"role": MeasurePartner.Role.LEAD},
        )


def _generate_now(report, stdout):
    """Generate synchronously through the service; a failure leaves a draft, never a crash."""
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.GENERATING, snapshot=None, error_message=""
    )
    try:
        report = report_generate(report_id=report.pk)
    except Exception as exc:  # the demo must load even without a working PDF engine
        report.status = Report.Status.FAILED
        stdout.write(f"  Bericht {report.number}: PDF nicht erzeugt ({exc})")
    if report.status != Report.Status.READY:
        Report.objects.filter(pk=report.pk).update(status=Report.Status.DRAFT)
        report.refresh_from_db()
    return report


def load(stdout):
    staff = get_user_model().objects.filter(email="verwaltung@example.org").first()
    committee = _committee()
    _ensure_measures()
    for title, start, end, meeting_at, visibility in HISTORICAL:
        if Report.objects.filter(title=title).exists():
            continue
        meeting = _meeting(committee, meeting_at)
        report = report_create(
            author=staff,
            title=title,
            period_start=start,
            period_end=end,
            meeting=meeting,
            visibility=visibility,
            file_reference="FB 02/80-10",
        )
        report = _generate_now(report, stdout)
        if report.status == Report.Status.READY:
            # Released two weeks before its meeting, as it would have been. Not through
            # report_release, which stamps "now": a released report is never changed after.
            Report.objects.filter(pk=report.pk, status=Report.Status.READY).update(
                status=Report.Status.RELEASED,
                released_by=staff,
                released_at=meeting.starts_at - datetime.timedelta(days=14),
            )
    if not Report.objects.filter(title=DRAFT_TITLE).exists():
        report_create(
            author=staff,
            title=DRAFT_TITLE,
            period_start=datetime.date(2025, 11, 1),
            period_end=timezone.localdate(),
            meeting=_upcoming_meeting(committee),
        )
    stdout.write(
        f"Berichte: {Report.objects.count()} (davon freigegeben: "
        f"{Report.objects.released().count()})"
    )

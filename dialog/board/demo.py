"""Demo data of the Unternehmerbeirat (fictitious people and companies).

Idempotent: everything is found again by stable keys (e-mail, title, date); random choices use
a fixed seed. Works with or without the companies' and measures' demo data: it uses what exists
and creates a few companies and measures of its own only when there are none.
"""

import calendar
import datetime
import logging
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from companies.models import Company
from dialog.accounts.roles import Role
from dialog.accounts.services import user_set_role
from measures.models import FieldOfAction, Measure

from .models import (
    AgendaItem,
    BoardDocument,
    BoardMeeting,
    BoardMembership,
    MeasureComment,
    PriorityRound,
    PriorityVote,
    Resolution,
)
from .selectors import RATED_STATES

BERLIN = ZoneInfo("Europe/Berlin")
# The other members' accounts live below example.org too, but not directly at it: the
# foundation's demo test counts exactly the four demo accounts ending in "@example.org".
MEMBER_DOMAIN = "beirat.example.org"
DEMO_PASSWORD = "demo-passwort-2014"
SEED = 2014

# email, name, company, role, from, until
MEMBERS = [
    (
        "beirat@example.org",
        "Dr. Markus Offermann",
        "Offermann Präzisionsteile GmbH",
        "chair",
        datetime.date(2014, 6, 1),
        None,
    ),
    (
        f"h.brammertz@{MEMBER_DOMAIN}",
        "Hubert Brammertz",
        "Brammertz Maschinenbau GmbH & Co. KG",
        "deputy",
        datetime.date(2014, 6, 1),
        None,
    ),
    (
        f"g.kreuzer@{MEMBER_DOMAIN}",
        "Gisela Kreuzer",
        "Kreuzer Gießtechnik GmbH",
        "member",
        datetime.date(2014, 6, 1),
        None,
    ),
    (
        f"a.nellessen@{MEMBER_DOMAIN}",
        "Anke Nellessen",
        "Nellessen Oberflächentechnik GmbH",
        "member",
        datetime.date(2014, 6, 1),
        None,
    ),
    (
        f"t.heusch@{MEMBER_DOMAIN}",
        "Thomas Heusch",
        "Eilendorfer Pumpenwerk GmbH",
        "member",
        datetime.date(2016, 1, 1),
        None,
    ),
    (
        f"s.dovern@{MEMBER_DOMAIN}",
        "Sandra Dovern",
        "Haarener Kunststofftechnik GmbH",
        "member",
        datetime.date(2017, 3, 1),
        None,
    ),
    (
        f"m.jansen@{MEMBER_DOMAIN}",
        "Dr. Mehmet Jansen-Yilmaz",
        "Laurensberger Sensorik GmbH",
        "member",
        datetime.date(2019, 1, 1),
        None,
    ),
    (
        f"c.bongartz@{MEMBER_DOMAIN}",
        "Claudia Bongartz",
        "Walheimer Blechbearbeitung GmbH",
        "member",
        datetime.date(2021, 6, 1),
        None,
    ),
    (
        f"w.hoengen@{MEMBER_DOMAIN}",
        "Wilfried Hoengen",
        "Richtericher Zahnradfabrik GmbH",
        "member",
        datetime.date(2014, 6, 1),
        datetime.date(2018, 12, 31),
    ),
    (
        f"r.pauls@{MEMBER_DOMAIN}",
        "Renate Pauls",
        "Brander Stahlbau GmbH",
        "member",
        datetime.date(2014, 6, 1),
        datetime.date(2020, 12, 31),
    ),
]
COMPANY_DISTRICTS = ["brand", "eilendorf", "haaren", "laurensberg", "richterich", "mitte"]

OWN_MEASURES = [
    ("B-01", "Unternehmerfrühstück Industrie", "Regelmäßiger Austausch der Industrieunternehmen."),
    ("B-02", "Woche der Mobilität", "Beschäftigte wechseln für eine Woche die Seiten."),
    ("B-03", "Netzwerk Produktionstechnik", "Das Unternehmensnetzwerk wiederbeleben."),
    ("B-04", "Flächenbörse für Gewerbe", "Freie Gewerbeflächen schneller vermitteln."),
]

TOPICS = [
    "Bericht der Wirtschaftsförderung zum Stand des Handlungskonzepts",
    "Fachkräftesicherung in der Produktion",
    "Gewerbeflächen und Standortentwicklung",
    "Energiekosten und Versorgungssicherheit",
    "Kooperation mit RWTH Aachen und FH Aachen",
    "Unternehmensnachfolge in kleinen und mittleren Betrieben",
    "Vorbereitung der Woche der Mobilität",
    "Digitalisierung in der Fertigung",
]

COMMENTS = [
    "Aus unserer Sicht eine der wichtigsten Maßnahmen – wir beteiligen uns gern.",
    "Bitte die kleinen Betriebe früh einbinden, sonst kommt es dort nicht an.",
    "Gute Erfahrungen bei uns im Betrieb; der Zeitplan sollte aber realistisch bleiben.",
    "Wir schlagen vor, die IHK Aachen und die HWK Aachen gemeinsam anzusprechen.",
]


def _aware(day, hour, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def _second_weekday(year, month, weekday):
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month]
    return [d for d in days if d.weekday() == weekday][1]


def _demo_pdf(title, lines):
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.WARNING)

    items = "".join(f"<li>{line}</li>" for line in lines)
    html = (
        "<html lang='de'><body style='font-family: DejaVu Sans, sans-serif'>"
        f"<h1>{title}</h1><p>Unternehmerbeirat des Aachener Industrie-Dialogs</p>"
        f"<ol>{items}</ol></body></html>"
    )
    return HTML(string=html).write_pdf()


def load(stdout):
    rng = random.Random(SEED)
    members = _members()
    measures = _measures()
    meetings = _meetings(rng, members, measures)
    _voting_rounds(rng, members, measures)
    _comments(members, measures)
    stdout.write(f"  Unternehmerbeirat: {len(members)} Mitglieder, {len(meetings)} Sitzungen")


def _company(name, index):
    existing = Company.objects.filter(name=name).first()
    if existing:
        return existing
    legal_form = "GmbH & Co. KG" if name.endswith("KG") else "GmbH"
    return Company.objects.create(
        name=name,
        legal_form=legal_form,
        district=COMPANY_DISTRICTS[index % len(COMPANY_DISTRICTS)],
        founded_year=1950 + 7 * index,
        production_intensive=True,
    )


def _members():
    User = get_user_model()
    memberships = []
    for index, (email, name, company_name, role, started, ended) in enumerate(MEMBERS):
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "organisation": company_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if user.role != Role.BEIRAT:
            user_set_role(user=user, role=Role.BEIRAT)
        if role != "member" and ended is None:
            # Staff may have given the office to someone else meanwhile: keep theirs.
            taken = BoardMembership.objects.filter(role=role, ended_on__isnull=True)
            if taken.exclude(user=user).exists():
                role = "member"
        # A person holds one membership at a time: keep the one staff may have entered since.
        membership = BoardMembership.objects.filter(user=user).order_by("-started_on").first()
        if membership is None:
            membership = BoardMembership.objects.create(
                user=user,
                started_on=started,
                role=role,
                ended_on=ended,
                company=_company(company_name, index),
            )
        memberships.append(membership)
    return memberships


def _measures():
    """The measures the board talks about: the measures demo's if there are any, else a few."""
    measures = list(Measure.objects.select_related("field_of_action").order_by("code")[:12])
    if measures:
        return measures
    field, _ = FieldOfAction.objects.get_or_create(
        number=1, defaults={"title": "Austausch und Vernetzung"}
    )
    for code, title, summary in OWN_MEASURES:
        Measure.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "summary": summary,
                "field_of_action": field,
                "status": Measure.Status.PLANNED,
            },
        )
    return list(Measure.objects.filter(code__startswith="B-").order_by("code"))


def _meeting_dates():
    """Three meetings a year (February, June, October) from June 2014 to nine months ahead."""
    until = timezone.localdate() + datetime.timedelta(days=270)
    dates = []
    for year in range(2014, until.year + 1):
        for month in (2, 6, 10):
            day = _second_weekday(year, month, 2)
            if datetime.date(2014, 6, 1) <= day <= until:
                dates.append(_aware(day, 17, 30))
    return dates


def _meetings(rng, members, measures):
    now = timezone.now()
    dates = _meeting_dates()
    past = [d for d in dates if d < now]
    staff = get_user_model().objects.filter(email="verwaltung@example.org").first()
    emails = [m.user.email for m in members if m.ended_on is None]
    meetings = []
    for number, starts_at in enumerate(dates, start=1):
        title = f"{number}. Sitzung des Unternehmerbeirats"
        is_past = starts_at < now
        latest_past = is_past and starts_at == past[-1]
        meeting, created = BoardMeeting.objects.get_or_create(
            title=title,
            defaults={
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=2),
                "location": rng.choice(
                    [
                        "Rathaus Aachen, Weißer Saal",
                        "Verwaltungsgebäude Katschhof, Raum 120",
                        "Technologiezentrum am Europaplatz",
                        "Gastgeber: ein Mitgliedsunternehmen (Betriebsbesichtigung)",
                    ]
                ),
                "invitation_sent_at": starts_at - datetime.timedelta(days=21) if is_past else None,
            },
        )
        meetings.append(meeting)
        if not created:
            continue
        topics = rng.sample(TOPICS[1:], 2)
        items = [(TOPICS[0], None)] + [(topic, None) for topic in topics]
        if measures:
            measure = measures[number % len(measures)]
            items.append((f"Maßnahme {measure.code}: {measure.title}", measure))
        agenda = [
            AgendaItem.objects.create(meeting=meeting, position=pos, title=t, measure=m)
            for pos, (t, m) in enumerate(items, start=1)
        ]
        if is_past:
            _minutes_and_resolutions(
                rng,
                meeting,
                agenda,
                emails,
                released=not latest_past,
                pending=latest_past,
                staff=staff,
            )
        else:
            pdf = _demo_pdf(f"Tagesordnung: {title}", [item.title for item in agenda])
            document = BoardDocument(
                meeting=meeting,
                original_name=f"Tagesordnung {number}. Sitzung.pdf",
                content_type="application/pdf",
                size=len(pdf),
                uploaded_by=staff,
            )
            document.file.save("tagesordnung.pdf", ContentFile(pdf), save=False)
            document.save()
    return meetings


def _minutes_and_resolutions(rng, meeting, agenda, emails, *, released, pending, staff):
    present = rng.randint(max(3, len(emails) - 3), len(emails))
    lines = [
        f"Anwesend: {present} Mitglieder des Beirats, zwei Vertreterinnen der "
        "Wirtschaftsförderung (FB 02).",
    ]
    for item in agenda:
        lines.append(
            f"TOP {item.position} – {item.title}: Der Beirat erörtert den Stand und "
            "bittet die Verwaltung, in der nächsten Sitzung erneut zu berichten."
        )
    meeting.minutes = "\n\n".join(lines)
    if released:
        meeting.minutes_released_at = meeting.starts_at + datetime.timedelta(days=10)
    meeting.save(update_fields=["minutes", "minutes_released_at"])

    measure_item = next((item for item in agenda if item.measure_id), None)
    against = rng.randint(0, 2)
    abstain = rng.randint(0, 1)
    votes = {
        "votes_for": present - against - abstain,
        "votes_against": against,
        "votes_abstain": abstain,
    }
    Resolution.objects.create(
        meeting=meeting,
        agenda_item=agenda[0],
        text="Der Beirat nimmt den Bericht der Wirtschaftsförderung zur Kenntnis.",
        votes_for=present,
    )
    if measure_item is None:
        return
    measure = measure_item.measure
    if pending:
        # The latest meeting's resolution waits for staff to carry it over to the measure.
        Resolution.objects.create(
            meeting=meeting,
            agenda_item=measure_item,
            text=f"Der Beirat empfiehlt, die Maßnahme {measure.code} mit hoher Priorität "
            "umzusetzen.",
            measure=measure,
            effect=Resolution.Effect.PRIORITISE,
            priority=Measure.Priority.HIGH,
            **votes,
        )
    elif measure.status != Measure.Status.IDEA:
        Resolution.objects.create(
            meeting=meeting,
            agenda_item=measure_item,
            text=f"Der Beirat befürwortet die Maßnahme {measure.code} „{measure.title}“.",
            measure=measure,
            effect=Resolution.Effect.APPROVE,
            applied_at=meeting.starts_at + datetime.timedelta(days=14),
            applied_by=staff,
            **votes,
        )


def _voting_rounds(rng, members, measures):
    voters = [m.user for m in members if m.ended_on is None]
    open_measures = [m for m in measures if m.status in RATED_STATES] or measures
    closed, created = PriorityRound.objects.get_or_create(
        title="Priorisierung 2024",
        defaults={
            "opened_at": datetime.datetime(2024, 9, 2, 9, tzinfo=BERLIN),
            "closed_at": datetime.datetime(2024, 10, 31, 18, tzinfo=BERLIN),
            "is_open": False,
        },
    )
    if created:
        _votes(rng, closed, voters, open_measures)
    if not PriorityRound.objects.filter(is_open=True).exists():
        current, created = PriorityRound.objects.get_or_create(
            title=f"Priorisierung {timezone.localdate().year}",
            defaults={"opened_at": timezone.now() - datetime.timedelta(days=10)},
        )
        if created:
            # The demo account has not voted yet, so it can try the voting itself.
            others = [user for user in voters if user.email != "beirat@example.org"]
            _votes(rng, current, others[:5], open_measures)


def _votes(rng, priority_round, voters, measures):
    weights = {m.pk: rng.randint(2, 5) for m in measures}
    PriorityVote.objects.bulk_create(
        PriorityVote(
            round=priority_round,
            measure=measure,
            voter=voter,
            score=max(1, min(5, weights[measure.pk] + rng.choice([-1, 0, 0, 1]))),
        )
        for voter in voters
        for measure in measures
    )


def _comments(members, measures):
    authors = [
        m.user for m in members if m.ended_on is None and m.user.email != "beirat@example.org"
    ]
    for index, measure in enumerate(measures[:4]):
        MeasureComment.objects.get_or_create(
            measure=measure,
            author=authors[index % len(authors)],
            defaults={
                "text": COMMENTS[index % len(COMMENTS)],
                "created_at": timezone.now() - datetime.timedelta(days=30 - index),
            },
        )

"""Demo data of the events app: exchange formats since 2014, registrations and the Woche der
Mobilität (idempotent; entirely fictitious people and companies)."""

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from companies.models import Company, Network
from measures.models import FieldOfAction, Measure, Partner

from .matching import Applicant, Offer, suggest_matching
from .models import (
    Event,
    MobilityApplication,
    MobilityFeedback,
    MobilityMatch,
    MobilityOffer,
    MobilityWeek,
    Registration,
)

BERLIN = ZoneInfo("Europe/Berlin")
CANCELLED = {datetime.datetime(2020, 4, 2, 9, tzinfo=ZoneInfo("Europe/Berlin"))}

FALLBACK_COMPANIES = [
    "Kaiserstadt Präzisionsdrehteile GmbH",
    "Wurmtal Gießerei GmbH & Co. KG",
    "Haarener Antriebstechnik GmbH",
    "Eilendorfer Stanz- und Biegetechnik GmbH",
    "Brander Kunststofftechnik GmbH",
    "Lousberg Messtechnik GmbH",
    "Rothe Erde Blechbearbeitung KG",
    "Soers Lebensmitteltechnik GmbH",
    "Richtericher Elektromaschinenbau GmbH",
    "Walheimer Oberflächentechnik GmbH",
]
FALLBACK_PARTNERS = [
    ("IHK Aachen", "IHK", Partner.Kind.CHAMBER),
    ("Handwerkskammer Aachen", "HWK", Partner.Kind.CHAMBER),
    ("RWTH Aachen – Werkzeugmaschinenlabor WZL", "WZL", Partner.Kind.UNIVERSITY),
    ("FH Aachen", "FH", Partner.Kind.UNIVERSITY),
    (
        "AGIT – Aachener Gesellschaft für Innovation und Technologietransfer",
        "AGIT",
        Partner.Kind.AGENCY,
    ),
    ("IG Metall Aachen", "IG Metall", Partner.Kind.UNION),
]
FIRST = [
    "Anna",
    "Bernd",
    "Claudia",
    "Dirk",
    "Elke",
    "Frank",
    "Gabi",
    "Heinz",
    "Ines",
    "Jörg",
    "Katrin",
    "Lars",
    "Monika",
    "Norbert",
    "Olga",
    "Peter",
    "Renate",
    "Stefan",
    "Tanja",
    "Uwe",
    "Vera",
    "Wolfgang",
    "Yvonne",
    "Zeynep",
]
LAST = [
    "Aretz",
    "Bündgens",
    "Crumbach",
    "Dahmen",
    "Esser",
    "Frings",
    "Gillessen",
    "Houben",
    "Jansen",
    "Kreutzer",
    "Lennartz",
    "Mertens",
    "Nießen",
    "Offergeld",
    "Pauls",
    "Quadflieg",
    "Rombach",
    "Schmitz",
    "Thelen",
    "Vossen",
    "Wirtz",
    "Zimmermann",
]

# (format, title, visibility, capacity) — one row per historical event, dated below.
FORMATS = {
    "breakfast": ("Unternehmerfrühstück", Event.Visibility.PUBLIC, 30),
    "workshop_talk": ("Werkstattgespräch", Event.Visibility.MEMBERS, 20),
    "site_visit": ("Betriebsbesichtigung", Event.Visibility.PUBLIC, 25),
    "network_meeting": ("Netzwerktreffen Produktionstechnik", Event.Visibility.MEMBERS, 40),
    "workshop": ("Workshop", Event.Visibility.PUBLIC, 18),
    "conference": ("Aachener Industrieforum", Event.Visibility.PUBLIC, 120),
}
TOPICS = {
    "breakfast": [
        "Fachkräfte sichern",
        "Energiepreise im Griff",
        "Nachfolge regeln",
        "Flächen für Produktion",
        "Ausbildung im Verbund",
    ],
    "workshop_talk": [
        "Industrie 4.0 im Mittelstand",
        "Lean Production",
        "Additive Fertigung",
        "Cybersicherheit in der Fertigung",
        "Wasserstoff in der Produktion",
    ],
    "site_visit": ["Gießerei", "Präzisionsdrehteile", "Kunststofftechnik", "Messtechnik"],
    "network_meeting": [
        "Kennzahlen und Benchmarking",
        "Gemeinsamer Einkauf",
        "Kooperation mit der RWTH",
        "Energieeffizienz",
        "Fachkräfte teilen",
    ],
    "workshop": [
        "Fördermittel für Digitalisierung",
        "Arbeitgebermarke",
        "CO₂-Bilanz",
        "Genehmigungsverfahren",
    ],
    "conference": ["Industrie in der Stadt"],
}


def _at(year, month, day, hour=8, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def _companies():
    companies = list(Company.objects.filter(status=Company.Status.ACTIVE).order_by("pk")[:20])
    if len(companies) < 8:
        for name in FALLBACK_COMPANIES:
            company, _created = Company.objects.get_or_create(name=name)
            if company not in companies:
                companies.append(company)
    return companies


def _partners():
    partners = list(Partner.objects.order_by("pk")[:10])
    if not partners:
        partners = [
            Partner.objects.get_or_create(name=name, defaults={"short_name": short, "kind": kind})[
                0
            ]
            for name, short, kind in FALLBACK_PARTNERS
        ]
    # The demo partner account (IHK Aachen) co-organises events.
    user = get_user_model().objects.filter(email="partner@example.org").first()
    ihk = next((p for p in partners if "IHK" in p.name), partners[0])
    if user is not None and not ihk.users.filter(pk=user.pk).exists():
        ihk.users.add(user)
    return partners, ihk


def _measures():
    measures = list(Measure.objects.order_by("code")[:8])
    if measures:
        return measures
    field, _created = FieldOfAction.objects.get_or_create(
        number=3, defaults={"title": "Austausch und Vernetzung der Unternehmen"}
    )
    rows = [
        (
            "M-VA-1",
            "Austauschformate für Unternehmerinnen und Unternehmer",
            "Unternehmerfrühstück, Werkstattgespräch und Betriebsbesichtigung",
        ),
        (
            "M-VA-2",
            "Netzwerk Produktionstechnik wiederbeleben",
            "Regelmäßige Treffen des Unternehmensnetzwerks Produktionstechnik",
        ),
        ("M-VA-3", "Woche der Mobilität", "Beschäftigte hospitieren in anderen Unternehmen"),
    ]
    return [
        Measure.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "summary": summary,
                "field_of_action": field,
                "status": Measure.Status.ACTIVE,
            },
        )[0]
        for code, title, summary in rows
    ]


def _network():
    network = Network.objects.filter(name__icontains="Produktionstechnik").order_by("pk").first()
    if network is None:
        network, _created = Network.objects.get_or_create(
            name="Unternehmensnetzwerk Produktionstechnik Aachen",
            defaults={"description": "Das wiederbelebte Netzwerk der produzierenden Betriebe."},
        )
    return network


def _person(rng):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first} {last}", f"{first}.{last}".lower().replace("ö", "oe").replace("ü", "ue")


def _plan(today):
    """The demo's events: (key, format, starts_at, topic index)."""
    rng = random.Random(2014)
    plan = []
    schedule = ["breakfast", "network_meeting", "workshop_talk", "site_visit", "workshop"]
    for year in range(2014, today.year + 1):
        for slot, month in enumerate((3, 6, 10)):
            kind = schedule[(year + slot) % len(schedule)]
            start = _at(year, month, 10 + rng.randrange(12), 8 if kind == "breakfast" else 16)
            if start.date() < today - datetime.timedelta(days=7):
                plan.append((kind, start))
    plan.append(("conference", _at(2019, 11, 14, 10)))
    plan.append(("workshop", _at(2020, 4, 2, 9)))  # cancelled, see CANCELLED
    # The coming months: something to register for, public events among them.
    base = datetime.datetime.combine(today, datetime.time(8), tzinfo=BERLIN)
    for days, kind, hour in [
        (9, "breakfast", 8),
        (16, "site_visit", 14),
        (23, "network_meeting", 17),
        (37, "workshop", 9),
        (51, "workshop_talk", 16),
        (72, "breakfast", 8),
        (95, "conference", 10),
        (120, "site_visit", 14),
    ]:
        plan.append((kind, (base + datetime.timedelta(days=days)).replace(hour=hour)))
    return plan


def load(stdout):
    rng = random.Random(2014)
    today = timezone.localdate()
    companies = _companies()
    partners, ihk = _partners()
    measures = _measures()
    network = _network()
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@example.org")}
    counters = {}
    events = []
    for kind, start in _plan(today):
        label, visibility, capacity = FORMATS[kind]
        counters[kind] = counters.get(kind, 0) + 1
        topic = TOPICS[kind][counters[kind] % len(TOPICS[kind])]
        host = companies[counters[kind] % len(companies)] if kind == "site_visit" else None
        title = f"{label}: {topic}" if kind != "site_visit" else f"{label} bei {host.name}"
        past = start.date() < today
        small = any(e.capacity == 6 and e.starts_at.date() >= today for e in events)
        duration = {"breakfast": 2, "conference": 7, "workshop": 4}.get(kind, 3)
        event, created = Event.objects.get_or_create(
            title=title,
            starts_at=start,
            defaults={
                "format": kind,
                "ends_at": start + datetime.timedelta(hours=duration),
                "venue": host.name
                if host
                else rng.choice(
                    [
                        "IHK Aachen, Theaterstraße 6–10",
                        "Technologiezentrum am Europaplatz",
                        "Super C der RWTH, Templergraben 57",
                        "Verwaltungsgebäude Katschhof",
                    ]
                ),
                "host_company": host,
                "description": f"{label} des Aachener Industrie-Dialogs zum Thema „{topic}“: "
                "kurze Impulse, viel Zeit für den Austausch unter Unternehmen.",
                # One small upcoming public event is meant to fill up (waitlist demo).
                "capacity": 6 if (not past and kind == "breakfast" and not small) else capacity,
                "visibility": visibility,
                "status": Event.Status.CANCELLED
                if start in CANCELLED
                else (Event.Status.HELD if past else Event.Status.OPEN),
                "cancellation_reason": "Pandemiebedingt abgesagt." if start in CANCELLED else "",
                "network": network if kind == "network_meeting" else None,
            },
        )
        if created:
            event.organisers.set(rng.sample(partners, k=min(2, len(partners))))
            if kind in ("breakfast", "site_visit") and ihk not in event.organisers.all():
                event.organisers.add(ihk)
            event.measures.set(rng.sample(measures, k=1))
            if event.status != Event.Status.CANCELLED:
                _registrations(event, rng, companies, past)
        events.append(event)
    beirat = users.get("beirat@example.org")
    upcoming = [event for event in events if event.starts_at.date() >= today]
    # The demo board member is registered for an upcoming event with free places.
    open_events = [e for e in upcoming if e.capacity > e.registrations.holding_place().count()]
    if beirat and open_events:
        Registration.objects.get_or_create(
            event=open_events[0],
            email=beirat.email,
            defaults={
                "name": beirat.get_full_name(),
                "user": beirat,
                "company_name": beirat.organisation,
                "status": "registered",
                "queued_at": timezone.now(),
            },
        )
    weeks = _mobility(rng, companies, today)
    stdout.write(f"  Veranstaltungen: {len(events)}, Wochen der Mobilität: {weeks}")


def _registrations(event, rng, companies, past):
    if past:
        count = min(event.capacity, rng.randint(8, 22))
    elif event.capacity <= 6:
        count = event.capacity + 3  # full, with a waitlist
    else:
        count = rng.randint(2, min(12, event.capacity - 1))
    now = timezone.now()
    for n in range(count):
        name, local = _person(rng)
        company = rng.choice(companies)
        if n < event.capacity:
            status = (
                (
                    Registration.Status.ATTENDED
                    if rng.random() < 0.85
                    else Registration.Status.NO_SHOW
                )
                if past
                else Registration.Status.REGISTERED
            )
        else:
            status = Registration.Status.WAITLISTED
        Registration.objects.get_or_create(
            event=event,
            email=f"{local}.{event.pk}-{n}@example.org",
            defaults={
                "name": name,
                "company_name": company.name,
                "company": company,
                "status": status,
                "created_at": min(event.starts_at - datetime.timedelta(days=10 - n % 7), now),
                "queued_at": min(event.starts_at - datetime.timedelta(days=10 - n % 7), now),
            },
        )


def _mobility(rng, companies, today):
    """Two editions: last year's (held, with feedback) and the next one."""
    next_year = today.year + (1 if today.month >= 9 else 0)
    created = 0
    for year in (next_year - 1, next_year):
        first = datetime.date(year, 9, 1)
        monday = first + datetime.timedelta(days=(7 - first.weekday()) % 7 + 7)
        week, _new = MobilityWeek.objects.get_or_create(
            year=year,
            defaults={
                "starts_on": monday,
                "ends_on": monday + datetime.timedelta(days=4),
                "application_deadline": monday - datetime.timedelta(days=21),
                "description": "Beschäftigte Aachener Industrieunternehmen wechseln für einige "
                "Tage die Seiten und lernen Abläufe in einem anderen Betrieb kennen.",
            },
        )
        created += 1
        if week.event is None:
            week.event = Event.objects.create(
                title=str(week),
                format=Event.Format.MOBILITY_WEEK,
                starts_at=datetime.datetime.combine(week.starts_on, datetime.time(8), BERLIN),
                ends_at=datetime.datetime.combine(week.ends_on, datetime.time(17), BERLIN),
                venue="Gastgebende Unternehmen in Aachen",
                description=week.description,
                capacity=100,
                visibility=Event.Visibility.PUBLIC,
                status=Event.Status.HELD if week.ends_on < today else Event.Status.PLANNED,
            )
            week.save(update_fields=["event"])
        if week.offers.exists():
            continue
        days = [day.isoformat() for day in week.days]
        departments = [
            "Fertigung",
            "Instandhaltung",
            "Qualitätssicherung",
            "Logistik",
            "Konstruktion",
            "Ausbildungswerkstatt",
        ]
        for n, company in enumerate(companies[:6]):
            MobilityOffer.objects.create(
                week=week,
                host_company=company,
                department=departments[n],
                description=f"Mitarbeit in der Abteilung {departments[n]} mit eigener Patin "
                "oder eigenem Paten.",
                places=1 + n % 3,
                days=days[n % 2 : n % 2 + 3],
                contact_email=f"personal{n}@example.org",
            )
        for n in range(12):
            name, local = _person(rng)
            start = n % 4
            MobilityApplication.objects.create(
                week=week,
                name=name,
                email=f"{local}.wdm{year}-{n}@example.org",
                home_company=companies[(n * 3) % len(companies)],
                interests=rng.choice(
                    [
                        "Lean Production",
                        "Ausbildung",
                        "Automatisierung",
                        "Qualitätsmanagement",
                        "Logistik",
                    ]
                ),
                preferred_days=days[start : start + 2],
                created_at=timezone.now() - datetime.timedelta(days=40 - n),
            )
        offers = list(week.offers.all())
        applications = list(week.applications.order_by("created_at", "pk"))
        placements = suggest_matching(
            [Offer(o.pk, o.host_company_id, o.places, frozenset(o.day_dates)) for o in offers],
            [
                Applicant(a.pk, a.home_company_id, frozenset(a.preferred_day_dates), rank=i)
                for i, a in enumerate(applications)
            ],
        )
        # The coming edition is matched halfway, so staff can try the matching page.
        if week.starts_on > today:
            placements = placements[: len(placements) // 2]
        for placement in placements:
            match = MobilityMatch.objects.create(
                application_id=placement.applicant_id,
                offer_id=placement.offer_id,
                days=[day.isoformat() for day in placement.days],
            )
            MobilityApplication.objects.filter(pk=placement.applicant_id).update(status="matched")
            if week.ends_on < today:
                MobilityFeedback.objects.create(
                    match=match,
                    rating=rng.choice([3, 4, 4, 5, 5]),
                    learned_something=rng.random() < 0.9,
                    would_recommend=rng.random() < 0.85,
                )
    return created

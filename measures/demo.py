"""Demo data of the measures: the Handlungskonzept of the Aachener Industrie-Dialog.

Idempotent (``get_or_create`` by stable keys; a second run changes nothing, also not what
someone changed in between) and independent of the other apps' demo data. Institutions carry
their real names; people and companies are fictitious.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import (
    FieldOfAction,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureCost,
    MeasurePartner,
    Partner,
    Phase,
    ProgressUpdate,
    StaffCapacity,
)
from .quarters import quarter_index, quarter_start

FIELDS = [
    (1, "Dialog und Beteiligung", "Unternehmerbeirat, Berichterstattung und offener Prozess."),
    (2, "Austausch und Vernetzung", "Formate, in denen Unternehmen voneinander lernen."),
    (3, "Fachkräfte und Beschäftigte", "Beschäftigte im Mittelpunkt: Mobilität, Ausbildung."),
    (4, "Standort und Flächen", "Gewerbeflächen sichern und Standorte entwickeln."),
    (5, "Lokale Kooperation und Absatz", "Lokale Wertschöpfungsketten und gemeinsamer Absatz."),
    (6, "Innovation und Transfer", "Hochschulen und Industrie zusammenbringen."),
    (7, "Bestandspflege und Frühwarnung", "Krisen früh erkennen und gegensteuern."),
]

PARTNERS = [
    ("Industrie- und Handelskammer Aachen", "IHK Aachen", "chamber", "https://www.aachen.ihk.de"),
    ("Handwerkskammer Aachen", "HWK Aachen", "chamber", "https://www.hwk-aachen.de"),
    ("RWTH Aachen University", "RWTH Aachen", "university", "https://www.rwth-aachen.de"),
    (
        "FH Aachen University of Applied Sciences",
        "FH Aachen",
        "university",
        "https://www.fh-aachen.de",
    ),
    ("AGIT Aachener Gesellschaft für Innovation und Technologietransfer", "AGIT", "agency", ""),
    ("Zweckverband Region Aachen", "Region Aachen", "region", "https://www.regionaachen.de"),
    ("Agentur für Arbeit Aachen-Düren", "Arbeitsagentur", "agency", ""),
    ("IG Metall Aachen", "IG Metall", "union", ""),
    ("Unternehmerschaft Metall Aachen (fiktiv)", "UMA", "association", ""),
    ("Werkzeugmaschinenlabor WZL der RWTH", "WZL", "university", ""),
    ("StädteRegion Aachen", "StädteRegion", "region", ""),
]

# code, title, field, priority, status override (None: from the phases), partners (short name,
# role), phases (title, start "YYYY-Q", quarters, person-days, fixed), yearly cost estimate
M = [
    (
        "M-01",
        "Unternehmerbeirat einrichten und begleiten",
        1,
        1,
        None,
        [("IHK Aachen", "supporting"), ("HWK Aachen", "supporting")],
        [
            ("Konstituierung", "2014-3", 2, 30, True),
            ("Laufende Geschäftsführung", "2015-1", 48, 240, True),
        ],
        2000,
    ),
    (
        "M-02",
        "Berichterstattung an den Ausschuss",
        1,
        1,
        None,
        [],
        [
            ("Berichtswesen aufbauen", "2014-2", 2, 20, True),
            ("Halbjährliche Berichte", "2014-4", 52, 104, True),
        ],
        0,
    ),
    (
        "M-03",
        "Woche der Mobilität",
        3,
        1,
        None,
        [
            ("IHK Aachen", "implementing"),
            ("IG Metall", "supporting"),
            ("Arbeitsagentur", "funding"),
        ],
        [
            ("Konzept und Pilotbetriebe", "2015-1", 3, 45, False),
            ("Erste Woche der Mobilität", "2015-4", 1, 40, True),
            ("Jährliche Durchführung", "2016-3", 40, 320, False),
            ("Ausweitung auf die Region", "2027-1", 4, 60, False),
        ],
        15000,
    ),
    (
        "M-04",
        "Netzwerk Produktionstechnik wiederbeleben",
        2,
        1,
        None,
        [("WZL", "lead"), ("AGIT", "implementing"), ("IHK Aachen", "supporting")],
        [
            ("Bestandsaufnahme der Mitglieder", "2014-4", 2, 25, False),
            ("Neustart mit Netzwerktreffen", "2015-2", 6, 60, False),
            ("Verstetigung", "2016-4", 36, 180, False),
            ("Netzwerk 2030", "2026-4", 6, 90, False),
        ],
        8000,
    ),
    (
        "M-05",
        "Unternehmerfrühstück",
        2,
        2,
        None,
        [("IHK Aachen", "implementing"), ("UMA", "supporting")],
        [
            ("Reihe aufbauen", "2014-4", 2, 15, False),
            ("Vier Frühstücke im Jahr", "2015-2", 46, 184, False),
            ("Neue Reihe mit Gastgeberbetrieben", "2027-1", 8, 64, False),
        ],
        3000,
    ),
    (
        "M-06",
        "Werkstattgespräche in Betrieben",
        2,
        2,
        None,
        [("HWK Aachen", "implementing"), ("IHK Aachen", "supporting")],
        [
            ("Pilotgespräche", "2015-3", 2, 20, False),
            ("Regelbetrieb", "2016-1", 40, 160, False),
            ("Werkstattgespräche Digitalisierung", "2027-2", 6, 72, False),
        ],
        2500,
    ),
    (
        "M-07",
        "Lokale Lieferketten – Zulieferbörse Aachen",
        5,
        2,
        None,
        [("IHK Aachen", "lead"), ("Region Aachen", "supporting")],
        [
            ("Bedarfsanalyse", "2016-1", 2, 30, False),
            ("Zulieferbörse", "2016-3", 6, 70, False),
            ("Digitale Plattform", "2027-1", 6, 110, False),
        ],
        12000,
    ),
    (
        "M-08",
        "Gemeinsame Messeauftritte Aachener Industrie",
        5,
        3,
        None,
        [("IHK Aachen", "implementing"), ("Region Aachen", "funding")],
        [
            ("Gemeinschaftsstand Hannover Messe", "2017-1", 2, 40, False),
            ("Weitere Messen", "2018-1", 24, 120, False),
            ("Messeprogramm 2027/28", "2027-1", 8, 96, False),
        ],
        25000,
    ),
    (
        "M-09",
        "Fachkräfteallianz Industrie",
        3,
        1,
        None,
        [("Arbeitsagentur", "lead"), ("IG Metall", "implementing"), ("HWK Aachen", "supporting")],
        [
            ("Allianz gründen", "2016-2", 2, 30, False),
            ("Gemeinsame Kampagnen", "2016-4", 30, 150, False),
            ("Fachkräftesicherung Transformation", "2026-2", 8, 120, False),
        ],
        10000,
    ),
    (
        "M-10",
        "Ausbildungsverbund Metall und Elektro",
        3,
        2,
        None,
        [("HWK Aachen", "lead"), ("IG Metall", "supporting")],
        [
            ("Verbund aufbauen", "2017-3", 4, 40, False),
            ("Laufender Verbund", "2018-3", 24, 96, False),
        ],
        5000,
    ),
    (
        "M-11",
        "Gewerbeflächenmonitoring für die Industrie",
        4,
        1,
        None,
        [("Region Aachen", "implementing"), ("StädteRegion", "supporting")],
        [
            ("Flächenerhebung", "2015-1", 3, 45, False),
            ("Jährliches Monitoring", "2016-1", 44, 176, False),
            ("Flächenreserve Industrie 2030", "2027-3", 6, 90, False),
        ],
        6000,
    ),
    (
        "M-12",
        "Sicherung industrieller Standorte im Flächennutzungsplan",
        4,
        1,
        None,
        [("IHK Aachen", "supporting")],
        [
            ("Fachbeitrag Industrie", "2018-1", 4, 60, True),
            ("Begleitung des Verfahrens", "2019-1", 8, 40, True),
        ],
        0,
    ),
    (
        "M-13",
        "Revitalisierung Gewerbegebiet (fiktiv: Am Rotbach)",
        4,
        2,
        None,
        [("Region Aachen", "funding"), ("AGIT", "implementing")],
        [
            ("Machbarkeitsstudie", "2021-1", 4, 50, False),
            ("Erschließung", "2026-1", 8, 160, True),
            ("Vermarktung", "2028-1", 4, 60, False),
        ],
        45000,
    ),
    (
        "M-14",
        "Transfer-Sprechstunde RWTH und FH",
        6,
        2,
        None,
        [("RWTH Aachen", "implementing"), ("FH Aachen", "implementing"), ("AGIT", "lead")],
        [
            ("Pilot", "2016-3", 2, 20, False),
            ("Regelangebot", "2017-1", 36, 144, False),
            ("Transferscouts", "2026-3", 6, 90, False),
        ],
        9000,
    ),
    (
        "M-15",
        "Industrie 4.0 im Mittelstand",
        6,
        2,
        None,
        [("WZL", "implementing"), ("FH Aachen", "supporting"), ("IHK Aachen", "supporting")],
        [
            ("Demonstratoren", "2018-2", 6, 60, False),
            ("Workshopreihe", "2019-4", 12, 72, False),
            ("KI in der Produktion", "2027-1", 6, 96, False),
        ],
        18000,
    ),
    (
        "M-16",
        "Energieeffizienz-Netzwerk Industrie",
        6,
        2,
        None,
        [("AGIT", "implementing"), ("Region Aachen", "funding")],
        [
            ("Netzwerkaufbau", "2020-1", 4, 40, False),
            ("Netzwerkphase", "2021-1", 12, 96, False),
            ("Zweite Netzwerkrunde", "2026-4", 8, 100, False),
        ],
        14000,
    ),
    (
        "M-17",
        "Frühwarnsystem und Unternehmensbesuche",
        7,
        1,
        None,
        [("IHK Aachen", "supporting"), ("IG Metall", "supporting")],
        [
            ("Besuchsprogramm aufbauen", "2014-3", 2, 30, True),
            ("Laufende Besuche", "2015-1", 48, 288, True),
        ],
        1000,
    ),
    (
        "M-18",
        "Unternehmensnachfolge in der Industrie",
        7,
        2,
        None,
        [("IHK Aachen", "lead"), ("HWK Aachen", "implementing")],
        [
            ("Nachfolgebörse", "2019-1", 4, 40, False),
            ("Beratungstage", "2020-1", 20, 100, False),
            ("Nachfolge-Lotsen", "2027-2", 4, 60, False),
        ],
        4000,
    ),
    (
        "M-19",
        "Krisenteam Industrie",
        7,
        1,
        None,
        [
            ("Arbeitsagentur", "implementing"),
            ("IG Metall", "implementing"),
            ("IHK Aachen", "supporting"),
        ],
        [
            ("Krisenteam einrichten", "2020-2", 2, 30, True),
            ("Bereitschaft", "2020-4", 28, 84, True),
        ],
        0,
    ),
    (
        "M-20",
        "Tag der Industrie Aachen",
        5,
        3,
        None,
        [("IHK Aachen", "implementing"), ("UMA", "implementing")],
        [
            ("Erster Tag der Industrie", "2017-3", 2, 50, False),
            ("Zweijährlicher Tag der Industrie", "2019-3", 28, 140, False),
            ("Tag der Industrie 2027", "2027-2", 2, 60, False),
        ],
        20000,
    ),
    (
        "M-21",
        "Schülerbetriebspraktika Industrie",
        3,
        3,
        None,
        [("Arbeitsagentur", "supporting"), ("HWK Aachen", "supporting")],
        [("Pilot mit Schulen", "2019-3", 4, 30, False), ("Ausweitung", "2027-1", 6, 72, False)],
        3000,
    ),
    (
        "M-22",
        "Industriekultur und Image",
        5,
        3,
        None,
        [("Region Aachen", "supporting")],
        [("Kampagne", "2022-1", 4, 40, False), ("Industrieroute", "2027-1", 8, 80, False)],
        30000,
    ),
    (
        "M-23",
        "Kooperationsbörse Forschung–Industrie",
        6,
        3,
        "deferred",
        [("RWTH Aachen", "implementing")],
        [("Konzept", "2027-3", 4, 40, False)],
        6000,
    ),
    (
        "M-24",
        "Gründerzentrum Produktion",
        6,
        3,
        "dropped",
        [("AGIT", "lead")],
        [("Machbarkeit", "2018-1", 2, 20, False)],
        0,
    ),
    (
        "M-25",
        "Pendlerportal für Industriebeschäftigte",
        3,
        3,
        "deferred",
        [("Region Aachen", "lead")],
        [("Aufbau", "2027-1", 4, 50, False)],
        8000,
    ),
    (
        "M-26",
        "Digitales Unternehmensregister",
        7,
        2,
        None,
        [],
        [
            ("Aufbau des Portals", "2025-4", 4, 80, False),
            ("Betrieb und Berichte", "2026-4", 12, 96, False),
        ],
        15000,
    ),
    (
        "M-27",
        "Weiterbildungsverbund Transformation",
        3,
        2,
        None,
        [("IG Metall", "lead"), ("Arbeitsagentur", "funding"), ("FH Aachen", "implementing")],
        [("Bedarfserhebung", "2027-1", 2, 40, False), ("Kursprogramm", "2027-3", 8, 120, False)],
        22000,
    ),
    (
        "M-28",
        "Wasserstoff-Anwenderkreis",
        6,
        3,
        None,
        [("RWTH Aachen", "supporting"), ("AGIT", "implementing")],
        [
            ("Anwenderkreis starten", "2027-1", 4, 60, False),
            ("Pilotprojekte", "2028-1", 8, 80, False),
        ],
        12000,
    ),
]

SUMMARIES = {
    "M-01": "Ein Beirat aus Unternehmerinnen und Unternehmern begleitet den Dialog.",
    "M-02": "Der Ausschuss für Arbeit, Wirtschaft und Wissenschaft erhält regelmäßig Berichte.",
    "M-03": "Beschäftigte wechseln für einige Tage die Seiten und lernen andere Betriebe kennen.",
    "M-04": "Das Unternehmensnetzwerk Produktionstechnik trifft sich wieder regelmäßig.",
    "M-05": "Unternehmerinnen und Unternehmer tauschen sich früh am Morgen zu Praxisfragen aus.",
    "M-06": "Betriebe öffnen ihre Werkstatt und zeigen, wie sie ein Problem gelöst haben.",
    "M-07": "Aachener Betriebe finden Zulieferer und Abnehmer in der eigenen Stadt.",
    "M-08": "Aachener Industriebetriebe stellen gemeinsam auf Fachmessen aus.",
    "M-09": "Arbeitsagentur, Gewerkschaft und Kammern sichern gemeinsam Fachkräfte.",
    "M-10": "Kleine Betriebe bilden im Verbund gemeinsam aus.",
    "M-11": "Ein jährliches Monitoring zeigt, welche Flächen der Industrie zur Verfügung stehen.",
    "M-12": "Industrielle Standorte werden im Flächennutzungsplan gesichert.",
    "M-13": "Ein untergenutztes Gewerbegebiet wird für produzierende Betriebe entwickelt.",
    "M-14": "Betriebe fragen Hochschulen direkt nach Lösungen für technische Fragen.",
    "M-15": "Mittelständische Betriebe erproben Industrie 4.0 an Demonstratoren.",
    "M-16": "Betriebe senken im Netzwerk gemeinsam ihren Energieverbrauch.",
    "M-17": "Regelmäßige Besuche lassen Krisen in Betrieben früh erkennen.",
    "M-18": "Übergeberinnen und Nachfolger finden zueinander.",
    "M-19": "Bei drohendem Stellenabbau handelt ein Krisenteam schnell und abgestimmt.",
    "M-20": "Betriebe öffnen ihre Tore für Bürgerinnen, Bürger und Schulklassen.",
    "M-21": "Schülerinnen und Schüler lernen die Industrie im Praktikum kennen.",
    "M-22": "Die Industrie wird als Teil der Aachener Stadtgeschichte sichtbar.",
    "M-23": "Forschende und Betriebe finden Partner für gemeinsame Projekte.",
    "M-24": "Ein Gründerzentrum für produzierende Start-ups.",
    "M-25": "Beschäftigte finden Fahrgemeinschaften und Wege zur Arbeit.",
    "M-26": "Das Register der Industriebetriebe wird digital geführt.",
    "M-27": "Beschäftigte qualifizieren sich für die Transformation ihrer Branche.",
    "M-28": "Anwender tauschen Erfahrungen mit Wasserstoff in der Produktion aus.",
}
REASONS = {
    "M-23": "Zurückgestellt, bis die Personalstelle Transfer wieder besetzt ist.",
    "M-24": "Verworfen: Das Angebot der Region deckt den Bedarf bereits ab.",
    "M-25": "Zurückgestellt zugunsten der Fachkräfteallianz (Beschluss des Beirats).",
}
IDEAS = [
    (
        "Ideenwettbewerb Kreislaufwirtschaft",
        6,
        "beirat@example.org",
        "Ein Wettbewerb für Ideen, wie Aachener Betriebe Reststoffe gemeinsam verwerten.",
    ),
    (
        "Gemeinsamer Einkauf von Energie",
        5,
        "partner@example.org",
        "Kleine Industriebetriebe bündeln ihren Energieeinkauf über die Kammer.",
    ),
]
UPDATES = [
    "Auftakt mit 14 Betrieben; die Rückmeldungen waren durchweg positiv.",
    "Zweites Treffen durchgeführt, drei neue Betriebe sind dazugekommen.",
    "Der Zeitplan hält; die nächste Runde ist terminiert.",
    "Auswertung liegt vor und wurde im Beirat vorgestellt.",
]


def _quarter(text):
    year, quarter = text.split("-")
    return int(year) * 4 + int(quarter) - 1


def load(stdout):
    rng = random.Random(2014)
    today = timezone.localdate()
    now_q = quarter_index(today)
    User = get_user_model()
    staff = User.objects.filter(email="verwaltung@example.org").first()
    partner_user = User.objects.filter(email="partner@example.org").first()

    fields = {}
    for number, title, description in FIELDS:
        fields[number], _ = FieldOfAction.objects.get_or_create(
            number=number, defaults={"title": title, "description": description}
        )
    partners = {}
    for name, short, kind, website in PARTNERS:
        partners[short], _ = Partner.objects.get_or_create(
            name=name, defaults={"short_name": short, "kind": kind, "website": website}
        )
    if partner_user:
        partners["IHK Aachen"].users.add(partner_user)

    created = 0
    for code, title, field, priority, status, roles, phases, cost in M:
        first = min(_quarter(p[1]) for p in phases)
        last = max(_quarter(p[1]) + p[2] - 1 for p in phases)
        if status is None:
            status = "completed" if last < now_q else "active" if first <= now_q else "planned"
        measure, is_new = Measure.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "summary": SUMMARIES[code],
                "description": "Umgesetzt mit den Kooperationspartnern; gestaffelt nach den "
                "Kapazitäten des Fachbereichs Wirtschaftsförderung.",
                "field_of_action": fields[field],
                "priority": priority,
                "status": status,
                "status_reason": REASONS.get(code, ""),
                "deferred_on": today - datetime.timedelta(days=90)
                if status == "deferred"
                else None,
                "responsible": staff,
            },
        )
        created += is_new
        for short, role in roles:
            MeasurePartner.objects.get_or_create(
                measure=measure, partner=partners[short], defaults={"role": role}
            )
        for order, (phase_title, start, quarters, days, fixed) in enumerate(phases, start=1):
            Phase.objects.get_or_create(
                measure=measure,
                order=order,
                defaults={
                    "title": phase_title,
                    "start": quarter_start(_quarter(start)),
                    "end": quarter_start(_quarter(start) + quarters - 1),
                    "person_days": days,
                    "fixed": fixed,
                },
            )
        if cost:
            for year in range(first // 4, min(last // 4, today.year + 2) + 1):
                estimate = Decimal(cost) * Decimal(rng.choice([80, 100, 100, 120])) / 100
                actual = None
                if year < today.year:
                    actual = (estimate * Decimal(rng.randint(85, 110)) / 100).quantize(
                        Decimal("0.01")
                    )
                MeasureCost.objects.get_or_create(
                    measure=measure,
                    year=year,
                    funding_source="Haushalt FB 02" if cost < 15000 else "Landesförderung",
                    defaults={"estimate": estimate, "actual": actual},
                )
        if status in ("active", "completed"):
            indicator, _ = Indicator.objects.get_or_create(
                measure=measure,
                name="Beteiligte Betriebe",
                defaults={"unit": "Betriebe", "target": Decimal(rng.choice([20, 30, 40, 60]))},
            )
            value = 0
            for year in range(first // 4, min(last // 4, today.year) + 1):
                value += rng.randint(2, 9)
                IndicatorValue.objects.get_or_create(
                    indicator=indicator,
                    date=datetime.date(year, 12, 31) if year < today.year else today.replace(day=1),
                    defaults={"value": value},
                )
            for i, text in enumerate(UPDATES[: rng.randint(1, 4)]):
                # Recent reports for running measures, the last ones for completed ones.
                base = max(first, min(last, now_q) - 6)
                date = min(quarter_start(base + 2 * i) + datetime.timedelta(days=20), today)
                author_partner = measure.partners.filter(users=partner_user).first()
                author = partner_user if author_partner and i % 2 else staff
                ProgressUpdate.objects.get_or_create(
                    measure=measure,
                    date=date,
                    text=text,
                    defaults={
                        "author": author,
                        "partner": author_partner if author == partner_user else None,
                    },
                )

    for title, field, email, summary in IDEAS:
        if Measure.objects.filter(title=title).exists():
            continue
        numbers = [
            int(c[2:])
            for c in Measure.objects.filter(code__startswith="M-").values_list("code", flat=True)
            if c[2:].isdigit()
        ]
        Measure.objects.create(
            code=f"M-{max(numbers, default=0) + 1:02d}",
            title=title,
            summary=summary,
            field_of_action=fields[field],
            status=Measure.Status.IDEA,
            proposed_by=User.objects.filter(email=email).first(),
        )

    # Staff capacity: about 1.5 positions for measures; lower while a post is vacant, so that
    # some coming quarters are overloaded and the staggering has work.
    for index in range(2014 * 4, (today.year + 5) * 4):
        days = 130 if index < 2020 * 4 else 150
        note = ""
        if now_q + 1 <= index <= now_q + 4:
            days, note = 95, "Stelle Transfer unbesetzt"
        StaffCapacity.objects.get_or_create(
            quarter=quarter_start(index), defaults={"person_days": days, "note": note}
        )

    _link_needs()
    stdout.write(f"Maßnahmen: {created} neu, {Measure.objects.count()} insgesamt.")


TOPIC_FIELDS = {
    "skilled_workers": 3,
    "sites": 4,
    "cooperation": 5,
    "innovation": 6,
    "digitalisation": 6,
    "energy": 6,
    "succession": 7,
}


def _link_needs():
    """Link the companies demo's needs (if any) to measures of the matching field of action."""
    from companies.models import Need

    for need in Need.objects.filter(measures__isnull=True)[:40]:
        number = TOPIC_FIELDS.get(need.topic)
        if number is None:
            continue
        measure = (
            Measure.objects.filter(field_of_action__number=number)
            .exclude(status__in=[Measure.Status.IDEA, Measure.Status.DROPPED])
            .order_by("code")
            .first()
        )
        if measure:
            measure.needs.add(need)

"""Demo data of the company register: invented production companies in Aachen's districts.

Idempotent: companies are found by their (invented) register number; what belongs to a company
is only created together with it. A fixed random seed gives the same demo every time.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import wz2008
from .models import (
    Company,
    ContactLogEntry,
    ContactPerson,
    District,
    EmployeeCount,
    Need,
    Network,
    NetworkMembership,
    RiskSignal,
    Sector,
)

NETWORK_NAME = "Unternehmensnetzwerk Produktionstechnik"
NETWORK_DESCRIPTION = (
    "Das wiederbelebte Netzwerk der produzierenden Unternehmen in Aachen: Austausch zu "
    "Fertigung, Automatisierung und Fachkräften, Betriebsbesichtigungen und gemeinsame Projekte "
    "mit RWTH Aachen und FH Aachen."
)

# (name, legal form, WZ group, district, street, founded, base headcount, trend per year)
COMPANIES = [
    (
        "Offermann Präzisionsteile GmbH",
        "GmbH",
        "25.6",
        "eilendorf",
        "Am Gut Wolf 7",
        1962,
        140,
        0.02,
    ),
    (
        "Lennartz Werkzeugmaschinen GmbH",
        "GmbH",
        "28.4",
        "haaren",
        "Haarener Gracht 21",
        1951,
        310,
        -0.04,
    ),
    (
        "Kreutzer Gießerei GmbH & Co. KG",
        "GmbH & Co. KG",
        "24.5",
        "brand",
        "Trierer Straße 610",
        1908,
        260,
        -0.06,
    ),
    ("Schmitz Antriebstechnik GmbH", "GmbH", "28.1", "eilendorf", "Debyestraße 12", 1978, 95, 0.03),
    ("Hermanns Nadelfabrik GmbH", "GmbH", "25.9", "mitte", "Jülicher Straße 188", 1874, 60, -0.02),
    ("Dahmen Tuchfabrik KG", "KG", "13.2", "mitte", "Talbotstraße 40", 1889, 45, -0.05),
    ("Kohnen Printen GmbH", "GmbH", "10.7", "mitte", "Alexanderstraße 19", 1925, 120, 0.01),
    (
        "Classen Kunststofftechnik GmbH",
        "GmbH",
        "22.2",
        "eilendorf",
        "Von-Coels-Straße 30",
        1983,
        75,
        0.04,
    ),
    ("Frings Elektrotechnik GmbH", "GmbH", "27.1", "laurensberg", "Pascalstraße 8", 1991, 55, 0.05),
    (
        "Jansen Feinmechanik GmbH",
        "GmbH",
        "26.5",
        "laurensberg",
        "Campus-Boulevard 55",
        2004,
        38,
        0.08,
    ),
    ("Pauls Stahlbau GmbH", "GmbH", "25.1", "haaren", "Madrider Ring 14", 1960, 85, -0.01),
    (
        "Bündgens Medizintechnik GmbH",
        "GmbH",
        "32.5",
        "laurensberg",
        "Pauwelsstraße 25",
        2009,
        42,
        0.1,
    ),
    (
        "Wirtz Fahrzeugteile GmbH",
        "GmbH",
        "29.3",
        "eilendorf",
        "Neuenhofstraße 110",
        1972,
        420,
        -0.05,
    ),
    ("Kaldenbach Laseroptik GmbH", "GmbH", "26.7", "richterich", "Grüner Weg 3", 1999, 64, 0.06),
    (
        "Savelsberg Oberflächentechnik GmbH",
        "GmbH",
        "25.6",
        "brand",
        "Rombachstraße 9",
        1968,
        48,
        0.0,
    ),
    (
        "Thelen Leiterplatten GmbH",
        "GmbH",
        "26.1",
        "richterich",
        "Horbacher Straße 77",
        1987,
        130,
        -0.03,
    ),
    (
        "Mertens Schienenfahrzeugtechnik GmbH",
        "GmbH",
        "30.2",
        "haaren",
        "Hergelsbendenstraße 4",
        1956,
        520,
        -0.01,
    ),
    (
        "Hilgers Armaturen GmbH",
        "GmbH",
        "28.1",
        "kornelimuenster",
        "Schleckheimer Straße 22",
        1936,
        70,
        -0.02,
    ),
    ("Nießen Lackfabrik GmbH", "GmbH", "20.3", "eilendorf", "Nirmer Straße 60", 1921, 58, 0.0),
    (
        "Lambertz Glastechnik GmbH",
        "GmbH",
        "23.1",
        "brand",
        "Freunder Landstraße 80",
        1949,
        150,
        -0.02,
    ),
    (
        "Schleicher Papierverarbeitung GmbH",
        "GmbH",
        "17.2",
        "haaren",
        "Würselener Straße 35",
        1958,
        66,
        -0.03,
    ),
    ("Zimmermann Druckerei GmbH", "GmbH", "18.1", "mitte", "Lothringerstraße 51", 1930, 28, -0.04),
    (
        "Beckers Federnwerk GmbH",
        "GmbH",
        "25.9",
        "kornelimuenster",
        "Industriestraße 16",
        1947,
        90,
        0.01,
    ),
    ("Gielen Möbelwerkstätten GmbH", "GmbH", "31.0", "richterich", "Roder Weg 12", 1965, 34, -0.01),
    ("Heinen Brauerei GmbH", "GmbH", "11.0", "mitte", "Mauerstraße 2", 1893, 26, 0.0),
    (
        "Kremer Industrieservice GmbH",
        "GmbH",
        "33.1",
        "eilendorf",
        "Gut-Dämme-Straße 5",
        1995,
        110,
        0.05,
    ),
    ("Lauscher Anlagenbau GmbH", "GmbH", "33.2", "brand", "Eckenerstraße 27", 1981, 76, 0.02),
    ("Ortmanns Kabelwerk GmbH", "GmbH", "27.3", "haaren", "Auf der Hüls 180", 1938, 240, -0.02),
    (
        "Palm Batterietechnik GmbH",
        "GmbH",
        "27.2",
        "laurensberg",
        "Schurzelter Straße 90",
        2016,
        24,
        0.2,
    ),
    (
        "Quadflieg Schmiede GmbH",
        "GmbH",
        "25.5",
        "kornelimuenster",
        "Breinigerberg 1",
        1899,
        52,
        -0.03,
    ),
    (
        "Rader Verpackungen GmbH",
        "GmbH",
        "22.2",
        "eilendorf",
        "Stolberger Straße 220",
        1977,
        83,
        0.01,
    ),
    ("Sieben Sensorik GmbH", "GmbH", "26.5", "laurensberg", "Philipsstraße 8", 2011, 31, 0.12),
    ("Tholen Maschinenbau GmbH", "GmbH", "28.9", "brand", "Vennbahnweg 14", 1954, 180, -0.01),
    ("Ubachs Süßwaren GmbH", "GmbH", "10.8", "haaren", "Alt-Haarener Straße 44", 1912, 140, 0.0),
    ("Vonhoegen Werkzeugbau GmbH", "GmbH", "25.7", "richterich", "Banker Feld 9", 1969, 47, -0.02),
    (
        "Weyers Antriebselektronik GmbH",
        "GmbH",
        "27.9",
        "laurensberg",
        "Süsterfeldstraße 83",
        2002,
        68,
        0.04,
    ),
    ("Xhonneux Textilveredlung GmbH", "GmbH", "13.3", "brand", "Debystraße 3", 1928, 36, -0.06),
    (
        "Zander Aluminiumguss GmbH",
        "GmbH",
        "24.5",
        "eilendorf",
        "Philipp-Reis-Straße 6",
        1974,
        115,
        -0.03,
    ),
    (
        "Breuer Fördertechnik GmbH",
        "GmbH",
        "28.2",
        "haaren",
        "Krefelder Straße 203",
        1985,
        160,
        0.02,
    ),
    (
        "Cremer Präzisionsdrehteile GmbH",
        "GmbH",
        "25.6",
        "kornelimuenster",
        "Münsterstraße 64",
        1990,
        39,
        0.03,
    ),
    ("Derichs Getriebebau GmbH", "GmbH", "28.1", "brand", "Ringstraße 140", 1963, 210, -0.02),
    (
        "Emonts Metallverarbeitung GmbH",
        "GmbH",
        "25.9",
        "eilendorf",
        "Heinrich-Thomas-Platz 3",
        1976,
        22,
        0.0,
    ),
    (
        "Fischer & Lux Spritzguss GmbH",
        "GmbH",
        "22.2",
        "richterich",
        "Horbacher Straße 120",
        1993,
        57,
        0.03,
    ),
    (
        "Goebbels Mess- und Prüftechnik GmbH",
        "GmbH",
        "26.5",
        "laurensberg",
        "Kackertstraße 11",
        2007,
        46,
        0.07,
    ),
    ("Hammes Keramik GmbH", "GmbH", "23.4", "kornelimuenster", "Abteigarten 6", 1951, 19, -0.04),
    ("Jöris Holzbau GmbH", "GmbH", "16.2", "brand", "Wolferskaul 4", 1979, 27, 0.02),
    ("Kerres Stanztechnik GmbH", "GmbH", "25.5", "haaren", "Am Gut Kalkofen 2", 1982, 98, -0.04),
    ("Loosen Elektromotoren GmbH", "GmbH", "27.1", "eilendorf", "Kirchstraße 70", 1958, 185, -0.03),
    ("Meessen Dentaltechnik GmbH", "GmbH", "32.5", "mitte", "Theaterstraße 91", 1997, 33, 0.05),
    (
        "Nellessen Automatisierung GmbH",
        "GmbH",
        "28.9",
        "laurensberg",
        "Jülicher Straße 330",
        2006,
        72,
        0.09,
    ),
    (
        "Olbertz Schweißtechnik GmbH",
        "GmbH",
        "25.1",
        "richterich",
        "Schloss-Schönau-Straße 5",
        1988,
        41,
        0.0,
    ),
    (
        "Peters Pulvermetallurgie GmbH",
        "GmbH",
        "25.5",
        "brand",
        "Niederforstbacher Straße 18",
        1971,
        63,
        -0.01,
    ),
    ("Rombach Chemie GmbH", "GmbH", "20.5", "eilendorf", "Rothe Erde 12", 1946, 135, -0.02),
    ("Schauff Kaffeerösterei GmbH", "GmbH", "10.8", "mitte", "Kurbrunnenstraße 8", 1934, 18, 0.01),
    (
        "Tillmanns Filtertechnik GmbH",
        "GmbH",
        "28.2",
        "kornelimuenster",
        "Oberforstbacher Straße 50",
        1998,
        54,
        0.04,
    ),
    (
        "Vaaßen Fahrzeugbau GmbH",
        "GmbH",
        "29.2",
        "haaren",
        "Verlautenheidener Straße 96",
        1961,
        88,
        -0.02,
    ),
    ("Wingens Gummiwaren GmbH", "GmbH", "22.1", "brand", "Karl-Kuck-Straße 21", 1955, 44, -0.03),
    (
        "Zaunbrecher Robotik GmbH",
        "GmbH",
        "28.9",
        "laurensberg",
        "Forckenbeckstraße 50",
        2013,
        37,
        0.15,
    ),
    (
        "Arnolds Bäckereimaschinen GmbH",
        "GmbH",
        "28.9",
        "eilendorf",
        "Apfelstraße 9",
        1967,
        102,
        0.0,
    ),
    (
        "Boltersdorf Optoelektronik GmbH",
        "GmbH",
        "26.7",
        "richterich",
        "Am Kirschbaum 2",
        2001,
        59,
        0.05,
    ),
]

# Companies clearly drifting into trouble, with their signals: (kind, severity, days ago, source)
AT_RISK = {
    "Kreutzer Gießerei GmbH & Co. KG": [
        ("insolvency", 5, 12, "Hinweis der IHK Aachen"),
        ("energy_costs", 4, 60, "Unternehmensbesuch"),
        ("job_cuts", 4, 35, "Presseberichte"),
    ],
    "Wirtz Fahrzeugteile GmbH": [
        ("short_time", 4, 20, "Agentur für Arbeit Aachen-Düren"),
        ("order_slump", 4, 45, "Gespräch mit der Geschäftsführung"),
        ("relocation", 3, 90, "IG Metall Aachen"),
    ],
    "Dahmen Tuchfabrik KG": [
        ("succession", 4, 150, "Unternehmensbesuch"),
        ("order_slump", 3, 70, "Telefonat"),
    ],
    "Lennartz Werkzeugmaschinen GmbH": [
        ("job_cuts", 3, 40, "Betriebsrat"),
        ("order_slump", 3, 110, "Branchenumfrage"),
    ],
    "Xhonneux Textilveredlung GmbH": [("energy_costs", 3, 200, "Befragung")],
    "Loosen Elektromotoren GmbH": [("owner_change", 2, 30, "Handelsregister")],
    "Hammes Keramik GmbH": [("succession", 3, 400, "Unternehmensbesuch")],
    "Zimmermann Druckerei GmbH": [("order_slump", 2, 90, "Telefonat")],
}
RESOLVED = {"Thelen Leiterplatten GmbH": ("short_time", 3, 500, "Agentur für Arbeit")}

NEED_TEXTS = {
    "skilled_workers": "Sucht Zerspanungsmechaniker/innen; Ausbildungsplätze bleiben unbesetzt.",
    "sites": "Braucht 5.000 m² Erweiterungsfläche in der Nähe des heutigen Standorts.",
    "cooperation": "Möchte Fertigungskapazitäten mit anderen Betrieben teilen.",
    "digitalisation": "Plant die Vernetzung der Fertigung und sucht Erfahrungsaustausch.",
    "energy": "Fragt nach Beratung zu Lastmanagement und eigener Photovoltaik.",
    "succession": "Inhaber sucht in den nächsten fünf Jahren eine Nachfolge.",
    "innovation": "Interessiert an einem Transferprojekt mit der RWTH Aachen.",
    "financing": "Benötigt Informationen zu Förderprogrammen für Investitionen.",
    "permits": "Genehmigungsverfahren für eine neue Halle zieht sich.",
}
FIRST_NAMES = [
    "Anna",
    "Bernd",
    "Claudia",
    "Dirk",
    "Elke",
    "Frank",
    "Gabi",
    "Heinz",
    "Ingrid",
    "Jörg",
    "Katrin",
    "Lothar",
    "Monika",
    "Norbert",
    "Petra",
    "Ralf",
    "Sabine",
    "Thomas",
    "Ulrike",
    "Volker",
]
LAST_NAMES = [
    "Bauer",
    "Coenen",
    "Esser",
    "Franzen",
    "Gerards",
    "Horst",
    "Kever",
    "Lemmens",
    "Nolden",
    "Plum",
    "Reinartz",
    "Schiffer",
    "Steinbusch",
    "Wolff",
]
FUNCTIONS = [
    "Geschäftsführung",
    "Personalleitung",
    "Technische Leitung",
    "Inhaber/in",
    "Kaufmännische Leitung",
]


def load(stdout):
    rng = random.Random(2014)
    today = timezone.localdate()
    wz2008.ensure_loaded(Sector)
    sectors = {sector.code: sector for sector in Sector.objects.filter(level="group")}
    staff = get_user_model().objects.filter(email="verwaltung@example.org").first()
    network, _ = Network.objects.get_or_create(
        name=NETWORK_NAME, defaults={"description": NETWORK_DESCRIPTION}
    )
    created_count = 0
    for number, row in enumerate(COMPANIES):
        name, legal_form, group, district, street, founded, base, trend = row
        company, created = Company.objects.get_or_create(
            register_number=f"HRB {4711 + number * 37}",
            defaults={
                "name": name,
                "legal_form": legal_form,
                "sector": sectors[group],
                "street": street,
                "postal_code": _postal_code(district),
                "district": district,
                "website": "https://www." + _slug(name) + ".example",
                "founded_year": founded,
            },
        )
        if not created:
            continue
        created_count += 1
        _employees(company, rng, today, base, trend)
        contacts = _contacts(company, rng, today)
        _needs(company, rng, today)
        _contact_log(company, rng, today, staff, contacts)
        for kind, severity, days_ago, source in AT_RISK.get(name, []):
            RiskSignal.objects.create(
                company=company,
                kind=kind,
                severity=severity,
                observed_on=today - datetime.timedelta(days=days_ago),
                source=source,
                note=_signal_note(kind),
            )
        if name in RESOLVED:
            kind, severity, days_ago, source = RESOLVED[name]
            RiskSignal.objects.create(
                company=company,
                kind=kind,
                severity=severity,
                observed_on=today - datetime.timedelta(days=days_ago),
                resolved_on=today - datetime.timedelta(days=days_ago - 120),
                source=source,
                note="Kurzarbeit beendet, Auftragslage wieder stabil.",
            )
        if number == 0 or rng.random() < 0.4:
            NetworkMembership.objects.create(
                network=network,
                company=company,
                joined_on=datetime.date(today.year - rng.randint(0, 6), rng.randint(1, 12), 1),
            )
    stdout.write(f"Unternehmen: {created_count} neu, {Company.objects.count()} insgesamt.")


def _slug(name):
    base = name.split(" GmbH")[0].split(" KG")[0].lower()
    for old, new in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("&", ""), (" ", "-")]:
        base = base.replace(old, new)
    return "-".join(part for part in base.split("-") if part)


def _postal_code(district):
    return {
        District.MITTE: "52062",
        District.BRAND: "52078",
        District.EILENDORF: "52080",
        District.HAAREN: "52080",
        District.KORNELIMUENSTER: "52076",
        District.LAURENSBERG: "52072",
        District.RICHTERICH: "52072",
    }[district]


def _employees(company, rng, today, base, trend):
    value = base
    figures = []
    for year in range(today.year - 10, today.year):
        figures.append(EmployeeCount(company=company, year=year, employees=max(int(value), 3)))
        value = value * (1 + trend + rng.uniform(-0.03, 0.03))
    EmployeeCount.objects.bulk_create(figures)


def _contacts(company, rng, today):
    contacts = []
    for _index in range(rng.randint(1, 2)):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        contacts.append(
            ContactPerson.objects.create(
                company=company,
                name=f"{first} {last}",
                function=rng.choice(FUNCTIONS),
                email=f"{first.lower()}.{last.lower()}@{_slug(company.name)}.example".replace(
                    "ö", "oe"
                ),
                phone=f"0241 {rng.randint(100000, 999999)}",
                consent_date=today - datetime.timedelta(days=rng.randint(60, 1500)),
                consent_purpose="Kontakt und Einladungen im Rahmen des Aachener Industrie-Dialogs",
            )
        )
    return contacts


def _needs(company, rng, today):
    for topic in rng.sample(list(NEED_TEXTS), rng.randint(1, 3)):
        Need.objects.create(
            company=company,
            topic=topic,
            description=NEED_TEXTS[topic],
            source=rng.choice(Need.Source.values),
            stated_on=today - datetime.timedelta(days=rng.randint(10, 700)),
            status=rng.choice(
                [Need.Status.OPEN, Need.Status.OPEN, Need.Status.IN_PROGRESS, Need.Status.ANSWERED]
            ),
        )


def _contact_log(company, rng, today, staff, contacts):
    for index in range(rng.randint(1, 3)):
        date = today - datetime.timedelta(days=rng.randint(5, 600))
        open_step = index == 0 and rng.random() < 0.5
        ContactLogEntry.objects.create(
            company=company,
            kind=rng.choice(ContactLogEntry.Kind.values),
            date=date,
            staff_member=staff,
            contact_person=rng.choice(contacts),
            summary=rng.choice(
                [
                    "Betriebsbesuch mit Rundgang durch die Fertigung; Auftragslage besprochen.",
                    "Telefonat zu Fachkräftebedarf und Ausbildung.",
                    "Gespräch über Erweiterungspläne und mögliche Flächen.",
                    "Austausch zu Energiekosten und Fördermöglichkeiten.",
                ]
            ),
            follow_up="Kontakt zu RWTH Aachen und AGIT herstellen." if open_step else "",
            follow_up_due=today + datetime.timedelta(days=rng.randint(-10, 40))
            if open_step
            else None,
        )


def _signal_note(kind):
    return {
        "insolvency": "Zahlungsziele werden überschritten; Hausbank hat Kreditlinie gekürzt.",
        "energy_costs": "Gaspreis verdreifacht, Schmelzbetrieb kaum noch wirtschaftlich.",
        "job_cuts": "Abbau von rund 40 Stellen angekündigt.",
        "short_time": "Kurzarbeit für die Hälfte der Belegschaft angezeigt.",
        "order_slump": "Großkunde hat Rahmenvertrag gekündigt.",
        "relocation": "Konzern prüft Verlagerung der Fertigung nach Osteuropa.",
        "succession": "Inhaber über 65, keine Nachfolge in Sicht.",
        "owner_change": "Verkauf an Finanzinvestor.",
    }.get(kind, "")

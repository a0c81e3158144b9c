"""The WZ 2008 classification of economic activities (Destatis) as far as the portal uses it.

All sections (A–U) and divisions (01–99); for manufacturing (section C) also the groups
(10.1 …). Loaded into :class:`companies.models.Sector` by a data migration.
"""

# (section, title, first division, last division)
SECTIONS = [
    ("A", "Land- und Forstwirtschaft, Fischerei", 1, 3),
    ("B", "Bergbau und Gewinnung von Steinen und Erden", 5, 9),
    ("C", "Verarbeitendes Gewerbe", 10, 33),
    ("D", "Energieversorgung", 35, 35),
    (
        "E",
        "Wasserversorgung; Abwasser- und Abfallentsorgung und Beseitigung von "
        "Umweltverschmutzungen",
        36,
        39,
    ),
    ("F", "Baugewerbe", 41, 43),
    ("G", "Handel; Instandhaltung und Reparatur von Kraftfahrzeugen", 45, 47),
    ("H", "Verkehr und Lagerei", 49, 53),
    ("I", "Gastgewerbe", 55, 56),
    ("J", "Information und Kommunikation", 58, 63),
    ("K", "Erbringung von Finanz- und Versicherungsdienstleistungen", 64, 66),
    ("L", "Grundstücks- und Wohnungswesen", 68, 68),
    (
        "M",
        "Erbringung von freiberuflichen, wissenschaftlichen und technischen Dienstleistungen",
        69,
        75,
    ),
    ("N", "Erbringung von sonstigen wirtschaftlichen Dienstleistungen", 77, 82),
    ("O", "Öffentliche Verwaltung, Verteidigung; Sozialversicherung", 84, 84),
    ("P", "Erziehung und Unterricht", 85, 85),
    ("Q", "Gesundheits- und Sozialwesen", 86, 88),
    ("R", "Kunst, Unterhaltung und Erholung", 90, 93),
    ("S", "Erbringung von sonstigen Dienstleistungen", 94, 96),
    (
        "T",
        "Private Haushalte mit Hauspersonal; Herstellung von Waren und Erbringung von "
        "Dienstleistungen durch private Haushalte für den Eigenbedarf ohne ausgeprägten "
        "Schwerpunkt",
        97,
        98,
    ),
    ("U", "Exterritoriale Organisationen und Körperschaften", 99, 99),
]

DIVISIONS = {
    "01": "Landwirtschaft, Jagd und damit verbundene Tätigkeiten",
    "02": "Forstwirtschaft und Holzeinschlag",
    "03": "Fischerei und Aquakultur",
    "05": "Kohlenbergbau",
    "06": "Gewinnung von Erdöl und Erdgas",
    "07": "Erzbergbau",
    "08": "Gewinnung von Steinen und Erden, sonstiger Bergbau",
    "09": "Erbringung von Dienstleistungen für den Bergbau und für die Gewinnung von Steinen "
    "und Erden",
    "10": "Herstellung von Nahrungs- und Futtermitteln",
    "11": "Getränkeherstellung",
    "12": "Tabakverarbeitung",
    "13": "Herstellung von Textilien",
    "14": "Herstellung von Bekleidung",
    "15": "Herstellung von Leder, Lederwaren und Schuhen",
    "16": "Herstellung von Holz-, Flecht-, Korb- und Korkwaren (ohne Möbel)",
    "17": "Herstellung von Papier, Pappe und Waren daraus",
    "18": "Herstellung von Druckerzeugnissen; Vervielfältigung von bespielten Ton-, Bild- und "
    "Datenträgern",
    "19": "Kokerei und Mineralölverarbeitung",
    "20": "Herstellung von chemischen Erzeugnissen",
    "21": "Herstellung von pharmazeutischen Erzeugnissen",
    "22": "Herstellung von Gummi- und Kunststoffwaren",
    "23": "Herstellung von Glas und Glaswaren, Keramik, Verarbeitung von Steinen und Erden",
    "24": "Metallerzeugung und -bearbeitung",
    "25": "Herstellung von Metallerzeugnissen",
    "26": "Herstellung von Datenverarbeitungsgeräten, elektronischen und optischen Erzeugnissen",
    "27": "Herstellung von elektrischen Ausrüstungen",
    "28": "Maschinenbau",
    "29": "Herstellung von Kraftwagen und Kraftwagenteilen",
    "30": "Sonstiger Fahrzeugbau",
    "31": "Herstellung von Möbeln",
    "32": "Herstellung von sonstigen Waren",
    "33": "Reparatur und Installation von Maschinen und Ausrüstungen",
    "35": "Energieversorgung",
    "36": "Wasserversorgung",
    "37": "Abwasserentsorgung",
    "38": "Sammlung, Behandlung und Beseitigung von Abfällen; Rückgewinnung",
    "39": "Beseitigung von Umweltverschmutzungen und sonstige Entsorgung",
    "41": "Hochbau",
    "42": "Tiefbau",
    "43": "Vorbereitende Baustellenarbeiten, Bauinstallation und sonstiges Ausbaugewerbe",
    "45": "Handel mit Kraftfahrzeugen; Instandhaltung und Reparatur von Kraftfahrzeugen",
    "46": "Großhandel (ohne Handel mit Kraftfahrzeugen)",
    "47": "Einzelhandel (ohne Handel mit Kraftfahrzeugen)",
    "49": "Landverkehr und Transport in Rohrfernleitungen",
    "50": "Schifffahrt",
    "51": "Luftfahrt",
    "52": "Lagerei sowie Erbringung von sonstigen Dienstleistungen für den Verkehr",
    "53": "Post-, Kurier- und Expressdienste",
    "55": "Beherbergung",
    "56": "Gastronomie",
    "58": "Verlagswesen",
    "59": "Herstellung, Verleih und Vertrieb von Filmen und Fernsehprogrammen; Kinos; "
    "Tonstudios und Verlegen von Musik",
    "60": "Rundfunkveranstalter",
    "61": "Telekommunikation",
    "62": "Erbringung von Dienstleistungen der Informationstechnologie",
    "63": "Informationsdienstleistungen",
    "64": "Erbringung von Finanzdienstleistungen",
    "65": "Versicherungen, Rückversicherungen und Pensionskassen (ohne Sozialversicherung)",
    "66": "Mit Finanz- und Versicherungsdienstleistungen verbundene Tätigkeiten",
    "68": "Grundstücks- und Wohnungswesen",
    "69": "Rechts- und Steuerberatung, Wirtschaftsprüfung",
    "70": "Verwaltung und Führung von Unternehmen und Betrieben; Unternehmensberatung",
    "71": "Architektur- und Ingenieurbüros; technische, physikalische und chemische Untersuchung",
    "72": "Forschung und Entwicklung",
    "73": "Werbung und Marktforschung",
    "74": "Sonstige freiberufliche, wissenschaftliche und technische Tätigkeiten",
    "75": "Veterinärwesen",
    "77": "Vermietung von beweglichen Sachen",
    "78": "Vermittlung und Überlassung von Arbeitskräften",
    "79": "Reisebüros, Reiseveranstalter und Erbringung sonstiger Reservierungsdienstleistungen",
    "80": "Wach- und Sicherheitsdienste sowie Detekteien",
    "81": "Gebäudebetreuung; Garten- und Landschaftsbau",
    "82": "Erbringung von wirtschaftlichen Dienstleistungen für Unternehmen und Privatpersonen "
    "a. n. g.",
    "84": "Öffentliche Verwaltung, Verteidigung; Sozialversicherung",
    "85": "Erziehung und Unterricht",
    "86": "Gesundheitswesen",
    "87": "Heime (ohne Erholungs- und Ferienheime)",
    "88": "Sozialwesen (ohne Heime)",
    "90": "Kreative, künstlerische und unterhaltende Tätigkeiten",
    "91": "Bibliotheken, Archive, Museen, botanische und zoologische Gärten",
    "92": "Spiel-, Wett- und Lotteriewesen",
    "93": "Erbringung von Dienstleistungen des Sports, der Unterhaltung und der Erholung",
    "94": "Interessenvertretungen sowie kirchliche und sonstige religiöse Vereinigungen "
    "(ohne Sozialwesen und Sport)",
    "95": "Reparatur von Datenverarbeitungsgeräten und Gebrauchsgütern",
    "96": "Erbringung von sonstigen überwiegend persönlichen Dienstleistungen",
    "97": "Private Haushalte mit Hauspersonal",
    "98": "Herstellung von Waren und Erbringung von Dienstleistungen durch private Haushalte "
    "für den Eigenbedarf ohne ausgeprägten Schwerpunkt",
    "99": "Exterritoriale Organisationen und Körperschaften",
}

MANUFACTURING_GROUPS = {
    "10.1": "Schlachten und Fleischverarbeitung",
    "10.2": "Fischverarbeitung",
    "10.3": "Obst- und Gemüseverarbeitung",
    "10.4": "Herstellung von pflanzlichen und tierischen Ölen und Fetten",
    "10.5": "Milchverarbeitung",
    "10.6": "Mahl- und Schälmühlen, Herstellung von Stärke und Stärkeerzeugnissen",
    "10.7": "Herstellung von Back- und Teigwaren",
    "10.8": "Herstellung von sonstigen Nahrungsmitteln",
    "10.9": "Herstellung von Futtermitteln",
    "11.0": "Getränkeherstellung",
    "12.0": "Tabakverarbeitung",
    "13.1": "Spinnstoffaufbereitung und Spinnerei",
    "13.2": "Weberei",
    "13.3": "Veredlung von Textilien und Bekleidung",
    "13.9": "Herstellung von sonstigen Textilwaren",
    "14.1": "Herstellung von Bekleidung (ohne Pelzbekleidung)",
    "14.2": "Herstellung von Pelzwaren",
    "14.3": "Herstellung von Bekleidung aus gewirktem und gestricktem Stoff",
    "15.1": "Herstellung von Leder und Lederwaren (ohne Herstellung von Lederbekleidung)",
    "15.2": "Herstellung von Schuhen",
    "16.1": "Säge-, Hobel- und Holzimprägnierwerke",
    "16.2": "Herstellung von sonstigen Holz-, Kork-, Flecht- und Korbwaren (ohne Möbel)",
    "17.1": "Herstellung von Holz- und Zellstoff, Papier, Karton und Pappe",
    "17.2": "Herstellung von Waren aus Papier, Karton und Pappe",
    "18.1": "Herstellung von Druckerzeugnissen",
    "18.2": "Vervielfältigung von bespielten Ton-, Bild- und Datenträgern",
    "19.1": "Kokerei",
    "19.2": "Mineralölverarbeitung",
    "20.1": "Herstellung von chemischen Grundstoffen, Düngemitteln und Stickstoffverbindungen, "
    "Kunststoffen in Primärformen und synthetischem Kautschuk in Primärformen",
    "20.2": "Herstellung von Schädlingsbekämpfungs-, Pflanzenschutz- und Desinfektionsmitteln",
    "20.3": "Herstellung von Anstrichmitteln, Druckfarben und Kitten",
    "20.4": "Herstellung von Seifen, Wasch-, Reinigungs- und Körperpflegemitteln sowie von "
    "Duftstoffen",
    "20.5": "Herstellung von sonstigen chemischen Erzeugnissen",
    "20.6": "Herstellung von Chemiefasern",
    "21.1": "Herstellung von pharmazeutischen Grundstoffen",
    "21.2": "Herstellung von pharmazeutischen Spezialitäten und sonstigen pharmazeutischen "
    "Erzeugnissen",
    "22.1": "Herstellung von Gummiwaren",
    "22.2": "Herstellung von Kunststoffwaren",
    "23.1": "Herstellung von Glas und Glaswaren",
    "23.2": "Herstellung von feuerfesten keramischen Werkstoffen und Waren",
    "23.3": "Herstellung von keramischen Baumaterialien",
    "23.4": "Herstellung von sonstigen Porzellan- und keramischen Erzeugnissen",
    "23.5": "Herstellung von Zement, Kalk und gebranntem Gips",
    "23.6": "Herstellung von Erzeugnissen aus Beton, Zement und Gips",
    "23.7": "Be- und Verarbeitung von Naturwerksteinen und Natursteinen a. n. g.",
    "23.9": "Herstellung von Schleifkörpern und Schleifmitteln auf Unterlage sowie sonstigen "
    "Erzeugnissen aus nichtmetallischen Mineralien a. n. g.",
    "24.1": "Erzeugung von Roheisen, Stahl und Ferrolegierungen",
    "24.2": "Herstellung von Stahlrohren, Rohrform-, Rohrverschluss- und Rohrverbindungsstücken "
    "aus Stahl",
    "24.3": "Sonstige erste Bearbeitung von Eisen und Stahl",
    "24.4": "Erzeugung und erste Bearbeitung von NE-Metallen",
    "24.5": "Gießereien",
    "25.1": "Stahl- und Leichtmetallbau",
    "25.2": "Herstellung von Metalltanks und -behältern; Herstellung von Heizkörpern und "
    "-kesseln für Zentralheizungen",
    "25.3": "Herstellung von Dampfkesseln (ohne Zentralheizungskessel)",
    "25.4": "Herstellung von Waffen und Munition",
    "25.5": "Herstellung von Schmiede-, Press-, Zieh- und Stanzteilen, gewalzten Ringen und "
    "pulvermetallurgischen Erzeugnissen",
    "25.6": "Oberflächenveredlung und Wärmebehandlung; Mechanik a. n. g.",
    "25.7": "Herstellung von Schneidwaren, Werkzeugen, Schlössern und Beschlägen aus unedlen "
    "Metallen",
    "25.9": "Herstellung von sonstigen Metallwaren",
    "26.1": "Herstellung von elektronischen Bauelementen und Leiterplatten",
    "26.2": "Herstellung von Datenverarbeitungsgeräten und peripheren Geräten",
    "26.3": "Herstellung von Geräten und Einrichtungen der Telekommunikationstechnik",
    "26.4": "Herstellung von Geräten der Unterhaltungselektronik",
    "26.5": "Herstellung von Mess-, Kontroll-, Navigations- u. ä. Instrumenten und "
    "Vorrichtungen; Herstellung von Uhren",
    "26.6": "Herstellung von Bestrahlungs- und Elektrotherapiegeräten und elektromedizinischen "
    "Geräten",
    "26.7": "Herstellung von optischen und fotografischen Instrumenten und Geräten",
    "26.8": "Herstellung von magnetischen und optischen Datenträgern",
    "27.1": "Herstellung von Elektromotoren, Generatoren, Transformatoren, "
    "Elektrizitätsverteilungs- und -schalteinrichtungen",
    "27.2": "Herstellung von Batterien und Akkumulatoren",
    "27.3": "Herstellung von Kabeln und elektrischem Installationsmaterial",
    "27.4": "Herstellung von elektrischen Lampen und Leuchten",
    "27.5": "Herstellung von Haushaltsgeräten",
    "27.9": "Herstellung von sonstigen elektrischen Ausrüstungen und Geräten a. n. g.",
    "28.1": "Herstellung von nicht wirtschaftszweigspezifischen Maschinen",
    "28.2": "Herstellung von sonstigen nicht wirtschaftszweigspezifischen Maschinen",
    "28.3": "Herstellung von land- und forstwirtschaftlichen Maschinen",
    "28.4": "Herstellung von Werkzeugmaschinen",
    "28.9": "Herstellung von Maschinen für sonstige bestimmte Wirtschaftszweige",
    "29.1": "Herstellung von Kraftwagen und Kraftwagenmotoren",
    "29.2": "Herstellung von Karosserien, Aufbauten und Anhängern",
    "29.3": "Herstellung von Teilen und Zubehör für Kraftwagen",
    "30.1": "Schiff- und Bootsbau",
    "30.2": "Schienenfahrzeugbau",
    "30.3": "Luft- und Raumfahrzeugbau",
    "30.4": "Herstellung von militärischen Kampffahrzeugen",
    "30.9": "Herstellung von Fahrzeugen a. n. g.",
    "31.0": "Herstellung von Möbeln",
    "32.1": "Herstellung von Münzen, Schmuck und ähnlichen Erzeugnissen",
    "32.2": "Herstellung von Musikinstrumenten",
    "32.3": "Herstellung von Sportgeräten",
    "32.4": "Herstellung von Spielwaren",
    "32.5": "Herstellung von medizinischen und zahnmedizinischen Apparaten und Materialien",
    "32.9": "Herstellung von Erzeugnissen a. n. g.",
    "33.1": "Reparatur von Metallerzeugnissen, Maschinen und Ausrüstungen",
    "33.2": "Installation von Maschinen und Ausrüstungen a. n. g.",
}


def load(sector_model):
    """Create or update every sector of the classification (idempotent)."""
    by_code = {}
    for code, title, first, last in SECTIONS:
        by_code[code], _ = sector_model.objects.update_or_create(
            code=code, defaults={"title": title, "level": "section", "parent": None}
        )
        for number in range(first, last + 1):
            division = f"{number:02d}"
            if division in DIVISIONS:
                by_code[division], _ = sector_model.objects.update_or_create(
                    code=division,
                    defaults={
                        "title": DIVISIONS[division],
                        "level": "division",
                        "parent": by_code[code],
                    },
                )
    for code, title in MANUFACTURING_GROUPS.items():
        sector_model.objects.update_or_create(
            code=code,
            defaults={"title": title, "level": "group", "parent": by_code[code[:2]]},
        )


def ensure_loaded(sector_model):
    """Load the classification unless it is there (a flushed test database lacks it)."""
    expected = len(SECTIONS) + len(DIVISIONS) + len(MANUFACTURING_GROUPS)
    if sector_model.objects.count() < expected:
        load(sector_model)

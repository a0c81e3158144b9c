"""The register's pages as staff, board members and partners see them."""

import datetime
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from companies.models import Company, ContactPerson, Need, PrivacyLogEntry, RiskSignal
from measures.models import FieldOfAction, Measure

from .factories import (
    CompanyFactory,
    ContactLogEntryFactory,
    ContactPersonFactory,
    EmployeeCountFactory,
    NeedFactory,
    NetworkMembershipFactory,
    RiskSignalFactory,
    sector,
)

pytestmark = pytest.mark.django_db
LIST = reverse("companies:list")
WATCHLIST = reverse("companies:watchlist")
NEEDS = reverse("companies:needs")


def _names(response):
    return [company.name for company in response.context["object_list"]]


def test_staff_filter_the_register_by_district_size_and_open_signals(staff_client):
    small = CompanyFactory(name="Klein GmbH", district="brand")
    EmployeeCountFactory(company=small, year=2024, employees=12)
    big = CompanyFactory(name="Groß AG", district="brand")
    EmployeeCountFactory(company=big, year=2020, employees=20)
    EmployeeCountFactory(company=big, year=2024, employees=300)
    CompanyFactory(name="Anderswo GmbH", district="haaren")
    RiskSignalFactory(company=big)

    assert _names(staff_client.get(LIST, {"district": "brand"})) == ["Groß AG", "Klein GmbH"]
    assert _names(staff_client.get(LIST, {"size_class": "large"})) == ["Groß AG"]
    assert _names(staff_client.get(LIST, {"size_class": "small"})) == ["Klein GmbH"]
    assert _names(staff_client.get(LIST, {"has_open_signals": "true"})) == ["Groß AG"]
    assert _names(staff_client.get(LIST, {"q": "klein"})) == ["Klein GmbH"]
    assert _names(staff_client.get(LIST, {"ordering": "-employees", "district": "brand"})) == [
        "Groß AG",
        "Klein GmbH",
    ]


def test_a_section_or_division_finds_the_companies_of_its_groups(staff_client):
    CompanyFactory(name="Werkzeugmaschinen GmbH", sector=sector("28.4"))
    CompanyFactory(name="Brauerei GmbH", sector=sector("11.0"))
    CompanyFactory(name="Software GmbH", sector=sector("62"))
    division = sector("28").pk
    section = sector("C").pk
    assert _names(staff_client.get(LIST, {"sector": division})) == ["Werkzeugmaschinen GmbH"]
    assert _names(staff_client.get(LIST, {"sector": section})) == [
        "Brauerei GmbH",
        "Werkzeugmaschinen GmbH",
    ]


def test_a_bad_filter_value_gives_an_empty_list_not_an_error(staff_client):
    CompanyFactory()
    response = staff_client.get(LIST, {"size_class": "riesig", "sector": "abc"})
    assert response.status_code == 200
    assert "Keine Unternehmen gefunden" in response.content.decode()


def test_staff_export_the_filtered_register_as_csv_and_xlsx(staff_client):
    CompanyFactory(name="Brander Guss GmbH", district="brand", register_number="HRB 7")
    CompanyFactory(name="Haarener Blech GmbH", district="haaren")
    csv_response = staff_client.get(LIST, {"district": "brand", "format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    text = csv_response.content.decode("utf-8-sig")
    assert "Brander Guss GmbH" in text and "HRB 7" in text
    assert "Haarener Blech GmbH" not in text

    xlsx = staff_client.get(LIST, {"district": "brand", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Handelsregisternummer", "Name")
    assert [row[1] for row in rows[1:]] == ["Brander Guss GmbH"]


def test_board_members_see_only_directory_fields_of_a_company_at_risk(board_client):
    company = CompanyFactory(name="Sorgenkind GmbH", register_number="HRB 999")
    RiskSignalFactory(company=company, kind="insolvency", note="Hausbank kündigt Kredit")
    NeedFactory(company=company, description="Sucht dringend Hallenfläche")
    ContactPersonFactory(company=company, name="Gerda Geheim", email="gerda@example.org")
    ContactLogEntryFactory(company=company, summary="Vertrauliches Gespräch")
    EmployeeCountFactory(company=company, employees=321)
    NetworkMembershipFactory(company=company)

    for url in [
        company.get_absolute_url(),
        LIST,
        LIST + "?format=csv",
        LIST + "?q=Sorgenkind",
    ]:
        content = board_client.get(url).content.decode("utf-8-sig")
        assert "Sorgenkind GmbH" in content
        assert "Unternehmensnetzwerk Produktionstechnik" in content
        for secret in [
            "Insolvenz",
            "Hausbank",
            "Frühwarn",
            "Hallenfläche",
            "Gerda",
            "gerda@example.org",
            "Vertrauliches",
            "321",
            "HRB 999",
            "Risikowert",
            "Änderungen",
        ]:
            assert secret not in content, f"{secret} leaked on {url}"


def test_a_directory_filter_on_needs_is_ignored_for_board_members(board_client):
    CompanyFactory(name="Offen GmbH")
    RiskSignalFactory(company=CompanyFactory(name="Riskant GmbH"))
    response = board_client.get(LIST, {"has_open_signals": "true", "size_class": "large"})
    assert _names(response) == ["Offen GmbH", "Riskant GmbH"]


def test_staff_see_everything_about_a_company_with_the_measures_answering_its_needs(
    staff_client, staff_user
):
    company = CompanyFactory(name="Vollbild GmbH")
    need = NeedFactory(company=company, description="Nachfolge bis 2028 klären")
    field = FieldOfAction.objects.create(number=1, title="Fachkräfte")
    measure = Measure.objects.create(
        code="M-07", title="Nachfolgebörse", summary="Börse", field_of_action=field
    )
    measure.needs.add(need)
    RiskSignalFactory(company=company, note="Großkunde weg")
    ContactPersonFactory(company=company, name="Karl Kontakt")
    ContactLogEntryFactory(company=company, summary="Rundgang durch die Halle")
    for year, employees in [(2020, 90), (2021, 95), (2022, 80)]:
        EmployeeCountFactory(company=company, year=year, employees=employees)
    staff_client.post(
        reverse("companies:update", args=[company.pk]),
        {"name": "Vollbild GmbH", "city": "Aachen", "status": "active", "district": "brand"},
    )

    content = staff_client.get(company.get_absolute_url()).content.decode()
    for text in [
        "Nachfolge bis 2028 klären",
        "M-07 Nachfolgebörse",
        "Großkunde weg",
        "Karl Kontakt",
        "Rundgang durch die Halle",
        'role="img"',
        "mittleres Unternehmen",
        staff_user.get_full_name(),
    ]:
        assert text in content, text
    # SVG coordinates are never written with a German decimal comma.
    assert re.search(r'<circle cx="[\d.]+" cy="[\d.]+"', content)


def test_staff_create_a_company_and_get_german_messages_for_bad_input(staff_client):
    create = reverse("companies:create")
    response = staff_client.post(
        create, {"name": "", "founded_year": "3000", "website": "kein link", "status": "active"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in content
    assert "Dieser Wert muss kleiner oder gleich 2100 sein." in content
    assert not Company.objects.exists()

    response = staff_client.post(
        create,
        {
            "name": "Neugründung GmbH",
            "city": "Aachen",
            "status": "active",
            "register_number": "HRB 5",
            "sector": sector("28.4").pk,
        },
    )
    company = Company.objects.get()
    assert response["Location"] == company.get_absolute_url()
    duplicate = staff_client.post(
        create,
        {"name": "Doppelt GmbH", "city": "Aachen", "status": "active", "register_number": "HRB 5"},
    )
    assert "bereits erfasst" in duplicate.content.decode()


def test_staff_record_needs_signals_contacts_and_follow_ups(staff_client):
    company = CompanyFactory()
    today = timezone.localdate().isoformat()
    posts = [
        (
            "companies:need-create",
            {
                "topic": "energy",
                "description": "PV-Anlage",
                "source": "visit",
                "stated_on": today,
                "status": "open",
            },
        ),
        (
            "companies:signal-create",
            {"kind": "job_cuts", "severity": "4", "observed_on": today, "source": "Presse"},
        ),
        (
            "companies:contact-create",
            {"name": "Ida Muster", "consent_date": today, "consent_purpose": "Dialog"},
        ),
        ("companies:employees-create", {"year": "2024", "employees": "77"}),
        ("companies:membership-create", {"network": "", "joined_on": today}),
    ]
    for name, data in posts[:4]:
        response = staff_client.post(reverse(name, args=[company.pk]), data)
        assert response.status_code == 302, (name, response.content.decode()[:2000])
    assert company.needs.get().description == "PV-Anlage"
    assert company.risk_signals.get().severity == 4
    person = company.contacts.get()
    assert company.employee_counts.get().employees == 77

    response = staff_client.post(
        reverse("companies:log-create", args=[company.pk]),
        {
            "kind": "call",
            "date": today,
            "contact_person": person.pk,
            "summary": "Telefonat",
            "follow_up": "Förderprogramm schicken",
        },
    )
    assert response.status_code == 302
    entry = company.contact_log.get()
    assert entry.staff_member == staff_client.user
    staff_client.post(reverse("companies:follow-up-done", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.follow_up_done_on == timezone.localdate()

    signal = company.risk_signals.get()
    staff_client.post(reverse("companies:signal-resolve", args=[signal.pk]), {"resolved_on": today})
    signal.refresh_from_db()
    assert signal.resolved_on == timezone.localdate()


def test_resolving_a_signal_with_a_bad_date_keeps_it_open(staff_client):
    signal = RiskSignalFactory(observed_on=datetime.date(2025, 6, 1))
    response = staff_client.post(
        reverse("companies:signal-resolve", args=[signal.pk]),
        {"resolved_on": "2025-01-01"},
        follow=True,
    )
    assert "nicht als erledigt markiert" in response.content.decode()
    signal.refresh_from_db()
    assert signal.resolved_on is None


def test_contact_person_access_file_and_erasure_are_logged(staff_client):
    person = ContactPersonFactory(name="Hanna Beispiel")
    response = staff_client.get(reverse("companies:contact-export", args=[person.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["person"]["name"] == "Hanna Beispiel"

    erase = reverse("companies:contact-erase", args=[person.pk])
    assert "unwiderruflich" in staff_client.get(erase).content.decode()
    staff_client.post(erase)
    person.refresh_from_db()
    assert person.erased_at is not None
    page = staff_client.get(person.company.get_absolute_url()).content.decode()
    assert "Hanna Beispiel" not in page
    assert list(PrivacyLogEntry.objects.values_list("action", flat=True)) == ["erase", "export"]
    assert ContactPerson.objects.count() == 1


def test_the_watchlist_ranks_by_score_and_filters_by_kind_district_and_sector(staff_client):
    today = timezone.localdate()
    calm = CompanyFactory(name="Ruhig GmbH", district="brand")
    RiskSignalFactory(company=calm, kind="energy_costs", severity=2, observed_on=today)
    alarm = CompanyFactory(name="Alarm GmbH", district="haaren")
    RiskSignalFactory(company=alarm, kind="insolvency", severity=5, observed_on=today)
    RiskSignalFactory(company=alarm, kind="energy_costs", severity=1, observed_on=today)
    fine = CompanyFactory(name="Erledigt GmbH")
    RiskSignalFactory(company=fine, resolved_on=today, observed_on=today)

    def ranked(**params):
        response = staff_client.get(WATCHLIST, params)
        return [company.name for company, _score, _signals in response.context["object_list"]]

    assert ranked() == ["Alarm GmbH", "Ruhig GmbH"]
    assert ranked(district="brand") == ["Ruhig GmbH"]
    assert ranked(kind="insolvency") == ["Alarm GmbH"]
    assert ranked(sector=sector("10").pk) == []
    content = staff_client.get(WATCHLIST).content.decode()
    assert "Insolvenzgefahr" in content and "Erledigt GmbH" not in content
    assert "Beitrag 33,0" in content  # insolvency (3.0) × severity 5 (11 points), fresh
    export = staff_client.get(WATCHLIST, {"format": "csv"}).content.decode("utf-8-sig")
    assert export.splitlines()[1].startswith("1;Alarm GmbH")


def test_staff_see_needs_by_topic_and_status_board_members_only_anonymous_counts(
    staff_client, client, make_user
):
    NeedFactory(company=CompanyFactory(name="Bedarfsträger GmbH"), topic="energy", status="open")
    NeedFactory(topic="energy", status="answered")
    NeedFactory(topic="sites")
    staff = staff_client.get(NEEDS)
    rows = {row["topic"]: row for row in staff.context["rows"]}
    assert rows["energy"]["total"] == 2
    assert rows["energy"]["statuses"][list(Need.Status.values).index("answered")] == 1
    assert "Bedarfsträger GmbH" in staff.content.decode()
    assert (
        staff_client.get(NEEDS, {"format": "csv"})
        .content.decode("utf-8-sig")
        .count("Bedarfsträger GmbH")
        == 1
    )

    client.force_login(make_user("beirat"))
    board = client.get(NEEDS)
    content = board.content.decode()
    assert "Bedarfsträger GmbH" not in content and "Testwerk" not in content
    assert {row["topic"]: row["total"] for row in board.context["rows"]}["energy"] == 2


def test_staff_history_shows_who_changed_which_field(staff_client, staff_user):
    company = CompanyFactory(name="Historie GmbH")
    staff_client.post(
        reverse("companies:update", args=[company.pk]),
        {"name": "Historie GmbH", "city": "Aachen", "status": "relocated"},
    )
    history = staff_client.get(company.get_absolute_url()).context["history"]
    change = history[0]
    assert change["user"] == staff_user
    assert "Status" in [str(field) for field in change["fields"]]


def test_the_staff_dashboard_shows_the_top_of_the_watchlist_and_open_follow_ups(staff_client):
    RiskSignalFactory(company=CompanyFactory(name="Gefährdet GmbH"), severity=5)
    ContactLogEntryFactory(follow_up="Förderantrag besprechen")
    content = staff_client.get("/").content.decode()
    assert "Gefährdet GmbH" in content
    assert "Förderantrag besprechen" in content


def _populate(count):
    today = timezone.localdate()
    network = NetworkMembershipFactory().network
    for index in range(count):
        company = CompanyFactory()
        EmployeeCountFactory(company=company, year=2023, employees=10 + index)
        RiskSignalFactory(company=company, observed_on=today)
        NetworkMembershipFactory(company=company, network=network)
    return Company.objects.last()


def _detail_with(count, staff_user=None):
    from tests.events.factories import EventFactory, RegistrationFactory

    company = CompanyFactory()
    for index in range(count):
        EmployeeCountFactory(company=company, year=2000 + index, employees=50 + index)
        NeedFactory(company=company)
        RiskSignalFactory(company=company)
        person = ContactPersonFactory(company=company)
        ContactLogEntryFactory(company=company, contact_person=person, staff_member=staff_user)
        NetworkMembershipFactory(company=company, joined_on=datetime.date(2000 + index, 1, 1))
        PrivacyLogEntry.objects.create(
            company=company, contact_person=person, action="export", performed_by=staff_user
        )
        RegistrationFactory(company=company, status="attended")
        EventFactory(host_company=company)
    return company


@pytest.mark.parametrize(
    "url", [LIST, WATCHLIST, NEEDS, LIST + "?format=csv", WATCHLIST + "?format=xlsx", "/"]
)
def test_staff_lists_make_the_same_number_of_queries_for_10_and_100_companies(
    staff_client, count_queries, url
):
    _populate(10)
    few = count_queries(lambda: staff_client.get(url))
    _populate(90)
    many = count_queries(lambda: staff_client.get(url))
    assert few == many


def test_the_directory_makes_the_same_number_of_queries_for_10_and_100(board_client, count_queries):
    _populate(10)
    few = count_queries(lambda: board_client.get(LIST))
    company = _populate(90)
    many = count_queries(lambda: board_client.get(LIST))
    assert few == many
    assert count_queries(lambda: board_client.get(company.get_absolute_url())) <= few


def test_the_company_page_makes_at_most_10_queries_for_10_and_100_records(
    staff_client, staff_user, count_queries
):
    small, large = _detail_with(10, staff_user), _detail_with(100, staff_user)
    staff_client.get(small.get_absolute_url())
    few = count_queries(lambda: staff_client.get(small.get_absolute_url()))
    many = count_queries(lambda: staff_client.get(large.get_absolute_url()))
    assert few == many
    assert many <= 10


@pytest.mark.parametrize("role", ["beirat", "partner"])
def test_the_directory_entry_makes_at_most_10_queries(client_for, role, count_queries):
    company = _detail_with(10)
    client = client_for(role)
    client.get(company.get_absolute_url())
    assert count_queries(lambda: client.get(company.get_absolute_url())) <= 10


def test_the_company_page_shows_every_list_it_loads_with_the_company(staff_client, staff_user):
    company = CompanyFactory()
    person = ContactPersonFactory(company=company, name="Karla Kontakt")
    ContactLogEntryFactory(
        company=company,
        contact_person=person,
        staff_member=staff_user,
        date=datetime.date(2024, 3, 5),
        summary="Hallenrundgang",
        follow_up_done_on=datetime.date(2024, 3, 9),
    )
    ContactLogEntryFactory(company=company, date=datetime.date(2024, 4, 1), summary="Später")
    RiskSignal.objects.create(
        company=company,
        kind="job_cuts",
        severity=2,
        observed_on=datetime.date(2024, 1, 2),
        resolved_on=datetime.date(2024, 2, 3),
        source="Presse",
    )
    RiskSignalFactory(company=company, observed_on=datetime.date(2024, 6, 7), note="Offen")
    NetworkMembershipFactory(
        company=company, joined_on=datetime.date(2016, 1, 1), left_on=datetime.date(2019, 12, 31)
    )
    PrivacyLogEntry.objects.create(
        company=company,
        action="erase",
        performed_by=staff_user,
        performed_at=datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.UTC),
    )
    EmployeeCountFactory(company=company, year=2023, employees=12)
    EmployeeCountFactory(company=company, year=2022, employees=9)

    response = staff_client.get(company.get_absolute_url())
    content = response.content.decode()
    log = content[content.index('id="kontaktverlauf"') : content.index('id="fruehwarnsignale"')]
    assert log.index("Später") < log.index("Hallenrundgang")
    for text in [
        "05.03.2024 · Besuch",
        f"· {staff_user.get_full_name()}",
        "mit Karla Kontakt",
        "fällig am 15.01.2030",
        "seit 01.01.2016, bis 31.12.2019",
        "03.02.2024",
        "Offen",
        "06.05.2024 09:08: anonymisiert – " + staff_user.get_full_name(),
        "12 Beschäftigte 2023",
    ]:
        assert text in content, text
    assert [count.year for count in response.context["employee_counts"]] == [2022, 2023]
    assert [s.observed_on.month for s in response.context["open_signals"]] == [6]
    assert response.context["score"] > 0


def test_the_company_page_shows_the_events_figures_of_the_events_app(staff_client):
    from tests.events.factories import EventFactory, RegistrationFactory

    company = CompanyFactory()
    meeting = EventFactory(format="network_meeting", title="Netzwerktreffen Süd")
    RegistrationFactory(event=meeting, company=company, status="attended")
    RegistrationFactory(event=meeting, company=company, status="attended")
    RegistrationFactory(company=company, status="attended")
    RegistrationFactory(company=company, status="registered")
    EventFactory(host_company=company)
    EventFactory(host_company=company, status="cancelled")

    content = staff_client.get(company.get_absolute_url()).content.decode()
    for text in [
        "2 Veranstaltungen besucht",
        "davon 1 Netzwerktreffen",
        "1 Veranstaltung als Gastgeber",
        "Netzwerktreffen Süd",
    ]:
        assert text in content, text


def test_signals_count_on_the_register_list_only_while_open(staff_client):
    company = CompanyFactory()
    RiskSignalFactory(company=company)
    RiskSignal.objects.create(
        company=company,
        kind="other",
        severity=1,
        observed_on=datetime.date(2024, 1, 1),
        resolved_on=datetime.date(2024, 2, 1),
        source="x",
    )
    listed = staff_client.get(LIST).context["object_list"][0]
    assert listed.open_signal_count == 1


def test_the_board_dashboard_shows_the_most_frequent_need_topics_without_names(board_client):
    NeedFactory(company=CompanyFactory(name="Geheim GmbH"), topic="energy")
    NeedFactory(topic="energy")
    content = board_client.get("/").content.decode()
    assert "Energie: 2" in content
    assert "Geheim GmbH" not in content


def test_the_company_page_shows_its_part_in_events(staff_client):
    from tests.events.factories import EventFactory, RegistrationFactory

    company = CompanyFactory()
    event = EventFactory(title="Werkstattgespräch Additive Fertigung")
    RegistrationFactory(event=event, company=company, status="attended")
    content = staff_client.get(company.get_absolute_url()).content.decode()
    assert "Teilnahme an Veranstaltungen" in content
    assert "1 Veranstaltung besucht" in content
    assert "Werkstattgespräch Additive Fertigung" in content

"""The measure pages as each role sees them."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dialog.accounts.roles import Role
from measures.models import Measure, MeasurePartner, Phase, ProgressUpdate, StaffCapacity

from .factories import (
    FieldOfActionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureCostFactory,
    MeasureFactory,
    MeasurePartnerFactory,
    PartnerFactory,
    PhaseFactory,
    ProgressUpdateFactory,
    StaffCapacityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_measure(staff_user):
    measure = MeasureFactory(
        title="Woche der Mobilität",
        responsible=staff_user,
        status_reason="Intern: Budget knapp",
        priority=Measure.Priority.HIGH,
    )
    PhaseFactory(measure=measure, title="Pilotwoche", person_days=77)
    MeasurePartnerFactory(measure=measure, partner=PartnerFactory(name="IHK Aachen"))
    MeasureCostFactory(measure=measure, estimate=Decimal("12345.00"))
    ProgressUpdateFactory(measure=measure, text="Zwölf Betriebe machen mit.")
    IndicatorValueFactory(indicator=IndicatorFactory(measure=measure, name="Plätze"))
    return measure


def test_anonymous_visitors_see_only_public_fields(client, rich_measure, staff_user):
    page = client.get(rich_measure.get_absolute_url()).content.decode()
    assert "Woche der Mobilität" in page
    assert "IHK Aachen" in page
    assert "Pilotwoche" in page
    for internal in ["12.345", ">77<", "Zwölf Betriebe", "Intern: Budget", "Plätze"]:
        assert internal not in page, internal
    assert staff_user.get_full_name() not in page
    listing = client.get(reverse("measures:list")).content.decode()
    assert "Woche der Mobilität" in listing
    assert "Personentage" not in listing
    assert staff_user.get_full_name() not in listing


def test_staff_see_costs_effort_progress_and_history(client_for, rich_measure):
    page = client_for(Role.VERWALTUNG).get(rich_measure.get_absolute_url()).content.decode()
    for text in ["12.345", ">77<", "Zwölf Betriebe", "Intern: Budget", "Plätze", "Änderungen"]:
        assert text in page, text


def test_ideas_are_not_in_the_public_list(client, rich_measure):
    MeasureFactory(title="Geheime Idee", status=Measure.Status.IDEA)
    assert "Geheime Idee" not in client.get(reverse("measures:list")).content.decode()
    idea = Measure.objects.get(title="Geheime Idee")
    response = client.get(idea.get_absolute_url())  # as for a measure that does not exist
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_list_filters_by_status_partner_and_year(client_for):
    partner = PartnerFactory(name="RWTH Aachen")
    early = MeasureFactory(title="Frühe Maßnahme", status=Measure.Status.COMPLETED)
    PhaseFactory(measure=early, start=datetime.date(2015, 1, 1), end=datetime.date(2016, 10, 1))
    late = MeasureFactory(title="Späte Maßnahme")
    PhaseFactory(measure=late, start=datetime.date(2028, 1, 1), end=datetime.date(2028, 4, 1))
    MeasurePartnerFactory(measure=late, partner=partner)
    client = client_for(Role.VERWALTUNG)
    url = reverse("measures:list")

    def titles(**params):
        page = client.get(url, params).content.decode()
        return {t for t in ["Frühe Maßnahme", "Späte Maßnahme"] if t in page}

    assert titles(year=2016) == {"Frühe Maßnahme"}
    assert titles(status="planned") == {"Späte Maßnahme"}
    assert titles(partner=partner.pk) == {"Späte Maßnahme"}
    assert titles(q="früh") == {"Frühe Maßnahme"}
    assert titles(year="kein Jahr") == set()  # bad input: no 500, just no result
    assert "Keine Maßnahmen gefunden" in client.get(url, {"year": 1999}).content.decode()


def test_anonymous_visitors_get_no_internal_filters(client):
    page = client.get(reverse("measures:list")).content.decode()
    assert 'name="responsible"' not in page
    assert 'name="priority"' not in page
    assert 'name="field_of_action"' in page


def test_export_of_the_filtered_list_as_csv_and_xlsx(client_for, rich_measure):
    MeasureFactory(title="Andere", status=Measure.Status.ACTIVE)
    client = client_for(Role.VERWALTUNG)
    response = client.get(reverse("measures:list"), {"format": "csv", "status": "planned"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kennung"
    assert [r[1] for r in rows[1:]] == ["Woche der Mobilität"]
    assert rows[1][9] == "77"
    response = client.get(reverse("measures:list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        "Woche der Mobilität",
        "Andere",
    }


def _management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _measure_post(field, **extra):
    data = {
        "code": "",
        "title": "Zulieferbörse",
        "summary": "Betriebe finden lokale Zulieferer.",
        "field_of_action": field.pk,
        "priority": "2",
        "status": "planned",
        **_management("phases", 2),
        **_management("partners", 1),
        **_management("costs", 0),
        **_management("indicators", 0),
        "phases-0-title": "Analyse",
        "phases-0-order": "1",
        "phases-0-start": "2027-01-01",
        "phases-0-end": "2027-04-01",
        "phases-0-person_days": "30",
        "phases-1-title": "Börse",
        "phases-1-order": "2",
        "phases-1-start": "2027-07-01",
        "phases-1-end": "2027-10-01",
        "phases-1-person_days": "40",
    }
    data.update(extra)
    return data


def test_staff_create_a_measure_with_inline_phases_and_partners(client_for):
    field = MeasureFactory().field_of_action
    partner = PartnerFactory()
    client = client_for(Role.VERWALTUNG)
    response = client.post(
        reverse("measures:create"),
        _measure_post(field, **{"partners-0-partner": partner.pk, "partners-0-role": "lead"}),
    )
    measure = Measure.objects.get(title="Zulieferbörse")
    assert response.status_code == 302
    assert response["Location"] == measure.get_absolute_url()
    assert measure.code.startswith("M-")
    assert list(measure.phases.values_list("title", flat=True)) == ["Analyse", "Börse"]
    assert measure.partner_roles.get().role == MeasurePartner.Role.LEAD
    assert measure.history.first().history_user == client.user


def test_a_phase_ending_before_it_starts_re_renders_the_form_and_saves_nothing(client_for):
    field = MeasureFactory().field_of_action
    client = client_for(Role.VERWALTUNG)
    response = client.post(
        reverse("measures:create"), _measure_post(field, **{"phases-1-end": "2026-01-01"})
    )
    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    assert not Measure.objects.filter(title="Zulieferbörse").exists()
    assert not Phase.objects.exists()


def test_an_illegal_status_change_is_not_offered_and_refused(client_for):
    measure = MeasureFactory(status=Measure.Status.COMPLETED)
    client = client_for(Role.VERWALTUNG)
    page = client.get(reverse("measures:status", args=[measure.pk])).content.decode()
    assert "kein Weg mehr" in page
    response = client.post(reverse("measures:status", args=[measure.pk]), {"status": "active"})
    assert response.status_code == 200
    measure.refresh_from_db()
    assert measure.status == Measure.Status.COMPLETED


def test_deferring_without_reason_asks_for_one(client_for):
    measure = MeasureFactory()
    client = client_for(Role.VERWALTUNG)
    response = client.post(reverse("measures:status", args=[measure.pk]), {"status": "deferred"})
    assert "Bitte geben Sie eine Begründung an." in response.content.decode()
    response = client.post(
        reverse("measures:status", args=[measure.pk]),
        {"status": "deferred", "reason": "Erst nach der Neubesetzung"},
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == Measure.Status.DEFERRED


def test_a_partner_user_posts_progress_on_their_measure_only(client_for):
    client = client_for(Role.PARTNER)
    own = MeasurePartnerFactory(partner=PartnerFactory(users=[client.user])).measure
    other = MeasurePartnerFactory().measure

    own_page = client.get(own.get_absolute_url()).content.decode()
    assert "Fortschritt berichten" in own_page
    response = client.post(
        reverse("measures:progress", args=[own.pk]),
        {"date": datetime.date.today().isoformat(), "text": "Zehn Betriebe angemeldet."},
    )
    assert response.status_code == 302
    assert own.progress_updates.get().author == client.user

    other_page = client.get(other.get_absolute_url()).content.decode()
    assert "Fortschritt berichten" not in other_page
    assert 'action="/massnahmen/' not in other_page
    response = client.post(
        reverse("measures:progress", args=[other.pk]),
        {"date": datetime.date.today().isoformat(), "text": "Fremder Bericht"},
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.filter(measure=other).exists()


def test_a_progress_update_dated_in_the_future_is_refused(client_for):
    measure = MeasureFactory()
    client = client_for(Role.VERWALTUNG)
    response = client.post(
        reverse("measures:progress", args=[measure.pk]),
        {"date": "2999-01-01", "text": "Zukunft"},
    )
    assert response.status_code == 200
    assert "nicht in der Zukunft" in response.content.decode()


def test_board_member_proposes_an_idea_and_staff_accept_it(
    client_for, mailoutbox, django_capture_on_commit_callbacks
):
    field = MeasureFactory().field_of_action
    client = client_for(Role.BEIRAT)
    proposer = client.user
    response = client.post(
        reverse("measures:propose"),
        {"title": "Energieeinkauf", "summary": "Gemeinsam einkaufen.", "field_of_action": field.pk},
    )
    assert response.status_code == 302
    idea = Measure.objects.get(title="Energieeinkauf")
    assert idea.proposed_by == proposer

    client = client_for(Role.VERWALTUNG)
    assert "Energieeinkauf" in client.get(reverse("measures:ideas")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("measures:triage", args=[idea.pk]), {f"idea-{idea.pk}-decision": "accept"}
        )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Measure.Status.PLANNED
    assert mailoutbox[-1].to == [proposer.email]


def test_dropping_an_idea_without_reason_re_renders_with_a_message(client_for):
    idea = MeasureFactory(status=Measure.Status.IDEA)
    client = client_for(Role.VERWALTUNG)
    response = client.post(
        reverse("measures:triage", args=[idea.pk]), {f"idea-{idea.pk}-decision": "drop"}
    )
    assert response.status_code == 200
    assert "Bitte geben Sie eine Begründung an." in response.content.decode()


def test_capacity_plan_flags_overloaded_quarters(client_for):
    today = datetime.date.today()
    quarter = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    StaffCapacityFactory(quarter=quarter, person_days=10)
    PhaseFactory(measure=MeasureFactory(), start=quarter, end=quarter, person_days=50)
    page = client_for(Role.VERWALTUNG).get(reverse("measures:capacity")).content.decode()
    assert "1 Quartal ist überlastet" in page
    assert 'role="img"' in page
    assert "<strong>überlastet</strong>" in page


def test_staff_set_the_capacity_of_a_quarter_and_bad_input_is_explained(client_for):
    client = client_for(Role.VERWALTUNG)
    response = client.post(
        reverse("measures:capacity"), {"quarter": "2027-01-01", "person_days": "120"}
    )
    assert response.status_code == 302
    assert StaffCapacity.objects.get(quarter=datetime.date(2027, 1, 1)).person_days == 120
    response = client.post(
        reverse("measures:capacity"), {"quarter": "2027-01-01", "person_days": "viele"}
    )
    assert response.status_code == 200
    assert "ganze Zahl" in response.content.decode()
    assert StaffCapacity.objects.get(quarter=datetime.date(2027, 1, 1)).person_days == 120


def test_staggering_is_shown_before_and_applied_only_on_accept(client_for):
    today = datetime.date.today()
    quarter = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    next_quarter = datetime.date(
        quarter.year + quarter.month // 10, (quarter.month + 2) % 12 + 1, 1
    )
    StaffCapacityFactory(quarter=quarter, person_days=60)
    PhaseFactory(
        measure=MeasureFactory(priority=Measure.Priority.HIGH),
        start=next_quarter,
        end=next_quarter,
        person_days=50,
    )
    low = PhaseFactory(
        measure=MeasureFactory(priority=Measure.Priority.LOW, title="Niedrige Priorität"),
        start=next_quarter,
        end=next_quarter,
        person_days=50,
    )
    client = client_for(Role.VERWALTUNG)
    page = client.get(reverse("measures:staggering")).content.decode()
    assert "Niedrige Priorität" in page
    assert "Vorher" in page and "Nachher" in page
    low.refresh_from_db()
    assert low.start == next_quarter  # nothing applied by looking
    fingerprint = page.split('name="fingerprint" value="')[1].split('"')[0]
    response = client.post(reverse("measures:staggering"), {"fingerprint": fingerprint})
    assert response.status_code == 302
    low.refresh_from_db()
    assert low.start > next_quarter


def test_partner_page_lists_their_measures(client_for):
    role = MeasurePartnerFactory(measure=MeasureFactory(title="Werkstattgespräche"))
    page = (
        client_for(Role.BEIRAT)
        .get(reverse("measures:partner-detail", args=[role.partner.pk]))
        .content.decode()
    )
    assert "Werkstattgespräche" in page
    listing = client_for(Role.PARTNER).get(reverse("measures:partner-list")).content.decode()
    assert role.partner.name in listing


def test_timeline_shows_an_svg_and_the_same_data_as_table(client):
    measure = MeasureFactory(title="Netzwerk Produktionstechnik")
    PhaseFactory(measure=measure, title="Neustart", start=datetime.date(2025, 1, 1))
    page = client.get(reverse("measures:timeline")).content.decode()
    assert 'role="img"' in page
    assert "<title" in page
    assert "Neustart" in page and "Q1 2025" in page


def test_the_timeline_is_paginated_and_every_page_shares_the_time_axis(client):
    field = FieldOfActionFactory(number=1, title="Fachkräfte")
    for number in range(51):
        PhaseFactory(
            measure=MeasureFactory(code=f"M-{number:03d}", field_of_action=field),
            title=f"Phase von M-{number:03d}",
            start=datetime.date(2040 if number == 0 else 2026, 1, 1),
            end=datetime.date(2040 if number == 0 else 2026, 4, 1),
        )
    PhaseFactory(
        measure=MeasureFactory(code="Z-999", field_of_action=FieldOfActionFactory(number=9)),
        start=datetime.date(2012, 1, 1),
        end=datetime.date(2012, 6, 1),
    )
    first = client.get(reverse("measures:timeline")).content.decode()
    second = client.get(reverse("measures:timeline") + "?page=2").content.decode()
    # 50 measures a page, in the order of the fields of action and codes.
    assert "Phase von M-000" in first and "Phase von M-049" in first
    assert "Phase von M-050" not in first and "Z-999" not in first
    assert "Phase von M-050" in second and "Z-999" in second
    assert "Phase von M-049" not in second
    assert "52 Einträge insgesamt" in first
    # Both charts span 2012 to 2040, although each page holds only part of it.
    for page in (first, second):
        chart = page[page.index("<svg") : page.index("</svg>")]
        assert ">2012</text>" in chart and ">2040</text>" in chart


def test_the_timeline_table_has_a_row_per_phase_escaped_and_one_for_a_measure_without(client):
    measure = MeasureFactory(title="Netzwerk <Produktion> & Technik", status=Measure.Status.ACTIVE)
    PhaseFactory(
        measure=measure,
        title='Pilot "A"',
        start=datetime.date(2025, 4, 1),
        end=datetime.date(2025, 12, 1),
    )
    PhaseFactory(measure=measure, order=2, title="Ausbau", start=datetime.date(2026, 1, 1))
    empty = MeasureFactory(title="Ohne Phasen", status=Measure.Status.PLANNED)
    page = client.get(reverse("measures:timeline")).content.decode()
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    rows = table.split("<tr>")[1:]
    assert len(rows) == 3
    assert [row.count("<td") for row in rows] == [6, 6, 4]
    first = rows[[i for i, row in enumerate(rows) if "Pilot" in row][0]]
    assert "Netzwerk &lt;Produktion&gt; &amp; Technik" in first
    assert "Pilot &quot;A&quot;" in first
    assert "<td>Q2 2025</td><td>Q4 2025</td>" in first
    assert f'href="{measure.get_absolute_url()}"' in first
    assert "<td>laufend</td>" in first
    assert f"<td>{measure.field_of_action}</td>" in first
    last = rows[[i for i, row in enumerate(rows) if "Ohne Phasen" in row][0]]
    assert f'href="{empty.get_absolute_url()}"' in last
    assert '<td colspan="3">keine Phasen geplant</td>' in last


# --- Query counts -------------------------------------------------------------------------
def _measures(n):
    partner = PartnerFactory()
    for _ in range(n):
        measure = MeasureFactory(responsible=None)
        PhaseFactory(measure=measure)
        PhaseFactory(
            measure=measure, order=2, start=datetime.date(2026, 7, 1), end=datetime.date(2026, 7, 1)
        )
        MeasurePartnerFactory(measure=measure, partner=partner)
        MeasurePartnerFactory(measure=measure)


@pytest.mark.parametrize(
    ("url_name", "role"),
    [
        ("measures:list", Role.VERWALTUNG),
        ("measures:list", None),
        ("measures:timeline", Role.VERWALTUNG),
        ("measures:timeline", None),
        ("measures:capacity", Role.VERWALTUNG),
        ("measures:staggering", Role.VERWALTUNG),
        ("measures:partner-list", Role.PARTNER),
    ],
)
def test_query_count_does_not_grow_with_the_number_of_measures(
    url_name, role, client_for, count_queries
):
    client = client_for(role)
    StaffCapacityFactory(person_days=5)
    _measures(10)
    client.get(reverse(url_name))  # warm caches (sessions, content types)
    few = count_queries(lambda: client.get(reverse(url_name)))
    _measures(90)
    many = count_queries(lambda: client.get(reverse(url_name)))
    assert few == many
    assert many <= 10


@pytest.mark.parametrize(
    ("role", "own"),
    [(Role.VERWALTUNG, False), (Role.PARTNER, False), (Role.PARTNER, True), (None, False)],
)
def test_query_count_of_the_measure_page_does_not_grow(role, own, client_for, count_queries):
    client = client_for(role)
    measure = MeasureFactory(status=Measure.Status.ACTIVE)
    if own:  # the partner's organisation carries the measure: it may post progress
        MeasurePartnerFactory(measure=measure, partner=PartnerFactory(users=[client.user]))

    def add(n):
        for i in range(n):
            PhaseFactory(measure=measure, order=i)
            MeasurePartnerFactory(measure=measure)
            ProgressUpdateFactory(measure=measure)
            MeasureCostFactory(measure=measure, year=2000 + measure.costs.count())
            IndicatorValueFactory(indicator=IndicatorFactory(measure=measure))

    add(2)
    client.get(measure.get_absolute_url())
    few = count_queries(lambda: client.get(measure.get_absolute_url()))
    add(18)
    many = count_queries(lambda: client.get(measure.get_absolute_url()))
    assert few == many
    assert many <= 10


def test_a_partner_user_narrows_the_list_to_their_organisations_measures(client_for):
    client = client_for(Role.PARTNER)
    MeasurePartnerFactory(
        measure=MeasureFactory(title="Unsere Maßnahme"), partner=PartnerFactory(users=[client.user])
    )
    MeasureFactory(title="Fremde Maßnahme")
    page = client.get(reverse("measures:list"), {"mine": "true"}).content.decode()
    assert "Unsere Maßnahme" in page
    assert "Fremde Maßnahme" not in page
    assert 'name="mine"' not in client_for(None).get(reverse("measures:list")).content.decode()


def test_editing_a_phase_keeps_its_history_with_the_editor(client_for):
    measure = MeasureFactory(title="Zulieferbörse")
    phase = PhaseFactory(measure=measure, title="Analyse", person_days=30)
    client = client_for(Role.VERWALTUNG)
    data = {
        "code": measure.code,
        "title": measure.title,
        "summary": measure.summary,
        "field_of_action": measure.field_of_action.pk,
        "priority": "3",
        **_management("phases", 1, 1),
        **_management("partners", 0),
        **_management("costs", 0),
        **_management("indicators", 0),
        "phases-0-id": phase.pk,
        "phases-0-measure": measure.pk,
        "phases-0-title": "Analyse",
        "phases-0-order": "1",
        "phases-0-start": "2026-01-01",
        "phases-0-end": "2026-07-01",
        "phases-0-person_days": "45",
    }
    response = client.post(reverse("measures:update", args=[measure.pk]), data)
    assert response.status_code == 302
    phase.refresh_from_db()
    assert (phase.end, phase.person_days) == (datetime.date(2026, 7, 1), 45)
    assert phase.history.first().history_user == client.user
    measure.refresh_from_db()
    assert measure.priority == Measure.Priority.LOW
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Geändert: Phase „Analyse“" in page


def test_dashboards_show_the_measures_panels(client_for):
    today = datetime.date.today()
    quarter = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    StaffCapacityFactory(quarter=quarter, person_days=10)
    PhaseFactory(measure=MeasureFactory(), start=quarter, end=quarter, person_days=50)
    MeasureFactory(title="Neue Idee aus dem Beirat", status=Measure.Status.IDEA)
    page = client_for(Role.VERWALTUNG).get("/").content.decode()
    assert "1 kommendes Quartal ist überlastet" in page
    assert "Neue Idee aus dem Beirat" in page

    client = client_for(Role.PARTNER)
    MeasurePartnerFactory(
        measure=MeasureFactory(title="Unsere Maßnahme"), partner=PartnerFactory(users=[client.user])
    )
    assert "Unsere Maßnahme" in client.get("/").content.decode()
    assert "Maßnahmenidee vorschlagen" in client_for(Role.BEIRAT).get("/").content.decode()
    assert "Stand der Maßnahmen" in client_for(Role.AUSSCHUSS).get("/").content.decode()


def test_a_huge_posted_form_count_is_refused_not_rendered(client_for):
    measure = MeasureFactory(title="Zulieferbörse")
    client = client_for(Role.VERWALTUNG)
    data = {
        "code": measure.code,
        "title": measure.title,
        "summary": measure.summary,
        "field_of_action": measure.field_of_action.pk,
        "priority": "3",
        **_management("phases", 10**6),
        **_management("partners", 0),
        **_management("costs", 0),
        **_management("indicators", 0),
    }
    response = client.post(reverse("measures:update", args=[measure.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bitte höchstens 50 Formulare abschicken." in page
    assert 'name="phases-49-title"' in page and 'name="phases-50-title"' not in page
    assert not Phase.objects.filter(measure=measure).exists()

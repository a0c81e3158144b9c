"""Everyday use in German: numbers as "12.500,50", page titles, plural forms and the sentence
for a refused status change."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from dialog.accounts.roles import Role
from dialog.core.forms import LocalizedDecimalField
from dialog.core.numbers import parse_localized_number
from measures import charts
from measures.forms import StatusChangeForm
from measures.models import Measure, MeasureCost
from tests.access_table import ACCESS, ANON, ROLES, SAMPLES
from tests.measures.factories import IndicatorFactory, MeasureCostFactory, MeasureFactory
from tests.test_access import ROUTES

pytestmark = pytest.mark.django_db


def _management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("12.500,50", "12500.50"),
        ("12500,50", "12500.50"),
        ("12500.50", "12500.50"),
        ("1.250.000", "1250000"),
        ("12.500", "12500"),
        (" 7,5 ", "7.5"),
        ("-3,25", "-3.25"),
    ],
)
def test_german_numbers_are_read(typed, read):
    with translation.override("de"):
        assert parse_localized_number(typed) == read
        field = LocalizedDecimalField(max_digits=12, decimal_places=2)
        assert field.clean(typed) == Decimal(read)


def test_english_numbers_are_read_in_english():
    with translation.override("en"):
        assert LocalizedDecimalField(decimal_places=2).clean("12,500.50") == Decimal("12500.50")


def test_a_cost_typed_the_german_way_is_saved_and_shown_the_german_way(client_for):
    measure = MeasureFactory()
    client = client_for(Role.VERWALTUNG)
    data = {
        "code": measure.code,
        "title": measure.title,
        "summary": measure.summary,
        "field_of_action": measure.field_of_action.pk,
        "priority": "2",
        **_management("phases"),
        **_management("partners"),
        **_management("costs", 1),
        **_management("indicators", 1),
        "costs-0-year": "2027",
        "costs-0-estimate": "12.500,50",
        "costs-0-actual": "9800,25",
        "costs-0-funding_source": "Haushalt",
        "indicators-0-name": "Teilnehmende",
        "indicators-0-unit": "Personen",
        "indicators-0-target": "1.200,5",
    }
    response = client.post(reverse("measures:update", args=[measure.pk]), data)
    assert response.status_code == 302, response.content.decode()
    cost = MeasureCost.objects.get(measure=measure)
    assert (cost.estimate, cost.actual) == (Decimal("12500.50"), Decimal("9800.25"))
    assert measure.indicators.get().target == Decimal("1200.50")

    form = client.get(reverse("measures:update", args=[measure.pk])).content.decode()
    assert 'value="12.500,50"' in form
    assert 'value="9.800,25"' in form
    assert 'value="1.200,50"' in form
    assert 'inputmode="decimal"' in form

    page = client.get(measure.get_absolute_url()).content.decode()
    assert "12.500,50" in page
    assert "Ziel: 1.200,50 Personen" in page


def test_a_wrong_number_is_refused_in_german(client_for):
    measure = MeasureFactory()
    IndicatorFactory(measure=measure)
    response = client_for(Role.VERWALTUNG).post(
        reverse("measures:indicator-value", args=[measure.pk]),
        {"indicator": measure.indicators.get().pk, "date": "2026-01-01", "value": "zwölf"},
    )
    assert response.status_code == 200
    assert "Bitte eine Zahl eingeben." in response.content.decode()


def test_the_indicator_chart_writes_numbers_the_german_way():
    import datetime

    with translation.override("de"):
        svg = charts.indicator_svg(
            [(datetime.date(2026, 1, 1), Decimal("1500.5"))],
            target=Decimal("2000.00"),
            name="Besucher",
            unit="Personen",
        )
    assert "1.500,5 Personen" in svg
    assert "Zielwert 2.000 Personen" in svg or "Zielwert 2.000,00 Personen" in svg
    assert "2000.00" not in svg


def test_the_measure_detail_groups_the_cost_sum(client_for):
    measure = MeasureFactory()
    MeasureCostFactory(measure=measure, estimate=Decimal("1234567.80"))
    page = client_for(Role.VERWALTUNG).get(measure.get_absolute_url()).content.decode()
    assert "1.234.567,80" in page


# --- Page titles ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_page_title_names_the_page_and_the_portal(role, make_user):
    client = Client()
    user = None
    if role != ANON:
        user = make_user(role, is_staff=role == Role.VERWALTUNG)
        client.force_login(user)
    checked = 0
    for route, name in ROUTES:
        if route == "konto/logout/" or role not in ACCESS[route]:
            continue
        kwargs = SAMPLES[route](user) if route in SAMPLES else {}
        response = client.get(reverse(name, kwargs=kwargs))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        content = response.content.decode()
        title = content.split("<title>", 1)[1].split("</title>", 1)[0].strip()
        page, _sep, portal = title.rpartition(" – ")
        assert portal == "Aachener Industrie-Dialog", (route, title)
        assert page.strip(), (route, title)
        checked += 1
    assert checked


def test_error_pages_carry_the_separator_too(client):
    content = client.get("/gibt-es-nicht/").content.decode()
    assert "<title>Seite nicht gefunden – Aachener Industrie-Dialog</title>" in content


# --- Status changes and plurals ---------------------------------------------------------------


def test_a_refused_status_change_says_where_the_measure_can_go(client_for):
    measure = MeasureFactory(status=Measure.Status.PLANNED)
    response = client_for(Role.VERWALTUNG).post(
        reverse("measures:status", args=[measure.pk]), {"status": "completed"}
    )
    page = response.content.decode()
    assert (
        "Von „geplant“ kann nur nach „laufend“, „zurückgestellt“ oder „verworfen“ "
        "gewechselt werden." in page
    )
    assert "keine gültige Auswahl" not in page


def test_a_closed_measure_says_it_cannot_change_any_more():
    measure = MeasureFactory(status=Measure.Status.COMPLETED)
    with translation.override("de"):
        form = StatusChangeForm({"status": "active"}, measure=measure)
        assert form.errors["status"] == [
            "Von „abgeschlossen“ aus kann der Status nicht mehr gewechselt werden."
        ]


def test_one_overloaded_quarter_is_singular():
    from measures.selectors import QuarterLoad

    quarters = [
        QuarterLoad(index=2026 * 4, planned=Decimal("77.0"), capacity=10, has_capacity=True)
    ]
    with translation.override("de"):
        svg = charts.capacity_svg(quarters)
    assert "1 Quartal ist überlastet" in svg
    assert "77 von 10 Personentagen" in svg
    assert "77.0" not in svg


# --- Filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["measures:list", "companies:list", "companies:needs", "board:measure-list"]
)
def test_filters_offer_alle_instead_of_dashes(url_name, client_for):
    page = client_for(Role.VERWALTUNG).get(reverse(url_name)).content.decode()
    assert '<option value="" selected>alle</option>' in page
    assert "---------" not in page
    assert "Unbekannt" not in page


def test_a_yes_no_filter_reads_alle_ja_nein_and_still_filters(client_for):
    client = client_for(Role.VERWALTUNG)
    page = client.get(reverse("companies:list")).content.decode()
    assert '<option value="true">ja</option>' in page
    filtered = client.get(reverse("companies:list"), {"has_open_signals": "true"})
    assert '<option value="true" selected>ja</option>' in filtered.content.decode()


# --- The error summary ------------------------------------------------------------------------


def test_a_failed_form_starts_with_a_summary_linking_each_field(client_for):
    measure = MeasureFactory()
    IndicatorFactory(measure=measure)
    response = client_for(Role.VERWALTUNG).post(
        reverse("measures:indicator-value", args=[measure.pk]),
        {"indicator": "", "date": "2026-01-01", "value": "zwölf"},
    )
    page = response.content.decode()
    summary = page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert 'role="alert"' in page.split("data-error-summary", 1)[0].rsplit("<div", 1)[1]
    assert "Bitte korrigieren Sie 2 Angaben:" in summary
    assert '<a class="alert-link" href="#id_indicator"' in summary
    assert '<a class="alert-link" href="#id_value"' in summary
    assert "Wert: Bitte eine Zahl eingeben." in summary
    assert "/static/js/error-summary.js" in page


def test_the_summary_lists_the_errors_of_formsets_too(client_for):
    measure = MeasureFactory()
    data = {
        "code": measure.code,
        "title": "",
        "summary": measure.summary,
        "field_of_action": measure.field_of_action.pk,
        "priority": "2",
        **_management("phases"),
        **_management("partners"),
        **_management("costs", 1),
        **_management("indicators"),
        "costs-0-year": "2027",
        "costs-0-estimate": "viel",
    }
    page = (
        client_for(Role.VERWALTUNG)
        .post(reverse("measures:update", args=[measure.pk]), data)
        .content.decode()
    )
    summary = page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert 'href="#id_title"' in summary
    assert 'href="#id_costs-0-estimate"' in summary


def test_a_page_without_errors_has_no_summary(client_for):
    page = client_for(Role.VERWALTUNG).get(reverse("measures:create")).content.decode()
    assert "data-error-summary" not in page
    assert "error-summary.js" not in page


def test_one_rated_measure_is_singular(client, make_user):
    from tests.board.factories import BoardMembershipFactory, PriorityRoundFactory

    member = make_user(Role.BEIRAT)
    BoardMembershipFactory(user=member)
    PriorityRoundFactory()
    measure = MeasureFactory()
    client.force_login(member)
    response = client.post(reverse("board:priorities"), {f"measure_{measure.pk}": "4"}, follow=True)
    page = response.content.decode()
    assert "Ihre Bewertung wurde gespeichert (1 Maßnahme bewertet)." in page
    assert "1 Maßnahmen" not in page


def test_one_feedback_is_singular(client_for):
    from events.models import MobilityFeedback
    from tests.events.factories import MobilityMatchFactory

    match = MobilityMatchFactory()
    MobilityFeedback.objects.create(
        match=match, rating=4, learned_something=True, would_recommend=True
    )
    page = (
        client_for(Role.VERWALTUNG)
        .get(reverse("events:mobility-week", args=[match.offer.week.year]))
        .content.decode()
    )
    assert "1 Rückmeldung, Gesamteindruck 4 von 5" in page
    assert "1 Rückmeldungen" not in page


@pytest.mark.django_db
def test_the_shared_search_finds_text_in_any_field_and_a_code_by_its_start():
    """PortalFilterSet.search: icontains over search_fields, a field's own lookup kept."""
    from companies.filters import CompanyFilterSet
    from companies.models import Company
    from tests.companies.factories import CompanyFactory

    company = CompanyFactory(name="Werkzeugbau Eilendorf GmbH", street="Am Gut Wolf 3")
    other = CompanyFactory(name="Anderes Werk GmbH")

    def found(text):
        return set(CompanyFilterSet({"q": text}, queryset=Company.objects.all()).qs)

    assert found("eilendorf") == {company}
    assert found("gut wolf") == {company}
    assert company in found(company.sector.code[:2]) and other in found("")
    assert found("   ") == set(Company.objects.all())

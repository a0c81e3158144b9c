"""The register's data: WZ 2008 shipped, constraints in the database, derived size classes."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from companies.models import Company, EmployeeCount, Sector, SizeClass

from .factories import CompanyFactory, EmployeeCountFactory, RiskSignalFactory

pytestmark = pytest.mark.django_db


def test_wz_2008_ships_the_whole_classification_down_to_subclasses():
    sections = Sector.objects.filter(level=Sector.Level.SECTION)
    assert "".join(sections.values_list("code", flat=True)) == "ABCDEFGHIJKLMNOPQRSTU"
    assert Sector.objects.filter(level=Sector.Level.DIVISION).count() == 88
    manufacturing = Sector.objects.get(code="C")
    divisions = manufacturing.children.values_list("code", flat=True)
    assert list(divisions) == [str(n) for n in range(10, 34)]
    assert Sector.objects.get(code="28.4").title == "Herstellung von Werkzeugmaschinen"
    assert Sector.objects.get(code="28.4").parent.code == "28"
    groups = Sector.objects.filter(level=Sector.Level.GROUP)
    assert groups.count() == 272
    assert groups.filter(parent__parent=manufacturing).count() == 95
    mechanik = Sector.objects.select_related("parent").get(code="25.62")
    assert (mechanik.level, mechanik.parent.code) == (Sector.Level.CLASS, "25.6")
    assert Sector.objects.filter(level=Sector.Level.CLASS).count() == 615
    assert Sector.objects.get(code="25.62.0").parent == mechanik
    assert Sector.objects.filter(level=Sector.Level.SUBCLASS).count() == 839


@pytest.mark.parametrize(
    ("employees", "size_class"),
    [
        (0, SizeClass.MICRO),
        (9, SizeClass.MICRO),
        (10, SizeClass.SMALL),
        (49, SizeClass.SMALL),
        (50, SizeClass.MEDIUM),
        (249, SizeClass.MEDIUM),
        (250, SizeClass.LARGE),
        (None, None),
    ],
)
def test_size_class_follows_the_eu_sme_headcount_limits(employees, size_class):
    assert SizeClass.for_employees(employees) == size_class


def test_register_number_is_unique_but_may_be_left_empty():
    CompanyFactory(register_number="HRB 1")
    CompanyFactory(register_number="")
    CompanyFactory(register_number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyFactory(register_number="HRB 1")


def test_one_employee_figure_per_company_and_year():
    figure = EmployeeCountFactory(year=2020)
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployeeCount.objects.create(company=figure.company, year=2020, employees=3)


def test_implausible_years_are_refused_by_the_database():
    company = CompanyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployeeCount.objects.create(company=company, year=1800, employees=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.filter(pk=company.pk).update(founded_year=3000)


@pytest.mark.parametrize("severity", [0, 6])
def test_severity_outside_one_to_five_is_refused(severity):
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskSignalFactory(severity=severity)


def test_a_signal_cannot_be_resolved_before_it_was_observed():
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskSignalFactory(
            observed_on=datetime.date(2025, 5, 1), resolved_on=datetime.date(2025, 4, 1)
        )


def test_changes_to_companies_needs_and_signals_are_recorded():
    company = CompanyFactory(name="Alt GmbH")
    company.name = "Neu GmbH"
    company.save()
    signal = RiskSignalFactory(company=company)
    assert [h.name for h in company.history.order_by("history_date")] == ["Alt GmbH", "Neu GmbH"]
    assert signal.history.count() == 1

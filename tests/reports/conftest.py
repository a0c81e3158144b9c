"""Fixtures of the reports' tests: a small Handlungskonzept with confidential company data."""

import datetime

import pytest
from django.utils import timezone

from companies.models import ContactPerson, RiskSignal
from measures.models import MeasurePartner

from .factories import (
    CommitteeMeetingFactory,
    FieldOfActionFactory,
    MeasureFactory,
    MeasurePartnerFactory,
    NeedFactory,
    PartnerFactory,
)


@pytest.fixture
def dialog_data(db):
    """Two fields of action with measures and partners, a need answered by a measure, and a
    company with a contact person and a risk signal that no report may show."""
    meeting = CommitteeMeetingFactory(
        starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(days=14)
    )
    fields = [
        FieldOfActionFactory(title="Fachkräfte sichern"),
        FieldOfActionFactory(title="Flächen und Standorte"),
    ]
    ihk = PartnerFactory(name="IHK Aachen")
    rwth = PartnerFactory(name="RWTH Aachen", kind="university")
    measures = [
        MeasureFactory(code=code, title=title, field_of_action=field, status="idea")
        for code, title, field in [
            ("M-01", "Woche der Mobilität vorbereiten", fields[0]),
            ("M-02", "Netzwerk Produktionstechnik", fields[0]),
            ("M-03", "Gewerbeflächenbörse", fields[1]),
        ]
    ]
    MeasurePartnerFactory(measure=measures[0], partner=ihk, role=MeasurePartner.Role.LEAD)
    MeasurePartnerFactory(measure=measures[1], partner=rwth, role=MeasurePartner.Role.SUPPORTING)
    need = NeedFactory(status="answered", description="Geheimer Bedarf an Schweißern")
    measures[0].needs.add(need)
    ContactPerson.objects.create(
        company=need.company,
        name="Hannelore Geheimrath",
        email="geheim@example.org",
        consent_date=datetime.date(2026, 1, 5),
        consent_purpose="Industrie-Dialog",
    )
    RiskSignal.objects.create(
        company=need.company,
        kind=RiskSignal.Kind.INSOLVENCY,
        severity=5,
        source="Hausbank",
        note="Drohende Zahlungsunfähigkeit im Herbst",
    )
    return {"meeting": meeting, "measures": measures, "need": need, "fields": fields}


@pytest.fixture
def period():
    today = timezone.localdate()
    return {"period_start": today - datetime.timedelta(days=90), "period_end": today}

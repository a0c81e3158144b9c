"""Writes on the register: validation, data-protection actions and the weekly digest."""

import datetime
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from companies import services
from companies.models import ContactLogEntry, PrivacyLogEntry, RiskScoreSnapshot

from .factories import (
    CompanyFactory,
    ContactLogEntryFactory,
    ContactPersonFactory,
    RiskSignalFactory,
)

pytestmark = pytest.mark.django_db


def test_company_create_refuses_an_implausible_founding_year_in_german():
    with pytest.raises(ValidationError) as error:
        services.company_create(name="Zukunft GmbH", founded_year=3000)
    assert error.value.message_dict["founded_year"] == [
        "Dieser Wert muss kleiner oder gleich 2100 sein."
    ]


def test_employee_count_set_replaces_the_figure_of_the_same_year():
    company = CompanyFactory()
    services.employee_count_set(company=company, year=2022, employees=40)
    services.employee_count_set(company=company, year=2022, employees=44)
    assert list(company.employee_counts.values_list("employees", flat=True)) == [44]


def test_a_contact_log_entry_cannot_name_another_companys_contact():
    company = CompanyFactory()
    stranger = ContactPersonFactory()
    with pytest.raises(ValidationError):
        services.contact_log_create(
            company=company,
            staff_member=None,
            kind="call",
            summary="Telefonat",
            contact_person=stranger,
        )


def test_resolving_a_signal_before_it_was_observed_is_refused():
    signal = RiskSignalFactory(observed_on=datetime.date(2025, 5, 1))
    with pytest.raises(ValidationError):
        services.risk_signal_resolve(signal=signal, resolved_on=datetime.date(2025, 1, 1))


def test_data_subject_access_file_holds_the_persons_data_and_is_logged(staff_user):
    person = ContactPersonFactory(name="Hanna Beispiel", email="hanna@example.org")
    ContactLogEntryFactory(company=person.company, contact_person=person, summary="Besuch")
    content = json.loads(services.contact_person_export(person=person, actor=staff_user))
    assert content["person"]["name"] == "Hanna Beispiel"
    assert content["person"]["e_mail"] == "hanna@example.org"
    assert content["person"]["zweck_der_einwilligung"]
    assert [entry["zusammenfassung"] for entry in content["kontakte"]] == ["Besuch"]
    log = PrivacyLogEntry.objects.get()
    assert (log.action, log.performed_by, log.contact_person) == ("export", staff_user, person)


def test_erasing_a_contact_person_keeps_the_contact_log_without_personal_data(staff_user):
    person = ContactPersonFactory(name="Hanna Beispiel", email="hanna@example.org")
    entry = ContactLogEntryFactory(
        company=person.company,
        contact_person=person,
        summary="Gespräch mit Hanna Beispiel über Fachkräfte",
    )
    services.contact_person_erase(person=person, actor=staff_user)
    person.refresh_from_db()
    entry.refresh_from_db()
    assert person.name == "[gelöscht]"
    assert (person.email, person.phone, person.function) == ("", "", "")
    assert person.erased_at is not None
    assert entry.summary == "Gespräch mit [gelöscht] über Fachkräfte"
    assert ContactLogEntry.objects.filter(pk=entry.pk).exists()
    log = PrivacyLogEntry.objects.get()
    assert (log.action, log.performed_by) == ("erase", staff_user)


def test_digest_mails_staff_the_companies_whose_score_rose(
    staff_user, make_user, django_capture_on_commit_callbacks
):
    make_user("beirat")
    rising = CompanyFactory(name="Steigend GmbH")
    steady = CompanyFactory(name="Gleich GmbH")
    today = timezone.localdate()
    RiskSignalFactory(company=steady, observed_on=today - datetime.timedelta(days=3))
    services.risk_digest_send(today=today - datetime.timedelta(days=7))
    mail.outbox.clear()
    RiskSignalFactory(company=rising, kind="insolvency", severity=5, observed_on=today)

    with django_capture_on_commit_callbacks(execute=True):
        risen = services.risk_digest_send(today=today)

    assert [company.name for company, *_rest in risen] == ["Steigend GmbH"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff_user.email]
    assert "Steigend GmbH" in message.body
    assert "Gleich GmbH" not in message.body
    assert "Insolvenzgefahr" in message.body


def test_digest_runs_once_a_day_at_most(staff_user, django_capture_on_commit_callbacks):
    RiskSignalFactory(observed_on=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        services.risk_digest_send()
        services.risk_digest_send()
    assert len(mail.outbox) == 1
    assert RiskScoreSnapshot.objects.count() == 1

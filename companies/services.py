"""Writes on the company register: keyword-only, validated, atomic."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialog.accounts.roles import Role
from dialog.audit.models import AuditEntry
from dialog.audit.services import audit_record
from dialog.core.mail import mail_send

from . import selectors
from .models import (
    Company,
    ContactLogEntry,
    ContactPerson,
    EmployeeCount,
    Need,
    NetworkMembership,
    PrivacyLogEntry,
    RiskScoreSnapshot,
    RiskSignal,
)

ERASED_NAME = "[gelöscht]"


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def company_create(**fields) -> Company:
    """Register a company."""
    with transaction.atomic():
        return _save(Company(**fields))


def company_update(*, company: Company, **fields) -> Company:
    """Change a company's profile (simple_history records who changed what)."""
    with transaction.atomic():
        for name, value in fields.items():
            setattr(company, name, value)
        return _save(company)


def need_create(*, company: Company, **fields) -> Need:
    """Record a need a company stated."""
    with transaction.atomic():
        return _save(Need(company=company, **fields))


def need_update(*, need: Need, **fields) -> Need:
    with transaction.atomic():
        for name, value in fields.items():
            setattr(need, name, value)
        return _save(need)


def risk_signal_create(*, company: Company, **fields) -> RiskSignal:
    """Record an early-warning signal."""
    with transaction.atomic():
        return _save(RiskSignal(company=company, **fields))


def risk_signal_resolve(*, signal: RiskSignal, resolved_on: datetime.date) -> RiskSignal:
    """Mark a signal as resolved: from then on it counts nothing."""
    with transaction.atomic():
        signal.resolved_on = resolved_on
        return _save(signal)


def employee_count_set(*, company: Company, year: int, employees: int) -> EmployeeCount:
    """Set a company's headcount of one year (replacing an earlier figure of that year)."""
    with transaction.atomic():
        record = EmployeeCount.objects.filter(company=company, year=year).first()
        record = record or EmployeeCount(company=company, year=year)
        record.employees = employees
        return _save(record)


def network_membership_create(*, company: Company, **fields) -> NetworkMembership:
    with transaction.atomic():
        return _save(NetworkMembership(company=company, **fields))


def contact_person_create(*, company: Company, **fields) -> ContactPerson:
    """Store a contact person; the form demands the date and purpose of their consent."""
    with transaction.atomic():
        return _save(ContactPerson(company=company, **fields))


def contact_log_create(*, company: Company, staff_member, **fields) -> ContactLogEntry:
    """Record a visit, call or talk and the next steps agreed."""
    contact_person = fields.get("contact_person")
    if contact_person is not None and contact_person.company_id != company.pk:
        raise ValidationError(
            {"contact_person": _("Die Ansprechperson gehört zu einem anderen Unternehmen.")}
        )
    with transaction.atomic():
        return _save(ContactLogEntry(company=company, staff_member=staff_member, **fields))


def contact_log_follow_up_done(*, entry: ContactLogEntry, done_on=None) -> ContactLogEntry:
    with transaction.atomic():
        entry.follow_up_done_on = done_on or timezone.localdate()
        return _save(entry)


def contact_person_export(*, person: ContactPerson, actor) -> bytes:
    """The data-subject-access file of a contact person (JSON); the export is logged."""
    entries = person.log_entries.order_by("date", "pk")
    data = {
        "exportiert_am": timezone.now(),
        "verantwortliche_stelle": "Stadt Aachen, Fachbereich Wirtschaftsförderung (FB 02)",
        "person": {
            "name": person.name,
            "funktion": person.function,
            "e_mail": person.email,
            "telefon": person.phone,
            "unternehmen": person.company.name,
            "einwilligung_am": person.consent_date,
            "zweck_der_einwilligung": person.consent_purpose,
            "anonymisiert_am": person.erased_at,
        },
        "kontakte": [
            {
                "datum": entry.date,
                "art": str(entry.get_kind_display()),
                "zusammenfassung": entry.summary,
                "naechste_schritte": entry.follow_up,
            }
            for entry in entries
        ],
    }
    with transaction.atomic():
        PrivacyLogEntry.objects.create(
            contact_person=person,
            company=person.company,
            action=PrivacyLogEntry.Action.EXPORT,
            performed_by=actor,
        )
        audit_record(
            actor=actor, action=AuditEntry.Action.PERSONAL_DATA_EXPORT, obj=person,
            label=_contact_label(person),
        )  # fmt: skip
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _contact_label(person) -> str:
    # No name in the audit log: the person may ask for erasure.
    return f"Ansprechperson Nr. {person.pk} ({person.company})"


def contact_person_erase(*, person: ContactPerson, actor) -> ContactPerson:
    """Anonymise a contact person; the contact log keeps what happened, without their data."""
    with transaction.atomic():
        name = person.name
        for entry in person.log_entries.all():
            if name:
                entry.summary = entry.summary.replace(name, ERASED_NAME)
                entry.follow_up = entry.follow_up.replace(name, ERASED_NAME)
            entry.save(update_fields=["summary", "follow_up"])
        person.name = ERASED_NAME
        person.function = ""
        person.email = ""
        person.phone = ""
        person.erased_at = timezone.now()
        person.save()
        PrivacyLogEntry.objects.create(
            contact_person=person,
            company=person.company,
            action=PrivacyLogEntry.Action.ERASE,
            performed_by=actor,
        )
        audit_record(
            actor=actor, action=AuditEntry.Action.ERASURE, obj=person,
            label=_contact_label(person),
        )  # fmt: skip
    return person


def risk_digest_send(*, today=None) -> list:
    """E-mail staff the companies whose risk score rose since the last digest.

    Saves today's scores as the baseline of the next digest. Runs once a day at most: a second
    run on the same day finds today's baseline and sends nothing.
    """
    today = today or timezone.localdate()
    if RiskScoreSnapshot.objects.filter(taken_on=today).exists():
        return []
    previous = {}
    for snapshot in RiskScoreSnapshot.objects.filter(taken_on__lt=today).order_by("taken_on"):
        previous[snapshot.company_id] = snapshot.score
    ranked = selectors.watchlist(today=today)
    risen = [
        (company, score, previous.get(company.pk, 0.0), signals)
        for company, score, signals in ranked
        if score > previous.get(company.pk, 0.0)
    ]
    with transaction.atomic():
        scored = {company.pk: score for company, score, _signals in ranked}
        # A company whose signals were all resolved drops to 0 in the baseline.
        for company_id in previous:
            scored.setdefault(company_id, 0.0)
        RiskScoreSnapshot.objects.bulk_create(
            [RiskScoreSnapshot(company_id=pk, taken_on=today, score=s) for pk, s in scored.items()]
        )
        if risen:
            recipients = list(
                get_user_model()
                .objects.filter(is_active=True, groups__name=Role.VERWALTUNG.value)
                .values_list("email", flat=True)
            )
            mail_send(
                template="companies/emails/risk_digest",
                context={"risen": risen, "today": today},
                to=recipients,
            )
    return risen


def follow_up_reminders_send(*, today=None) -> int:
    """E-mail each staff member the overdue follow-ups they are responsible for.

    One mail per person with all their overdue steps; nobody without an overdue step gets one.
    Runs once a day at most: a second run on the same day sends nothing. Returns the number of
    mails queued.
    """
    today = today or timezone.localdate()
    if not cache.add(f"companies:follow-up-reminders:{today.isoformat()}", True, 2 * 86400):
        return 0
    overdue = selectors.open_follow_ups(today=today).filter(
        overdue=True,
        staff_member__is_active=True,
        staff_member__groups__name=Role.VERWALTUNG.value,
    )
    by_person = {}
    for entry in overdue:
        by_person.setdefault(entry.staff_member, []).append(entry)
    for person, entries in by_person.items():
        mail_send(
            template="companies/emails/follow_up_reminder",
            context={"person": person, "entries": entries, "today": today},
            to=[person.email],
        )
    return len(by_person)

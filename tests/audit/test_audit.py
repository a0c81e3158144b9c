"""The audit log records role changes and (de)activations; only staff read it."""

import pytest
from django.urls import reverse

from dialog.accounts.roles import Role
from dialog.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_role_change_and_deactivation_are_logged_with_who(client, staff_user, make_user):
    person = make_user(Role.BEIRAT, full_name="Berta Beirat")
    client.force_login(staff_user)
    client.post(
        reverse("users:update", args=[person.pk]),
        {"full_name": "Berta Beirat", "role": Role.PARTNER},
    )
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [e.action for e in entries] == ["role_changed", "user_deactivated"]
    assert entries[0].actor == staff_user
    assert entries[0].detail == {"vorher": "Unternehmerbeirat", "nachher": "Kooperationspartner"}
    page = client.get(reverse("audit:log")).content.decode()
    assert "Rolle geändert" in page
    assert "Berta Beirat" in page


def test_audit_log_filters_by_action(client, staff_user, make_user):
    person = make_user(Role.BEIRAT)
    client.force_login(staff_user)
    client.post(
        reverse("users:update", args=[person.pk]),
        {"full_name": "X Y", "role": Role.PARTNER, "is_active": "on"},
    )
    content = client.get(reverse("audit:log"), {"action": "user_deactivated"}).content.decode()
    assert "Keine Protokolleinträge" in content


def test_audit_log_query_count_is_flat(client, staff_user, count_queries):
    from dialog.audit.services import audit_record

    client.force_login(staff_user)
    for _ in range(5):
        audit_record(actor=staff_user, action="export", obj=staff_user)
    small = count_queries(lambda: client.get(reverse("audit:log")))
    for _ in range(50):
        audit_record(actor=staff_user, action="export", obj=staff_user)
    assert count_queries(lambda: client.get(reverse("audit:log"))) == small


def test_exports_personal_data_requests_erasures_and_releases_are_logged(client, staff_user):
    from reports import services as report_services
    from tests.companies.factories import ContactPersonFactory
    from tests.reports.factories import ready_report

    client.force_login(staff_user)
    person = ContactPersonFactory(name="Erika Musterfrau")
    client.get(reverse("companies:list"), {"format": "csv"})
    client.get(reverse("measures:list"), {"format": "xlsx"})
    client.get(reverse("companies:contact-export", args=[person.pk]))
    client.post(reverse("companies:contact-erase", args=[person.pk]))
    report = ready_report()
    report_services.report_release(report=report, released_by=staff_user, notify=False)

    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "export", "export", "personal_data_export", "erasure", "report_released",
    ]  # fmt: skip
    assert set(AuditEntry.objects.values_list("actor", flat=True)) == {staff_user.pk}
    # The log never keeps the name of a person who may be (and here was) erased.
    labels = " ".join(AuditEntry.objects.values_list("object_label", flat=True))
    assert "Erika" not in labels and "Musterfrau" not in labels
    assert f"Ansprechperson Nr. {person.pk}" in labels

"""The audit log records role changes and (de)activations; only staff read it."""

import pytest
from django.urls import reverse

from dialog.audit.models import AuditEntry
from dialog.roles import Role

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

"""Mails about reports: the title as typed in the text part, escaped in the HTML part."""

import pytest
from django.core import mail

from dialog.accounts.roles import Role
from reports import services

from .factories import ready_report

pytestmark = pytest.mark.django_db


def test_the_committee_reads_the_report_title_as_typed(
    settings, make_user, staff_user, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://industrie-dialog.aachen.de"
    member = make_user(Role.AUSSCHUSS)
    report = ready_report(title='Energie & "Fachkräfte"')
    with django_capture_on_commit_callbacks(execute=True):
        services.report_release(report=report, released_by=staff_user)
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert '„Energie & "Fachkräfte"“' in message.body
    assert "&amp;" not in message.body and "&quot;" not in message.body
    assert "Energie &amp; &quot;Fachkräfte&quot;" in message.alternatives[0][0]
    assert f"{settings.SITE_URL}{report.get_absolute_url()}" in message.body

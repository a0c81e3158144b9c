"""Withdrawing a released report, or withdrawing it for a correction.

A released report never changes (``Report.save``, the admin and a PostgreSQL trigger refuse
it). What staff can do instead is an action of its own, with a reason, recorded in the audit
log: withdraw the report ("zurückziehen"), or withdraw it and start its correction
("berichtigen"), a new draft that names the old report in ``corrects``. Both reports link to
each other; OParl shows a withdrawn paper as deleted (``reports.oparl``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from dialog.audit.models import AuditEntry
from dialog.audit.services import audit_record
from dialog.core.mixins import PermissionFirstMixin, form_errors

from .forms import WithdrawalForm
from .models import Report
from .services import report_create

# What a correction takes over from the report it corrects (staff change it in the draft).
CORRECTION_FIELDS = (
    "title",
    "period_start",
    "period_end",
    "meeting",
    "resolution_proposal",
    "financial_effects",
    "introduction",
    "participating_departments",
    "file_reference",
    "visibility",
)


# --- Services -------------------------------------------------------------------------------
def withdrawal_refusal(report: Report) -> str | None:
    """Why ``report`` cannot be withdrawn (None: it can)."""
    if report.status != Report.Status.RELEASED:
        return _("Nur ein freigegebener Bericht kann zurückgezogen oder berichtigt werden.")
    if report.is_withdrawn:
        return _("Der Bericht %(number)s wurde bereits am %(date)s zurückgezogen.") % {
            "number": report.number,
            "date": formats.date_format(timezone.localtime(report.withdrawn_at), "d.m.Y"),
        }
    return None


def _withdraw(*, report: Report, actor, reason: str) -> Report:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie den Grund an.")})
    report = Report.objects.select_for_update().get(pk=report.pk)
    refusal = withdrawal_refusal(report)
    if refusal:
        raise ValidationError(refusal, code="not_withdrawable")
    report.withdrawn_at = timezone.now()
    report.withdrawn_by = actor
    report.withdrawal_reason = reason
    report.full_clean()
    report.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
    return report


def report_withdraw(*, report: Report, withdrawn_by, reason: str) -> Report:
    """Withdraw a released report: it stays in the archive, marked withdrawn with the reason."""
    with transaction.atomic():
        report = _withdraw(report=report, actor=withdrawn_by, reason=reason)
        audit_record(
            actor=withdrawn_by,
            action=AuditEntry.Action.REPORT_WITHDRAWN,
            obj=report,
            detail={"grund": report.withdrawal_reason},
        )
    return report


def report_correct(*, report: Report, corrected_by, reason: str) -> Report:
    """Withdraw a released report for a correction and return the correction: a new draft
    with the next number, the old report's fields and ``corrects`` pointing at it."""
    with transaction.atomic():
        old = _withdraw(report=report, actor=corrected_by, reason=reason)
        correction = report_create(
            author=corrected_by,
            corrects=old,
            **{name: getattr(old, name) for name in CORRECTION_FIELDS},
        )
        audit_record(
            actor=corrected_by,
            action=AuditEntry.Action.REPORT_CORRECTED,
            obj=old,
            detail={"grund": old.withdrawal_reason, "berichtigung": correction.number},
        )
    return correction


# --- Views ----------------------------------------------------------------------------------
class ReportWithdrawView(PermissionFirstMixin, FormView):
    """The confirmation page (GET) and the withdrawal itself (POST), staff only.

    ``correct=True``: withdraw for a correction and go on to the correction's draft.
    """

    permission_required = "reports.withdraw_report"
    model = Report
    context_object_name = "report"
    form_class = WithdrawalForm
    template_name = "reports/report_withdraw.html"
    correct = False

    def lookup_queryset(self):
        return Report.objects.visible_to(self.request.user).select_related("meeting__committee")

    def load(self, **kwargs):
        super().load(**kwargs)
        refusal = withdrawal_refusal(self.object)
        if refusal:
            messages.error(self.request, refusal)
            return redirect(self.object)
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(correct=self.correct, **kwargs)

    def form_valid(self, form):
        reason = form.cleaned_data["reason"]
        try:
            if self.correct:
                result = report_correct(
                    report=self.object, corrected_by=self.request.user, reason=reason
                )
            else:
                result = report_withdraw(
                    report=self.object, withdrawn_by=self.request.user, reason=reason
                )
        except ValidationError as exc:
            form_errors(form, exc)
            return self.form_invalid(form)
        if self.correct:
            messages.success(
                self.request,
                _(
                    "Der Bericht %(old)s ist zurückgezogen. Die Berichtigung %(new)s ist als "
                    "Entwurf angelegt; bearbeiten Sie sie und erzeugen Sie dann das PDF."
                )
                % {"old": self.object.number, "new": result.number},
            )
        else:
            messages.success(
                self.request,
                _("Der Bericht %(number)s ist zurückgezogen.") % {"number": result.number},
            )
        return redirect(result)

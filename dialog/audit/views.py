"""The audit log page for staff."""

from django.utils.translation import gettext as _
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from dialog.core.exports import DATETIME, Column, ExportMixin

from .filters import AuditEntryFilterSet
from .models import AuditEntry


class AuditLogView(PermissionRequiredMixin, ExportMixin, FilterView):
    permission_required = "audit.view_log"
    filterset_class = AuditEntryFilterSet
    template_name = "audit/log.html"
    paginate_by = 50
    export_name = "protokoll"

    def get_export_columns(self):
        return [
            Column(_("Zeitpunkt"), "at", DATETIME),
            Column(_("Aktion"), "get_action_display"),
            Column(_("ausgeführt von"), "actor_label"),
            Column(_("Objekt"), "object_label"),
            Column(_("Einzelheiten"), _detail_text),
        ]


def _detail_text(entry):
    return "; ".join(f"{key}: {value}" for key, value in entry.detail.items())

    def get_queryset(self):
        return AuditEntry.objects.all()

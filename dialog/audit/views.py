"""The audit log page for staff."""

from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from .filters import AuditEntryFilterSet
from .models import AuditEntry


class AuditLogView(PermissionRequiredMixin, FilterView):
    permission_required = "audit.view_log"
    filterset_class = AuditEntryFilterSet
    template_name = "audit/log.html"
    paginate_by = 50

    def get_queryset(self):
        return AuditEntry.objects.all()

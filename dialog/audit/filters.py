"""Filters of the audit log."""

import django_filters
from django.utils.translation import gettext_lazy as _

from dialog.core.filters import PortalFilterSet

from .models import AuditEntry


class AuditEntryFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    action = django_filters.ChoiceFilter(label=_("Aktion"), choices=AuditEntry.Action.choices)
    at_from = django_filters.DateFilter(
        label=_("ab Datum"), field_name="at", lookup_expr="date__gte"
    )
    at_until = django_filters.DateFilter(
        label=_("bis Datum"), field_name="at", lookup_expr="date__lte"
    )

    class Meta:
        model = AuditEntry
        fields = ["q", "action", "at_from", "at_until"]

    search_fields = ("actor_label", "object_label")

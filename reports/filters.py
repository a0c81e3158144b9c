"""Filters of the report archive."""

import django_filters
from django.utils.translation import gettext_lazy as _

from dialog.committee.models import CommitteeMeeting
from dialog.core.filters import PortalFilterSet

from .models import Report


class ReportFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    year = django_filters.NumberFilter(
        label=_("Jahr"), field_name="period_end", lookup_expr="year", min_value=2000, max_value=2100
    )
    meeting = django_filters.ModelChoiceFilter(
        label=_("Ausschusssitzung"),
        queryset=CommitteeMeeting.objects.select_related("committee").order_by("-starts_at"),
        empty_label=_("alle Sitzungen"),
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Status der Vorlage"), choices=Report.Visibility.choices, empty_label=_("alle")
    )

    class Meta:
        model = Report
        fields = ["q", "year", "meeting", "visibility"]

    search_fields = ("title", "number")

"""Filters of the committee pages."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialog.core.filters import PortalFilterSet

from .models import CommitteeMeeting


def year_choices():
    """The years of the dialog, from 2014 to two years ahead."""
    return [(year, str(year)) for year in range(timezone.localdate().year + 2, 2013, -1)]


class CommitteeMeetingFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    when = django_filters.ChoiceFilter(
        label=_("Zeitpunkt"),
        choices=[("upcoming", _("anstehende Sitzungen")), ("past", _("vergangene Sitzungen"))],
        method="filter_when",
        empty_label=_("alle"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Jahr"), field_name="starts_at", lookup_expr="year", choices=year_choices
    )

    class Meta:
        model = CommitteeMeeting
        fields = ["q", "when", "year"]

    search_fields = ("location",)

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(starts_at__gte=now)
        if value == "past":
            return queryset.filter(starts_at__lt=now).order_by("-starts_at")
        return queryset

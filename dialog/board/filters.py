"""Filters of the board area's lists (members, meetings, measures with comments)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialog.core.filters import PortalFilterSet
from measures.models import FieldOfAction, Measure

from .models import BoardMeeting, BoardMembership


def year_choices():
    """The years of the dialog, from 2014 to two years ahead."""
    return [(year, str(year)) for year in range(timezone.localdate().year + 2, 2013, -1)]


class BoardMembershipFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    role = django_filters.ChoiceFilter(label=_("Funktion"), choices=BoardMembership.Role.choices)
    period = django_filters.ChoiceFilter(
        label=_("Zeitraum"),
        choices=[("current", _("aktuelle Mitglieder")), ("past", _("frühere Mitglieder"))],
        method="filter_period",
        empty_label=_("alle"),
    )

    class Meta:
        model = BoardMembership
        fields = ["q", "role", "period"]

    search_fields = ("user__full_name", "company__name", "user__organisation")

    def filter_period(self, queryset, name, value):
        if value == "current":
            return queryset.current()
        if value == "past":
            return queryset.past()
        return queryset


class BoardMeetingFilterSet(PortalFilterSet):
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
        model = BoardMeeting
        fields = ["q", "when", "year"]

    search_fields = ("title", "location", "agenda_items__title")
    search_distinct = True

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(starts_at__gte=now).order_by("starts_at")
        if value == "past":
            return queryset.filter(starts_at__lt=now)
        return queryset


class BoardMeasureFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    field_of_action = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"), queryset=FieldOfAction.objects.all()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Measure.Status.choices)

    class Meta:
        model = Measure
        fields = ["q", "field_of_action", "status"]

    search_fields = ("code", "title", "summary")

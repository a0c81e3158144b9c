"""Filters of the company lists (one FilterSet per list, German labels, a ``search()``)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialog.core.filters import PortalFilterSet

from .models import (
    Company,
    ContactLogEntry,
    District,
    Need,
    Network,
    RiskSignal,
    Sector,
    SizeClass,
)


def _sector_choices(request=None):
    # Sections first (A–U), then the divisions (01–99).
    return Sector.objects.filter(level__in=[Sector.Level.SECTION, Sector.Level.DIVISION]).order_by(
        "-level", "code"
    )


def _filter_sector(queryset, name, value):
    """A section or division matches its companies and those of every level below it (down to
    the subclass: four levels)."""
    if not value:
        return queryset
    return queryset.filter(
        Q(sector=value)
        | Q(sector__parent=value)
        | Q(sector__parent__parent=value)
        | Q(sector__parent__parent__parent=value)
        | Q(sector__parent__parent__parent__parent=value)
    )


class SectorChoiceFilter(django_filters.ModelChoiceFilter):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Wirtschaftszweig"),
            queryset=_sector_choices,
            method=lambda qs, name, value: _filter_sector(qs, name, value),
            **kwargs,
        )


class DirectoryFilterSet(PortalFilterSet):
    """The company directory board members and partners see."""

    q = django_filters.CharFilter(label=_("Suche"), method="search")
    sector = SectorChoiceFilter()
    district = django_filters.ChoiceFilter(label=_("Stadtbezirk"), choices=District.choices)
    network = django_filters.ModelChoiceFilter(
        label=_("Netzwerk"), queryset=Network.objects.all(), method="filter_network"
    )

    class Meta:
        model = Company
        fields = ["q", "sector", "district", "network"]

    search_fields = ("name", "sector__title")

    def filter_network(self, queryset, name, value):
        return queryset.filter(network_memberships__network=value).distinct()


class CompanyFilterSet(DirectoryFilterSet):
    """The staff's company register."""

    size_class = django_filters.ChoiceFilter(
        label=_("Größenklasse"), choices=SizeClass.choices, method="filter_size_class"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Company.Status.choices)
    has_open_signals = django_filters.BooleanFilter(
        label=_("offene Frühwarnsignale"), field_name="has_open_signals"
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sortierung"),
        fields=(
            ("name", "name"),
            ("district", "district"),
            ("sector__code", "sector"),
            ("latest_employees", "employees"),
            ("open_signal_count", "signals"),
        ),
        field_labels={
            "name": _("Name"),
            "district": _("Stadtbezirk"),
            "sector__code": _("Wirtschaftszweig"),
            "latest_employees": _("Beschäftigte"),
            "open_signal_count": _("offene Frühwarnsignale"),
        },
    )

    class Meta:
        model = Company
        fields = ["q", "sector", "district", "size_class", "network", "status"]

    search_fields = (
        "name",
        "register_number",
        "street",
        "sector__title",
        "sector__code__startswith",
    )

    def filter_size_class(self, queryset, name, value):
        lowest, highest = SizeClass.bounds(value)
        queryset = queryset.filter(latest_employees__gte=lowest)
        if highest is not None:
            queryset = queryset.filter(latest_employees__lte=highest)
        return queryset


class WatchlistFilterSet(PortalFilterSet):
    """The early-warning watchlist: which signals count and which companies are listed."""

    kind = django_filters.MultipleChoiceFilter(
        label=_("Art des Signals"), choices=RiskSignal.Kind.choices, method="filter_noop"
    )
    district = django_filters.ChoiceFilter(label=_("Stadtbezirk"), choices=District.choices)
    sector = SectorChoiceFilter()
    q = django_filters.CharFilter(label=_("Suche"), method="search")

    class Meta:
        model = Company
        fields = ["q", "kind", "district", "sector"]

    def filter_noop(self, queryset, name, value):
        # The kinds limit the signals counted, not the companies: see selectors.watchlist.
        return queryset

    search_fields = ("name",)


class NeedFilterSet(PortalFilterSet):
    """Needs across companies (staff only)."""

    q = django_filters.CharFilter(label=_("Suche"), method="search")
    topic = django_filters.ChoiceFilter(label=_("Thema"), choices=Need.Topic.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Need.Status.choices)
    source = django_filters.ChoiceFilter(label=_("Quelle"), choices=Need.Source.choices)
    district = django_filters.ChoiceFilter(
        label=_("Stadtbezirk"), choices=District.choices, field_name="company__district"
    )

    class Meta:
        model = Need
        fields = ["q", "topic", "status", "source", "district"]

    search_fields = ("description", "company__name")


def _follow_up_companies(request=None):
    """The companies that have an open follow-up, for the company filter's choices."""
    open_entries = ContactLogEntry.objects.exclude(follow_up="").filter(
        follow_up_done_on__isnull=True
    )
    return Company.objects.filter(pk__in=open_entries.values("company_id")).order_by("name")


class FollowUpFilterSet(PortalFilterSet):
    """The open follow-ups (Wiedervorlagen) of the contact log: mine or all, by company."""

    MINE = "mine"
    ALL = "all"
    OVERDUE = "overdue"
    NOT_OVERDUE = "not_overdue"

    whose = django_filters.ChoiceFilter(
        label=_("Zuständig"),
        choices=[(ALL, _("alle Wiedervorlagen")), (MINE, _("meine Wiedervorlagen"))],
        empty_label=None,
        method="filter_whose",
    )
    company = django_filters.ModelChoiceFilter(
        label=_("Unternehmen"), queryset=_follow_up_companies, empty_label=_("alle Unternehmen")
    )
    due = django_filters.ChoiceFilter(
        label=_("Fälligkeit"),
        choices=[(OVERDUE, _("nur überfällige")), (NOT_OVERDUE, _("nur nicht überfällige"))],
        empty_label=_("alle"),
        method="filter_due",
    )
    q = django_filters.CharFilter(label=_("Suche"), method="search")

    class Meta:
        model = ContactLogEntry
        fields = ["whose", "company", "due", "q"]

    def filter_whose(self, queryset, name, value):
        if value == self.MINE:
            return queryset.filter(staff_member=self.request.user)
        return queryset

    def filter_due(self, queryset, name, value):
        if value == self.OVERDUE:
            return queryset.filter(overdue=True)
        if value == self.NOT_OVERDUE:
            return queryset.filter(overdue=False)
        return queryset

    search_fields = ("follow_up", "summary", "company__name")

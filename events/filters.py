"""Filters of the event list."""

import django_filters
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialog.core.filters import PortalFilterSet
from measures.models import Measure, Partner

from .models import Event, MobilityWeek, Registration


class EventFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    period = django_filters.ChoiceFilter(
        label=_("Zeitraum"),
        choices=[("upcoming", _("bevorstehend")), ("past", _("vergangen"))],
        empty_label=_("alle"),
        method="filter_period",
    )
    # Not "format": that parameter asks any list for its CSV or Excel file.
    event_format = django_filters.ChoiceFilter(
        label=_("Format"), field_name="format", choices=Event.Format.choices, empty_label=_("alle")
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Sichtbarkeit"), choices=Event.Visibility.choices, empty_label=_("alle")
    )
    organiser = django_filters.ModelChoiceFilter(
        label=_("Mitveranstalter"),
        field_name="organisers",
        # Only what the option labels show: the choices render on every page of the list.
        queryset=Partner.objects.only("pk", "name", "short_name").order_by("name"),
        empty_label=_("alle"),
        distinct=True,
    )
    measure = django_filters.ModelChoiceFilter(
        label=_("Maßnahme"),
        field_name="measures",
        queryset=Measure.objects.only("pk", "code", "title").order_by("code"),
        empty_label=_("alle"),
        distinct=True,
    )
    year = django_filters.NumberFilter(
        label=_("Jahr"), field_name="starts_at", lookup_expr="year", min_value=2000, max_value=2100
    )

    class Meta:
        model = Event
        fields = ["q", "period", "event_format", "visibility", "organiser", "measure", "year"]

    search_fields = ("title", "description", "venue", "host_company__name")

    def filter_period(self, queryset, name, value):
        if value == "upcoming":
            return queryset.filter(ends_at__gte=timezone.now())
        if value == "past":
            return queryset.filter(ends_at__lt=timezone.now())
        return queryset


def upcoming_first(queryset):
    """Upcoming events soonest first, then past events latest first."""
    now = timezone.now()
    upcoming = Q(ends_at__gte=now)
    return queryset.annotate(
        is_past=Case(When(upcoming, then=Value(0)), default=Value(1), output_field=IntegerField()),
        upcoming_start=Case(When(upcoming, then=F("starts_at")), default=None),
        past_start=Case(When(~upcoming, then=F("starts_at")), default=None),
    ).order_by(
        "is_past",
        F("upcoming_start").asc(nulls_last=True),
        F("past_start").desc(nulls_last=True),
        "pk",
    )


class RegistrationFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[choice for choice in Registration.Status.choices if choice[0] != "pending"],
        empty_label=_("alle"),
    )

    class Meta:
        model = Registration
        fields = ["q", "status"]

    search_fields = ("name", "email", "company_name")


class MobilityWeekFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    year = django_filters.NumberFilter(label=_("Jahr"), min_value=2000, max_value=2100)

    class Meta:
        model = MobilityWeek
        fields = ["q", "year"]

    search_fields = ("title", "description", "offers__host_company__name", "offers__department")
    search_distinct = True

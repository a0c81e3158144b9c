"""Filters of the measure list (also used by the timeline and the export) and the partners."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from dialog.accounts.roles import Role
from dialog.core.filters import PortalFilterSet

from .models import FieldOfAction, Measure, Partner

# Filters that reveal internal planning; anonymous visitors and partners do not get them.
INTERNAL_FILTERS = ("responsible", "priority")


class MeasureFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    field_of_action = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"), queryset=FieldOfAction.objects.all()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Measure.Status.choices)
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), queryset=Partner.objects.all(), field_name="partners", distinct=True
    )
    responsible = django_filters.ModelChoiceFilter(
        label=_("verantwortlich"),
        queryset=get_user_model().objects.with_role(Role.VERWALTUNG).order_by("full_name"),
    )
    priority = django_filters.ChoiceFilter(label=_("Priorität"), choices=Measure.Priority.choices)
    mine = django_filters.BooleanFilter(
        label=_("nur Maßnahmen meiner Organisation"),
        method="of_my_organisation",
    )
    year = django_filters.NumberFilter(
        label=_("aktiv im Jahr"), method="active_in_year", min_value=2000, max_value=2100
    )

    class Meta:
        model = Measure
        fields = ["q", "field_of_action", "status", "partner", "responsible", "priority", "year"]

    def __init__(self, *args, internal=True, partner_user=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not internal:
            for name in INTERNAL_FILTERS:
                self.filters.pop(name)
        if not partner_user:
            self.filters.pop("mine")

    def of_my_organisation(self, queryset, name, value):
        if not value or self.request is None:
            return queryset
        return queryset.filter(
            pk__in=Measure.objects.filter(partners__users=self.request.user).values("pk")
        )

    search_fields = ("code", "title", "summary")

    def active_in_year(self, queryset, name, value):
        if value is None:
            return queryset
        year = int(value)
        return queryset.filter(
            pk__in=Measure.objects.filter(
                phases__start__year__lte=year, phases__end__year__gte=year
            ).values("pk")
        )


class PartnerFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=Partner.Kind.choices)

    class Meta:
        model = Partner
        fields = ["q", "kind"]

    search_fields = ("name", "short_name")

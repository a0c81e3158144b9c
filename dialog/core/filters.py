"""The base of the portal's filter sets: an unset choice reads "alle", not "---------".

django-filter leaves a choice empty with "---------" and a yes/no filter with "Unbekannt";
both mean "do not filter by this" in a list, which the portal says as "alle".
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings

ALL = _("alle")
DEFAULT_ORDER = _("voreingestellt")


class AllYesNoWidget(forms.Select):
    """A yes/no filter: "alle", "ja", "nein" (the values django-filter's BooleanWidget reads)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", ALL), ("true", _("ja")), ("false", _("nein"))])

    def format_value(self, value):
        value = {True: "true", False: "false", "1": "true", "0": "false"}.get(value, value)
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return {"true": True, "false": False, "1": True, "0": False}.get(
            value.lower() if isinstance(value, str) else value
        )


class PortalFilterSet(django_filters.FilterSet):
    """The portal's filter set. Its search (``q = CharFilter(method="search")``) looks for the
    typed text in ``search_fields`` (``icontains``, unless a field names its own lookup such as
    ``sector__code__startswith``); ``search_distinct`` for fields across a to-many relation."""

    search_fields = ()
    search_distinct = False
    _LOOKUPS = ("__startswith", "__istartswith", "__iexact", "__exact")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            lookup = field if field.endswith(self._LOOKUPS) else f"{field}__icontains"
            condition |= Q(**{lookup: value})
        queryset = queryset.filter(condition)
        return queryset.distinct() if self.search_distinct else queryset

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            filter_.__dict__.pop("_field", None)  # built again from the changed arguments
            if isinstance(filter_, django_filters.BooleanFilter):
                widget = filter_.extra.get("widget")
                if widget is None or isinstance(
                    widget, (django_filters.widgets.BooleanWidget, forms.NullBooleanSelect)
                ):
                    filter_.extra["widget"] = AllYesNoWidget()
            elif isinstance(filter_, django_filters.ChoiceFilter):
                label = filter_.extra.get("empty_label", filter_settings.EMPTY_CHOICE_LABEL)
                if label == filter_settings.EMPTY_CHOICE_LABEL:
                    ordering = isinstance(filter_, django_filters.OrderingFilter)
                    filter_.extra["empty_label"] = DEFAULT_ORDER if ordering else ALL

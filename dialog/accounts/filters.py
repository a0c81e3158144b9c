"""Filters for the dialog's lists."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from dialog.core.filters import PortalFilterSet

from .roles import Role

User = get_user_model()


class UserFilterSet(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    role = django_filters.ChoiceFilter(
        label=_("Rolle"), choices=Role.choices, field_name="groups__name"
    )
    is_active = django_filters.BooleanFilter(label=_("aktiv"))

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]

    search_fields = ("email", "full_name", "organisation")

"""The change history of a company, its needs and its risk signals for the company page."""

import functools

from django.utils.translation import gettext_lazy as _

from .models import Company, Need, RiskSignal

ACTIONS = {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}
TRACKED = {
    Company: [
        "name",
        "legal_form",
        "register_number",
        "sector_id",
        "street",
        "postal_code",
        "city",
        "district",
        "website",
        "founded_year",
        "production_intensive",
        "status",
    ],
    Need: ["topic", "description", "source", "stated_on", "status"],
    RiskSignal: ["kind", "severity", "observed_on", "source", "note", "resolved_on"],
}


def _label(model, attname):
    return model._meta.get_field(attname.removesuffix("_id")).verbose_name


@functools.cache
def _records(model):
    # The historical model's plain manager, looked up once: ``Model.history`` builds a new
    # manager class on every access.
    return model.history.model._default_manager


def company_history(company, limit=50):
    """The latest changes, newest first: dicts with date, user, object, action, fields.

    A fixed number of queries (one per model); the changed fields are found by comparing each
    record with the one before it.
    """
    records = {
        Company: _records(Company).filter(id=company.pk),
        Need: _records(Need).filter(company_id=company.pk),
        RiskSignal: _records(RiskSignal).filter(company_id=company.pk),
    }
    changes = []
    for model, queryset in records.items():
        previous = {}
        for record in queryset.select_related("history_user").order_by(
            "history_date", "history_id"
        ):
            before = previous.get(record.id)
            fields = []
            if record.history_type == "~" and before is not None:
                fields = [
                    _label(model, name)
                    for name in TRACKED[model]
                    if getattr(before, name) != getattr(record, name)
                ]
            previous[record.id] = record
            if record.history_type == "~" and before is not None and not fields:
                continue
            changes.append(
                {
                    "date": record.history_date,
                    "user": record.history_user,
                    "model": model._meta.verbose_name,
                    "object": _object_label(model, record),
                    "action": ACTIONS.get(record.history_type, record.history_type),
                    "fields": fields,
                }
            )
    changes.sort(key=lambda change: change["date"], reverse=True)
    return changes[:limit]


# Labels of the choices, looked up without ``get_FOO_display()`` (which rebuilds its mapping
# on every call); still lazy, so they follow the active language.
_LABELS = {
    Need: ("topic", dict(Need.Topic.choices)),
    RiskSignal: ("kind", dict(RiskSignal.Kind.choices)),
}


def _object_label(model, record):
    if model in _LABELS:
        name, labels = _LABELS[model]
        value = getattr(record, name)
        return str(labels.get(value, value))
    return record.name

"""ORM helpers the apps share: a related list or a count as a subquery of the parent row.

A page that shows one object with several short lists gets them with the object's own row
(:func:`json_rows`, read back with :func:`instances_from_rows`) instead of one query per list.
"""

import datetime
from collections import defaultdict

from django.db.models import DateTimeField, Func, IntegerField, JSONField, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone


class _JSONRows(Func):
    """The subquery's rows as one JSON array of arrays of the given columns (``None`` on
    PostgreSQL when there are no rows).

    A plain function rather than an ``Aggregate``, so that the subquery has no GROUP BY and
    always gives exactly one row.
    """

    template = "JSONB_AGG(JSONB_BUILD_ARRAY(%(expressions)s))"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "JSON_GROUP_ARRAY(JSON_ARRAY(%(expressions)s))"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def json_rows(queryset, *names):
    """A subquery with the ``names`` (attnames, or ``relation__field``) of each row as JSON;
    :func:`instances_from_rows` turns its value into model instances."""
    return Subquery(queryset.order_by().values(rows=_JSONRows(*names)))


def count_distinct(queryset, expression="pk"):
    """A subquery with the number of distinct ``expression`` values of ``queryset``."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(
                n=Func(expression, template="COUNT(DISTINCT %(expressions)s)")
            ),
            output_field=IntegerField(),
        ),
        0,
    )


def _python_value(field, value):
    value = field.to_python(value)
    if isinstance(field, DateTimeField) and value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)  # SQLite keeps UTC without a zone
    return value


def instances_from_rows(model, rows, names):
    """Model instances from the JSON rows of :func:`json_rows` with the same ``names``;
    ``relation__field`` values become a related instance with those fields (or ``None``)."""
    fields = [model._meta.get_field(name.partition("__")[0]) for name in names]
    result = []
    for row in rows or ():
        values, related = {}, defaultdict(dict)
        for name, field, value in zip(names, fields, row, strict=True):
            relation, _sep, attname = name.partition("__")
            if attname:
                related[field][attname] = value
            else:
                values[field.attname] = _python_value(field, value)
        instance = model(**values)
        for field, other_values in related.items():
            other_pk = getattr(instance, field.attname)
            other = field.related_model
            setattr(
                instance,
                field.name,
                None
                if other_pk is None
                else other(
                    pk=other_pk,
                    **{
                        name: _python_value(other._meta.get_field(name), value)
                        for name, value in other_values.items()
                    },
                ),
            )
        result.append(instance)
    return result

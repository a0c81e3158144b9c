"""Quarters as the timeline's unit: dates, integer indices and German labels.

A quarter index counts quarters since year 0 (``year * 4 + quarter - 1``), so consecutive
quarters have consecutive indices and the scheduler can do plain integer arithmetic.
"""

import datetime

from django.utils.translation import gettext as _


def quarter_index(value: datetime.date) -> int:
    return value.year * 4 + (value.month - 1) // 3


def quarter_start(index: int) -> datetime.date:
    return datetime.date(index // 4, index % 4 * 3 + 1, 1)


def quarter_end(index: int) -> datetime.date:
    """The last day of the quarter."""
    return quarter_start(index + 1) - datetime.timedelta(days=1)


def is_quarter_start(value: datetime.date) -> bool:
    return value.day == 1 and value.month in (1, 4, 7, 10)


def to_quarter_start(value: datetime.date) -> datetime.date:
    return quarter_start(quarter_index(value))


def quarter_label(value) -> str:
    """``Q2 2025`` for a date or an index."""
    index = value if isinstance(value, int) else quarter_index(value)
    return _("Q%(quarter)s %(year)s") % {"quarter": index % 4 + 1, "year": index // 4}


class QuarterLabels(dict):
    """``quarter_label`` by index, translated once: for charts and tables with many quarters.

    ``labels[index]`` gives the same text as ``quarter_label(index)``.
    """

    def __init__(self):
        super().__init__()
        self.text = _("Q%(quarter)s %(year)s")

    def __missing__(self, index: int) -> str:
        label = self[index] = self.text % {"quarter": index % 4 + 1, "year": index // 4}
        return label


def quarter_choices(first_year: int, last_year: int):
    """(ISO date, label) pairs of every quarter of the years, for select boxes."""
    return [
        (quarter_start(index).isoformat(), quarter_label(index))
        for index in range(first_year * 4, (last_year + 1) * 4)
    ]

"""Numbers in the page's language, grouped: "12.500,50" in German, "12,500.50" in English.

The portal does not switch on ``USE_THOUSAND_SEPARATOR``: it would also group years and
primary keys wherever a template prints them. Amounts are grouped where they are shown instead
(``floatformat:"2g"`` in templates, ``format_number`` in Python, the number fields of
``dialog.core.forms``).
"""

import unicodedata

from django.utils.formats import get_format, number_format


def format_number(value, decimal_places=None):
    """``value`` in the active language with grouped thousands (``decimal_places``: fixed)."""
    return number_format(value, decimal_pos=decimal_places, use_l10n=True, force_grouping=True)


_SPACES = {" ", "\u00a0", "\u202f", "'"}


def parse_localized_number(value):
    """The text of a number as typed in the page's language, in Python's notation.

    Like Django's ``sanitize_separators`` with grouping always on (the portal does not switch
    on ``USE_THOUSAND_SEPARATOR``, which would also group years and primary keys): a single
    "." followed by other than three digits is still read as the decimal point.
    """
    if not isinstance(value, str):
        return value
    value = "".join(char for char in value.strip() if char not in _SPACES)
    decimal_separator = get_format("DECIMAL_SEPARATOR")
    thousand_separator = get_format("THOUSAND_SEPARATOR")
    decimals = None
    if decimal_separator in value:
        value, decimals = value.rsplit(decimal_separator, 1)
    if not (
        decimals is None
        and thousand_separator == "."
        and value.count(".") == 1
        and len(value.split(".")[-1]) != 3
    ):
        for separator in {thousand_separator, unicodedata.normalize("NFKD", thousand_separator)}:
            value = value.replace(separator, "")
    return value if decimals is None else f"{value}.{decimals}"

"""The one export path: every list answers ``?format=csv`` and ``?format=xlsx`` from column
definitions, with the rows the user sees as filtered, audited and with formulas neutralised.

A list view declares its columns and mixes in :class:`ExportMixin`::

    class PartnerListView(PermissionRequiredMixin, ExportMixin, FilterView):
        export_name = "partner"

        def get_export_columns(self):
            return [Column(_("Name"), "name"), Column(_("Maßnahmen"), "measure_count", INT)]

The file holds the view's filtered queryset (all pages), so a list shows and exports the same
rows; which columns a role gets is decided by the view (``get_export_columns``).
"""

import csv
import datetime
import decimal
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dialog.audit.models import AuditEntry
from dialog.audit.services import audit_record

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

TEXT = "text"
INT = "int"
DECIMAL = "decimal"
CURRENCY = "currency"
DATE = "date"
DATETIME = "datetime"
BOOL = "bool"
KINDS = (TEXT, INT, DECIMAL, CURRENCY, DATE, DATETIME, BOOL)

# Spreadsheet programs run a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

XLSX_NUMBER_FORMATS = {
    INT: "#,##0",
    DECIMAL: "#,##0.00",
    CURRENCY: "#,##0.00 €",
    DATE: "DD.MM.YYYY",
    DATETIME: "DD.MM.YYYY HH:MM",
}
MAX_COLUMN_WIDTH = 60


@dataclass(frozen=True)
class Column:
    """One column of an export: a German header, how to get the value of a row, its kind.

    ``value`` is an attribute path (``"sector.title"``, ``"get_status_display"``; callables on
    the way are called) or a function of the row.
    """

    header: str
    value: str | Callable[[Any], Any]
    kind: str = TEXT

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}")

    def get(self, row):
        if callable(self.value):
            return self.value(row)
        value = row
        for name in self.value.split("."):
            value = getattr(value, name, None)
            if callable(value):
                value = value()
            if value is None:
                return None
        return value


def neutralise(text: str) -> str:
    """The text with a leading apostrophe if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _typed(value, kind):
    """The value as its kind (numbers, dates) or as neutralised text; None for an empty cell."""
    if value is None or value == "":
        return None
    if kind == BOOL:
        return bool(value)
    if kind == INT and isinstance(value, (int, float, decimal.Decimal)):
        return int(value)
    if kind in (DECIMAL, CURRENCY) and isinstance(value, (int, float, decimal.Decimal)):
        return value
    if kind == DATETIME and isinstance(value, datetime.datetime):
        # Excel knows no time zones: local time as the list shows it.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if kind == DATE and isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if kind == DATE and isinstance(value, datetime.date):
        return value
    return neutralise(str(value))


def _csv_text(value, kind) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("ja") if value else _("nein"))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, decimal.Decimal)):
        text = f"{value:.2f}" if kind in (DECIMAL, CURRENCY) else str(value)
        return text.replace(".", ",")
    return value


def table_rows(columns: list[Column], objects: Iterable) -> Iterable[list]:
    """The typed cells of each object, column by column (texts already neutralised)."""
    for obj in objects:
        yield [_typed(column.get(obj), column.kind) for column in columns]


def write_csv(columns: list[Column], objects: Iterable) -> bytes:
    """A CSV file as German Excel opens it: UTF-8 with BOM, semicolons, 1234,5 and TT.MM.JJJJ."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(str(column.header)) for column in columns])
    kinds = [column.kind for column in columns]
    for row in table_rows(columns, objects):
        writer.writerow([_csv_text(value, kind) for value, kind in zip(row, kinds, strict=True)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(columns: list[Column], objects: Iterable, *, title: str = "") -> bytes:
    """An Excel workbook: typed cells, bold frozen header, autofilter, widths from content."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.title = title[:31]
    headers = [neutralise(str(column.header)) for column in columns]
    widths = [len(header) for header in headers]
    sheet.append(headers)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    row_count = 0
    for row_index, row in enumerate(table_rows(columns, objects), start=2):
        row_count += 1
        for col_index, (value, column) in enumerate(zip(row, columns, strict=True), start=1):
            if value is None:
                continue
            cell = sheet.cell(row=row_index, column=col_index)
            # Set the value directly: openpyxl would read a text starting with "=" as formula.
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
            elif column.kind in XLSX_NUMBER_FORMATS and not isinstance(value, bool):
                cell.number_format = XLSX_NUMBER_FORMATS[column.kind]
            width = len(value) if isinstance(value, str) else len(_csv_text(value, column.kind))
            widths[col_index - 1] = max(widths[col_index - 1], width)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{row_count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(
    *, fmt: str, name: str, columns: list[Column], objects: Iterable, title: str = ""
) -> HttpResponse:
    """The list as a download ``<name>-<JJJJ-MM-TT>.<fmt>``."""
    if fmt == "xlsx":
        content = write_xlsx(columns, objects, title=title or name)
    else:
        content = write_csv(columns, objects)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = f"{name}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ExportMixin:
    """``?format=csv`` or ``?format=xlsx`` on a FilterView: the filtered rows as a file.

    Put it after the permission mixin, so only who may open the list gets its file. The view
    sets ``export_name`` (the file name and the list's name in the audit log) and returns its
    columns from ``get_export_columns()``; ``get_export_queryset()`` may add what only the
    file needs (``prefetch_related``), ``get_export_rows()`` may turn the queryset into other
    rows (the watchlist's ranked tuples).
    """

    export_name = "export"
    export_param = "format"
    # A permission beyond the list's own that the file needs (None: who sees the list).
    export_permission = None

    def get_export_format(self):
        fmt = self.request.GET.get(self.export_param)
        return fmt if fmt in FORMATS else None

    def get_export_columns(self) -> list[Column]:
        raise NotImplementedError(f"{type(self).__name__} declares no export columns")

    def get_export_queryset(self):
        """The filtered queryset of the list, every page; nothing for an invalid filter."""
        filterset = self.get_filterset(self.get_filterset_class())
        if filterset.is_valid() or not filterset.is_bound:
            return filterset.qs
        return filterset.queryset.none()

    def get_export_rows(self, queryset):
        return queryset

    def get(self, request, *args, **kwargs):
        fmt = self.get_export_format()
        if fmt is None:
            return super().get(request, *args, **kwargs)
        if self.export_permission and not request.user.has_perm(self.export_permission):
            raise PermissionDenied
        rows = list(self.get_export_rows(self.get_export_queryset()))
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.EXPORT,
            detail={
                "liste": self.export_name,
                "format": fmt,
                "zeilen": len(rows),
                "filter": _filter_query(request.GET, self.export_param),
            },
        )
        return export_response(
            fmt=fmt, name=self.export_name, columns=self.get_export_columns(), objects=rows
        )


def _filter_query(query, export_param):
    query = query.copy()
    query.pop(export_param, None)
    query.pop("page", None)
    return query.urlencode()

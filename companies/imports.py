"""Import of companies and employee figures from CSV or XLSX files.

Reading and checking are separate from writing: :func:`read_table` turns a file into rows,
:func:`check_companies` / :func:`check_employees` report every bad row in German (row, column,
what is wrong) and give the clean values, and :func:`apply` writes them all or nothing. The
register number is the stable key, so a second import of the same file updates.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from dialog.audit.models import AuditEntry
from dialog.audit.services import audit_record

from .models import Company, District, EmployeeCount, Sector

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50
# An XLSX file is a zip archive of XML files, and what openpyxl parses is the unpacked XML: a
# small upload can unpack to hundreds of megabytes (a "decompression bomb") and keep the web
# process busy for minutes. The archive's table of contents says how big each file unpacks,
# and Python's zipfile never unpacks a file beyond that, so it is checked before openpyxl
# opens anything. A full import of 5,000 rows unpacks to about 3 MB at a ratio of about 13.
MAX_XLSX_UNPACKED = 10 * 1024 * 1024
MAX_XLSX_MEMBERS = 100
MAX_XLSX_RATIO = 100  # unpacked / packed size of one file of more than 1 MB

COMPANY_COLUMNS = {
    "Handelsregisternummer": "register_number",
    "Name": "name",
    "Rechtsform": "legal_form",
    "WZ-Schlüssel": "sector",
    "Straße": "street",
    "PLZ": "postal_code",
    "Ort": "city",
    "Stadtbezirk": "district",
    "Website": "website",
    "Gründungsjahr": "founded_year",
}
COMPANY_REQUIRED = ["Handelsregisternummer", "Name"]
EMPLOYEE_COLUMNS = {
    "Handelsregisternummer": "register_number",
    "Jahr": "year",
    "Beschäftigte": "employees",
}
EMPLOYEE_REQUIRED = list(EMPLOYEE_COLUMNS)
# What a row does; the preview shows the label.
NEW, UPDATE, UNCHANGED = "new", "update", "unchanged"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class ImportFileError(Exception):
    """The file as a whole cannot be read (too big, not a spreadsheet, wrong columns …)."""


def _action(status):
    return {NEW: _("neu anlegen"), UPDATE: _("aktualisieren"), UNCHANGED: _("unverändert")}[status]


def normalise_website(value: str) -> str:
    """An address as people write it ("example.de", "www.example.de") gets ``https://``."""
    value = value.strip()
    if value and not _SCHEME.match(value):
        value = "https://" + value.lstrip("/")
    return value


@dataclass
class CheckResult:
    # [{"row": n, "values": {...}, "status": "new"|"update"|"unchanged", "action": str,
    #   "changes": [{"field": label, "old": str, "new": str}]}]
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # ["Zeile n, Spalte „x“: …"]

    def error(self, row, column, message):
        self.errors.append(
            _("Zeile %(row)s, Spalte „%(column)s“: %(message)s")
            % {"row": row, "column": column, "message": message}
        )


def read_table(upload, *, max_bytes=MAX_BYTES, max_rows=MAX_ROWS):
    """The header and the data rows (row number, dict) of an uploaded CSV or XLSX file."""
    if upload.size > max_bytes:
        raise ImportFileError(
            _("Die Datei ist zu groß (%(size)s KB); erlaubt sind höchstens %(max)s KB.")
            % {"size": upload.size // 1024, "max": max_bytes // 1024}
        )
    raw = upload.read()
    name = (upload.name or "").lower()
    if name.endswith(".xlsx") or raw[:4] == b"PK\x03\x04":
        matrix = _read_xlsx(raw, max_rows)
    elif name.endswith((".csv", ".txt")) or not name:
        matrix = _read_csv(raw, max_rows)
    else:
        raise ImportFileError(
            _("Bitte laden Sie eine CSV- oder XLSX-Datei hoch (erkannt: „%(name)s“).")
            % {"name": upload.name}
        )
    matrix = [row for row in matrix if any(str(cell or "").strip() for cell in row)]
    if not matrix:
        raise ImportFileError(_("Die Datei ist leer."))
    if len(matrix) - 1 > max_rows:
        raise ImportFileError(
            _("Die Datei hat mehr als %(max)s Datenzeilen; bitte teilen Sie sie auf.")
            % {"max": max_rows}
        )
    header = [str(cell or "").strip() for cell in matrix[0]]
    rows = []
    for number, cells in enumerate(matrix[1:], start=2):
        values = {
            column: ("" if cell is None else str(cell).strip())
            for column, cell in zip(header, cells, strict=False)
        }
        rows.append((number, values))
    return header, rows


def _not_readable_xlsx():
    return ImportFileError(
        _("Die Datei ist keine lesbare XLSX-Tabelle. Bitte speichern Sie sie als XLSX oder CSV.")
    )


def _check_xlsx_archive(raw):
    """Refuse an archive that would unpack to far more than a spreadsheet of the import's
    size, before a byte of it is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise _not_readable_xlsx() from exc
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_XLSX_UNPACKED:
        raise ImportFileError(
            _(
                "Die XLSX-Datei ist entpackt %(size)s MB groß; erlaubt sind höchstens %(max)s MB. "
                "Bitte speichern Sie nur die benötigten Zeilen und Spalten oder laden Sie eine "
                "CSV-Datei hoch."
            )
            % {"size": unpacked // (1024 * 1024), "max": MAX_XLSX_UNPACKED // (1024 * 1024)}
        )
    packed_unusually = len(members) > MAX_XLSX_MEMBERS or any(
        member.file_size > 1024 * 1024
        and member.file_size > MAX_XLSX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if packed_unusually:
        raise ImportFileError(
            _(
                "Die XLSX-Datei ist ungewöhnlich aufgebaut (sehr stark gepackt oder aus sehr "
                "vielen Teilen) und wird aus Sicherheitsgründen nicht geöffnet. Bitte speichern "
                "Sie die Tabelle neu oder laden Sie eine CSV-Datei hoch."
            )
        )


def _read_xlsx(raw, max_rows):
    from openpyxl import load_workbook

    _check_xlsx_archive(raw)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        matrix = []
        # One column more than allowed, to tell a table that is too wide.
        for row in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
            matrix.append([_xlsx_value(cell) for cell in row])
            if len(matrix) > max_rows + 1:
                break
        workbook.close()
    except Exception as exc:  # openpyxl fails in many ways on files that are no XLSX
        raise _not_readable_xlsx() from exc
    _check_width(matrix)
    return matrix


def _check_width(matrix):
    if any(len(row) > MAX_COLUMNS and _filled(row[MAX_COLUMNS:]) for row in matrix):
        raise ImportFileError(
            _(
                "Die Tabelle hat mehr als %(max)s Spalten. Bitte entfernen Sie die Spalten, "
                "die nicht zum Import gehören."
            )
            % {"max": MAX_COLUMNS}
        )


def _filled(cells):
    return any(str(cell or "").strip() for cell in cells)


def _xlsx_value(cell):
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell


def _read_csv(raw, max_rows):
    if b"\x00" in raw[:4096]:
        raise ImportFileError(_("Die Datei ist keine Textdatei im CSV-Format."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(
            _("Die Zeichenkodierung der Datei ist unbekannt; bitte speichern Sie sie als UTF-8.")
        )
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    matrix = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            matrix.append(row)
            if len(matrix) > max_rows + 1:
                break
    except csv.Error as exc:
        raise ImportFileError(
            _("Die CSV-Datei ist fehlerhaft: %(error)s") % {"error": exc}
        ) from exc
    _check_width(matrix)
    return matrix


def _check_header(header, columns, required):
    missing = [column for column in required if column not in header]
    unknown = [column for column in header if column and column not in columns]
    problems = []
    if missing:
        problems.append(_("Es fehlen die Spalten: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(
            _("Unbekannte Spalten: %(columns)s. Erlaubt sind: %(allowed)s.")
            % {"columns": ", ".join(unknown), "allowed": ", ".join(columns)}
        )
    if problems:
        raise ImportFileError(" ".join(problems))


def _int(value, result, row, column, lowest, highest):
    try:
        number = int(str(value).replace(".", "").replace(" ", ""))
    except ValueError:
        result.error(row, column, _("„%(value)s“ ist keine ganze Zahl.") % {"value": value})
        return None
    if number < lowest or number > highest:
        result.error(
            row,
            column,
            _("%(value)s liegt nicht zwischen %(low)s und %(high)s.")
            % {"value": number, "low": lowest, "high": highest},
        )
        return None
    return number


def _district(value):
    value = value.strip()
    for code, label in District.choices:
        if value.lower() in (code, str(label).lower()):
            return code
    return None


def check_companies(header, rows) -> CheckResult:
    _check_header(header, COMPANY_COLUMNS, COMPANY_REQUIRED)
    result = CheckResult()
    sectors = dict(Sector.objects.values_list("code", "pk"))
    sector_codes = {pk: code for code, pk in sectors.items()}
    keys = {cells.get("Handelsregisternummer", "") for _number, cells in rows} - {""}
    existing = {
        company.register_number: company
        for company in Company.objects.filter(register_number__in=keys).only(
            "register_number", *COMPANY_COLUMNS.values()
        )
    }
    seen = {}
    url_validator = URLValidator()
    for number, cells in rows:
        values = {}
        errors_before = len(result.errors)
        key = cells.get("Handelsregisternummer", "")
        if not key:
            result.error(number, "Handelsregisternummer", _("Die Angabe fehlt."))
        elif key in seen:
            result.error(
                number,
                "Handelsregisternummer",
                _("„%(key)s“ steht schon in Zeile %(row)s.") % {"key": key, "row": seen[key]},
            )
        else:
            seen[key] = number
        values["register_number"] = key
        name = cells.get("Name", "")
        if not name:
            result.error(number, "Name", _("Die Angabe fehlt."))
        values["name"] = name
        for column in ("Rechtsform", "Straße", "PLZ", "Ort"):
            if column in cells:
                values[COMPANY_COLUMNS[column]] = cells[column]
        if values.get("city") == "":
            values.pop("city")
        for column, name in COMPANY_COLUMNS.items():
            limit = getattr(Company._meta.get_field(name), "max_length", None)
            if limit and name != "sector" and len(cells.get(column, "")) > limit:
                result.error(number, column, _("Höchstens %(limit)s Zeichen.") % {"limit": limit})
        if cells.get("WZ-Schlüssel"):
            code = cells["WZ-Schlüssel"]
            if code not in sectors:
                result.error(
                    number,
                    "WZ-Schlüssel",
                    _(
                        "„%(value)s“ ist kein WZ-2008-Schlüssel (z. B. C, 28, 28.1, 25.62 "
                        "oder 25.62.0)."
                    )
                    % {"value": code},
                )
            values["sector_id"] = sectors.get(code)
        if cells.get("Stadtbezirk"):
            district = _district(cells["Stadtbezirk"])
            if district is None:
                result.error(
                    number,
                    "Stadtbezirk",
                    _("„%(value)s“ ist kein Aachener Stadtbezirk (erlaubt: %(allowed)s).")
                    % {
                        "value": cells["Stadtbezirk"],
                        "allowed": ", ".join(str(label) for _c, label in District.choices),
                    },
                )
            values["district"] = district or ""
        if cells.get("Website"):
            website = normalise_website(cells["Website"])
            try:
                url_validator(website)
            except ValidationError:
                result.error(
                    number,
                    "Website",
                    _("„%(value)s“ ist keine gültige Adresse (z. B. https://www.beispiel.de).")
                    % {"value": cells["Website"]},
                )
            values["website"] = website
        if cells.get("Gründungsjahr"):
            values["founded_year"] = _int(
                cells["Gründungsjahr"], result, number, "Gründungsjahr", 1000, 2100
            )
        if len(result.errors) == errors_before:
            company = existing.get(key)
            changes = [] if company is None else _company_changes(company, values, sector_codes)
            status = NEW if company is None else (UPDATE if changes else UNCHANGED)
            result.rows.append(
                {
                    "row": number,
                    "values": values,
                    "status": status,
                    "action": _action(status),
                    "changes": changes,
                }
            )
    return result


def _shown(name, value, sector_codes):
    """A company field's value as the preview shows it."""
    if value in (None, ""):
        return "–"
    if name == "sector_id":
        return sector_codes.get(value, "–")
    if name == "district":
        return str(District(value).label)
    return str(value)


def _company_changes(company, values, sector_codes):
    """What the import changes of a company in the register: field, old and new value."""
    changes = []
    for name, new in values.items():
        if name == "register_number":
            continue
        old = getattr(company, name)
        if (old or None) == (new or None):
            continue
        label = Company._meta.get_field(name.removesuffix("_id")).verbose_name
        changes.append(
            {
                "field": str(label),
                "old": _shown(name, old, sector_codes),
                "new": _shown(name, new, sector_codes),
            }
        )
    return changes


def check_employees(header, rows) -> CheckResult:
    _check_header(header, EMPLOYEE_COLUMNS, EMPLOYEE_REQUIRED)
    result = CheckResult()
    companies = dict(
        Company.objects.exclude(register_number="").values_list("register_number", "pk")
    )
    existing = {
        (company_id, year): employees
        for company_id, year, employees in EmployeeCount.objects.filter(
            company_id__in={companies.get(cells.get("Handelsregisternummer")) for _n, cells in rows}
        ).values_list("company_id", "year", "employees")
    }
    seen = {}
    for number, cells in rows:
        errors_before = len(result.errors)
        key = cells.get("Handelsregisternummer", "")
        company_id = companies.get(key)
        if not key:
            result.error(number, "Handelsregisternummer", _("Die Angabe fehlt."))
        elif company_id is None:
            result.error(
                number,
                "Handelsregisternummer",
                _("Kein Unternehmen mit der Handelsregisternummer „%(key)s“ im Register.")
                % {"key": key},
            )
        year = _int(cells.get("Jahr", ""), result, number, "Jahr", 1900, 2100)
        employees = _int(
            cells.get("Beschäftigte", ""), result, number, "Beschäftigte", 0, 10_000_000
        )
        if company_id and year:
            if (key, year) in seen:
                result.error(
                    number,
                    "Jahr",
                    _("Für „%(key)s“ und %(year)s steht schon ein Wert in Zeile %(row)s.")
                    % {"key": key, "year": year, "row": seen[(key, year)]},
                )
            else:
                seen[(key, year)] = number
        if len(result.errors) == errors_before:
            old = existing.get((company_id, year))
            changes = []
            if old is None:
                status = NEW
            elif old == employees:
                status = UNCHANGED
            else:
                status = UPDATE
                changes = [{"field": _("Beschäftigte"), "old": str(old), "new": str(employees)}]
            result.rows.append(
                {
                    "row": number,
                    "values": {
                        "register_number": key,
                        "company_id": company_id,
                        "year": year,
                        "employees": employees,
                    },
                    "status": status,
                    "action": _action(status),
                    "changes": changes,
                }
            )
    return result


def apply(kind, rows, *, actor, file_name="") -> int:
    """Write the checked rows, all or nothing, and record the import in the audit log; returns
    how many rows were written (unchanged rows are not)."""
    counts = {NEW: 0, UPDATE: 0, UNCHANGED: 0}
    with transaction.atomic():
        for row in rows:
            status = row.get("status", UPDATE)
            counts[status] += 1
            if status == UNCHANGED:
                continue
            values = dict(row["values"])
            if kind == "employees":
                record = EmployeeCount.objects.filter(
                    company_id=values["company_id"], year=values["year"]
                ).first() or EmployeeCount(company_id=values["company_id"], year=values["year"])
                record.employees = values["employees"]
            else:
                record = (
                    Company.objects.filter(register_number=values["register_number"]).first()
                    or Company()
                )
                for name, value in values.items():
                    setattr(record, name, value)
            record.full_clean()
            record.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.IMPORT,
            detail={
                "art": _("Beschäftigtenzahlen") if kind == "employees" else _("Unternehmen"),
                "datei": file_name,
                "neu": counts[NEW],
                "aktualisiert": counts[UPDATE],
                "unverändert": counts[UNCHANGED],
            },
        )
    return counts[NEW] + counts[UPDATE]

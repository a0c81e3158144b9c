"""Checks for documents uploaded to the board area: type by name and content, size, name."""

import os
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_SIZE = 20 * 1024 * 1024

PDF = "application/pdf"
OLE = "ole"  # the old binary office formats share one container
OOXML = "ooxml"
ODF = "odf"

# extension → (content type to serve, container the content must be)
ALLOWED = {
    ".pdf": (PDF, PDF),
    ".doc": ("application/msword", OLE),
    ".xls": ("application/vnd.ms-excel", OLE),
    ".ppt": ("application/vnd.ms-powerpoint", OLE),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        OOXML,
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", OOXML),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        OOXML,
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", ODF),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ODF),
    ".odp": ("application/vnd.oasis.opendocument.presentation", ODF),
}
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def max_document_size() -> int:
    return getattr(settings, "BOARD_DOCUMENT_MAX_SIZE", DEFAULT_MAX_SIZE)


def safe_document_name(name: str) -> str:
    """The uploaded name without any directory part or control characters (never empty)."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[:200] or _("Dokument")


def _container(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head == OLE_MAGIC:
        return OLE
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "[Content_Types].xml" in names:
                    return OOXML
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").decode("ascii", "replace")
                    if mimetype.startswith("application/vnd.oasis.opendocument."):
                        return ODF
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
    return None


def validate_document(upload) -> tuple[str, str]:
    """Check an uploaded file; return its safe original name and the content type to serve.

    Raises ``ValidationError`` with a German message for a wrong type or a too large file.
    """
    name = safe_document_name(upload.name)
    limit = max_document_size()
    if upload.size > limit:
        raise ValidationError(
            _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED:
        raise ValidationError(
            _(
                "Nur PDF- und Office-Dateien sind erlaubt "
                "(PDF, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP)."
            ),
            code="wrong_type",
        )
    content_type, container = ALLOWED[extension]
    if _container(upload) != container:
        raise ValidationError(
            _("Der Inhalt der Datei passt nicht zur Endung „%(ext)s“.") % {"ext": extension},
            code="wrong_content",
        )
    return name, content_type

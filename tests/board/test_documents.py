"""Documents of board meetings: only PDF and office files, size-limited, stored outside the web
root, served only to staff and board members under their original name."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import assume, given
from hypothesis import strategies as st

from dialog.accounts.roles import Role
from dialog.board.documents import safe_document_name, validate_document
from dialog.board.models import BoardDocument

from .factories import PDF_BYTES, AgendaItemFactory, BoardDocumentFactory, BoardMeetingFactory

pytestmark = pytest.mark.django_db


def _docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _upload(client, meeting, name, content, **extra):
    return client.post(
        reverse("board:document-upload", kwargs={"pk": meeting.pk}),
        {"file": SimpleUploadedFile(name, content), **extra},
    )


def test_staff_upload_a_pdf_for_an_agenda_item_and_it_keeps_its_name(staff_client):
    item = AgendaItemFactory()
    response = _upload(
        staff_client,
        item.meeting,
        "Sitzungsvorlage Fachkräfte.pdf",
        PDF_BYTES,
        agenda_item=item.pk,
    )
    assert response.status_code == 302
    document = BoardDocument.objects.get()
    assert document.original_name == "Sitzungsvorlage Fachkräfte.pdf"
    assert document.agenda_item == item
    stored = Path(document.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert stored.read_bytes() == PDF_BYTES
    assert "Fachkr" not in stored.name  # stored under a random name


def test_office_files_are_accepted(staff_client):
    meeting = BoardMeetingFactory()
    assert _upload(staff_client, meeting, "Zahlen.docx", _docx_bytes()).status_code == 302
    document = BoardDocument.objects.get()
    assert document.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notizen.txt", b"nur Text", "Nur PDF- und Office-Dateien"),
        ("programm.exe", b"MZ\x90\x00", "Nur PDF- und Office-Dateien"),
        ("getarnt.pdf", b"MZ\x90\x00 kein pdf", "passt nicht zur Endung"),
        ("getarnt.docx", PDF_BYTES, "passt nicht zur Endung"),
        ("kaputt.xlsx", b"PK\x03\x04 kein zip", "passt nicht zur Endung"),
    ],
)
def test_wrong_types_are_refused_with_a_german_message(staff_client, name, content, message):
    meeting = BoardMeetingFactory()
    response = _upload(staff_client, meeting, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BoardDocument.objects.exists()


def test_too_big_files_are_refused_with_a_german_message(staff_client, settings):
    settings.BOARD_DOCUMENT_MAX_SIZE = 1024
    meeting = BoardMeetingFactory()
    response = _upload(staff_client, meeting, "gross.pdf", PDF_BYTES + b"0" * 2048)
    assert response.status_code == 200
    assert "erlaubt sind höchstens 1,0" in response.content.decode()
    assert not BoardDocument.objects.exists()


@pytest.mark.parametrize(
    "name", ["../../etc/Vorlage.pdf", "..\\..\\windows\\Vorlage.pdf", "/tmp/x/Vorlage.pdf"]
)
def test_names_with_path_separators_lose_their_directories(staff_client, name):
    meeting = BoardMeetingFactory()
    assert _upload(staff_client, meeting, name, PDF_BYTES).status_code == 302
    document = BoardDocument.objects.get()
    assert document.original_name == "Vorlage.pdf"
    assert Path(document.file.path).is_relative_to(Path(settings.MEDIA_ROOT) / "board")


@given(st.text())
def test_a_safe_name_never_contains_a_separator_or_control_character(name):
    safe = safe_document_name(name)
    assert safe
    assert "/" not in safe and "\\" not in safe
    assert not any(ord(ch) < 32 for ch in safe)
    assert safe not in {".", ".."}


def test_board_members_download_a_document_under_its_original_name(member_client):
    document = BoardDocumentFactory(original_name="Vorlage Ä & Ü.pdf")
    response = member_client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Vorlage%20%C3%84%20%26%20%C3%9C.pdf" in disposition


@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUSSCHUSS])
def test_partners_and_committee_members_never_get_a_document(client_for, role):
    documents = BoardDocumentFactory.create_batch(3)
    client = client_for(role)
    for document in documents:
        # Also when guessing the URLs of documents that exist and that do not.
        for pk in (document.pk, document.pk + 100):
            response = client.get(reverse("board:document-download", kwargs={"pk": pk}))
            assert response.status_code == 403
            assert b"%PDF" not in response.content


def test_anonymous_visitors_are_sent_to_the_login_instead_of_a_document(client):
    document = BoardDocumentFactory()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_no_media_url_serves_the_stored_file(client_for):
    document = BoardDocumentFactory()
    client = client_for(Role.VERWALTUNG)
    response = client.get(settings.MEDIA_URL + document.file.name)
    assert response.status_code == 404


def test_staff_remove_a_document_and_its_file(staff_client, django_capture_on_commit_callbacks):
    document = BoardDocumentFactory()
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("board:document-delete", kwargs={"pk": document.pk}))
    assert response.status_code == 302
    assert not BoardDocument.objects.exists()
    assert not path.exists()


@given(st.binary(max_size=64), st.sampled_from([".pdf", ".docx", ".xls", ".odt"]))
def test_content_that_is_no_office_file_is_refused_whatever_its_name(content, extension):
    assume(not content.startswith((b"%PDF-", b"PK\x03\x04", bytes.fromhex("D0CF11E0A1B11AE1"))))
    upload = SimpleUploadedFile("datei" + extension, content)
    with pytest.raises(ValidationError):
        validate_document(upload)

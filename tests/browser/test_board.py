"""Browser journeys of the Unternehmerbeirat's area and the committee pages, with axe-core on
every page they pass."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dialog.accounts.roles import Role
from dialog.board.models import BoardDocument, BoardMeeting, PriorityVote
from dialog.committee.models import Committee, CommitteeMeeting
from measures.models import Measure
from tests.board.factories import (
    PDF_BYTES,
    AgendaItemFactory,
    BoardDocumentFactory,
    BoardMeetingFactory,
    BoardMembershipFactory,
    MeasureCommentFactory,
    MeasureFactory,
    PriorityRoundFactory,
    PriorityVoteFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member(make_user):
    user = make_user(Role.BEIRAT, full_name="Berta Beirat")
    BoardMembershipFactory(user=user)
    return user


def test_staff_create_a_meeting_with_two_agenda_items_and_upload_a_document(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    MeasureFactory(code="M-07", title="Woche der Mobilität")
    login_in_browser(page, staff_user.email)
    page.get_by_role("link", name="Unternehmerbeirat", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unternehmerbeirat")
    assert_accessible(page)

    page.get_by_role("link", name="Sitzung anlegen").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("40. Sitzung des Unternehmerbeirats")
    page.get_by_label("Beginn").fill("2030-03-13T17:30")
    page.get_by_label("Ende", exact=True).fill("2030-03-13T19:30")
    page.get_by_label("Ort").fill("Rathaus Aachen, Weißer Saal")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("40. Sitzung des Unternehmerbeirats")
    expect(page.get_by_text("Mittwoch, 13. März 2030, 17:30 Uhr")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Tagesordnungspunkt anfügen").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Bericht der Wirtschaftsförderung")
    page.get_by_role("button", name="Anfügen und weiteren Punkt erfassen").click()
    expect(page.get_by_role("status")).to_contain_text("angefügt")
    page.get_by_label("Titel").fill("Woche der Mobilität 2030")
    page.get_by_label("Maßnahme").select_option(label="M-07 Woche der Mobilität")
    page.get_by_role("button", name="Anfügen", exact=True).click()
    agenda = page.locator("ol.board-agenda > li")
    expect(agenda).to_have_count(2)
    expect(agenda.nth(0)).to_contain_text("Bericht der Wirtschaftsförderung")
    expect(agenda.nth(1)).to_contain_text("M-07 Woche der Mobilität")

    page.get_by_role("link", name="Bearbeiten – TOP 1").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Bericht der Wirtschaftsförderung (FB 02)")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("button", name="nach unten – TOP 1").click()
    expect(agenda.nth(0)).to_contain_text("M-07 Woche der Mobilität")
    page.get_by_role("button", name="nach oben – TOP 2").click()
    expect(agenda.nth(1)).to_contain_text("M-07 Woche der Mobilität")
    assert_accessible(page)

    page.get_by_role("link", name="Dokument hochladen").click()
    assert_accessible(page)
    page.get_by_label("Datei").set_input_files(
        files=[
            {"name": "Konzept Mobilität.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        ]
    )
    page.get_by_label("Tagesordnungspunkt").select_option(label="TOP 2: Woche der Mobilität 2030")
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("status")).to_contain_text("Konzept Mobilität.pdf")
    expect(agenda.nth(1).get_by_role("link", name="Konzept Mobilität.pdf")).to_be_visible()
    assert BoardDocument.objects.get().agenda_item.position == 2

    # A wrong file is refused with a German message on the same page.
    page.get_by_role("link", name="Dokument hochladen").click()
    page.get_by_label("Datei").set_input_files(
        files=[{"name": "tool.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}]
    )
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_text("Nur PDF- und Office-Dateien sind erlaubt").first).to_be_visible()
    assert_accessible(page)


def test_a_board_member_sees_the_meeting_downloads_the_document_and_rates_measures(
    page, live_server, member, login_in_browser, assert_accessible
):
    meeting = BoardMeetingFactory(title="41. Sitzung des Unternehmerbeirats")
    item = AgendaItemFactory(meeting=meeting, position=1, title="Flächen für die Industrie")
    BoardDocumentFactory(meeting=meeting, agenda_item=item, original_name="Flächenbericht.pdf")
    first = MeasureFactory(code="M-01", title="Flächenbörse")
    MeasureFactory(code="M-02", title="Unternehmerfrühstück")
    PriorityRoundFactory(title="Priorisierung 2030")
    login_in_browser(page, member.email)
    page.get_by_role("link", name="Unternehmerbeirat", exact=True).first.click()
    expect(page.get_by_role("link", name="41. Sitzung des Unternehmerbeirats")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="41. Sitzung des Unternehmerbeirats").click()
    expect(page.get_by_text("Flächen für die Industrie")).to_be_visible()
    expect(page.get_by_role("link", name="Tagesordnungspunkt anfügen")).to_have_count(0)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Flächenbericht.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "Flächenbericht.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == PDF_BYTES

    page.get_by_role("link", name="Priorisierung").click()
    assert_accessible(page)
    page.get_by_label("M-01 Flächenbörse").select_option("5")
    page.get_by_label("M-02 Unternehmerfrühstück").select_option("2")
    page.get_by_role("button", name="Bewertungen speichern").click()
    expect(page.get_by_role("status")).to_contain_text("2 Maßnahmen bewertet")
    expect(page.get_by_label("M-01 Flächenbörse")).to_have_value("5")
    page.get_by_label("M-01 Flächenbörse").select_option("4")
    page.get_by_role("button", name="Bewertungen speichern").click()
    expect(page.get_by_label("M-01 Flächenbörse")).to_have_value("4")
    assert PriorityVote.objects.get(measure=first).score == 4

    page.get_by_role("link", name="Maßnahmen und Kommentare").click()
    assert_accessible(page)
    page.get_by_role("link", name="Flächenbörse").click()
    page.get_by_label("Ihr Kommentar").fill("Bei uns fehlen 2.000 m² Hallenfläche.")
    page.get_by_role("button", name="Kommentar veröffentlichen").click()
    expect(page.get_by_text("Bei uns fehlen 2.000 m² Hallenfläche.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mitglieder", exact=True).click()
    expect(page.get_by_role("cell", name="Berta Beirat", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sitzungen", exact=True).click()
    expect(page.get_by_role("link", name="41. Sitzung des Unternehmerbeirats")).to_be_visible()
    assert_accessible(page)


def test_staff_apply_a_resolution_that_defers_a_measure_and_the_measure_shows_it(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    measure = MeasureFactory(code="M-12", title="Gründerzentrum Produktion", status="active")
    meeting = BoardMeetingFactory(
        title="39. Sitzung des Unternehmerbeirats",
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    AgendaItemFactory(meeting=meeting, position=1, title="Gründerzentrum", measure=measure)
    # Ten members: the corrected count below (7 / 2 / 1) must not exceed those entitled.
    BoardMembershipFactory.create_batch(10)
    login_in_browser(page, staff_user.email)
    page.goto(live_server.url + meeting.get_absolute_url())
    page.get_by_role("link", name="Beschluss erfassen").click()
    assert_accessible(page)
    page.get_by_label("Beschlusstext").fill("Der Beirat empfiehlt, M-12 zurückzustellen.")
    page.get_by_label("Ja-Stimmen").fill("7")
    page.get_by_label("Nein-Stimmen").fill("1")
    page.get_by_label("Enthaltungen").fill("1")
    page.get_by_label("betroffene Maßnahme").select_option(label=str(measure))
    page.get_by_label("Wirkung").select_option("defer")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Bitte begründen Sie").first).to_be_visible()
    page.get_by_label("Begründung").fill("Erst wenn die Fläche am Campus frei wird.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Der Beschluss wurde erfasst")
    assert_accessible(page)
    page.get_by_role("link", name="Bearbeiten – Beschluss 1").click()
    assert_accessible(page)
    page.get_by_label("Nein-Stimmen").fill("2")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("cell", name="7 / 2 / 1")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile("Auf Maßnahme anwenden")).click()
    expect(page.get_by_role("status")).to_contain_text("auf die Maßnahme M-12 angewandt")
    expect(page.get_by_text(re.compile(r"umgesetzt am"))).to_be_visible()

    page.get_by_role("cell", name=re.compile("Maßnahme zurückstellen")).get_by_role(
        "link", name="M-12"
    ).click()
    expect(page.get_by_test_id("measure-status")).to_contain_text("zurückgestellt")
    expect(page.get_by_text("Erst wenn die Fläche am Campus frei wird.").first).to_be_visible()
    assert_accessible(page)
    measure.refresh_from_db()
    assert measure.status == Measure.Status.DEFERRED
    assert measure.history.first().history_user == staff_user


def test_staff_keep_members_minutes_comments_and_priority_rounds(
    page, live_server, staff_user, make_user, login_in_browser, assert_accessible
):
    make_user(Role.BEIRAT, full_name="Nina Neu")
    meeting = BoardMeetingFactory(
        title="38. Sitzung des Unternehmerbeirats",
        starts_at=timezone.now() - datetime.timedelta(days=20),
    )
    measure = MeasureFactory(code="M-03", title="Netzwerk Produktionstechnik", priority=3)
    comment = MeasureCommentFactory(measure=measure, text="Beitrag mit vertraulichen Zahlen")
    priority_round = PriorityRoundFactory(title="Priorisierung 2029")
    for score in (5, 4, 4):
        PriorityVoteFactory(round=priority_round, measure=measure, score=score)
    login_in_browser(page, staff_user.email)

    page.goto(live_server.url + "/beirat/mitglieder/")
    assert_accessible(page)
    page.get_by_role("link", name="Mitgliedschaft eintragen").click()
    assert_accessible(page)
    page.get_by_label("Person").select_option(label="Nina Neu")
    page.get_by_label("Funktion").select_option("deputy")
    page.get_by_label("Mitglied seit").fill("2026-01-01")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("cell", name="Nina Neu", exact=True)).to_be_visible()
    page.get_by_role("link", name=re.compile("Bearbeiten – Nina Neu")).click()
    assert_accessible(page)

    page.goto(live_server.url + meeting.get_absolute_url())
    page.get_by_role("link", name="Protokoll bearbeiten").click()
    assert_accessible(page)
    page.get_by_label("Protokoll", exact=True).fill("TOP 1: Der Beirat berät das Netzwerk.")
    page.get_by_label("Protokoll für die Mitglieder freigeben").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("TOP 1: Der Beirat berät das Netzwerk.")).to_be_visible()
    assert BoardMeeting.objects.get(pk=meeting.pk).minutes_released_at is not None
    page.get_by_role("link", name="Sitzung bearbeiten").click()
    assert_accessible(page)

    page.goto(live_server.url + f"/beirat/massnahmen/{measure.pk}/")
    page.get_by_role("link", name=re.compile("Ausblenden")).click()
    assert_accessible(page)
    page.get_by_label("Grund des Ausblendens").fill("Enthält Zahlen eines Unternehmens.")
    page.get_by_role("button", name="Ausblenden").click()
    expect(page.get_by_text("Enthält Zahlen eines Unternehmens.")).to_be_visible()
    comment.refresh_from_db()
    assert comment.is_hidden

    page.get_by_role("link", name="Priorisierung").click()
    expect(page.get_by_role("heading", name="Zwischenstand der offenen Runde")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Priorisierung 2029").click()
    expect(page.get_by_role("cell", name="4,33")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("übernehmen – M-03")).click()
    expect(page.get_by_role("status")).to_contain_text("M-03 hat jetzt die Priorität „hoch“")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Runde schließen").click()
    expect(page.get_by_role("status")).to_contain_text("geschlossen")
    page.get_by_role("link", name="Zurück zur Priorisierung").click()
    page.get_by_label("Bezeichnung der Runde").fill("Priorisierung 2030")
    page.get_by_role("button", name="Runde öffnen").click()
    expect(page.get_by_role("status")).to_contain_text("geöffnet")
    assert_accessible(page)


def test_staff_manage_the_committee_and_its_meeting_dates(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    login_in_browser(page, staff_user.email)
    page.goto(live_server.url + "/ausschuss/")
    expect(page.get_by_text("Es ist noch kein Ausschuss angelegt.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ausschuss anlegen").click()
    assert_accessible(page)
    page.get_by_role("textbox", name=re.compile("^Name")).fill(
        "Ausschuss für Arbeit, Wirtschaft und Wissenschaft"
    )
    page.get_by_label("Kurzname").fill("AAWW")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("(AAWW)")
    assert_accessible(page)

    page.get_by_role("link", name="Sitzungstermin anlegen").click()
    assert_accessible(page)
    page.get_by_label("Beginn").fill("2030-05-16T17:00")
    page.get_by_label("Ort").fill("Rathaus Aachen, Ratssaal")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("cell", name="Do, 16.05.2030 17:00")).to_be_visible()
    page.get_by_role("link", name="Bearbeiten – 16.05.2030").click()
    assert_accessible(page)
    page.get_by_label("Beginn").fill("2030-05-23T17:00")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("cell", name="Do, 23.05.2030 17:00")).to_be_visible()
    page.get_by_role("link", name="Ausschuss bearbeiten").click()
    assert_accessible(page)
    page.get_by_role("link", name="Abbrechen").click()
    page.get_by_role("link", name="Löschen – 23.05.2030").click()
    assert_accessible(page)
    page.get_by_role("button", name="Löschen").click()
    expect(page.get_by_text("Der Sitzungstermin wurde gelöscht.")).to_be_visible()
    assert Committee.objects.count() == 1 and not CommitteeMeeting.objects.exists()

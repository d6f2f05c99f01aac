"""The guide's tasks (docs/handbuch.md), walked in a real browser by the role that does each: the
Stabsstelle in the admin, a partner editor in the workspace. Each walk asserts what the task is
for (the public page shows it, the mail went out, the rows are written) and takes the guide's
screenshots at the step the guide describes, 1280 × 800, in German.

    HANDBUCH_SCREENSHOTS=1 pytest tests/browser/test_handbuch.py   # (bench/handbuch.py)

writes them into docs/handbuch/; without the variable they go into a temporary directory, so the
screenshot step runs on every test run and a guide picture cannot silently stop being taken.
"""

import io
import os
import re
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from core.models import OutboundMail, SourceText, TranslationRecord
from handlungsfelder.models import Handlungsfeld, LeitlinienEdition
from integration_portal.models import Barrierenmeldung, Seite
from massnahmen.models import ACTIVE_STATUSES, Freigabe, Massnahme, Reminder, Status
from netzwerk.invitations import invite
from netzwerk.models import Invitation, Netzwerkpartner, PartnerMembership
from tests.conftest import PortalClient

pytestmark = pytest.mark.django_db
VIEWPORT = {"width": 1280, "height": 800}
GUIDE_PICTURES = Path(settings.BASE_DIR) / "docs" / "handbuch"
PASSWORD = "Sprachcafe-Neustadt-2025"


@pytest.fixture(scope="module")
def picture_dir(tmp_path_factory):
    if os.environ.get("HANDBUCH_SCREENSHOTS"):
        GUIDE_PICTURES.mkdir(exist_ok=True)
        return GUIDE_PICTURES
    return tmp_path_factory.mktemp("handbuch")


@pytest.fixture
def shoot(picture_dir):
    """shoot(page, name, near=locator): the viewport as the reader sees it at that step, as name.png."""

    def shoot(page, name, near=None):
        if near is not None:
            near.first.scroll_into_view_if_needed()
            page.evaluate("window.scrollTo(0, window.scrollY)")  # the page's left edge, as a reader starts
        path = picture_dir / f"{name}.png"
        page.screenshot(path=path)
        assert path.stat().st_size > 10_000, name  # a picture of something, not a blank page
        return path

    return shoot


@pytest.fixture
def open_as(browser, live_server, settings):
    """open_as(user): a German browser tab signed in as `user` (the session cookie, not the form:
    the sign-in itself is no task of the guide)."""
    settings.PORTAL_BASE_URL = live_server.url
    contexts = []

    def open_as(user=None):
        context = browser.new_context(locale="de-DE", viewport=VIEWPORT, extra_http_headers={"Accept-Language": "de"},
                                      accept_downloads=True)
        contexts.append(context)
        if user is not None:
            client = PortalClient()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base = live_server.url
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def staff(open_as, staff_user):
    return open_as(staff_user)


@pytest.fixture
def editor(django_user_model):
    """An editor of the Jugendamt, which is responsible for zw2020-10 among others."""
    user = django_user_model.objects.create_user("ja-redaktion", email="ja-redaktion@example.org", password=PASSWORD)
    PartnerMembership.objects.create(user=user, partner=Netzwerkpartner.objects.get(slug="jugendamt"))
    return user


def go(page, path):
    page.goto(page.base + path)
    assert page.locator(".errornote, .errorlist").count() == 0, page.url


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def run_action(page, action, pks):
    """Tick the rows of `pks` in the admin list on screen and run `action` on them."""
    for pk in pks:
        page.check(f"#result_list input.action-select[value='{pk}']")
    page.select_option("#changelist-form select[name=action]", action)
    submit(page, "#changelist-form button[name=index]")


def message(page):
    """The admin's message after an action or a save (an error would be one, too: asserted by text)."""
    return page.locator(".messagelist li").first.inner_text()


def admin_change(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


# --- The Stabsstelle's tasks ---------------------------------------------------


def test_recording_a_status(staff, shoot):
    massnahme = Massnahme.objects.public().filter(status=Status.IN_BEARBEITUNG).order_by("pk").first()
    go(staff, admin_change(massnahme))
    staff.select_option("#id_status", Status.UMGESETZT)
    staff.fill("#id_status_note", "Alle Kurse des Jahres abgeschlossen; Auswertung liegt vor.")
    shoot(staff, "status-erfassen", near=staff.locator("#id_status"))
    submit(staff, "input[name=_save]")
    assert "erfolgreich geändert" in message(staff)

    go(staff, massnahme.get_absolute_url())
    assert "Alle Kurse des Jahres abgeschlossen; Auswertung liegt vor." in staff.content()
    assert staff.locator(".status-umgesetzt").first.is_visible()


def test_bulk_status_change(staff, shoot):
    partner = Netzwerkpartner.objects.get(slug="jugendamt")
    chosen = list(Massnahme.objects.public().filter(partner=partner).exclude(status=Status.LAUFEND)
                  .order_by("pk")[:2])
    go(staff, reverse("admin:massnahmen_massnahme_changelist") + f"?partner__id__exact={partner.pk}")
    run_action(staff, "change_status_bulk", [m.pk for m in chosen])
    staff.select_option("#id_status", Status.LAUFEND)
    staff.fill("#id_note", "Ab dem neuen Schuljahr Regelangebot.")
    shoot(staff, "status-sammelaenderung")
    submit(staff, "input[type=submit][value='Status ändern']")
    assert message(staff) == "Status von 2 Maßnahmen geändert."

    for massnahme in chosen:
        massnahme.refresh_from_db()
        assert massnahme.status == Status.LAUFEND
        assert massnahme.status_changes.latest("changed_at").note == "Ab dem neuen Schuljahr Regelangebot."


# About 3 s: the task is five pages (copy, edit one field's statements, save, publish, the public page).
def test_publishing_a_new_leitlinien_edition(staff, shoot):
    current = LeitlinienEdition.objects.current()
    go(staff, reverse("admin:handlungsfelder_leitlinienedition_changelist"))
    run_action(staff, "copy_as_draft", [current.pk])
    assert message(staff) == "1 Entwurf angelegt."
    draft = LeitlinienEdition.objects.get(status=LeitlinienEdition.Status.DRAFT)

    # The draft, one Handlungsfeld at a time: the first statement of field 1 gets new wording.
    go(staff, admin_change(draft) + "?handlungsfeld=1")
    staff.fill("#id_resolution_number", "DS0123/27")
    staff.fill("#id_leitlinien-0-text_de", "Magdeburg ist eine weltoffene Stadt, in der alle Menschen willkommen sind.")
    shoot(staff, "leitlinien-entwurf", near=staff.locator("#field-choices-heading"))
    submit(staff, "input[name=_save]")
    assert staff.locator(".messagelist .success").count() == 1

    run_action(staff, "publish", [draft.pk])
    shoot(staff, "leitlinien-veroeffentlicht")
    assert "ist jetzt die gültige Fassung" in message(staff)
    assert LeitlinienEdition.objects.current() == draft
    current.refresh_from_db()
    assert current.status == LeitlinienEdition.Status.SUPERSEDED

    go(staff, reverse("handlungsfelder:leitlinien"))
    assert "Magdeburg ist eine weltoffene Stadt, in der alle Menschen willkommen sind." in staff.content()
    assert "DS0123/27" in staff.content()


# About 2.5 s: the partner's page, the invitation form, back on the partner's page, the mail log.
def test_inviting_a_partner(staff, shoot):
    partner = Netzwerkpartner.objects.get(slug="jugendamt")
    go(staff, admin_change(partner))
    submit(staff, "text=Person einladen")
    staff.fill("#id_email", "fachkraft@example.org")
    shoot(staff, "einladen")
    submit(staff, "input[name=_save]")
    assert "Einladung an fachkraft@example.org gesendet." in staff.content()
    shoot(staff, "einladen-link", near=staff.locator("#invitations-group"))
    link = staff.locator("#invitations-group input[readonly]").first.input_value()

    # The mail log answers "did the partner get it?": to whom, what, sent; the mail carries the link.
    go(staff, reverse("admin:core_outboundmail_changelist"))
    row = staff.locator("#result_list tbody tr", has_text="fachkraft@example.org")
    assert "Einladung" in row.inner_text() and "gesendet" in row.inner_text()
    shoot(staff, "e-mail-protokoll")
    logged = OutboundMail.objects.get(recipients="fachkraft@example.org")
    assert logged.kind == OutboundMail.Kind.EINLADUNG and logged.outcome == OutboundMail.Outcome.GESENDET
    assert link.startswith(staff.base) and link in mail.outbox[-1].body
    assert Invitation.objects.get(email="fachkraft@example.org").partner == partner


# About 2.5 s: start page, proposals list, review page, approval, the public page.
def test_reviewing_a_proposal(staff, editor, shoot):
    proposal = Massnahme(title_de="Elterncafé in Neu Olvenstedt",
                         description_de="Monatliches Treffen mit Sprachmittlung.")
    proposal.propose(by=editor, note="Vorschlag des Jugendamts")
    proposal.handlungsfelder.set(Handlungsfeld.objects.filter(number=1))
    proposal.partner.set([Netzwerkpartner.objects.get(slug="jugendamt")])

    go(staff, reverse("admin:index"))
    task = staff.locator("#was-ansteht tr", has_text="Vorschläge warten auf Prüfung")
    assert task.locator(".task-count").inner_text() == "1"
    shoot(staff, "was-ansteht")
    submit(staff, "#was-ansteht tr:has-text('Vorschläge warten auf Prüfung') .task-count a")
    run_action(staff, "approve_proposals", [proposal.pk])
    assert "Monatliches Treffen mit Sprachmittlung." in staff.content()
    shoot(staff, "vorschlag-pruefen")
    submit(staff, "input[type=submit][value='Freigeben']")
    assert message(staff) == "1 Vorschlag freigegeben."

    proposal.refresh_from_db()
    assert proposal.freigabe == Freigabe.FREIGEGEBEN
    go(staff, proposal.get_absolute_url())
    assert "Elterncafé in Neu Olvenstedt" in staff.locator("h1").inner_text()


# About 3 s: start page, the desk, a queue, one text saved, another confirmed, the public page.
def test_translating(staff, shoot):
    feld = Handlungsfeld.objects.get(number=2)
    # The German text changes: every translation of it is outdated now.
    feld.title_de = feld.title_de + " – auch am Abend und am Wochenende"
    feld.save()
    source = SourceText.objects.get(content_type__model="handlungsfeld", object_id=feld.pk, field="title")

    go(staff, reverse("admin:index"))
    submit(staff, "a:has-text('Übersetzungsschreibtisch')")
    shoot(staff, "uebersetzen")
    submit(staff, f"a[href='{reverse('admin:translation_desk_language', args=['en'])}?stand=veraltet']")
    submit(staff, f"#desk-queue a[href*='/{source.pk}/']")
    assert "am Abend und am Wochenende" in staff.locator("#desk-diff").inner_text()
    assert staff.locator("#desk-diff ins").count() >= 1
    english = staff.locator("textarea[lang=en]")
    english.fill(english.input_value().rstrip() + " – evenings and weekends too")
    shoot(staff, "uebersetzen-text", near=staff.locator("#desk-source-heading"))
    submit(staff, "button[value=save]")
    assert "Gespeichert" in message(staff)

    # Arabic: the translation still says what it should (say staff); confirmed without retyping.
    arabic = feld.title_ar
    go(staff, reverse("admin:translation_desk_text", args=["ar", source.pk]))
    submit(staff, "button[value=confirm]")
    assert "Als aktuell bestätigt" in message(staff)

    feld.refresh_from_db()
    assert feld.title_ar == arabic
    source.refresh_from_db()  # both translations now belong to the new German text: current, not outdated
    records = TranslationRecord.objects.filter(source=source, language__in=["en", "ar"])
    assert {record.language for record in records if record.source_hash == source.source_hash} == {"en", "ar"}
    with translation.override("en"):
        go(staff, feld.get_absolute_url())
    assert "evenings and weekends too" in staff.locator("h1").inner_text()


# About 2.5 s: the template is downloaded and filled in, then preview and import (two uploads).
def test_importing(staff, shoot, tmp_path):
    go(staff, reverse("admin:massnahmen_massnahme_import"))
    with staff.expect_download() as download:
        staff.click("text=Importvorlage herunterladen (Excel)")
    template = tmp_path / "vorlage.xlsx"
    download.value.save_as(template)
    shoot(staff, "import-vorlage")

    # Filled in as staff would: the first sheet, one row per measure, the header as it is.
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    rows = [{"externe_id": "imp-2027-1", "titel": "Sprachpaten an Grundschulen", "status": "geplant",
             "handlungsfelder": "2"},
            {"externe_id": "imp-2027-2", "titel": "Willkommensmappe für Familien", "status": "in_bearbeitung",
             "handlungsfelder": "1|5", "partner": "jugendamt"}]
    for row in rows:
        sheet.append([row.get(column, "") for column in header])
    book.save(template)

    staff.set_input_files("#id_import_file", str(template))
    staff.select_option("#id_format", label="xlsx")
    submit(staff, "#content form input[type=submit]")
    assert "Sprachpaten an Grundschulen" in staff.content()
    shoot(staff, "import-vorschau")
    submit(staff, "input[type=submit][value='Import bestätigen']")
    assert message(staff) == "Import abgeschlossen: 2 Maßnahmen neu, 0 geändert, 0 unverändert."

    imported = Massnahme.objects.get(external_id="imp-2027-2")
    assert imported.title_de == "Willkommensmappe für Familien" and imported.status == Status.IN_BEARBEITUNG
    assert sorted(imported.handlungsfelder.values_list("number", flat=True)) == [1, 5]
    assert list(imported.partner.values_list("slug", flat=True)) == ["jugendamt"]


def test_answering_a_barrier_report(staff, shoot):
    report = Barrierenmeldung.objects.create(
        page_url="/de/umsetzungsstand/", description="Das Diagramm lässt sich mit dem Screenreader nicht lesen.",
        email="leserin@example.org", language="de")
    go(staff, reverse("admin:index"))
    submit(staff, "#was-ansteht tr:has-text('Barrierenmeldungen') .task-count a")
    submit(staff, f"#result_list a[href*='/{report.pk}/change/']")
    reply = staff.locator("a[href^='mailto:leserin@example.org?']")
    assert "Ihre%20Barrierenmeldung%20vom" in reply.get_attribute("href")
    assert "Screenreader" in reply.get_attribute("href")  # the report, quoted in the answer
    staff.check("#id_handled")
    shoot(staff, "barrierenmeldung", near=reply)
    submit(staff, "input[name=_save]")

    report.refresh_from_db()
    assert report.handled
    go(staff, reverse("admin:index"))
    assert staff.locator("#was-ansteht tr", has_text="Barrierenmeldungen").locator(".task-count").inner_text() == "0"


def test_editing_the_legal_pages(staff, shoot):
    impressum = Seite.objects.get(key=Seite.Key.IMPRESSUM)
    go(staff, reverse("admin:integration_portal_seite_changelist"))
    submit(staff, f"#result_list a[href*='/{impressum.pk}/change/']")
    body = staff.locator("#id_body_de")
    body.fill(body.input_value() + "\n\nVerantwortlich für den Inhalt: Stabsstelle Integration, Telefon 0391 540-0")
    shoot(staff, "rechtstexte", near=body)
    submit(staff, "input[name=_save]")

    go(staff, impressum.get_absolute_url())
    assert "Verantwortlich für den Inhalt: Stabsstelle Integration, Telefon 0391 540-0" in staff.content()


def test_sending_reminders(staff, editor, shoot):
    days = settings.REMINDER_STALE_DAYS
    # The Jugendamt's running measures, last updated before the reminder period
    jugendamt = Massnahme.objects.public().filter(partner__slug="jugendamt", status__in=ACTIVE_STATUSES)
    assert jugendamt.exists()
    jugendamt.update(status_changed_at=timezone.now() - timedelta(days=days + 10))
    go(staff, reverse("admin:index"))
    submit(staff, "#was-ansteht tr:has-text('Erinnerungen fällig') .task-count a")
    shoot(staff, "erinnern")
    due = list(Massnahme.objects.filter(pk__in=[int(pk) for pk in staff.locator("#result_list input.action-select")
                                                 .evaluate_all("nodes => nodes.map(n => n.value)")]))
    assert set(jugendamt) <= set(due)
    staff.check("#action-toggle")
    staff.select_option("#changelist-form select[name=action]", "remind_partners")
    submit(staff, "#changelist-form button[name=index]")
    assert "E-Mails gesendet" in staff.locator(".messagelist").inner_text()

    sent = OutboundMail.objects.get(kind=OutboundMail.Kind.ERINNERUNG, recipients=editor.email)
    assert sent.outcome == OutboundMail.Outcome.GESENDET
    reminder_mail = next(message for message in mail.outbox if message.to == [editor.email])
    assert jugendamt.first().title_de in reminder_mail.body
    assert Reminder.objects.filter(massnahme__in=jugendamt, recipients__contains=editor.email).count() == jugendamt.count()


# About 3 s: WeasyPrint renders the report PDF (about a second of CPU).
def test_exporting_the_report_for_the_council(open_as, shoot):
    page = open_as()
    go(page, reverse("massnahmen:list"))
    page.click("summary:has-text('Filter')")
    page.select_option("#id_handlungsfeld", index=2)
    submit(page, "main form button[type=submit]")
    shoot(page, "bericht", near=page.locator("a[type='application/pdf']"))
    # What the link fetches (Chromium shows a PDF in its viewer instead of downloading it)
    response = page.request.get(page.base + page.locator("a[type='application/pdf']").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    data = response.body()
    assert data.startswith(b"%PDF")
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(data)).pages)
    assert "Umsetzungsbericht" in text and f"{timezone.localdate():%d.%m.%Y}" in text
    chosen = page.locator("#id_handlungsfeld option:checked").inner_text().strip()
    assert re.sub(r"\s+", "", chosen)[:20] in re.sub(r"\s+", "", text)


# --- The partners' tasks ------------------------------------------------------


def test_partner_accepts_the_invitation(open_as, staff_user, shoot):
    invite("fachkraft@example.org", Netzwerkpartner.objects.get(slug="jugendamt"), "de", staff_user)
    link = re.search(r"https?://\S+/einladung/\S+/", mail.outbox[-1].body).group(0)
    page = open_as()
    page.goto(link)
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    shoot(page, "partner-einladung")
    submit(page, "main form button.btn-primary")
    assert page.url.endswith(reverse("massnahmen:workspace"))
    shoot(page, "partner-arbeitsbereich")
    assert Massnahme.objects.get(external_id="zw2020-10").title_de in page.content()
    assert Invitation.objects.get(email="fachkraft@example.org").accepted_at is not None


def test_partner_reports_a_status(open_as, editor, shoot):
    massnahme = Massnahme.objects.get(external_id="zw2020-10")
    page = open_as(editor)
    go(page, reverse("massnahmen:workspace"))
    submit(page, f"a[href='{reverse('massnahmen:status-update', args=[massnahme.pk])}']")
    page.select_option("#id_status", Status.UMGESETZT)
    page.fill("#id_note", "Zehn Begleitungen im Stadtteil abgeschlossen")
    shoot(page, "partner-stand-melden", near=page.locator("#id_status"))
    submit(page, "main form button.btn-primary")
    assert "Gespeichert" in page.content()

    go(page, massnahme.get_absolute_url())
    assert "Zehn Begleitungen im Stadtteil abgeschlossen" in page.content()
    assert page.locator(".status-umgesetzt").first.is_visible()


def test_partner_proposes_a_measure(open_as, editor, shoot):
    page = open_as(editor)
    go(page, reverse("massnahmen:workspace"))
    submit(page, "main a:has-text('Neue Maßnahme vorschlagen')")
    page.fill("#id_title_de", "Hausaufgabenhilfe im Familienzentrum")
    page.fill("#id_description_de", "Zweimal wöchentlich, mit Ehrenamtlichen aus dem Stadtteil.")
    page.check("input[name=handlungsfelder] >> nth=1")
    page.check("input[name=partner]")
    shoot(page, "partner-vorschlag")
    submit(page, "main form button.btn-primary")

    proposal = Massnahme.objects.get(title_de="Hausaufgabenhilfe im Familienzentrum")
    assert proposal.freigabe == Freigabe.VORGESCHLAGEN and proposal.proposed_by == editor
    assert "Hausaufgabenhilfe im Familienzentrum" in page.locator("main").inner_text()  # under "Meine Vorschläge"
    assert page.goto(page.base + proposal.get_absolute_url()).status == 404  # not public before approval


# About 3 s: axe-core runs twice (German, Arabic).
def test_partner_finds_the_guide_in_the_workspace(open_as, editor):
    page = open_as(editor)
    for language in ("de", "ar"):
        go(page, f"/{language}/partner/")
        submit(page, f"nav a[href='/{language}/partner/anleitung/']")
        assert page.locator(".guide h2").first.inner_text() == "Für Partner"
        assert page.locator(".guide").get_attribute("lang") == "de"
        pictures = page.locator(".guide img")
        assert pictures.count() >= 4
        for index in range(pictures.count()):  # every picture loaded (lazy ones once scrolled to)
            pictures.nth(index).scroll_into_view_if_needed()
            pictures.nth(index).evaluate("img => img.decode()")
            assert pictures.nth(index).evaluate("img => img.naturalWidth") == VIEWPORT["width"]
        violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
        assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]

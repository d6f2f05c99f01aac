"""The submission form in a real browser: by keyboard only, the script from our static files
solves the proof of work and the entry is stored; without JavaScript a quick submission is
refused with the reason in the reader's language."""

import pytest

from beteiligung import spam
from massnahmen.models import Herausforderung

pytestmark = pytest.mark.django_db


def fill_by_keyboard(page):
    page.focus("#id_kind_0")
    page.keyboard.press("Space")
    page.select_option("#id_handlungsfeld", index=2)
    page.fill("#id_title", "Sprachcafé im Stadtteil")
    page.fill("#id_text", "Ein Ort zum Deutschüben, ohne Anmeldung.")


def test_keyboard_submission_with_the_proof_of_work_script(live_server, page, settings):
    settings.BETEILIGUNG_POW_BITS = 12  # real work in the browser, still quick
    page.goto(live_server.url + "/uk/beteiligung/einbringen/")
    fill_by_keyboard(page)
    page.focus("#id_text")
    reached = []
    for _step in range(5):  # on to the submit button (past the privacy link); never into the honeypot
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.name || document.activeElement.textContent.trim()"))
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert "website" not in reached and page.evaluate("document.activeElement.type") == "submit", reached
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/uk/beteiligung/danke/")
    entry = Herausforderung.objects.get(title_uk="Sprachcafé im Stadtteil")
    assert entry.language == "uk" and entry.moderation.state == "eingegangen"


def test_without_javascript_a_quick_submission_is_refused_with_the_reason(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/ar/beteiligung/einbringen/")
    fill_by_keyboard(page)
    with page.expect_navigation():
        page.click("#entry-form button[type=submit]")
    assert "ثانية" in page.content()  # "seconds", in Arabic: the wait it asks for
    assert page.input_value("#id_title") == "Sprachcafé im Stadtteil"  # nothing lost
    assert not Herausforderung.objects.filter(title_ar="Sprachcafé im Stadtteil").exists()
    context.close()
    assert spam.MIN_SECONDS_WITHOUT_SCRIPT > 0

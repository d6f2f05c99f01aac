"""In a real browser, as the Stabsstelle: a Leitlinien edition's page fits a few screens, the
statements are edited in German inline and translated on their own page, where each language
other than German is folded."""

import pytest

from handlungsfelder.models import LeitlinienEdition

pytestmark = pytest.mark.django_db
PASSWORD = "Stabsstelle-Magdeburg-2025"
# A fifth of the draft edition's page before (60,800 px at 1280 px width, all seven languages of
# the 33 statements inline).
MAX_HEIGHT = 12_160


# About 4 s: one walk through the edition, a statement and a save.
def test_edition_page_fits_and_statements_stay_editable(live_server, browser, django_user_model):
    context = browser.new_context(locale="de-DE", extra_http_headers={"Accept-Language": "de"},
                                  viewport={"width": 1280, "height": 800})
    page = context.new_page()
    django_user_model.objects.create_user("stab", password=PASSWORD, is_staff=True, is_superuser=True)
    draft = LeitlinienEdition.objects.current().copy_as_draft()
    statement = draft.leitlinien.order_by("handlungsfeld__number", "position").first()

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "stab")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")

    page.goto(live_server.url + f"/admin/handlungsfelder/leitlinienedition/{draft.pk}/change/")
    height = page.evaluate("document.body.scrollHeight")
    print(f"edition change page: {height} px")  # the figure for the report (pytest -s)
    assert height <= MAX_HEIGHT
    assert "(Entwurf," in page.locator("h2").first.inner_text() + page.title()
    # German open, each other language folded under its German name
    folded = page.locator("fieldset details").evaluate_all(
        "nodes => nodes.map(n => [n.querySelector('summary').innerText.trim(), n.open])")
    assert [name for name, _open in folded] == ["Englisch", "Arabisch", "Ukrainisch", "Russisch", "Persisch", "Türkisch"]
    assert not any(is_open for _name, is_open in folded)
    assert page.locator("#id_title_de").is_visible() and not page.locator("#id_title_en").is_visible()

    # A statement's German text, edited inline and saved
    page.fill("#id_leitlinien-0-text_de", "Weltoffenheit ist eine allgemein gültige Maxime.")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".errornote").count() == 0
    statement.refresh_from_db()
    assert statement.text_de == "Weltoffenheit ist eine allgemein gültige Maxime."

    # Its translations on its own page, one language opened at a time
    with page.expect_navigation():
        page.locator("#leitlinien-0 a.inlinechangelink").click()
    assert page.locator("#id_text_de").input_value() == statement.text_de
    assert not page.locator("#id_text_en").is_visible()
    page.click("summary:has-text('Englisch')")
    page.fill("#id_text_en", "Openness to the world is a generally valid maxim.")
    with page.expect_navigation():
        page.click("input[name=_save]")
    statement.refresh_from_db()
    assert statement.text_en == "Openness to the world is a generally valid maxim."

    # One Handlungsfeld at a time: only its statements, and "save and continue" stays on it
    page.goto(live_server.url + f"/admin/handlungsfelder/leitlinienedition/{draft.pk}/change/")
    third = list(draft.leitlinien.filter(handlungsfeld__number=3).order_by("position"))
    with page.expect_navigation():
        page.click(f"nav.field-choices a[href='?handlungsfeld=3']")
    assert page.locator("tr.form-row.has_original").count() == len(third)
    assert page.locator("nav.field-choices [aria-current=page]").inner_text().startswith("3.")
    page.fill("#id_leitlinien-0-text_de", "Bildung ist der Schlüssel zur Teilhabe.")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.url.endswith("?handlungsfeld=3") and page.locator(".errornote").count() == 0
    third[0].refresh_from_db()
    assert third[0].text_de == "Bildung ist der Schlüssel zur Teilhabe."
    assert draft.leitlinien.exclude(handlungsfeld__number=3).filter(text_de=third[0].text_de).count() == 0
    context.close()

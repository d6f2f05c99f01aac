"""In a real browser, as a translator: from the admin's start page to the desk, Arabic, the one
outdated text with its German change, a new translation saved; every desk page axe-clean."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.models import TranslationRecord
from core.translation_desk import translator_group
from massnahmen.models import Massnahme
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.django_db
PASSWORD = "Uebersetzung-Magdeburg-2025"


def violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    return [f"{page.url}: {v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]


# About 3 s: one login, three desk pages, axe on each.
def test_a_translator_translates_an_outdated_text(live_server, german_page, django_user_model):
    page = german_page
    translator = django_user_model.objects.create_user("uebersetzerin", password=PASSWORD, is_staff=True)
    translator.groups.add(translator_group())
    massnahme = Massnahme.objects.exclude(title_ar="").order_by("pk").first()
    massnahme.title_de = f"{massnahme.title_de} für Familien"
    massnahme.save()  # the Arabic title is outdated now, and the only outdated Arabic text

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "uebersetzerin")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    with page.expect_navigation():
        page.click("text=Übersetzungsschreibtisch")
    problems = violations(page)
    with page.expect_navigation():
        page.locator("tr", has_text="العربية").locator("a", has_text="1").first.click()  # 1 outdated
    problems += violations(page)
    assert page.locator("#desk-queue tbody tr").count() == 1
    with page.expect_navigation():
        page.click("text=Mit dem ersten Text beginnen")
    problems += violations(page)
    assert not problems, "\n".join(problems)

    assert page.locator("#desk-source").inner_text() == massnahme.title_de
    assert page.locator("#desk-diff ins").text_content() == "eingefügt: für Familien"  # the label for screen readers
    field = page.locator("textarea")
    assert field.get_attribute("dir") == "rtl" and field.get_attribute("lang") == "ar"
    field.fill("تدابير للعائلات")
    with page.expect_navigation():
        page.click("text=Speichern und weiter")
    assert "Gespeichert" in page.content()
    massnahme.refresh_from_db()
    assert massnahme.title_ar == "تدابير للعائلات"
    record = TranslationRecord.objects.get(source__object_id=massnahme.pk, source__field="title",
                                           source__content_type__model="massnahme", language="ar")
    assert not record.is_outdated and record.confirmed_by == translator

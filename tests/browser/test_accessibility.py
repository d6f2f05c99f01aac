"""In a real browser: no axe violations on any public page in any language; keyboard, zoom, 320 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from tests.integration_portal.test_public_pages import public_urls
from tests.leichte_sprache.test_pages import leichte_sprache_urls

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Every rule axe-core runs by default: WCAG 2.0-2.2 A/AA and the best practices (a landmark for
# all content, one main, headings in order ...). Selectors and details for violations only: for
# passes and the rest axe-core would build them for every node, about half of its time on a page;
# the test reads only the violations.
AXE_OPTIONS = {"resultTypes": ["violations"]}


def pages(language):
    """The public pages in `language`; with German, the Leichte Sprache pages (German only) too."""
    return public_urls(language) + (leichte_sprache_urls() if language == "de" else [])


# Several seconds each: axe-core checks every public page in Chromium (German: and the 16 in Leichte Sprache).
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_axe_violations_on_any_page(live_server, page, language):
    axe = Axe()
    problems = []
    for name, url in pages(language):
        page.goto(live_server.url + url)
        results = axe.run(page, options=AXE_OPTIONS)
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
    assert not problems, "\n".join(problems)


def test_skip_link_is_first_and_moves_focus_to_content(live_server, page):
    page.goto(live_server.url + "/de/massnahmen/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhalt"
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_filter_form_works_by_keyboard_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/de/massnahmen/")
    # The filters are folded behind one control; it opens by keyboard, without JavaScript.
    assert not page.is_visible("#id_status")
    page.focus(".filter-panel > summary")
    page.keyboard.press("Enter")
    page.select_option("#id_status", "geplant")
    page.focus("#id_q")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "status=geplant" in page.url
    assert "4 Maßnahmen gefunden" in page.content()
    assert page.is_visible("#id_status")  # open while a filter is set
    context.close()


# A few seconds: every public page in Chromium (German: and the Leichte Sprache pages).
@pytest.mark.parametrize("language", ["de", "ar"])
def test_usable_at_320_px_without_horizontal_scrolling(live_server, browser, language):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for _name, url in pages(language):
        page.goto(live_server.url + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (url, overflow)
    context.close()


def test_readable_at_200_percent_zoom(live_server, browser):
    # 200 % zoom of a 1280 px window is a 640 px CSS viewport at device scale factor 2.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    page.goto(live_server.url + "/de/leitlinien/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()


def test_language_switch_keeps_the_page(live_server, page):
    page.goto(live_server.url + "/de/leitlinien/")
    with page.expect_navigation():
        page.click("a[hreflang='ar'][lang='ar']")
    assert page.url.endswith("/ar/leitlinien/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"


# About 4 s: a second closed round with reports, its page and the comparison in German and Arabic.
def test_no_axe_violations_on_round_pages_with_changes(live_server, page, staff_user):
    """The round pages with what the content alone has not: a previous round, moved, new and unreported measures."""
    import datetime

    from django.utils import timezone

    from massnahmen.models import Berichtsrunde, Massnahme, Status

    runde = Berichtsrunde.objects.create(title_de="Berichtsrunde 2026", slug="runde-2026",
                                         period_start=datetime.date(2026, 1, 1), period_end=timezone.localdate())
    measure = Massnahme.objects.get(external_id="zw2020-04")
    measure.report_progress(expected_version=measure.version, status=Status.UMGESETZT, note="Bericht",
                            by=staff_user, berichtsrunde=runde)
    runde.close(by=staff_user)
    axe = Axe()
    problems = []
    for language in ("de", "ar"):
        for url in (f"/{language}/berichtsrunden/runde-2026/",
                    f"/{language}/berichtsrunden/zukunftswerkstatt-auswertung-2021/vergleich/runde-2026/",
                    f"/{language}/berichtsrunden/"):
            page.goto(live_server.url + url)
            assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
            for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
                problems.append(f"{url}: {violation['id']} ({violation['impact']}) {[n['target'] for n in violation['nodes']][:3]}")
    assert not problems, "\n".join(problems)

"""In a real browser: the following pages (form, its error, look-in-your-mailbox, confirm, what an
address follows, an expired link) have no axe violations in any language, and the honeypot is
neither seen nor reached by keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import translation

from beteiligung.models import Follow
from massnahmen.models import Massnahme
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def violations(axe, page, name):
    return [f"{name}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
            for v in axe.run(page, options=AXE_OPTIONS).response["violations"]]


# About 10 s: six pages in seven languages in Chromium; one test, so the content is reloaded once
# after it (a transactional test flushes the database), not once per language.
def test_the_following_pages_have_no_axe_violations_in_any_language(live_server, page):
    measures = list(Massnahme.objects.public().order_by("pk")[:2])
    confirmed, _send = Follow.request("leser@example.org", measures[0], "de")
    confirmed.confirm()
    pending, _send = Follow.request("leser@example.org", measures[1], "de")
    axe, problems = Axe(), []
    for language in LANGUAGES:
        with translation.override(language):
            follow_url = f"/{language}/folgen/massnahme/{measures[0].pk}/"
            pages = {"confirm": pending.confirmation_url(), "manage": pending.manage_url(),
                     "link invalid": f"/{language}/folgen/bestaetigen/x/"}
        page.goto(live_server.url + follow_url)
        problems += violations(axe, page, f"{language} follow")
        page.fill("#id_email", "kein-at-zeichen")
        with page.expect_navigation():
            page.click("#folgen-datenschutz + button")
        assert page.get_attribute("#id_email", "aria-invalid") == "true"
        problems += violations(axe, page, f"{language} follow with an error")
        page.goto(live_server.url + f"/{language}/folgen/angefragt/")
        problems += violations(axe, page, f"{language} requested")
        for name, url in pages.items():
            page.goto(live_server.url + url)
            problems += violations(axe, page, f"{language} {name}")
    assert not problems, "\n".join(problems)


def test_the_honeypot_is_neither_seen_nor_reached_by_keyboard(live_server, page):
    measure = Massnahme.objects.public().order_by("pk").first()
    page.goto(live_server.url + f"/de/folgen/massnahme/{measure.pk}/")
    # Its box is one pixel, clipped or off the screen: nothing to see.
    assert page.evaluate("""(() => { const box = document.querySelector('#id_website').closest('.hp-field')
                                           .getBoundingClientRect();
                                    return box.width <= 1 || box.right < 0; })()""")
    page.focus("#id_email")
    reached = []
    for _step in range(2):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert reached == ["A", "BUTTON"]  # the privacy statement's link, then the button: never the honeypot

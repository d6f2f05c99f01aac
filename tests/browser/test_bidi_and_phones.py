"""In a real browser: mixed-direction text in its visual order (element and character boxes), and the
portal on a phone (390 × 844) in German, Arabic and Persian. Each page is loaded once and checked
for several things."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation

from massnahmen.models import Massnahme
from netzwerk.models import Netzwerkpartner

pytestmark = pytest.mark.django_db
PHONE = {"width": 390, "height": 844}

# Boxes of parts of an element's text, in CSS pixels: the box of the characters of `part` (the
# first occurrence) inside the first element matching `selector` whose text contains `text`.
BOXES = """([selector, text, parts]) => {
  const element = [...document.querySelectorAll(selector)].find(e => e.textContent.includes(text));
  if (!element) return null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  const whole = nodes.map(n => n.data).join("");
  const box = (part) => {
    let start = whole.indexOf(part), end = start + part.length, range = document.createRange(), seen = 0;
    if (start < 0) return null;
    for (const node of nodes) {
      const next = seen + node.data.length;
      if (start >= seen && start < next) range.setStart(node, start - seen);
      if (end > seen && end <= next) { range.setEnd(node, end - seen); break; }
      seen = next;
    }
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    return {left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
            top: Math.min(...rects.map(r => r.top)), lines: new Set(rects.map(r => Math.round(r.top))).size};
  };
  const own = element.getBoundingClientRect();
  return {element: {left: own.left, right: own.right, top: own.top, bottom: own.bottom},
          parts: Object.fromEntries(parts.map(p => [p, box(p)]))};
}"""


# Text nodes that mix letters of both directions outside an isolate (<bdi> or an element of its own
# splits them; an <option> holds Unicode's isolate controls). A few acronyms of the interface
# translations ("… بصيغة PDF") stand alone at a sentence's edge, where the order cannot go wrong.
MIXED = r"""() => {
  const found = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.data.replace(/\b(PDF|URL|CSV|JSON|Atom)\b/g, '');
    if (/[A-Za-zÄÖÜäöüß]/.test(text) && /[\u0590-\u08FF]/.test(text) && !/[\u2066-\u2069]/.test(text)) found.push(text.trim());
  }
  return found;
}"""


def boxes(page, selector, text, *parts):
    found = page.evaluate(BOXES, [selector, text, list(parts)])
    assert found, (page.url, selector, text)
    return found["parts"]


def test_mixed_direction_text_reads_in_order(live_server, browser):
    """German names, brackets, postcodes and districts inside Persian and Arabic pages, and a German
    note with its "Deutsch" marker next to its entry on a right-to-left page."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    with translation.override("fa"):
        measure_url = Massnahme.objects.get(external_id="zw2020-01").get_absolute_url()
    page.goto(live_server.url + measure_url)
    assert page.evaluate(MIXED) == []

    # The responsible partner: Persian name first (right), then its German name in brackets, whose
    # brackets stand around it in left-to-right order, on the Persian name's left.
    team = boxes(page, "dd a", "Team Integrationsgemeinwesenarbeit",
                 "(Team", "Integrationsgemeinwesenarbeit)", "(", ")", "تیم")
    assert team["("]["right"] <= team["Integrationsgemeinwesenarbeit)"]["left"] + 1
    assert team["("]["left"] < team[")"]["left"]
    assert team[")"]["right"] <= team["تیم"]["left"]

    # The district's German name: one line, its parts left to right, after the Persian name (left).
    district = boxes(page, "dd", "Kannenstieg", "Neue Neustadt", "Neustädter See", "Kannenstieg", "(Neue Neustadt/Neustädter See/Kannenstieg)")
    whole = district["(Neue Neustadt/Neustädter See/Kannenstieg)"]
    assert whole["lines"] == 1
    assert district["Neue Neustadt"]["left"] < district["Neustädter See"]["left"] < district["Kannenstieg"]["left"]

    # The German history note: lang="de", left-to-right inside, next to its entry (it begins where
    # the entry's date begins, at the right), its marker "آلمانی" (German) right after it (left).
    note = page.locator("#verlauf ~ .timeline .other-language").first
    assert note.locator("bdi").get_attribute("lang") == "de" and note.locator("bdi").get_attribute("dir") == "ltr"
    assert note.locator(".language-marker").inner_text() == "آلمانی"
    entry = note.locator("xpath=ancestor::li[1]")
    date_box = entry.locator("time").bounding_box()
    note_box = note.locator("bdi").bounding_box()
    marker_box = note.locator(".language-marker").bounding_box()
    assert abs((note_box["x"] + note_box["width"]) - (date_box["x"] + date_box["width"])) <= 2
    assert marker_box["x"] + marker_box["width"] <= note_box["x"] + 1
    assert abs((marker_box["y"] + marker_box["height"]) - (note_box["y"] + note_box["height"])) <= 6
    words = boxes(page, ".other-language bdi", "Übernommen aus", "Übernommen", "Zukunftswerkstatt")
    assert words["Übernommen"]["left"] < words["Zukunftswerkstatt"]["left"]

    # A postcode before its town on an Arabic partner page.
    with translation.override("ar"):
        partner_url = Netzwerkpartner.objects.get(slug="integrationskoordination").get_absolute_url()
    page.goto(live_server.url + partner_url)
    assert page.evaluate(MIXED) == []
    address = boxes(page, "#kontakt ~ address", "39116", "39116", "Magdeburg", "Wilhelm-Höpfner-Ring", "4")
    assert address["39116"]["right"] < address["Magdeburg"]["left"]
    assert address["39116"]["top"] == address["Magdeburg"]["top"]

    # The Arabic Leitlinien introduction: a German name in brackets wrapping over lines keeps its
    # brackets at its own ends, in left-to-right order on each line.
    page.goto(live_server.url + "/ar/leitlinien/")
    assert page.evaluate(MIXED) == []
    intro = boxes(page, "#zu-diesem-band p", "Stabsstelle Jugendhilfe", "(Stabsstelle", "Stabsstelle",
                  "Gesundheitsplanung)", "Gesundheitsplanung")
    assert intro["(Stabsstelle"]["left"] < intro["Stabsstelle"]["left"]  # "(" before, not after
    assert intro["Gesundheitsplanung)"]["right"] > intro["Gesundheitsplanung"]["right"]  # ")" after it
    context.close()


# About 2 s each: three pages, measured, one of them checked by axe-core.
@pytest.mark.parametrize("language", ["de", "ar", "fa"])
def test_phone_layout(live_server, browser, language):
    """At 390 × 844: a header under 120 px (also with a search form in it), the filters folded, the
    first measure on the first screen, tables whole or in a scroll region with the row heads in
    view, chart text of at least 12 px, and no share split from its "%"."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/massnahmen/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.locator("header.site-header").bounding_box()["height"] <= 120
    # The site search (another part of the header) must fit too: one with an input and a button.
    header_with_search = page.evaluate("""() => {
      const bar = document.querySelector('.site-bar');
      if (!bar.querySelector('form[role=search]')) {
        bar.insertAdjacentHTML('beforeend', '<form role="search" class="site-search"><input type="search" ' +
          'class="form-control" aria-label="Suche"><button class="btn btn-primary">Suchen</button></form>');
      }
      return document.querySelector('header.site-header').getBoundingClientRect().height;
    }""")
    assert header_with_search <= 120, header_with_search
    assert not page.is_visible("#id_status") and page.is_visible(".filter-panel > summary")
    first_measure = page.locator(".measure-item").first.bounding_box()
    assert first_measure["y"] + 60 < PHONE["height"], first_measure  # its title is on the first screen
    # The navigation opens from its menu (no JavaScript needed: <details>).
    page.click(".site-menu-main > summary")
    assert page.is_visible(".main-nav a[href$='/umsetzungsstand/']")

    page.goto(f"{live_server.url}/{language}/umsetzungsstand/")
    assert page.evaluate(MIXED) == []  # the filters' options included
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.locator("header.site-header").bounding_box()["height"] <= 120
    tables = page.evaluate("""() => [...document.querySelectorAll('table.figures')].map(table => {
      const region = table.closest('.table-scroll');
      const head = table.querySelector('tbody th[scope=row]');
      const before = head.getBoundingClientRect();
      region.scrollLeft = region.scrollLeft === 0 && getComputedStyle(region).direction === 'rtl' ? -region.scrollWidth : region.scrollWidth;
      const after = head.getBoundingClientRect(), box = region.getBoundingClientRect();
      return {fits: table.offsetWidth <= region.clientWidth, scrolls: getComputedStyle(region).overflowX === 'auto',
              role: region.getAttribute('role'), tabindex: region.tabIndex,
              named: !!document.getElementById(region.getAttribute('aria-labelledby')),
              headStays: after.left >= box.left - 1 && after.right <= box.right + 1 && Math.abs(after.left - before.left) < 1};
    })""")
    assert len(tables) == 3 + 2  # the measures' three, online participation's two
    for table in tables:
        assert table["fits"] or (table["scrolls"] and table["role"] == "region" and table["tabindex"] == 0
                                 and table["named"] and table["headStays"]), table
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll(
      '.chart .chart-label, .chart svg text, table.figures td, table.figures th')].map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert smallest >= 12, smallest
    shares = page.evaluate("""() => [...document.querySelectorAll('.share')].map(e => [e.textContent, e.getClientRects().length])""")
    assert shares and all(lines == 1 for _text, lines in shares), shares

    # With a filter set the filters stand open; open menus and filters pass every axe rule too.
    page.goto(f"{live_server.url}/{language}/massnahmen/?status=geplant")
    assert page.is_visible("#id_status")
    page.click(".site-menu-languages > summary")
    assert page.is_visible(".language-switcher a[hreflang='fa']")
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    context.close()

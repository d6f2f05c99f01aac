"""The Leichte Sprache part of the site: the §4 start page, the pages, the retold Leitlinien, the
Wörterbuch, the test readers' check, and how they are reached from every page in every language."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.content_stamp import bump
from handlungsfelder.models import Leitlinie, LeitlinienEdition
from leichte_sprache import markup
from leichte_sprache.models import DgsVideo, LeichteLeitlinie, Seite, Wort
from tests.integration_portal.test_public_pages import public_urls

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
START = "/de/leichte-sprache/"


def leichte_sprache_urls():
    """(name, url) of every Leichte Sprache page."""
    pages = [(f"seite {seite.slug}", seite.get_absolute_url()) for seite in Seite.objects.all()]
    return [("ls-start", reverse("leichte_sprache:start")), ("woerterbuch", reverse("leichte_sprache:woerterbuch")), *pages]


def links(html):
    return set(re.findall(r'href="([^"]+)"', html))


def test_start_page_holds_the_four_items_of_bitv_section_4_with_their_video_places(client):
    html = client.get(START).content.decode()
    for platz in Seite.Platz.values:
        seite = Seite.objects.get(platz=platz)
        section = re.search(rf'<section[^>]*data-platz="{platz}".*?</section>', html, re.S).group(0)
        assert f"<h2 id=\"platz-{platz}\">{seite.title}</h2>" in section
        assert markup.plain(seite.summary).split("\n")[0] in re.sub(r"<[^>]+>", "", section)
        assert f'data-dgs-platz="{platz}"' in section  # the DGS video's place
        assert seite.get_absolute_url() in links(section)
    assert html.count("data-dgs-platz=") == 4
    # no video uploaded yet: each place says in Leichte Sprache that it is coming
    assert html.count("Das Video in Gebärden·sprache kommt bald.") == 4
    assert Seite.Platz.values == DgsVideo.Slot.values  # the same four places as the videos'
    assert [m for m in re.findall(r'data-platz="([a-z]+)"', html)] == Seite.Platz.values


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_in_every_language_links_to_leichte_sprache_in_its_header(client, language):
    for name, url in public_urls(language):
        html = client.get(url).content.decode()
        header = html[html.index("<header"):html.index("</header>")]
        assert f'<a class="service-link" href="{START}" lang="de" hreflang="de" dir="ltr"' in header, (name, url)
        # in the header's first line, before the menus
        assert header.index(START) < header.index("site-menu-main")


def test_every_leichte_sprache_page_is_reachable_from_the_start_page_the_header_links(client):
    start = links(client.get(START).content.decode())
    for name, url in leichte_sprache_urls()[1:]:
        assert url in start, name
        assert client.get(url).status_code == 200, name
    assert len(leichte_sprache_urls()) == 2 + 14  # start, Wörterbuch, 14 pages (4 of §4, 6 fields, 4 more)


def test_leichte_sprache_pages_are_german_with_no_alternates_in_other_languages(client):
    for name, url in leichte_sprache_urls():
        assert url.startswith("/de/leichte-sprache/"), name
        html = client.get(url).content.decode()
        assert '<html lang="de" dir="ltr">' in html, name
        assert 'rel="alternate"' not in html, name  # Leichte Sprache exists in German only
        assert len(re.findall(r"<h1[ >]", html)) == 1, name
        # the switcher leads to the portal in each language, never to a page that does not exist
        for other in LANGUAGES:
            if other != "de":
                assert f'href="/{other}/" lang="{other}" hreflang="{other}"' in html, (name, other)
    assert client.get("/en/leichte-sprache/").status_code == 404


def test_every_retold_leitlinie_links_to_its_binding_wording(client):
    published = Leitlinie.objects.filter(edition__status=LeitlinienEdition.Status.PUBLISHED).select_related("handlungsfeld")
    assert published.count() == 33
    html = client.get(reverse("leichte_sprache:leitlinien")).content.decode()
    binding = client.get("/de/leitlinien/").content.decode()
    for leitlinie in published:
        retold = re.search(rf'<li id="{leitlinie.anchor}".*?</li>', html, re.S)
        assert retold, leitlinie.anchor
        assert f'href="/de/leitlinien/#{leitlinie.anchor}"' in retold.group(0)
        assert f'id="{leitlinie.anchor}"' in binding  # the anchor exists on the binding page
        assert markup.plain(leitlinie.leichte_sprache.text).split("\n")[0] in re.sub(r"<[^>]+>", "", retold.group(0))
    # says plainly that the standard German text is binding
    assert "Es gilt nur der Text in" in html


def test_retellings_of_a_superseded_edition_leave_the_page(client):
    edition = LeitlinienEdition.objects.published().get()
    draft = edition.copy_as_draft()
    draft.publish()
    assert not LeichteLeitlinie.objects.published().exists()
    html = client.get(reverse("leichte_sprache:leitlinien")).content.decode()
    assert "Original·text: Handlungs·feld" not in html


def test_woerterbuch_has_the_hard_words_of_the_issue_each_with_an_anchor_linked_from_the_texts(client):
    html = client.get(reverse("leichte_sprache:woerterbuch")).content.decode()
    for slug in ("handlungsfeld", "leitlinie", "massnahme", "stadtrat", "beschluss", "migrant", "aufenthaltsstatus",
                 "pruefgruppe", "integration", "gebaerdensprache"):
        wort = Wort.objects.get(slug=slug)
        assert f'<dt id="wort-{slug}"' in html and wort.explanation
    linked = set()
    for _name, url in leichte_sprache_urls():
        linked |= {link.split("#")[1] for link in links(client.get(url).content.decode())
                   if link.startswith("/de/leichte-sprache/woerterbuch/#")}
    anchors = {wort.anchor for wort in Wort.objects.all()}
    assert linked <= anchors  # every link reaches an entry
    assert {"wort-stadtrat", "wort-handlungsfeld", "wort-migrant", "wort-aufenthaltsstatus"} <= linked


def test_wort_links_render_escaped_and_unknown_words_stay_plain(client):
    seite = Seite.objects.get(slug="kontakt")
    Seite.objects.filter(pk=seite.pk).update(
        body="Der [[Stadt·räte|Stadt·rat]] und <script>alert(1)</script>.\n\n- [[Gibt·es·nicht]] [[stadtrat]]")
    html = client.get(seite.get_absolute_url()).content.decode()
    assert '<a href="/de/leichte-sprache/woerterbuch/#wort-stadtrat" class="wort-link">Stadt·räte</a>' in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<li>Gibt·es·nicht " in html  # unknown: the word, no link, no markup
    assert 'class="wort-link">stadtrat</a></li>' in html  # case, Mediopunkt do not count


def test_a_link_to_a_word_the_woerterbuch_lacks_is_refused_on_save():
    seite = Seite.objects.get(slug="kontakt")
    seite.body = "Der [[Stadt·rat]] und der [[Bürger·meister]]."
    with pytest.raises(ValidationError) as error:
        seite.full_clean()
    assert "Bürger·meister" in str(error.value.message_dict["body"])
    wort = Wort(term="Stadt·räte", slug="stadtraete", explanation="Mehr als ein Stadt·rat.")
    with pytest.raises(ValidationError, match="Schon Teil eines anderen Eintrags"):
        wort.full_clean()


def test_page_says_the_check_by_test_readers_is_still_to_come_until_it_is_recorded(client):
    seite = Seite.objects.get(slug="kontakt")
    html = client.get(seite.get_absolute_url()).content.decode()
    assert "Prüf·gruppe</a> liest diesen Text bald." in html
    seite.pruefgruppe, seite.checked_on = "Büro für Leichte Sprache der Lebenshilfe", date(2026, 11, 20)
    seite.full_clean()
    seite.save()
    html = client.get(seite.get_absolute_url()).content.decode()
    assert "liest diesen Text bald" not in html
    assert "Die Prüf·gruppe ist von: Büro für Leichte Sprache der Lebenshilfe" in html
    assert '<time datetime="2026-11-20">20.11.2026</time>' in html
    # Changed after the check: the page no longer says it was checked as it reads now
    seite.body += "\n\nSie können uns auch schreiben."
    seite.save()
    html = client.get(seite.get_absolute_url()).content.decode()
    assert "Danach haben wir den Text geändert." in html and "Die Prüf·gruppe ist von" not in html
    assert Seite.objects.unchecked().filter(pk=seite.pk).exists()
    seite.checked_on = None
    with pytest.raises(ValidationError, match="gehören zusammen"):
        seite.full_clean()


def test_woerterbuch_queries_do_not_grow_with_its_entries(client):
    def queries_with(count):
        Wort.objects.bulk_create(Wort(term=f"Wort·{i}", slug=f"wort-{i}", explanation=f"Das ist [[Wort·{i}]].")
                                 for i in range(Wort.objects.filter(slug__startswith="wort-").count(), count))
        bump()  # bulk_create sends no signal: a new content state, so the page renders anew
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("leichte_sprache:woerterbuch")).content.decode()
        assert html.count("<dt ") == Wort.objects.count()
        return len(queries)

    assert queries_with(10) == queries_with(200)


# The start page: the texts, the Wörterbuch and one query per DGS video place (four).
@pytest.mark.parametrize("name,budget", [("start", 10), ("leitlinien", 6), ("seite", 6)])
def test_pages_query_a_fixed_number_of_times(client, name, budget):
    url = reverse("leichte_sprache:seite", args=["handlungsfeld-arbeit"]) if name == "seite" else \
        reverse(f"leichte_sprache:{name}")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= budget, [q["sql"] for q in queries.captured_queries]


def test_pages_are_cached_and_tagged_until_a_text_changes(client):
    url = reverse("leichte_sprache:woerterbuch")
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss" and "public" in first["Cache-Control"]
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    wort = Wort.objects.get(slug="stadtrat")
    wort.explanation += "\nDer Stadt·rat trifft sich oft."
    wort.save()
    fresh = client.get(url)
    assert fresh["ETag"] != first["ETag"] and "trifft sich oft" in fresh.content.decode()


# --- every route of the part in the permission matrix ------------------------------------------

ROLES = ("anonymous", "staff")
MATRIX = {
    "leichte_sprache:start": (lambda: reverse("leichte_sprache:start"), dict.fromkeys(ROLES, 200)),
    "leichte_sprache:woerterbuch": (lambda: reverse("leichte_sprache:woerterbuch"), dict.fromkeys(ROLES, 200)),
    "leichte_sprache:leitlinien": (lambda: reverse("leichte_sprache:leitlinien"), dict.fromkeys(ROLES, 200)),
    "leichte_sprache:seite": (lambda: reverse("leichte_sprache:seite", args=["kontakt"]), dict.fromkeys(ROLES, 200)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(client, staff_user, name, role):
    url, expected = MATRIX[name]
    if role == "staff":
        client.force_login(staff_user)
    assert client.get(url()).status_code == expected[role]
    assert client.post(url()).status_code == 405  # read-only pages


def test_every_leichte_sprache_route_is_in_the_matrix():
    names = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "leichte_sprache":
                names.append(f"leichte_sprache:{pattern.name}")
    walk(get_resolver().url_patterns)
    assert names and set(names) == set(MATRIX)


def test_unknown_page_is_404(client):
    assert client.get("/de/leichte-sprache/gibt-es-nicht/").status_code == 404


def test_german_search_finds_the_leichte_sprache_pages_and_words_other_languages_do_not(client):
    kinds = {group["kind"]: group for group in client.get("/de/suche/?q=Prüfgruppe").context["groups"]}
    assert reverse("leichte_sprache:woerterbuch") + "#wort-pruefgruppe" in [doc.url for doc in kinds["woerterbuch"]["hits"]]
    groups = client.get("/de/suche/?q=Gebärdensprache").context["groups"]
    pages = {doc.url for group in groups if group["kind"] == "leichte-sprache" for doc in group["hits"]}
    assert Seite.objects.get(platz=Seite.Platz.HINWEISE).get_absolute_url() in pages
    for language in ("en", "ar"):
        groups = client.get(f"/{language}/suche/?q=Prüfgruppe").context["groups"]
        assert not {"leichte-sprache", "woerterbuch"} & {group["kind"] for group in groups}

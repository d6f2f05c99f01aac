"""The portal's one search on the loaded Magdeburg content (SQLite and PostgreSQL alike)."""

import pytest
from django.urls import reverse
from django.utils import translation

from core import search
from core.models import SearchDocument, Synonym
from tests.factories import make_measures

pytestmark = pytest.mark.django_db

FIRST_PAGE = 10

# (language, what a newcomer types, kind of the result it must show on the first page, the start
# of that result's German title). Chosen from what the translated content says in each language.
RELEVANCE = [
    ("de", "Deutschkurs", "handlungsfeld", "Spracherwerb"),
    ("de", "Sprachkurs", "handlungsansatz", "Vermittlung von (ausreichenden) Kenntnissen"),
    ("de", "Sprachkurss", "handlungsansatz", "Vermittlung von (ausreichenden) Kenntnissen"),
    ("de", "Kita", "handlungsansatz", "Kita, Schulbildung"),
    ("de", "Kindertagesstätte", "handlungsansatz", "Kita, Schulbildung"),
    ("de", "Wohnung", "handlungsansatz", "Wohnen"),
    ("de", "Dolmetscher", "massnahme", "SiSA - Sprachmittlung"),
    ("de", "Sprachmitlung", "massnahme", "SiSA - Sprachmittlung"),
    # Typos early in the word (a missing, a wrong, two swapped letters): the closest indexed words.
    ("de", "Wonung", "handlungsansatz", "Wohnen"),
    ("de", "Gesundhiet", "handlungsansatz", "Gesundheit"),
    ("de", "Spracherwrb", "handlungsfeld", "Spracherwerb"),
    ("en", "hosuing", "handlungsansatz", "Wohnen"),
    ("de", "Arbeit finden", "handlungsfeld", "Berufliche Qualifizierung"),
    ("de", "Job", "handlungsfeld", "Berufliche Qualifizierung"),
    ("de", "Schule", "handlungsansatz", "Kita, Schulbildung"),
    ("de", "Jobcenter", "partner", "Jobcenter"),
    ("de", "Sport", "handlungsansatz", "Sport"),
    ("de", "Gesundheit", "handlungsansatz", "Gesundheit"),
    ("de", "Impressum", "seite", "Impressum"),
    ("de", "Datenschutz", "seite", "Datenschutzerklärung"),
    ("de", "Vielfalt gestalten", "projekt", "Vielfalt gestalten"),
    ("en", "language course", "handlungsansatz", "Vermittlung von (ausreichenden) Kenntnissen"),
    ("en", "job", "partner", "Jobcenter"),
    ("en", "work", "handlungsfeld", "Berufliche Qualifizierung"),
    ("en", "housing", "handlungsansatz", "Wohnen"),
    ("en", "school", "handlungsansatz", "Kita, Schulbildung"),
    ("en", "sport", "handlungsansatz", "Sport"),
    ("ar", "دورة لغة", "handlungsansatz", "Vermittlung von (ausreichenden) Kenntnissen"),
    ("ar", "عمل", "handlungsfeld", "Berufliche Qualifizierung"),
    ("ar", "سكن", "handlungsansatz", "Wohnen"),
    ("ar", "مدرسة", "handlungsansatz", "Kita, Schulbildung"),
    ("uk", "мовні курси", "handlungsansatz", "Vermittlung von (ausreichenden) Kenntnissen"),
    ("uk", "робота", "handlungsfeld", "Berufliche Qualifizierung"),
    ("uk", "житло", "handlungsansatz", "Wohnen"),
    ("uk", "школа", "handlungsansatz", "Kita, Schulbildung"),
    ("ru", "курсы языка", "handlungsansatz", "Vermittlung von (ausreichenden) Kenntnissen"),
    ("ru", "работа", "handlungsfeld", "Berufliche Qualifizierung"),
    ("ru", "жильё", "handlungsansatz", "Wohnen"),
    ("ru", "школа", "handlungsansatz", "Kita, Schulbildung"),
    ("fa", "کلاس زبان", "handlungsansatz", "Vermittlung von (ausreichenden) Kenntnissen"),
    ("fa", "کار", "handlungsfeld", "Berufliche Qualifizierung"),
    ("fa", "مسکن", "handlungsansatz", "Wohnen"),
    ("tr", "iş", "handlungsfeld", "Berufliche Qualifizierung"),
    ("tr", "dil kursu", "handlungsansatz", "Vermittlung von (ausreichenden) Kenntnissen"),
    ("tr", "konut", "handlungsansatz", "Wohnen"),
    ("tr", "okul", "handlungsansatz", "Kita, Schulbildung"),
    ("tr", "spor", "handlungsansatz", "Sport"),
]


@pytest.mark.parametrize("language, text, kind, german_title", RELEVANCE, ids=[f"{r[0]}-{r[1]}" for r in RELEVANCE])
def test_an_everyday_query_shows_its_answer_on_the_first_page(language, text, kind, german_title):
    expected = SearchDocument.objects.get(language="de", kind=kind, title__startswith=german_title).object_id
    first_page = list(search.Query.parse(text, language).documents()[:FIRST_PAGE].values_list("kind", "object_id"))
    assert (kind, expected) in first_page, f"{text!r} ({language}) misses {german_title!r}: {first_page}"


def test_the_relevance_set_covers_all_seven_languages():
    assert len(RELEVANCE) >= 40
    assert {row[0] for row in RELEVANCE} == {"de", "en", "ar", "uk", "ru", "fa", "tr"}


def test_the_results_page_groups_highlights_and_links_statements_to_their_anchor(client):
    response = client.get(reverse("portal:search", kwargs={}) if False else "/de/suche/?q=Sprachkurs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="treffer-handlungsansatz"' in html
    assert "<mark>Sprachkursen</mark>" in html or "<mark>Sprache</mark>" in html
    assert 'href="/de/leitlinien/#leitlinie-2-' in html
    leitlinien = client.get("/de/leitlinien/").content.decode()
    assert 'id="leitlinie-2-1"' in leitlinien


def test_a_translation_missing_falls_back_to_german_and_says_so(client):
    measure = make_measures(1, prefix="fallback")[0]
    response = client.get("/uk/suche/?q=Testmaßnahme")
    html = response.content.decode()
    assert f'href="/uk/massnahmen/{measure.pk}/" lang="de" dir="ltr"' in html
    assert "<mark>Testmaßnahme</mark> fallback 0" in html


def test_content_is_escaped_before_words_are_marked(client):
    measure = make_measures(1, prefix="x")[0]
    measure.title_de = "Sprachcafé <script>alert(1)</script>"
    measure.save(update_fields=["title_de"])
    html = client.get("/de/suche/?q=Sprachcafé").content.decode()
    assert "<mark>Sprachcafé</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_a_synonym_staff_add_in_the_admin_takes_effect(staff_client):
    assert not search.Query.parse("Integrationslotse", "de").documents().filter(kind="partner").exists()
    response = staff_client.post(reverse("admin:core_synonym_add"),
                                 {"language": "de", "words": "Integrationslotse, Jobcenter"})
    assert response.status_code == 302
    assert Synonym.objects.filter(words="Integrationslotse, Jobcenter").exists()
    assert search.Query.parse("Integrationslotse", "de").documents().filter(kind="partner").exists()


def test_a_saved_measure_updates_only_its_own_documents():
    measure = make_measures(1, prefix="own")[0]
    others = set(SearchDocument.objects.exclude(object_id=measure.pk, kind="massnahme").values_list("pk", flat=True))
    measure.title_de = "Nähcafé für alle"
    measure.save(update_fields=["title_de"])
    assert SearchDocument.objects.get(kind="massnahme", object_id=measure.pk, language="de").title == "Nähcafé für alle"
    assert set(SearchDocument.objects.exclude(object_id=measure.pk, kind="massnahme").values_list("pk", flat=True)) == others


@pytest.mark.parametrize("text", ["", "   ", "x" * 1000, "!!! ??? ...", '"', "*", "NEAR(", "Sprach OR Kurs",
                                  "' OR 1=1 --", "%_%", "\\"])
def test_odd_queries_give_a_clear_page(client, text):
    response = client.get("/de/suche/", {"q": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Suche</h1>" in html
    if len(text) > 200:
        assert "Ihre Suche war sehr lang; gesucht wurde nach ihrem Anfang." in html


def test_every_public_page_has_the_search_form(client):
    for language in ("de", "ar", "fa"):
        html = client.get(f"/{language}/").content.decode()
        assert '<form role="search" class="site-search"' in html
        assert 'type="search" name="q"' in html
        with translation.override(language):
            from django.utils.translation import gettext
            assert f">{gettext('Portal durchsuchen')}</label>" in html


def test_the_measure_list_search_uses_the_same_engine(client):
    html = client.get("/de/massnahmen/", {"q": "Dolmetscher"}).content.decode()
    assert "SiSA - Sprachmittlung in Sachsen-Anhalt" in html

"""Every public page in every language: language, direction, alternates, switcher, notices."""

import re

import pytest
from django.conf import settings
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core.content_stamp import bump
from handlungsfelder.models import Handlungsfeld, LeitlinienEdition
from massnahmen.models import Freigabe, Herausforderung, Massnahme, Status, StatusChange
from netzwerk.models import Netzwerkpartner, Projekt, Stadtteil
from tests.factories import make_measures

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def public_urls(language):
    """(name, url) of every public page, in `language`."""
    with translation.override(language):
        return [
            ("start", reverse("portal:start")),
            ("felder", reverse("handlungsfelder:list")),
            ("feld", Handlungsfeld.objects.get(number=2).get_absolute_url()),
            ("leitlinien", reverse("handlungsfelder:leitlinien")),
            ("massnahmen", reverse("massnahmen:list")),
            ("massnahme", Massnahme.objects.get(external_id="zw2020-04").get_absolute_url()),
            ("umsetzungsstand", reverse("massnahmen:dashboard")),
            ("berichtsrunden", reverse("massnahmen:rounds")),
            # The first round, loaded closed from the sources (content/magdeburg.yaml).
            ("berichtsrunde", reverse("massnahmen:round", args=["zukunftswerkstatt-auswertung-2021"])),
            ("netzwerk", reverse("netzwerk:index")),
            ("partner", Netzwerkpartner.objects.get(slug="team-integrationsgemeinwesenarbeit").get_absolute_url()),
            ("projekt", Projekt.objects.get().get_absolute_url()),
            ("impressum", reverse("portal:impressum")),
            ("datenschutz", reverse("portal:datenschutz")),
            ("barrierefreiheit", reverse("portal:barrierefreiheit")),
            ("beteiligung", reverse("beteiligung:list")),
            ("eintrag", Herausforderung.objects.public().order_by("pk").first().get_absolute_url()),
            ("einbringen", reverse("beteiligung:submit")),
            ("danke", reverse("beteiligung:thanks")),
        ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_in_every_language(client, language):
    for name, url in public_urls(language):
        assert url.startswith(f"/{language}/"), url
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        html = response.content.decode()
        direction = "rtl" if language in ("ar", "fa") else "ltr"
        assert f'<html lang="{language}" dir="{direction}">' in html, name
        assert html.count('rel="alternate" hreflang=') == len(LANGUAGES) + 1, name
        # The switcher keeps the reader on the same page in every other language.
        for other in LANGUAGES:
            assert f'href="/{other}/{url[len(language) + 2:]}"' in html, (name, other)
        assert len(re.findall(r"<h1[ >]", html)) == 1, name
        binding = "Deutsche Fassung" in html
        assert binding == (language != "de"), name
        if direction == "rtl":
            assert "bootstrap.rtl.min.css" in html


def test_links_follow_the_language_and_the_script_prefix(client):
    """Every link carries the page's language; a portal served below a path keeps its prefix."""
    measure = Massnahme.objects.public().order_by("position", "pk").first()
    for language in ("de", "ar", "uk"):
        with translation.override(language):
            assert measure.get_absolute_url() == f"/{language}/massnahmen/{measure.pk}/"
    html = client.get("/tr/massnahmen/").content.decode()
    assert '<a href="/tr/massnahmen/" aria-current="page">' in html
    assert f'href="/tr/massnahmen/{measure.pk}/"' in html
    from django.urls import clear_script_prefix, set_script_prefix

    set_script_prefix("/integration/")  # as WSGIHandler does from SCRIPT_NAME; the test client does not
    try:
        below = client.get("/fa/massnahmen/", SCRIPT_NAME="/integration").content.decode()
    finally:
        clear_script_prefix()
    assert '<a href="/integration/fa/massnahmen/" aria-current="page">' in below
    assert f'href="/integration/fa/massnahmen/{measure.pk}/"' in below
    assert 'href="/integration/fa/"' in below and 'href="/fa/' not in below
    assert '<a href="/integration/ar/massnahmen/" lang="ar" hreflang="ar" dir="rtl">' in below  # language switch


def test_first_visit_follows_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="uk,de;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/uk/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fa").headers["Location"] == "/fa/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ja").headers["Location"] == "/de/"


def test_unknown_language_is_404(client):
    assert client.get("/xx/leitlinien/").status_code == 404


def test_leitlinien_page_shows_whole_edition_with_anchors_and_toc(client):
    html = client.get("/de/leitlinien/").content.decode()
    edition = LeitlinienEdition.objects.current()
    for statement in edition.leitlinien.values_list("text_de", flat=True):
        assert statement in html.replace("&quot;", '"').replace("&#x27;", "'")
    for number in range(1, 7):
        assert f'id="handlungsfeld-{number}"' in html and f'href="#handlungsfeld-{number}"' in html
    assert "2386-065(VI)/19" in html and "Präambel" in html
    assert "bleibeberechtigte Migranten" in html


def test_missing_translation_shows_german_marked_as_german_with_notice(client):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    massnahme.title_ar = ""
    massnahme.description_de = "Eine Beschreibung, die noch niemand übersetzt hat."
    massnahme.save()
    html = client.get(f"/ar/massnahmen/{massnahme.pk}/").content.decode()
    # Marked German, isolated left-to-right, with a small marker in the reader's language.
    assert (f'<span class="other-language"><bdi lang="de" dir="ltr">{massnahme.title_de}</bdi>'
            ' <span class="language-marker">الألمانيّة</span></span>') in html
    assert f"<title>{massnahme.title_de} – " in html  # the window title stays plain text
    assert '<div lang="de" dir="ltr"><p>Eine Beschreibung, die noch niemand übersetzt hat.</p></div>' in html
    assert 'class="fallback-notice' in html


def test_measure_filters_search_and_shareable_urls(client):
    url = reverse("massnahmen:list")
    assert client.get(url).context["paginator"].count == 22
    cases = {
        "handlungsfeld=spracherwerb": Massnahme.objects.filter(handlungsfelder__slug="spracherwerb").count(),
        "stadtteil=leipziger-strasse": Massnahme.objects.filter(stadtteile__slug="leipziger-strasse").count(),
        "status=geplant": 4,
        "zielgruppe=nicht-bleibeberechtigte": Massnahme.objects.filter(zielgruppen__key="nicht-bleibeberechtigte").count(),
        "partner=jugendamt": 2,
        # By the stem: "Sprachmittlung" also finds the "Sprachmittlerin Kurdisch".
        "q=Sprachmittlung": 2,
        "q=Schulen+Jugendamt": 1,
        "status=laufend&handlungsfeld=stadtteile": Massnahme.objects.filter(
            status="laufend", handlungsfelder__slug="stadtteile").count(),
    }
    for query, expected in cases.items():
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        assert response.context["paginator"].count == expected, query
    assert client.get(f"{url}?q=language+mediation", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    english = client.get("/en/massnahmen/?q=mediation")
    assert english.context["paginator"].count >= 1


def test_combined_relation_filters_list_each_measure_once(client):
    # Measures with several fields, districts, target groups and partners: every filter joins
    # its own table, and none of them may repeat a measure in the list, its count or the dashboard.
    massnahme = Massnahme.objects.filter(partner__isnull=False, zielgruppen__isnull=False).first()
    feld, stadtteil, gruppe, partner = (
        massnahme.handlungsfelder.first(), massnahme.stadtteile.first() or Stadtteil.objects.first(),
        massnahme.zielgruppen.first(), massnahme.partner.first(),
    )
    massnahme.stadtteile.add(stadtteil, *Stadtteil.objects.exclude(pk=stadtteil.pk)[:2])
    massnahme.handlungsfelder.add(*Handlungsfeld.objects.exclude(pk=feld.pk)[:2])
    query = f"handlungsfeld={feld.slug}&stadtteil={stadtteil.slug}&zielgruppe={gruppe.key}&partner={partner.slug}"
    expected = Massnahme.objects.public().filter(
        handlungsfelder=feld).filter(stadtteile=stadtteil).filter(zielgruppen=gruppe).filter(partner=partner)
    response = client.get(f"/de/massnahmen/?{query}")
    listed = [m.pk for m in response.context["massnahmen"]]
    assert massnahme.pk in listed
    assert sorted(listed) == sorted(set(expected.values_list("pk", flat=True)))
    assert response.context["paginator"].count == len(listed)
    dashboard = client.get(f"/de/umsetzungsstand/?{query}")
    assert dashboard.context["status_table"]["overall"]["total"] == len(listed)


@pytest.mark.parametrize("query", ["", "status=laufend", "q=Sprach", "handlungsfeld=FELD", "handlungsfeld=FELD&q=a",
                                   "stadtteil=neustadt&status=geplant", "q=gibt-es-nirgends"])
def test_dashboard_figures_count_the_measures_the_list_shows(client, settings, query):
    """Every field, district and status figure equals a count over the measures the list selects."""
    settings.PAGE_CACHE_SECONDS = 0
    make_measures(30, prefix="fig")
    extra = Massnahme.objects.public().order_by("pk").first()  # several fields and districts at once
    extra.handlungsfelder.add(*Handlungsfeld.objects.all()[:3])
    extra.stadtteile.add(*Stadtteil.objects.all()[:3])
    query = query.replace("FELD", Handlungsfeld.objects.get(number=4).slug)
    listing = client.get(f"/de/massnahmen/?{query}")
    selected = Massnahme.objects.filter(pk__in=[m.pk for m in listing.context["paginator"].object_list])
    assert selected.count() == listing.context["paginator"].count
    figures = client.get(f"/de/umsetzungsstand/?{query}").context["status_table"]

    def cells(row):
        return {cell["status"]: cell["count"] for cell in row["cells"] if cell["count"]}

    def expected(**lookup):
        statuses = selected.filter(**lookup).values_list("status", flat=True)
        return {status: list(statuses).count(status) for status in set(statuses)}

    assert cells(figures["overall"]) == expected()
    for row in figures["felder"]:
        assert cells(row) == expected(handlungsfelder=row["object"]), row["object"]
    for row in figures["stadtteile"]:
        assert cells(row) == expected(stadtteile=row["object"]), row["object"]


@pytest.mark.parametrize("query", ["status=laufend", "q=Sprach", "handlungsfeld=FELD", "stadtteil=neustadt&status=geplant",
                                   "partner=jugendamt", "q=gibt-es-nirgends"])
def test_dashboard_timeline_is_the_newest_changes_of_the_selection(client, settings, query):
    """The ten newest changes reported for the measures the list shows for the same filters."""
    settings.PAGE_CACHE_SECONDS = 0
    make_measures(60, prefix="tl")
    for measure in Massnahme.objects.public().order_by("-pk")[:25:3]:  # newer changes, spread over the selections
        measure.change_status("in_bearbeitung" if measure.status != "in_bearbeitung" else "laufend")
    query = query.replace("FELD", Handlungsfeld.objects.get(number=4).slug)
    selected = client.get(f"/de/massnahmen/?{query}").context["paginator"].object_list
    expected = list(StatusChange.objects.public_timeline().reported().filter(massnahme__in=selected.values("pk"))[:10])
    shown = client.get(f"/de/umsetzungsstand/?{query}").context["latest_changes"]
    assert [change.pk for change in shown] == [change.pk for change in expected]
    assert len(shown) == min(10, StatusChange.objects.reported().filter(massnahme__in=selected.values("pk")).count())
    assert not any(change.from_source for change in shown)  # the states loaded from the sources are no news


def test_invalid_filter_gets_a_message_not_an_error(client):
    response = client.get("/de/massnahmen/?handlungsfeld=gibt-es-nicht&status=erledigt")
    assert response.status_code == 200
    assert "Dieser Filter ist ungültig" in response.content.decode()
    assert response.context["paginator"].count == 0


@pytest.mark.parametrize("page", ["99999", "0", "abc", "-1", "9" * 40])
def test_bad_page_numbers_are_404(client, page):
    assert client.get(f"/de/massnahmen/?page={page}").status_code == 404


def test_measure_page_shows_timeline_with_partner_not_person(client, staff_user):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    partner = massnahme.partner.first()
    massnahme.change_status("umgesetzt", note="Übersicht veröffentlicht", by=staff_user, partner=partner)
    html = client.get(massnahme.get_absolute_url()).content.decode()
    assert "Übersicht veröffentlicht" in html and partner.name in html
    assert staff_user.username not in html


def test_measure_page_names_its_fields_districts_target_groups_partners_and_funding(client):
    massnahme = Massnahme.objects.get(external_id="zw2020-02")
    with translation.override("en"):
        html = client.get(massnahme.get_absolute_url()).content.decode()
    facts = html.split("<dl", 1)[1].split("</dl>", 1)[0]
    related = [*massnahme.handlungsfelder.all(), *massnahme.stadtteile.all(), *massnahme.zielgruppen.all(),
               *massnahme.partner.all(), *massnahme.finanzierungsquellen.all()]
    assert massnahme.finanzierungsquellen.exists() and massnahme.partner.exists()
    for obj in related:
        label = getattr(obj, "short_title_en", None) or getattr(obj, "name_en", None) or getattr(obj, "name_de")
        assert escape(label) in facts, obj


def test_content_is_escaped_never_raw_html(client):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    massnahme.description_de = "<script>alert(1)</script>\n\n- <b>fett</b>"
    massnahme.save()
    html = client.get(massnahme.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>&lt;b&gt;fett&lt;/b&gt;</li>" in html


def test_list_rows_escape_titles_and_names_and_mark_german_fallback(client):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    massnahme.title_de = 'Kurse "A" & <b>B</b>'
    massnahme.title_en = ""
    massnahme.save()
    partner = massnahme.partner.first()
    partner.name_en = "<script>x</script> & Co"
    partner.save()
    html = client.get(f"/en/massnahmen/?partner={partner.slug}").content.decode()
    row = html.split(f'href="/en/massnahmen/{massnahme.pk}/"', 1)[1].split("</li>", 1)[0]
    assert row.startswith('><span class="other-language"><bdi lang="de" dir="ltr">Kurse &quot;A&quot; &amp; &lt;b&gt;B&lt;/b&gt;</bdi>'
                          ' <span class="language-marker">German</span></span></a></h3>')
    assert "— responsible: " in row and "&lt;script&gt;x&lt;/script&gt; &amp; Co" in row
    assert "<script>" not in row and "<b>" not in row


LIST_PAGES = [
    ("start", lambda: reverse("portal:start")),
    ("felder", lambda: reverse("handlungsfelder:list")),
    ("feld", lambda: Handlungsfeld.objects.get(number=4).get_absolute_url()),
    ("massnahmen", lambda: reverse("massnahmen:list")),
    ("massnahmen-gefiltert", lambda: reverse("massnahmen:list") + "?status=geplant&q=Test"),
    ("umsetzungsstand", lambda: reverse("massnahmen:dashboard")),
    ("umsetzungsstand-gefiltert", lambda: reverse("massnahmen:dashboard") + "?handlungsfeld="
     + Handlungsfeld.objects.get(number=4).slug + "&q=Test"),
    ("netzwerk", lambda: reverse("netzwerk:index")),
    ("partner", lambda: Netzwerkpartner.objects.get(slug="jugendamt").get_absolute_url()),
    ("projekt", lambda: Projekt.objects.get().get_absolute_url()),
    ("leitlinien", lambda: reverse("handlungsfelder:leitlinien")),
    ("massnahme", lambda: Massnahme.objects.get(external_id="zw2020-01").get_absolute_url()),
    ("api-massnahmen", lambda: "/api/massnahmen/?lang=ar"),
    # Every test measure is titled "Testmaßnahme …": the search finds all 10 or all 5,000.
    ("suche", lambda: reverse("portal:search") + "?q=Testmaßnahme+Sprachkurs"),
    ("api-partner", lambda: "/api/partner/"),
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.fixture(scope="module")
def queries_with_10_and_5000_measures(django_db_setup, django_db_blocker):
    """{page: (queries with 10 extra measures, with 5,000)}, for every LIST_PAGES page.

    Creating 5,000 measures takes seconds, so one rolled-back transaction serves all the pages;
    each page is counted as a test of its own would start: empty caches, a fresh client, German.
    """
    from django.core.cache import caches
    from django.db import transaction
    from django.test import Client
    from django.test.utils import override_settings

    from core.page_cache import stamp_memo

    def count_every_page():
        counts = {}
        for name, url in LIST_PAGES:
            for cache in caches.all(initialized_only=True):
                cache.clear()
            stamp_memo.forget()
            counts[name] = count_queries(Client(), url())
        return counts

    # Rendering, not the page cache; and the stamp read once per page however long a page takes on a
    # loaded machine (past PAGE_CACHE_STAMP_SECONDS a request reads it again: one query more).
    counting = override_settings(PAGE_CACHE_SECONDS=0, PAGE_CACHE_STAMP_SECONDS=3600)
    with django_db_blocker.unblock(), counting, translation.override("de"):
        with transaction.atomic():
            make_measures(10, prefix="a")
            small = count_every_page()
            make_measures(4990, prefix="b")
            large = count_every_page()
            transaction.set_rollback(True)
    stamp_memo.forget()
    return {name: (small[name], large[name]) for name, _url in LIST_PAGES}


@pytest.mark.parametrize("name", [name for name, _url in LIST_PAGES])
def test_query_count_does_not_grow_with_the_data(queries_with_10_and_5000_measures, name):
    small, large = queries_with_10_and_5000_measures[name]
    assert small == large, f"{name}: {small} queries with 10 measures, {large} with 5,000"


def test_project_page_queries_do_not_grow_with_its_measures(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    projekt = Projekt.objects.get()
    url = projekt.get_absolute_url()
    Massnahme.objects.filter(projekt=projekt).update(projekt=None)
    Massnahme.objects.filter(pk__in=[m.pk for m in make_measures(2, prefix="p")]).update(projekt=projekt)
    bump()
    few = count_queries(client, url)
    Massnahme.objects.filter(pk__in=[m.pk for m in make_measures(30, prefix="q")]).update(projekt=projekt)
    bump()
    assert count_queries(client, url) == few
    html = client.get(url).content.decode()
    assert html.count('class="measure-item"') == 20


def test_project_page_links_to_all_its_measures_in_the_list(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    projekt = Projekt.objects.get()
    Massnahme.objects.filter(pk__in=[m.pk for m in make_measures(26, prefix="p")]).update(projekt=projekt)
    hidden = make_measures(1, prefix="h")[0]
    Massnahme.objects.filter(pk=hidden.pk).update(projekt=projekt, freigabe=Freigabe.VORGESCHLAGEN)
    bump()
    html = client.get(projekt.get_absolute_url()).content.decode()
    public = set(Massnahme.objects.public().filter(projekt=projekt).values_list("pk", flat=True))
    link = f"{reverse('massnahmen:list')}?projekt={projekt.slug}"
    assert f'<a href="{link}">Alle {len(public)} Maßnahmen anzeigen</a>' in html
    listing = client.get(link)
    assert set(listing.context["paginator"].object_list.values_list("pk", flat=True)) == public
    assert f'<option value="{projekt.slug}" selected>' in listing.content.decode()
    assert client.get(f"{reverse('massnahmen:list')}?projekt=gibt-es-nicht").context["paginator"].count == 0


def test_a_new_partner_shows_in_the_filter_choices_and_rows_at_once(client, settings):
    """A partner staff add is offered as a filter and named in its measures' rows on the next request."""
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("massnahmen:list")
    assert "Verein Neue Nachbarn" not in client.get(url).content.decode()  # maps are filled now
    assert "Verein Neue Nachbarn" not in client.get(reverse("netzwerk:index")).content.decode()
    partner = Netzwerkpartner.objects.create(name="Verein Neue Nachbarn", slug="neue-nachbarn", typ=Netzwerkpartner.Typ.VEREIN)
    measure = Massnahme.objects.public().order_by("position", "pk").first()
    measure.partner.add(partner)
    html = client.get(url).content.decode()
    assert '<option value="neue-nachbarn">Verein Neue Nachbarn</option>' in html
    row = html[html.index(measure.get_absolute_url()):]
    assert "Verein Neue Nachbarn" in row[:row.index("</li>")]
    assert f'<a href="{partner.get_absolute_url()}">Verein Neue Nachbarn</a>' in client.get(reverse("netzwerk:index")).content.decode()


def test_dashboard_and_start_page_show_a_status_change_at_once(client, settings):
    """The unfiltered dashboard's counts and the newest changes are kept per content stamp."""
    settings.PAGE_CACHE_SECONDS = 0
    dashboard = reverse("massnahmen:dashboard")

    def overall():
        return {cell["status"]: cell["count"] for cell in client.get(dashboard).context["status_table"]["overall"]["cells"]}

    before = overall()  # the memos are filled now
    client.get(reverse("portal:start"))
    measure = Massnahme.objects.public().exclude(status="umgesetzt").order_by("pk").first()
    old_status = measure.status
    measure.change_status("umgesetzt", note="Seit Januar im Stadtteil unterwegs")
    after = overall()
    assert after["umgesetzt"] == before["umgesetzt"] + 1
    assert after[old_status] == before[old_status] - 1
    response = client.get(dashboard)
    assert response.context["latest_changes"][0].massnahme == measure
    assert response.context["latest_changes"][0].new_status == "umgesetzt"
    start = client.get(reverse("portal:start"))
    assert start.context["latest_changes"][0].massnahme == measure
    assert escape(measure.title_de) in start.content.decode()
    # A filter counts its selection as asked, with the same numbers where it selects everything.
    filtered = client.get(dashboard + "?q=%20").context["status_table"]["overall"]["cells"]
    assert {cell["status"]: cell["count"] for cell in filtered} == after


def test_fields_count_only_published_measures(client):
    """A partner's proposal waiting for review is not yet one of a field's measures."""
    feld = Handlungsfeld.objects.get(number=4)

    def shown():
        cards = client.get(reverse("handlungsfelder:list")).context["handlungsfelder"]
        return {card.number: card.measure_total for card in cards}[4], client.get(feld.get_absolute_url()).context["measure_total"]

    published = feld.massnahmen.public().count()
    assert shown() == (published, published)
    proposal = Massnahme(title_de="Sprachcafé im Stadtteil", freigabe=Freigabe.VORGESCHLAGEN, status=Status.GEPLANT)
    proposal.save()
    proposal.handlungsfelder.add(feld)
    assert shown() == (published, published)
    proposal.freigabe = Freigabe.FREIGEGEBEN
    proposal.save()
    assert shown() == (published + 1, published + 1)


def test_field_pages_show_a_renamed_field_and_a_new_edition_at_once(client, settings):
    """A field page takes its field and the current edition from per-process memos."""
    settings.PAGE_CACHE_SECONDS = 0
    feld = Handlungsfeld.objects.get(number=4)
    assert client.get(feld.get_absolute_url()).status_code == 200  # memos are filled now
    feld.title_de = "Stadtteile und Nachbarschaft (neu gefasst)"
    feld.save()
    edition = LeitlinienEdition.objects.current()
    LeitlinienEdition.objects.filter(pk=edition.pk).update(resolution_number="9999-001(VII)/26")
    bump()  # update() sends no signal; a staff edit through the admin bumps the stamp itself
    html = client.get(feld.get_absolute_url()).content.decode()
    assert "Stadtteile und Nachbarschaft (neu gefasst)" in html
    assert "9999-001(VII)/26" in html
    assert client.get("/de/handlungsfelder/gibt-es-nicht/").status_code == 404

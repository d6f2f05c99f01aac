"""Dashboard figures, CSV/JSON downloads, Atom feeds and the JSON API against its OpenAPI document."""

import csv
import io
import xml.etree.ElementTree as ElementTree

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate as validate_spec

from massnahmen.models import Freigabe, Massnahme, Status
from netzwerk.models import Stadtteil
from tests.factories import make_measures

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def independent_counts(**filters):
    """Counts per (field number, status), computed in Python from the objects themselves."""
    counts = {}
    for massnahme in Massnahme.objects.filter(freigabe=Freigabe.FREIGEGEBEN, **filters).prefetch_related("handlungsfelder"):
        for feld in massnahme.handlungsfelder.all():
            counts[(feld.number, massnahme.status)] = counts.get((feld.number, massnahme.status), 0) + 1
    return counts


@pytest.mark.parametrize("query,filters", [("", {}), ("?stadtteil=leipziger-strasse", {"stadtteile__slug": "leipziger-strasse"}),
                                           ("?partner=jugendamt", {"partner__slug": "jugendamt"})])
def test_dashboard_figures_match_independent_counts(client, settings, query, filters):
    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache
    make_measures(37, prefix="d")
    response = client.get(f"/de/umsetzungsstand/{query}")
    assert response.status_code == 200
    figures = response.context["status_table"]
    expected = independent_counts(**filters)
    for row in figures["felder"]:
        for cell in row["cells"]:
            assert cell["count"] == expected.get((row["object"].number, cell["status"]), 0), (row["object"], cell)
    public = Massnahme.objects.filter(freigabe=Freigabe.FREIGEGEBEN, **filters).distinct()
    assert figures["overall"]["total"] == public.count()
    for cell in figures["overall"]["cells"]:
        assert cell["count"] == public.filter(status=cell["status"]).count()


def test_dashboard_charts_are_accessible_svg_with_the_same_figures_as_a_table(client):
    html = client.get("/ar/umsetzungsstand/").content.decode()
    # The measures' three charts and tables; online participation's three charts and two tables.
    assert html.count('<div class="chart-bars" role="img"') == 3 + 3
    assert html.count('<p class="visually-hidden" id="chart-') == 3 + 3 and html.count("<table") == 3 + 2
    assert 'type="application/atom+xml"' in html
    assert client.get("/de/umsetzungsstand/?status=bogus").status_code == 400


# About 2 s: 5,000 measures with their relations and history (bulk_create).
def test_dashboard_query_count_is_constant(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache
    settings.PAGE_CACHE_STAMP_SECONDS = 3600  # a request slower than the interval would read the stamp again
    make_measures(10, prefix="s")
    with CaptureQueriesContext(connection) as small:
        client.get("/de/umsetzungsstand/?stadtteil=neustadt")
    make_measures(4990, prefix="l")
    with CaptureQueriesContext(connection) as large:
        client.get("/de/umsetzungsstand/?stadtteil=neustadt")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_measures_csv_honours_filters_and_language(client):
    response = client.get("/en/massnahmen/daten.csv?status=laufend")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    expected = Massnahme.objects.filter(status="laufend", freigabe=Freigabe.FREIGEGEBEN)
    assert {int(row["id"]) for row in rows} == set(expected.values_list("pk", flat=True))
    first = expected.order_by("pk").first()
    row = next(r for r in rows if int(r["id"]) == first.pk)
    assert row["title"] == first.title_en and row["status"] == "laufend" and row["status_label"] == "ongoing"
    assert row["handlungsfelder"] == "|".join(str(f.number) for f in first.handlungsfelder.all())
    assert list(rows[0]) == ["id", "external_id", "url", "title", "description", "status", "status_label",
                             "status_changed_at", "status_date_precision", "progress_note", "next_steps", "handlungsfelder", "stadtteile",
                             "zielgruppen", "partner", "start_date", "end_date"]


def openapi_schema(client, name):
    document = client.get("/api/openapi.json").json()
    return {"$ref": f"#/components/schemas/{name}", "components": document["components"]}


def test_json_downloads_follow_the_documented_schema(client):
    measures = client.get("/de/massnahmen/daten.json").json()
    assert measures["count"] == Massnahme.objects.public().count() and measures["licence"].startswith("Datenlizenz")
    for record in measures["massnahmen"]:
        jsonschema.validate(record, openapi_schema(client, "Measure"))
    partners = client.get("/ar/netzwerk/partner.json").json()
    for record in partners["partner"]:
        jsonschema.validate(record, openapi_schema(client, "Partner"))
    changes = client.get("/de/massnahmen/statusaenderungen.json?handlungsfeld=spracherwerb").json()
    assert changes["count"] == Massnahme.objects.filter(handlungsfelder__slug="spracherwerb").count()
    assert client.get("/de/massnahmen/daten.json?zielgruppe=unbekannt").status_code == 400


def test_atom_feeds_are_valid_and_announced(client):
    Massnahme.objects.get(external_id="zw2020-04").change_status("umgesetzt", note="Übersicht ist fertig")
    for url in ("/de/massnahmen/feed/", "/uk/handlungsfelder/teilhabe/feed/"):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ElementTree.fromstring(response.content)
        assert feed.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated"):
            assert feed.find(f"{ATOM}{required}") is not None
        entries = feed.findall(f"{ATOM}entry")
        assert entries
        for entry in entries:
            for required in ("id", "title", "updated", "link"):
                assert entry.find(f"{ATOM}{required}") is not None
            assert entry.find(f"{ATOM}id").text.startswith("tag:")
    newest = ElementTree.fromstring(client.get("/de/massnahmen/feed/").content).find(f"{ATOM}entry")
    assert "Übersicht zu kostenpflichtigen" in newest.find(f"{ATOM}title").text
    for page in ("/de/", "/de/massnahmen/", "/de/umsetzungsstand/"):
        assert '<link rel="alternate" type="application/atom+xml"' in client.get(page).content.decode()
    assert 'href="/de/handlungsfelder/spracherwerb/feed/"' in client.get("/de/handlungsfelder/spracherwerb/").content.decode()


def test_openapi_document_is_valid(client):
    validate_spec(client.get("/api/openapi.json").json())


@pytest.mark.parametrize("path,query", [
    ("/handlungsfelder/", "?lang=ar"), ("/leitlinien/", "?lang=uk"), ("/massnahmen/", "?lang=en&status=laufend"),
    ("/massnahmen/{id}/", "?lang=fa"), ("/partner/", ""),
])
def test_api_responses_validate_against_the_openapi_document(client, path, query):
    document = client.get("/api/openapi.json").json()
    url = path.replace("{id}", str(Massnahme.objects.public().first().pk))
    response = client.get(f"/api{url}{query}")
    assert response.status_code == 200
    schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.validate(response.json(), {**schema, "components": document["components"]})


def test_api_leitlinien_text_in_the_requested_language(client):
    data = client.get("/api/leitlinien/?lang=en").json()
    assert data["binding_language"] == "de" and data["resolution_number"] == "2386-065(VI)/19"
    assert len(data["fields"]) == 6 and sum(len(f["statements"]) for f in data["fields"]) == 33
    assert data["fields"][1]["title"] == "Language acquisition"


@pytest.mark.parametrize("url,status", [
    ("/api/massnahmen/?lang=xx", 400), ("/api/massnahmen/?status=erledigt", 400), ("/api/massnahmen/999999/", 404),
    ("/api/massnahmen/?page=0", 404), ("/api/massnahmen/?page=99999", 404),
])
def test_api_errors_are_json_and_documented(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    document = client.get("/api/openapi.json").json()
    jsonschema.validate(response.json(), {"$ref": "#/components/schemas/Error", "components": document["components"]})


def test_api_hides_proposals(client):
    proposal = Massnahme(title_de="Noch nicht freigegeben", freigabe=Freigabe.VORGESCHLAGEN, status=Status.GEPLANT)
    proposal.save()
    assert client.get(f"/api/massnahmen/{proposal.pk}/").status_code == 404
    assert proposal.pk not in [m["id"] for m in client.get("/de/massnahmen/daten.json").json()["massnahmen"]]


def test_dashboard_escapes_names_in_charts_and_tables(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    stadtteil = Stadtteil.objects.get(slug="neustadt")
    stadtteil.name_de = "<b>Alt & Neu</b>"
    stadtteil.save()
    make_measures(6, prefix="esc")  # measures in every district, so the name appears in the chart too
    html = client.get("/de/umsetzungsstand/").content.decode()
    assert "<b>Alt" not in html
    assert html.count("&lt;b&gt;Alt &amp; Neu&lt;/b&gt;") >= 3  # chart label, chart description, table row

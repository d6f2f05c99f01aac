"""The API's HTTP behaviour beyond its data: methods, errors, CORS, and the document saying so."""

import jsonschema
import pytest
from django.conf import settings as django_settings
from openapi_spec_validator import validate as validate_spec

from handlungsfelder.models import Handlungsfeld, Zielgruppe
from massnahmen.models import Massnahme, Status
from netzwerk.models import Netzwerkpartner, Projekt, Stadtteil
from opendata import errors
from tests.conftest import PortalClient

pytestmark = pytest.mark.django_db

ALLOW = "GET, HEAD, OPTIONS"
OPERATIONS = ["/api/handlungsfelder/", "/api/leitlinien/", "/api/massnahmen/", "/api/massnahmen/{id}/",
              "/api/partner/", "/api/openapi.json"]
DOWNLOADS = ["/de/massnahmen/daten.csv", "/en/massnahmen/daten.json", "/ar/massnahmen/statusaenderungen.csv",
             "/uk/massnahmen/statusaenderungen.json", "/de/netzwerk/partner.csv", "/tr/netzwerk/partner.json"]


@pytest.fixture
def csrf_client():
    """A client that is refused like a browser without a CSRF token (Django's test client skips the check)."""
    return PortalClient(enforce_csrf_checks=True)


def address(operation):
    return operation.replace("{id}", str(Massnahme.objects.public().order_by("pk").first().pk))


def document(client):
    return client.get("/api/openapi.json").json()


def assert_error(client, response, code):
    """A JSON error of the documented schema, readable from any origin."""
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    jsonschema.validate(body, {"$ref": "#/components/schemas/Error", "components": document(client)["components"]})
    assert body["error"] == code
    return body


@pytest.mark.parametrize("method", ["TRACE", "POST", "DELETE", "PUT", "PATCH"])
@pytest.mark.parametrize("operation", OPERATIONS)
def test_undeclared_methods_are_405_with_allow(csrf_client, operation, method):
    response = csrf_client.generic(method, address(operation))
    assert response.status_code == 405, response.content[:200]
    assert response["Allow"] == ALLOW
    body = assert_error(csrf_client, response, "method_not_allowed")
    assert method in body["message"] and ALLOW in body["message"]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_options_names_the_methods_and_answers_a_cors_preflight(client, operation):
    response = client.options(address(operation), HTTP_ORIGIN="https://example.org",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                              HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match")
    assert response.status_code == 204 and response.content == b""
    assert response["Allow"] == ALLOW and response["Access-Control-Allow-Methods"] == ALLOW
    assert response["Access-Control-Allow-Origin"] == "*" and response["Access-Control-Allow-Headers"] == "*"


@pytest.mark.parametrize("operation", OPERATIONS)
def test_head_answers_like_get(client, operation):
    get, head = client.get(address(operation)), client.head(address(operation))
    assert head.status_code == get.status_code == 200
    assert head["Content-Type"] == get["Content-Type"] == "application/json"
    assert head["Access-Control-Allow-Origin"] == "*" and head.content == b""
    assert client.head(address(operation) + "?lang=xx").status_code == (200 if "openapi" in operation else 400)


@pytest.mark.parametrize("path", [
    "/api/massnahmen/-1.4e-45/", "/api/massnahmen/abc/", "/api/massnahmen/0/", "/api/massnahmen/-1/",
    "/api/massnahmen/1.0/", "/api/massnahmen/1/extra/", "/api/", "/api/nothing/", "/api/massnahmen/%FF/",
])
@pytest.mark.parametrize("method", ["GET", "POST", "OPTIONS"])
def test_malformed_ids_and_unknown_addresses_are_json_404(csrf_client, path, method):
    response = csrf_client.generic(method, path)
    assert response.status_code == 404
    assert_error(csrf_client, response, "not_found")


def test_an_id_of_no_measure_is_a_json_404(client):
    for path in ("/api/massnahmen/99999999999999999999/", "/api/massnahmen/999999/"):
        response = client.get(path + "?lang=en")
        assert response.status_code == 404
        assert assert_error(client, response, "not_found")["message"] == "Not found."


def test_a_missing_slash_still_redirects(client):
    response = client.get("/api/massnahmen?lang=en")
    assert response.status_code == 301 and response["Location"] == "/api/massnahmen/?lang=en"
    assert client.get("/api/massnahmen/12345").status_code == 301
    assert client.get("/api/nothing").status_code == 404


@pytest.mark.parametrize("language,expected", [
    ("de", "Ein Filterwert ist unbekannt (siehe details)."), ("en", "A filter value does not exist (see details)."),
    ("ar", None), ("uk", None), ("ru", None), ("fa", None), ("tr", None),
])
def test_error_messages_are_in_the_requested_language(client, language, expected):
    response = client.get(f"/api/massnahmen/?stadtteil=atlantis&lang={language}")
    assert response.status_code == 400
    body = assert_error(client, response, "invalid_filter")
    assert list(body["details"]) == ["stadtteil"]
    if expected:
        assert body["message"] == expected
    else:  # translated: not the German message, and not the English one
        assert body["message"] not in ("Ein Filterwert ist unbekannt (siehe details).",
                                       "A filter value does not exist (see details).")
    not_found = client.get(f"/api/massnahmen/-1/?lang={language}").json()["message"]
    assert (not_found == "Nicht gefunden.") == (language == "de")


def test_an_unknown_language_is_a_400_that_names_the_languages(client):
    response = client.get("/api/partner/?lang=english")
    assert response.status_code == 400
    body = assert_error(client, response, "invalid_language")
    assert "de, en, ar, uk, ru, fa, tr" in body["message"]


def test_a_crash_is_a_json_500_under_api_and_django_s_page_elsewhere(monkeypatch):
    from integration_portal import views
    from opendata import records

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(records, "fields_queryset", broken)
    monkeypatch.setattr(views.StartView, "get_context_data", broken)
    client = PortalClient(raise_request_exception=False)
    response = client.get("/api/handlungsfelder/?lang=en")
    assert response.status_code == 500
    assert assert_error(client, response, "server_error")["message"].startswith("Internal server error")
    page = client.get("/de/")
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")


def test_a_malformed_request_is_a_json_400_under_api(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    response = client.get("/api/massnahmen/?a=1&b=2&c=3&d=4")
    assert response.status_code == 400
    assert_error(client, response, "bad_request")
    response = client.get("/api/partner/", HTTP_HOST="evil.example")  # not in ALLOWED_HOSTS
    assert response.status_code == 400
    assert_error(client, response, "bad_request")


def test_the_document_is_valid_and_says_where_the_api_is(client, settings):
    settings.PORTAL_BASE_URL = "https://integration.magdeburg.example/"
    served = client.get("/api/openapi.json", HTTP_HOST="localhost")
    assert served["Access-Control-Allow-Origin"] == "*"
    spec = served.json()
    validate_spec(spec)
    assert spec["servers"] == [{"url": "https://integration.magdeburg.example/api"}]


def test_the_document_declares_get_head_and_options_and_every_error_code(client):
    spec = document(client)
    for path, item in spec["paths"].items():
        assert set(item) == {"get", "head", "options"}, path
        assert set(item["get"]["responses"]) >= {"200", "400", "429", "500"}, path
        assert set(item["head"]["responses"]) == set(item["get"]["responses"]), path
        assert item["options"]["responses"]["204"]["headers"]["Allow"] == {"$ref": "#/components/headers/Allow"}
    assert spec["components"]["headers"]["Allow"]["schema"]["const"] == ALLOW
    assert spec["components"]["schemas"]["Error"]["properties"]["error"]["enum"] == list(errors.CODES)
    assert set(spec["components"]["responses"]) == {"BadRequest", "NotFound", "MethodNotAllowed", "TooManyRequests",
                                                    "ServerError"}


def filter_enums(client):
    parameters = document(client)["paths"]["/api/massnahmen/".removeprefix("/api")]["get"]["parameters"]
    return {p["name"]: p["schema"].get("enum") for p in parameters}


def test_filter_values_are_the_database_s(client):
    enums = filter_enums(client)
    assert set(enums) == {"lang", "q", "handlungsfeld", "stadtteil", "status", "zielgruppe", "partner", "projekt",
                          "page"}
    assert enums["status"] == ["", *Status.values]
    assert enums["lang"] == [code for code, _name in django_settings.LANGUAGES]
    for name, model, field in [("handlungsfeld", Handlungsfeld, "slug"), ("stadtteil", Stadtteil, "slug"),
                               ("zielgruppe", Zielgruppe, "key"), ("partner", Netzwerkpartner, "slug"),
                               ("projekt", Projekt, "slug")]:
        values = sorted(model.objects.values_list(field, flat=True))
        assert values and enums[name] == ["", *values], name
    for name in ("handlungsfeld", "stadtteil", "status", "zielgruppe", "partner", "projekt"):
        for value in enums[name]:  # every documented value is accepted …
            assert client.get("/api/massnahmen/", {name: value}).status_code == 200, (name, value)
        assert client.get("/api/massnahmen/", {name: "nicht-dokumentiert"}).status_code == 400  # … and only those


def test_a_district_added_now_is_documented_and_accepted_now(client):
    assert "neu-olvenstedt-sued" not in filter_enums(client)["stadtteil"]  # (the document is in the page cache now)
    assert client.get("/api/massnahmen/?stadtteil=neu-olvenstedt-sued").status_code == 400
    Stadtteil.objects.create(slug="neu-olvenstedt-sued", name_de="Neu Olvenstedt Süd")
    assert "neu-olvenstedt-sued" in filter_enums(client)["stadtteil"]
    assert client.get("/api/massnahmen/?stadtteil=neu-olvenstedt-sued").status_code == 200


@pytest.mark.parametrize("url", DOWNLOADS)
def test_downloads_are_readable_from_any_origin(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    refused = client.get(url + "?status=erledigt")
    assert refused.status_code == 400
    assert assert_error(client, refused, "invalid_filter")["details"].keys() == {"status"}


# ETag and 304 come from core/page_cache.py. A 304 answered before the view must name the origin too:
# a browser application that sends If-None-Match itself gets the 304 through the CORS check.
@pytest.mark.parametrize("url", ["/api/massnahmen/?lang=en", "/api/openapi.json", "/de/massnahmen/daten.csv"])
def test_the_api_and_downloads_answer_if_none_match_with_a_304_any_origin_may_read(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    revalidated = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert revalidated.status_code == 304
    assert revalidated["Access-Control-Allow-Origin"] == "*"  # KeyError while the header is missing

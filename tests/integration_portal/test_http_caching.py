"""Standard HTTP caching: what a browser or a proxy in front (nginx, Varnish, a CDN) relies on.

Public pages carry a weak ETag made of the content stamp and the address, `Cache-Control: public,
max-age=…` and `Vary: Cookie, Accept-Encoding`; If-None-Match is answered with 304 before the page
is rendered. Everything personal says `private, no-store`. Pages come gzipped where accepted.
"""

import gzip
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.content_stamp import bump
from core.page_cache import stamp_memo
from massnahmen.models import Massnahme
from massnahmen.views import MassnahmeDetailView
from netzwerk.models import Netzwerkpartner, PartnerMembership

pytestmark = pytest.mark.django_db

GZIP = "gzip, deflate, br"
# One address of each kind a proxy may keep: HTML, API JSON, CSV and JSON downloads, Atom feed, PDF.
PUBLIC_URLS = [
    "/de/",
    "/ar/massnahmen/?status=geplant",
    "/api/massnahmen/?lang=uk",
    "/de/massnahmen/daten.csv",
    "/en/netzwerk/partner.json",
    "/de/massnahmen/feed/",
    "/fa/leitlinien/pdf/",
]


def directives(response):
    return {part.strip().split("=")[0]: part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def vary(response):
    return {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}


def measure_url():
    return Massnahme.objects.get(external_id="zw2020-04").get_absolute_url()


def assert_public(response, max_age=25):
    assert directives(response) == {"public": "public", "max-age": f"max-age={max_age}"}
    assert {"cookie", "accept-encoding"} <= vary(response)
    assert not response.cookies


def assert_never_kept(response):
    cache_control = directives(response)
    assert "private" in cache_control and "no-store" in cache_control and "public" not in cache_control
    assert not response.has_header("ETag")


# --- ETag and Cache-Control on public responses -------------------------------------------------


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_kind_of_public_response_has_a_weak_etag_and_may_be_kept_by_a_proxy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"') and len(response["ETag"]) > 20
    assert_public(response)
    assert client.get(url)["ETag"] == response["ETag"]


def test_etag_is_stable_for_the_same_stamp_and_changes_with_the_content(client):
    url = measure_url()
    first = client.get(url)
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit" and again["ETag"] == first["ETag"]
    bump()
    changed = client.get(url)
    assert changed["ETag"] != first["ETag"]
    # The tag held from before the change no longer matches: the new page comes, whole.
    response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and response["ETag"] == changed["ETag"]


def test_a_measures_status_change_changes_its_pages_etag(client):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    url = massnahme.get_absolute_url()
    before = client.get(url)["ETag"]
    massnahme.change_status("umgesetzt", note="Liste veröffentlicht")
    response = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200 and "Liste veröffentlicht" in response.content.decode()


def test_etag_names_the_full_address_but_not_the_method_or_the_encoding(client):
    tags = {client.get(url)["ETag"] for url in ["/de/massnahmen/", "/ar/massnahmen/", "/de/massnahmen/?status=geplant",
                                                "/de/massnahmen/?status=laufend", "/api/massnahmen/",
                                                "/api/massnahmen/?lang=ar"]}
    assert len(tags) == 6
    url = "/de/massnahmen/?status=geplant"
    assert client.head(url)["ETag"] == client.get(url)["ETag"] == client.get(url, HTTP_ACCEPT_ENCODING=GZIP)["ETag"]
    assert client.get(url, HTTP_HOST="localhost")["ETag"] != client.get(url)["ETag"]


def test_max_age_comes_from_the_setting_and_keeps_the_one_minute_promise(client, settings):
    # A proxy keeps a page max-age seconds, a browser behind it (nginx sends no Age header) as
    # long again, and a worker trusts its reading of the stamp PAGE_CACHE_STAMP_SECONDS.
    assert 2 * settings.HTTP_CACHE_SECONDS + settings.PAGE_CACHE_STAMP_SECONDS <= 60
    assert directives(client.get("/de/"))["max-age"] == f"max-age={settings.HTTP_CACHE_SECONDS}"
    settings.HTTP_CACHE_SECONDS = 7
    assert_public(client.get("/de/leitlinien/"), max_age=7)


def test_the_language_redirect_of_the_root_varies_by_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302 and response["Location"] == "/ar/"
    assert_public(response)
    assert {"accept-language", "cookie"} <= vary(response)
    assert not response.has_header("ETag")
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="uk")["Location"] == "/uk/"


def test_the_api_names_accept_language_in_vary_on_200_and_304_alike(client):
    """LocaleMiddleware adds it where the path has no language; a 304 must vary as its 200 does."""
    page = client.get("/api/massnahmen/")
    not_modified = client.get("/api/massnahmen/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert not_modified.status_code == 304
    assert vary(not_modified) == vary(page) == {"accept-language", "cookie", "accept-encoding"}
    assert vary(client.get("/de/massnahmen/")) == {"cookie", "accept-encoding"}


# --- 304 Not Modified ----------------------------------------------------------------------------


@pytest.mark.parametrize("header", [
    "{tag}",                            # as given
    "{strong}",                         # its strong form: If-None-Match compares weakly
    '"other", {tag}, W/"another"',      # in a list
    'W/"other",{strong}',               # in a list, without spaces
])
def test_if_none_match_with_the_current_tag_is_not_modified(client, header):
    url = measure_url()
    page = client.get(url)
    tag = page["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=header.format(tag=tag, strong=tag.removeprefix("W/")))
    assert response.status_code == 304 and response.content == b""
    # What a 200 would have said, so a cache can refresh its copy (RFC 9110 15.4.5).
    assert response["ETag"] == tag
    assert_public(response)
    assert vary(response) == vary(page)


@pytest.mark.parametrize("header", ['"other"', 'W/"other", "more"', "not-a-tag", ""])
def test_if_none_match_with_other_tags_gets_the_page(client, header):
    response = client.get(measure_url(), HTTP_IF_NONE_MATCH=header)
    assert response.status_code == 200 and response.content


def test_if_none_match_star_is_not_modified_only_where_there_is_a_page(client):
    assert client.get(measure_url(), HTTP_IF_NONE_MATCH="*").status_code == 304
    assert client.get("/de/massnahmen/999999/", HTTP_IF_NONE_MATCH="*").status_code == 404


def test_not_modified_is_answered_without_rendering_the_page(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # not the server's page cache either: no page at all
    url = measure_url()
    tag = client.get(url)["ETag"]
    stamp_memo.forget()  # the one query left: reading the content stamp
    refuse = mock.patch.object(MassnahmeDetailView, "dispatch", side_effect=AssertionError("the view ran"))
    with refuse, django_assert_num_queries(1) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=tag)
        head = client.head(url, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == head.status_code == 304
    assert "contentstamp" in queries.captured_queries[0]["sql"].lower()
    assert response.context is None  # no template was rendered either


def test_head_has_the_headers_of_get_without_a_body(client):
    url = "/de/umsetzungsstand/"
    get, head = client.get(url), client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Content-Type"] == get["Content-Type"]
    assert_public(head)
    assert client.head(url, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304


# --- Never kept: personal pages, forms, messages, sessions ---------------------------------------


@pytest.mark.parametrize("url", [
    "/de/partner/",                                         # the workspace (anonymous: to the login)
    "/de/partner/konto/anmelden/",                          # login
    "/de/partner/konto/passwort/vergessen/",                # password reset
    "/de/partner/konto/passwort/vergessen/gesendet/",
    "/de/partner/konto/einladung/MQ/abc-123/",              # an invitation link
    "/admin/",
    "/admin/login/",
    "/de/barrierefreiheit/",                                # a form: CSRF token and cookie
    "/healthz/",                                            # for the load balancer, never a cache
    "/de/massnahmen/999999/",                               # not found
])
def test_personal_pages_forms_and_errors_are_never_kept(client, url):
    response = client.get(url)
    assert_never_kept(response)
    assert response.get("X-Page-Cache") is None


def test_responses_that_set_a_cookie_are_never_public(client):
    for url in ["/de/barrierefreiheit/", "/de/partner/konto/anmelden/", "/admin/login/"]:
        response = client.get(url)
        assert response.cookies, url  # the CSRF cookie: one visitor's
        assert_never_kept(response)


def test_logged_in_responses_are_never_kept_and_never_not_modified(client, staff_user):
    url = "/de/leitlinien/"
    anonymous_tag = client.get(url)["ETag"]
    client.force_login(staff_user)
    for path in [url, "/de/partner/", "/admin/", "/api/massnahmen/", "/de/leitlinien/pdf/"]:
        assert_never_kept(client.get(path))
    # The anonymous page's tag must not stand for what a logged-in visitor is shown.
    response = client.get(url, HTTP_IF_NONE_MATCH=anonymous_tag)
    assert response.status_code == 200 and response.get("X-Page-Cache") is None


def test_the_partner_workspace_is_never_kept(client, django_user_model):
    editor = django_user_model.objects.create_user("ja-redaktion", password="Fachstelle-Magdeburg-2025")
    PartnerMembership.objects.create(user=editor, partner=Netzwerkpartner.objects.get(slug="jugendamt"))
    client.force_login(editor)
    workspace = client.get(reverse("massnahmen:workspace"))
    assert workspace.status_code == 200
    assert_never_kept(workspace)
    measure = Massnahme.objects.editable_by(editor).first()
    assert_never_kept(client.get(reverse("massnahmen:status-update", args=[measure.pk])))


def test_a_waiting_message_makes_pages_personal_until_it_is_shown(client):
    """Which pages show messages is the templates' business: while one waits, nothing is kept or 304."""
    url = "/de/impressum/"
    tag = client.get(url)["ETag"]  # the page is kept for everybody else
    response = client.post("/de/barrierefreiheit/", {"page_url": "https://example.org/", "description": "Kontrast"})
    assert response.status_code == 302 and "messages" in response.cookies
    page = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert page.status_code == 200 and page.get("X-Page-Cache") is None  # rendered for this visitor
    assert_never_kept(page)
    shown = client.get(response["Location"])
    assert "Ihre Meldung ist eingegangen" in shown.content.decode()
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304  # shown: public pages again


def test_posts_are_never_kept(client):
    response = client.post("/de/barrierefreiheit/", {"description": ""})
    assert response.status_code == 200
    assert_never_kept(response)


# --- Compression ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/de/massnahmen/", "/api/massnahmen/", "/de/massnahmen/daten.csv",
                                 "/de/massnahmen/feed/"])
def test_text_is_gzipped_for_clients_that_accept_it(client, url):
    for massnahme in Massnahme.objects.public()[:5]:  # the feed carries reported changes only
        massnahme.change_status(massnahme.status, note="Stand bestätigt, die Arbeit geht weiter")
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING=GZIP)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip" and len(packed.content) < len(plain.content) / 2
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed["Content-Length"]) == len(packed.content)
    assert "accept-encoding" in vary(packed) and "accept-encoding" in vary(plain)


def test_the_page_cache_keeps_a_gzipped_and_a_plain_copy(client):
    url = "/de/handlungsfelder/"
    first = client.get(url, HTTP_ACCEPT_ENCODING=GZIP)
    assert first["X-Page-Cache"] == "miss" and first["Content-Encoding"] == "gzip"
    plain = client.get(url)  # a client without gzip is never given the compressed copy
    assert plain["X-Page-Cache"] == "miss" and "Content-Encoding" not in plain
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["X-Page-Cache"] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    again = client.get(url, HTTP_ACCEPT_ENCODING="identity")
    assert again["X-Page-Cache"] == "hit" and again.content == plain.content


def test_if_none_match_matches_after_compression(client):
    url = measure_url()
    packed = client.get(url, HTTP_ACCEPT_ENCODING=GZIP)
    assert packed["Content-Encoding"] == "gzip"
    # The tag a gzip client got works for it and for a client without gzip (and the other way).
    assert client.get(url, HTTP_ACCEPT_ENCODING=GZIP, HTTP_IF_NONE_MATCH=packed["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH=packed["ETag"]).status_code == 304


def test_pdfs_are_not_gzipped_again(client):
    response = client.get("/de/leitlinien/pdf/", HTTP_ACCEPT_ENCODING=GZIP)
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert response.content.startswith(b"%PDF")


def test_forms_are_gzipped_too_and_stay_private(client):
    response = client.get("/de/barrierefreiheit/", HTTP_ACCEPT_ENCODING=GZIP)
    assert response["Content-Encoding"] == "gzip" and b"csrfmiddlewaretoken" in gzip.decompress(response.content)
    assert_never_kept(response)


# --- Deployment ----------------------------------------------------------------------------------


def test_clearcaches_changes_every_etag(client):
    """New code or templates: browsers and proxies must not keep pages under the old tags."""
    url = "/de/leitlinien/"
    tag = client.get(url)["ETag"]
    call_command("clearcaches", stdout=open("/dev/null", "w"))
    response = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 200 and response["ETag"] != tag


def test_http_caching_stays_on_without_the_server_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = "/de/netzwerk/"
    page = client.get(url)
    assert page.get("X-Page-Cache") is None
    assert_public(page)
    assert client.get(url, HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304

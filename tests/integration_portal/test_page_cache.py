"""Anonymous public pages come from the cache until content changes; nobody else's do."""

import pytest

from massnahmen.models import Massnahme

pytestmark = pytest.mark.django_db


def test_anonymous_page_is_cached_until_content_changes(client):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    url = massnahme.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert cached["Content-Language"] == "de"
    massnahme.change_status("umgesetzt", note="Liste veröffentlicht")
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Liste veröffentlicht" in fresh.content.decode()


def test_each_language_and_query_is_its_own_entry(client):
    client.get("/de/massnahmen/")
    assert client.get("/ar/massnahmen/")["X-Page-Cache"] == "miss"
    assert client.get("/de/massnahmen/?status=geplant")["X-Page-Cache"] == "miss"
    assert client.get("/de/massnahmen/?status=geplant").context is None  # served without rendering


def test_logged_in_users_and_forms_are_never_served_from_the_cache(client, staff_user):
    client.get("/de/leitlinien/")
    assert client.get("/de/barrierefreiheit/").get("X-Page-Cache") is None  # has a CSRF token: not stored
    assert client.get("/de/barrierefreiheit/").get("X-Page-Cache") is None
    client.force_login(staff_user)
    response = client.get("/de/leitlinien/")
    assert response.get("X-Page-Cache") is None
    assert client.get("/de/partner/").get("X-Page-Cache") is None


def test_security_headers_on_fresh_and_cached_pages(client):
    for _ in range(2):
        response = client.get("/de/")
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"

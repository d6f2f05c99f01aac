"""Error pages are the portal's pages: in the reader's language and direction, with ways on."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def assert_portal_page(response, language, direction, heading):
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    with translation.override(language):
        translated = translation.gettext(heading)
        assert translated != heading or language == "de"
        assert f"<h1>{translated}</h1>" in html
        assert f'href="{reverse("massnahmen:list")}"' in html  # a way on, in the reader's language
        assert f'<form role="search" class="site-search" method="get" action="{reverse("portal:search")}"' in html
    assert "no-store" in response["Cache-Control"] or response.status_code == 404


def test_404_in_persian_right_to_left(client):
    response = client.get("/fa/gibt-es-nicht/")
    assert response.status_code == 404
    assert_portal_page(response, "fa", "rtl", "Seite nicht gefunden")


def test_400_in_ukrainian(client, monkeypatch):
    from integration_portal import views

    def suspicious(*args, **kwargs):
        raise SuspiciousOperation("a hostile request")

    monkeypatch.setattr(views.StartView, "get", suspicious)
    response = client.get("/uk/")
    assert response.status_code == 400
    assert_portal_page(response, "uk", "ltr", "Anfrage nicht verständlich")


def test_500_in_arabic_right_to_left(monkeypatch):
    from integration_portal import views

    def crash(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.StartView, "get_context_data", crash)
    response = Client(raise_request_exception=False).get("/ar/")
    assert response.status_code == 500
    assert_portal_page(response, "ar", "rtl", "Ein Fehler ist aufgetreten")
    assert "RuntimeError" not in response.content.decode()


def test_the_icon_is_found_where_browsers_look(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")
    assert finders.find("img/favicon.svg")
    assert 'rel="icon"' in client.get("/de/").content.decode()


def test_robots_keep_crawlers_out_of_personal_and_generated_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    rules = response.content.decode()
    assert "Disallow: /admin/" in rules and "Disallow: /*/massnahmen/bericht.pdf?" in rules
    # The public pages stay findable: partner pages included (a "/*/partner/" rule hid them).
    disallowed = [line.split(":", 1)[1].strip() for line in rules.splitlines() if line.startswith("Disallow:")]
    for path in ("/de/", "/ar/netzwerk/partner/jugendamt/", "/de/massnahmen/", "/de/partner/konto/anmelden/"):
        assert not any(path.startswith(rule.split("*")[0]) and ("*" not in rule or rule.split("*")[1] in path)
                       for rule in disallowed), path

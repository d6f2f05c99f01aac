"""Spam checks and rate limits refuse and explain in the reader's language; the internal remark
is never public; every route is in the permission matrix; list queries do not grow."""

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from beteiligung import spam
from beteiligung.models import State
from massnahmen.models import Herausforderung
from tests.conftest import PortalClient
from tests.factories import make_entries

from .helpers import entry_post, submit_url

pytestmark = pytest.mark.django_db


def stored(title):
    return Herausforderung.objects.filter(**{f"title_{code}": title for code in ("de",)}).exists()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_honeypot_refuses_and_explains_in_the_readers_language(client, language):
    response = entry_post(client, language, "Honigtopf", website="http://spam.example")
    assert response.status_code == 400
    with translation.override(language):
        message = str(spam.HONEYPOT)
    assert message in response.content.decode() and not Herausforderung.objects.filter(text__contains="Ein Text").exists()
    if language == "ar":
        with translation.override("de"):
            assert message != str(spam.HONEYPOT)  # translated


def test_a_wrong_or_missing_proof_of_work_is_refused_and_a_form_is_good_once(client):
    assert entry_post(client, "de", "Falsche Lösung", nonce="x" * 30).status_code == 400
    assert entry_post(client, "de", "Fremde Challenge", challenge="abc:def", nonce="1").status_code == 400
    # Without the script the form must have been open a while: refused at once, with the reason.
    refused = entry_post(client, "de", "Ohne Skript, zu schnell", nonce="")
    assert refused.status_code == 400
    assert "Das ging zu schnell" in refused.content.decode()
    assert not Herausforderung.objects.filter(title_de__in=["Falsche Lösung", "Fremde Challenge",
                                                            "Ohne Skript, zu schnell"]).exists()
    # The same solved form twice: stored once.
    url = submit_url("de")
    form = client.get(url).context["form"]
    challenge = form["challenge"].value()
    data = {"kind": "idee", "handlungsfeld": Herausforderung._meta.get_field("handlungsfeld").related_model.objects.first().pk,
            "title": "Zweimal gesendet", "text": "Text", "challenge": challenge,
            "nonce": spam.solve(challenge, spam.pow_bits())}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400 and "schon abgesendet" in again.content.decode()
    assert Herausforderung.objects.filter(title_de="Zweimal gesendet").count() == 1


def test_without_script_a_form_open_long_enough_is_accepted(client, monkeypatch):
    monkeypatch.setattr(spam, "MIN_SECONDS_WITHOUT_SCRIPT", 0)
    assert entry_post(client, "de", "Ohne Skript, mit Ruhe", nonce="").status_code == 302
    assert Herausforderung.objects.filter(title_de="Ohne Skript, mit Ruhe").exists()


@override_settings(RATELIMITS={"beteiligung_entry": "2/h", "barrier_report": "2/h", "password_reset": "2/h",
                               "invitation": "2/h", "report_pdf": "1/m"})
def test_rate_limit_per_client_refuses_and_explains(client):
    assert entry_post(client, "uk", "Erster").status_code == 302
    assert entry_post(client, "uk", "Zweiter").status_code == 302
    refused = entry_post(client, "uk", "Dritter")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    with translation.override("uk"):
        assert translation.gettext("Zu viele Anfragen") in html
    assert '<html lang="uk"' in html
    assert not Herausforderung.objects.filter(title_uk="Dritter").exists()
    assert entry_post(client, "uk", "Andere Adresse", address="203.0.113.9").status_code == 302


NASTY = ["", " ", "\x00", "<script>alert(1)</script>", "a" * 100_000, "😀" * 300, "-1", "99999999999999999999999",
         "'; DROP TABLE x; --", "\u202e", "ä" * 201]


@override_settings(RATELIMITS={"beteiligung_entry": "1000/h", "barrier_report": "2/h", "password_reset": "2/h",
                               "invitation": "2/h", "report_pdf": "1/m"})
def test_hostile_input_never_gives_5xx(client):
    before = Herausforderung.objects.count()
    for value in NASTY:
        for field in ("kind", "handlungsfeld", "stadtteil", "title", "text", "challenge", "nonce"):
            fields = {"title": "Gültig", field: value}
            response = entry_post(client, "de", fields.pop("title"), **fields)
            assert response.status_code < 500, (field, value[:20])
        response = client.get(reverse("beteiligung:list"), {"handlungsfeld": value, "stadtteil": value,
                                                           "stand": value, "page": value})
        assert response.status_code < 500
    assert client.get("/de/beteiligung/99999999999999999999999/").status_code == 404
    # Only the valid variations were stored ("\x00"-free titles of allowed length…), none twice.
    assert Herausforderung.objects.count() - before <= len(NASTY) * 7


def test_the_internal_remark_is_never_public(client, staff_user):
    remark = "INTERN-Vermerk-4711 nur für die Stabsstelle"
    entry_post(client, "de", "Eintrag mit interner Bemerkung")
    entry = Herausforderung.objects.get(title_de="Eintrag mit interner Bemerkung")
    entry.moderation.change_state(State.AUFGENOMMEN, "Öffentliche Antwort", by=staff_user, internal_remark=remark)
    assert entry.internal_remarks.get().text == remark
    urls = [reverse("beteiligung:list"), reverse("beteiligung:entry", args=[entry.pk]),
            reverse("portal:search") + "?q=INTERN-Vermerk", reverse("portal:start"), reverse("massnahmen:dashboard")]
    urls += [reverse("opendata:entries-csv"), reverse("opendata:entries-json"), reverse("opendata:entries-feed"),
             reverse("api:api-entries"), reverse("api:api-entry", args=[entry.pk]), reverse("api:openapi")]
    for language in ("de", "ar"):
        with translation.override(language):
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, url
                assert "4711" not in response.content.decode(), url
    data = [reverse("opendata:entries-csv"), reverse("opendata:entries-json"), reverse("opendata:entries-feed"),
            reverse("api:api-entries"), reverse("api:api-entry", args=[entry.pk])]
    for url in data:  # the exports, the feed and the API do carry the entry and its public answer
        assert "Öffentliche Antwort" in client.get(url).content.decode("utf-8-sig"), url


# --- The permission matrix of beteiligung's routes (public) and the moderation admin (staff) ---

ROLES = ["anonymous", "partner", "staff_without_permission", "moderator"]
PUBLIC = dict.fromkeys(ROLES, 200)


def public_entry():
    return Herausforderung.objects.public().order_by("pk").first()


def waiting_entry():
    return make_entries(1, prefix="matrix", state="eingegangen")[0]


def admin_denied(ok):
    return {"anonymous": 302, "partner": 302, "staff_without_permission": 403, "moderator": ok}


MATRIX = {
    "beteiligung:list": (lambda: reverse("beteiligung:list"), PUBLIC),
    "beteiligung:submit": (lambda: reverse("beteiligung:submit"), PUBLIC),
    "beteiligung:thanks": (lambda: reverse("beteiligung:thanks"), PUBLIC),
    "beteiligung:entry": (lambda: reverse("beteiligung:entry", args=[public_entry().pk]), PUBLIC),
    "beteiligung:entry (eingegangen)": (lambda: reverse("beteiligung:entry", args=[waiting_entry().pk]),
                                        dict.fromkeys(ROLES, 404)),
    "admin queue": (lambda: reverse("admin:massnahmen_herausforderung_changelist"), admin_denied(200)),
    "admin entry": (lambda: reverse("admin:massnahmen_herausforderung_change", args=[waiting_entry().pk]),
                    admin_denied(200)),
}


def login_as(client, role):
    if role == "anonymous":
        return
    user = User.objects.create_user(role, is_staff=role != "partner")
    if role == "moderator":
        user.user_permissions.set(Permission.objects.filter(
            content_type__app_label="massnahmen", codename__endswith="herausforderung"))
    client.force_login(user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(role, name):
    client = PortalClient()
    login_as(client, role)
    url, expected = MATRIX[name]
    with translation.override("de"):
        target = url()
    response = client.get(target)
    assert response.status_code == expected[role], (name, role, response.status_code)


def test_every_beteiligung_route_is_in_the_matrix():
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "beteiligung" and pattern.name:
                names.add(f"beteiligung:{pattern.name}")

    walk(get_resolver().url_patterns)
    assert names and names <= {name.split(" ")[0] for name in MATRIX}, names - set(MATRIX)


# --- Query counts: 10 vs 5,000 entries ---

# About 3 s: 5,000 entries with their moderation and history (bulk_create), made once.
@pytest.fixture(scope="module")
def queries_with_10_and_5000_entries(django_db_setup, django_db_blocker):
    from django.db import transaction

    pages = {"list": lambda: reverse("beteiligung:list"),
             "filtered": lambda: reverse("beteiligung:list") + "?handlungsfeld=" + first_field_slug(),
             "page 2": lambda: reverse("beteiligung:list") + "?page=2",
             "admin": lambda: reverse("admin:massnahmen_herausforderung_changelist")}

    def count():
        client = PortalClient()
        client.force_login(User.objects.get(username="matrix-stab"))
        counts = {}
        for name, url in pages.items():
            with translation.override("de"):
                target = url()
            anonymous = PortalClient()
            with CaptureQueriesContext(connection) as context:
                assert (client if name == "admin" else anonymous).get(target).status_code in (200, 404)
            counts[name] = len(context.captured_queries)
        return counts

    with django_db_blocker.unblock(), transaction.atomic():
        User.objects.create_user("matrix-stab", is_staff=True, is_superuser=True)
        # 30, not 10: with the workshop's ten there must be a second page for "page 2" to render.
        make_entries(30, prefix="klein")
        small = count()
        make_entries(4970, prefix="gross")
        large = count()
        transaction.set_rollback(True)
    return small, large


def first_field_slug():
    from handlungsfelder.models import Handlungsfeld

    return Handlungsfeld.objects.order_by("number").first().slug


def test_list_and_queue_queries_do_not_grow_with_the_entries(queries_with_10_and_5000_entries):
    small, large = queries_with_10_and_5000_entries
    assert small == large, (small, large)


def test_open_data_has_public_entries_only_without_personal_data(client, staff_user):
    waiting = make_entries(1, prefix="offen-wartet", state="eingegangen")[0]
    public = make_entries(1, prefix="offen-sichtbar", state="in_pruefung")[0]
    rows = client.get(reverse("opendata:entries-json")).json()["beteiligung"]
    ids = {row["id"] for row in rows}
    assert public.pk in ids and waiting.pk not in ids
    assert ids == set(Herausforderung.objects.public().values_list("pk", flat=True))
    row = next(row for row in rows if row["id"] == public.pk)
    assert set(row) == {"id", "url", "kind", "title", "title_language", "text", "text_language", "source",
                        "handlungsfeld", "stadtteile", "state", "state_label", "public_answer", "answer_language",
                        "received_at", "state_changed_at", "answered_at", "measures"}
    api = client.get(reverse("api:api-entries"), {"stand": "in_pruefung"}).json()
    assert public.pk in {row["id"] for row in api["results"]}
    assert client.get(reverse("api:api-entry", args=[waiting.pk])).status_code == 404
    feed = client.get(reverse("opendata:entries-feed")).content.decode()
    assert f"beteiligung-" in feed and "Eintrag offen-wartet" not in feed

"""Every absolute address comes from PORTAL_BASE_URL, never from the request (issue 15, finding 4).

The Host header is the client's to choose: a password-reset request with `Host: 127.0.0.1:6666`
mailed a link to that host, and a page kept in the cache is given to every later visitor. Mails,
feeds, hreflang alternates and the open data all link to the configured address; the page cache
answers only after Django's host validation, and keeps what one Host got from everyone else.
"""

import re
import subprocess
from xml.etree import ElementTree
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings as project_settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.checks import base_url_is_an_origin, base_url_is_https
from handlungsfelder.models import Handlungsfeld
from massnahmen import proposals
from massnahmen.models import Massnahme
from massnahmen.reminders import send_reminders
from netzwerk.invitations import invite
from netzwerk.models import Netzwerkpartner, PartnerMembership

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Fachstelle-Magdeburg-2025"
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://integration.magdeburg.example"
FOREIGN = "127.0.0.1:6666"  # allowed by the development default (127.0.0.1, any port)
# A public address of each kind that holds absolute links: HTML (hreflang), API JSON, a JSON and
# a CSV download, an Atom feed.
LINKING = ["/de/leitlinien/", "/api/massnahmen/", "/en/netzwerk/partner.json", "/de/massnahmen/daten.csv",
           "/de/massnahmen/feed/"]


@pytest.fixture
def base_url(settings):
    settings.PORTAL_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["*"]  # the worst case: any Host header gets through validation
    return BASE


def links(text):
    return re.findall(r"https?://[^\s\"'<>,]+", text)


def own_links(text):
    """The absolute links of the portal's own pages in `text` (not the w3.org namespaces of a feed)."""
    return [link for link in links(text) if "w3.org" not in link]


# --- Mails -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("base,secure", [(BASE, False), ("http://127.0.0.1:8011", True)])
def test_the_reset_mail_links_to_the_base_url_not_to_the_host_the_request_named(client, settings, base, secure):
    settings.ALLOWED_HOSTS = ["*"]  # the worst case: any Host header gets through
    settings.PORTAL_BASE_URL = base
    User.objects.create_user("redaktion", email="redaktion@example.org", password=PASSWORD)
    response = client.post(reverse("netzwerk:password_reset"), {"email": "redaktion@example.org"},
                           HTTP_HOST=FOREIGN, secure=secure)
    assert response.status_code == 302
    body = mail.outbox[-1].body
    [link] = [link for link in links(body) if "/passwort/neu/" in link]
    # The scheme is the base URL's too, not the request's (https behind TLS, http for make run).
    assert link.startswith(f"{base}/de/partner/konto/passwort/neu/")
    assert "6666" not in body
    # And it is the owner's working link: on to the form that sets the new password.
    confirm = client.get(urlsplit(link).path)
    assert confirm.status_code == 302 and confirm["Location"].endswith("/set-password/")


def test_every_mail_links_to_the_base_url(settings, staff_user, django_capture_on_commit_callbacks):
    """As with `make run PORT=8011`: invitation, reminder and returned proposal follow PORTAL_BASE_URL."""
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8011"
    jugendamt = Netzwerkpartner.objects.get(slug="jugendamt")
    with django_capture_on_commit_callbacks(execute=True):
        invite("neu@example.org", jugendamt, "uk", staff_user)
    editor = User.objects.create_user("ja-redaktion", email="ja-redaktion@example.org", password=PASSWORD)
    PartnerMembership.objects.create(user=editor, partner=jugendamt)
    [invitation] = mail.outbox
    later = timezone.now() + timedelta(days=settings.REMINDER_STALE_DAYS + 1)
    send_reminders(Massnahme.objects.all(), now=later)
    [reminder] = [message for message in mail.outbox if message.to == [editor.email]]
    proposal = Massnahme(title_de="Sprachcafé im Stadtteil")
    proposal.propose(by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        proposals.send_back([(proposal, proposal.version)], "Bitte Stadtteil angeben.")
    returned = mail.outbox[-1]
    assert [len(links(message.body)) for message in (invitation, returned)] == [1, 1]
    assert links(invitation.body)[0].startswith("http://127.0.0.1:8011/uk/partner/konto/einladung/")
    reminded = links(reminder.body)
    assert reminded and all(link.startswith("http://127.0.0.1:8011/de/partner/") for link in reminded)
    assert links(returned.body) == [f"http://127.0.0.1:8011/de/partner/vorschlaege/{proposal.pk}/"]


def test_make_run_sets_the_base_url_to_the_address_it_serves_on():
    run = subprocess.run(["make", "-n", "run", "HOST=127.0.0.1", "PORT=8011"], cwd=project_settings.BASE_DIR,
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    with_base = [line for line in run.stdout.splitlines() if line.startswith("PORTAL_BASE_URL=http://127.0.0.1:8011 ")]
    assert any("manage.py runserver 127.0.0.1:8011" in line for line in with_base)
    assert any("manage.py demoadmin" in line for line in with_base)
    # An address named in the environment (a tunnel, a proxy in front) is kept.
    named = subprocess.run(["make", "-n", "run"], cwd=project_settings.BASE_DIR, capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin", "PORTAL_BASE_URL": BASE})
    assert f"PORTAL_BASE_URL={BASE} " in named.stdout


def test_demoadmin_prints_the_admin_at_the_base_url(settings):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8011"
    out = StringIO()
    call_command("demoadmin", stdout=out)
    assert "http://127.0.0.1:8011/admin/" in out.getvalue()


# --- Public pages, the open data and the page cache ------------------------------------------------


@pytest.mark.parametrize("url", LINKING)
def test_no_header_changes_the_links_anyone_gets(client, settings, base_url, url):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # as behind the city's proxy
    foreign = client.get(url, HTTP_HOST=FOREIGN, HTTP_X_FORWARDED_HOST="evil.example", HTTP_X_FORWARDED_PROTO="https")
    visitor = client.get(url)
    for response in (foreign, visitor):
        assert response.status_code == 200
        found = own_links(response.content.decode())
        assert found and all(link.startswith(f"{BASE}/") for link in found), found[:5]
    # What a request with another Host got is never given to anyone else.
    assert foreign["X-Page-Cache"] == visitor["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_hreflang_alternates_name_every_language_at_the_base_url(client, base_url):
    page = client.get("/ar/leitlinien/", HTTP_HOST=FOREIGN).content.decode()
    for code, _name in project_settings.LANGUAGES:
        assert f'<link rel="alternate" hreflang="{code}" href="{BASE}/{code}/leitlinien/">' in page
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}/de/leitlinien/">' in page


def test_the_feed_links_to_the_base_url(client, base_url):
    # The feed carries changes reported in the portal, not the states loaded from the sources.
    for massnahme in Handlungsfeld.objects.get(slug="spracherwerb").massnahmen.all():
        massnahme.change_status(massnahme.status, note="Stand bestätigt")
    feed = ElementTree.fromstring(client.get("/de/handlungsfelder/spracherwerb/feed/", HTTP_HOST=FOREIGN).content)
    field = f"{BASE}/de/handlungsfelder/spracherwerb/"
    assert {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")} == {
        "alternate": field, "self": field + "feed/"}
    entries = [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]
    entry = re.compile(rf"{re.escape(BASE)}/de/massnahmen/\d+/#aenderung-\d+")
    assert entries and all(entry.fullmatch(link) for link in entries)


@pytest.mark.parametrize("url", ["/de/leitlinien/", "/api/massnahmen/"])
def test_a_host_outside_allowed_hosts_is_a_400_and_never_a_kept_page(client, settings, url):
    settings.ALLOWED_HOSTS = ["testserver"]
    page = client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    for method, headers in [("get", {}), ("head", {}), ("get", {"HTTP_IF_NONE_MATCH": page["ETag"]})]:
        response = getattr(client, method)(url, HTTP_HOST="evil.example", **headers)
        assert response.status_code == 400, (method, headers)
        assert not response.has_header("X-Page-Cache") and not response.has_header("ETag")
        assert page.content not in (response.content, b"")


# --- The setting itself ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["https://integration.magdeburg.de", "https://integration.magdeburg.de/",
                                   "http://127.0.0.1:8011"])
def test_an_origin_is_a_valid_base_url(settings, value):
    settings.PORTAL_BASE_URL = value
    assert base_url_is_an_origin(None) == []


@pytest.mark.parametrize("value", ["integration.magdeburg.de", "https://integration.magdeburg.de/portal",
                                   "ftp://integration.magdeburg.de", "https://integration.magdeburg.de/?a=1", ""])
def test_a_base_url_that_is_not_an_origin_is_an_error(settings, value):
    settings.PORTAL_BASE_URL = value
    assert [message.id for message in base_url_is_an_origin(None)] == ["core.E001"]


def test_check_deploy_warns_of_a_base_url_without_https(settings):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"
    assert [message.id for message in base_url_is_https(None)] == ["core.W001"]
    settings.PORTAL_BASE_URL = BASE
    assert base_url_is_https(None) == []

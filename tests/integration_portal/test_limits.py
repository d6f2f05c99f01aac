"""Limits on anonymous work (core/limits.py): forms that mail someone, PDFs rendered for a new search.

Each limited request gets 429 with Retry-After and a message in the reader's language, and does
nothing: no row, no mail, no rendering. Other clients are not affected.
"""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from integration_portal.models import Barrierenmeldung

pytestmark = pytest.mark.django_db

RATES = {"barrier_report": "2/h", "password_reset": "2/h", "invitation": "2/h", "report_pdf": "1/m"}


def report(client, text, address="198.51.100.7"):
    with translation.override("ar"):
        url = reverse("portal:barrierefreiheit")
    return client.post(url, {"description": text}, REMOTE_ADDR=address)


@override_settings(RATELIMITS=RATES, ADMINS=[("Stabsstelle", "stabsstelle@example.org")])
def test_barrier_reports_are_limited_per_client_with_a_message_in_the_readers_language(client):
    assert report(client, "Erste Barriere").status_code == 302
    assert report(client, "Zweite Barriere").status_code == 302
    refused = report(client, "Dritte Barriere")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert 'lang="ar" dir="rtl"' in html
    with translation.override("ar"):
        assert translation.gettext("Zu viele Anfragen") in html
        assert translation.gettext("Zu viele Anfragen") != "Zu viele Anfragen"
    assert "no-store" in refused["Cache-Control"]
    assert list(Barrierenmeldung.objects.filter(description__endswith="Barriere").values_list("description", flat=True)
                .order_by("pk")) == ["Erste Barriere", "Zweite Barriere"]
    assert len(mail.outbox) == 2
    # Another client is not affected; reading the page stays free for this one.
    assert report(client, "Barriere von nebenan", address="203.0.113.9").status_code == 302
    assert client.get(reverse("portal:barrierefreiheit"), REMOTE_ADDR="198.51.100.7").status_code == 200


@override_settings(RATELIMITS=RATES)
def test_password_reset_requests_are_limited(client, django_user_model):
    django_user_model.objects.create_user("partnerin", "partnerin@example.org", "Sicheres-Passwort-2024")
    url = reverse("netzwerk:password_reset")
    answers = [client.post(url, {"email": "partnerin@example.org"}).status_code for _ in range(3)]
    assert answers == [302, 302, 429]
    assert len(mail.outbox) == 2


@override_settings(RATELIMITS=RATES)
def test_only_new_free_text_report_pdfs_count_against_the_limit(client, monkeypatch):
    """One render a minute for a client: a cached PDF and a PDF of the form's filters are free."""
    from massnahmen import views

    rendered = []
    monkeypatch.setattr(views, "render_pdf", lambda *args, **kwargs: rendered.append(args) or b"%PDF-1.7 test")
    url = reverse("massnahmen:report-pdf")
    assert client.get(url, {"q": "Sprache"}).status_code == 200
    assert client.get(url, {"q": "Sprache"}).status_code == 200  # the same search: from the cache
    assert client.get(url, {"status": "laufend"}).status_code == 200  # a filter of the form: not limited
    refused = client.get(url, {"q": "Arbeit"})
    assert refused.status_code == 429 and "Zu viele Anfragen" in refused.content.decode()
    assert len(rendered) == 2

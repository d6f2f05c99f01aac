"""In a real browser: from an invitation e-mail to a status change on the public measure page."""

import re

import pytest
from django.core import mail

from massnahmen.models import Massnahme
from netzwerk.invitations import invite
from netzwerk.models import Netzwerkpartner

pytestmark = pytest.mark.django_db
PASSWORD = "Sprachcafe-Neustadt-2025"


def test_invitation_to_public_status_change(live_server, page, settings, django_user_model):
    settings.PORTAL_BASE_URL = live_server.url
    staff = django_user_model.objects.create_user("stab", is_staff=True, is_superuser=True)
    invite("fachkraft@example.org", Netzwerkpartner.objects.get(slug="jugendamt"), "de", staff)
    link = re.search(r"https?://\S+/einladung/\S+/", mail.outbox[-1].body).group(0)

    page.goto(link)
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    with page.expect_navigation():
        page.click("main form button.btn-primary")
    assert page.url.endswith("/de/partner/")
    massnahme = Massnahme.objects.get(external_id="zw2020-10")
    assert massnahme.title_de in page.content()

    with page.expect_navigation():
        page.click(f"a[href='/de/partner/massnahmen/{massnahme.pk}/']")
    page.select_option("#id_status", "umgesetzt")
    page.fill("#id_note", "Zehn Begleitungen im Stadtteil abgeschlossen")
    with page.expect_navigation():
        page.click("main form button.btn-primary")
    assert "Gespeichert" in page.content()

    page.goto(live_server.url + f"/de/massnahmen/{massnahme.pk}/")
    html = page.content()
    assert "Zehn Begleitungen im Stadtteil abgeschlossen" in html
    assert "Jugendamt der Landeshauptstadt Magdeburg" in html
    assert "fachkraft@example.org" not in html
    assert page.locator(".status-umgesetzt").first.is_visible()

"""In a real browser, as the Stabsstelle: the start page says what needs doing, the widgets speak
German, and a partner is invited, sent again and its link copied from the partner's page."""

import pytest
from django.core import mail

from massnahmen.models import Freigabe, Massnahme
from netzwerk.models import Invitation, Netzwerkpartner

pytestmark = pytest.mark.django_db
PASSWORD = "Stabsstelle-Magdeburg-2025"


# About 4 s: one browser walk for three of the promises (widgets only render with JavaScript).
def test_staff_start_page_widgets_and_invitations(live_server, german_page, settings, django_user_model):
    page = german_page
    settings.PORTAL_BASE_URL = live_server.url
    django_user_model.objects.create_user("stab", password=PASSWORD, is_staff=True, is_superuser=True)
    proposal = Massnahme.objects.order_by("pk").first()
    Massnahme.objects.filter(pk=proposal.pk).update(freigabe=Freigabe.VORGESCHLAGEN)

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "stab")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    # What needs doing: the proposal, one click from the list of proposals
    task = page.locator("#was-ansteht tr", has_text="Vorschläge warten auf Prüfung")
    assert task.locator(".task-count").inner_text() == "1"
    with page.expect_navigation():
        task.locator(".task-count a").click()
    assert proposal.title_de in page.content() and "1 Maßnahme" in page.locator("#changelist-form").inner_text()

    # The two-box widget of a measure's fields, drawn by the admin's JavaScript, in German
    page.goto(live_server.url + f"/admin/massnahmen/massnahme/{proposal.pk}/change/")
    page.locator("#id_handlungsfelder_from").wait_for()  # drawn by SelectFilter2.js
    widget = page.locator("div.selector", has=page.locator("#id_handlungsfelder_from"))
    text = widget.inner_text() + " ".join(
        widget.locator("[title]").evaluate_all("nodes => nodes.map(n => n.title)"))
    assert "Alle Handlungsfelder auswählen" in text
    assert "Choose" not in text and "Remove" not in text

    # Invite from the partner's page, back on it with the link to copy; send again
    partner = Netzwerkpartner.objects.get(slug="jugendamt")
    page.goto(live_server.url + f"/admin/netzwerk/netzwerkpartner/{partner.pk}/change/")
    with page.expect_navigation():
        page.click("text=Person einladen")
    page.fill("#id_email", "neu@example.org")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert "Einladung an neu@example.org gesendet." in page.content()
    invitation = Invitation.objects.get(email="neu@example.org")
    copied = page.locator("#invitations-group input[readonly]").first.input_value()
    assert copied in mail.outbox[-1].body
    with page.expect_navigation():
        page.click("#invitations-group button:has-text('erneut senden')")
    assert "Einladung erneut an neu@example.org gesendet" in page.content()
    assert len(mail.outbox) == 2 and mail.outbox[-1].body != mail.outbox[0].body
    assert page.locator("#invitations-group input[readonly]").first.input_value() in mail.outbox[-1].body
    invitation.refresh_from_db()
    assert invitation.accepted_at is None

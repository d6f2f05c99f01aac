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


# A few seconds: logs in through the form and runs axe-core on two pages in two languages.
@pytest.mark.parametrize("language", ["de", "ar"])
def test_partner_reports_for_an_open_round_and_its_pages_pass_axe(live_server, page, django_user_model, language):
    import datetime

    from axe_playwright_python.sync_playwright import Axe
    from django.utils import timezone

    from massnahmen.models import Berichtsrunde
    from netzwerk.models import PartnerMembership

    from .test_accessibility import AXE_OPTIONS

    today = timezone.localdate()
    runde = Berichtsrunde.objects.create(
        title_de="Berichtsrunde Herbst", title_ar="جولة تقارير الخريف", slug="herbst",
        period_start=today - datetime.timedelta(days=60), period_end=today,
        due_date=today + datetime.timedelta(days=14))
    user = django_user_model.objects.create_user("ja-runde", email="ja-runde@example.org", password=PASSWORD)
    PartnerMembership.objects.create(user=user, partner=Netzwerkpartner.objects.get(slug="jugendamt"))
    page.goto(live_server.url + f"/{language}/partner/konto/anmelden/")
    page.fill("#id_username", "ja-runde")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button.btn-primary")
    assert page.url.endswith(f"/{language}/partner/")

    axe, problems = Axe(), []

    def check(name):
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            problems.append(f"{name}: {violation['id']} {[node['target'] for node in violation['nodes']][:3]}")

    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check("workspace")
    with page.expect_navigation():
        page.click(f"a[href='/{language}/partner/runden/herbst/']")
    check("round")
    massnahme = Massnahme.objects.get(external_id="zw2020-10")
    with page.expect_navigation():
        page.click(f"a[href='/{language}/partner/massnahmen/{massnahme.pk}/?runde=herbst']")
    assert page.input_value("#id_berichtsrunde") == str(runde.pk)
    check("status form")
    page.select_option("#id_status", "laufend")
    page.fill("#id_note", "Begleitungen laufen weiter")
    with page.expect_navigation():
        page.click("main form button.btn-primary")
    assert massnahme.status_changes.latest().berichtsrunde == runde
    assert not problems, "\n".join(problems)

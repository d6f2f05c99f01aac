"""Someone to ask: every measure page names a contact, partner pages show what staff filled in."""

import re

import pytest
from django.urls import reverse

from massnahmen.models import Massnahme
from netzwerk.models import Netzwerk, Netzwerkpartner
from tests.sources import SEED_DIR

pytestmark = pytest.mark.django_db


def office_lines_from_the_source():
    """The lines under "Ansprechpartner" of the network page (seed 003, the project's copy of ../shared/seeds), read by hand."""
    # The web page's no-break spaces are layout, not wording (as the loader reads them too).
    text = next(SEED_DIR.glob("003_*.txt")).read_text(encoding="utf-8").replace("\u00a0", " ")
    block = text.split("\nAnsprechpartner\n", 1)[1].split("Schnellkontakt", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip()]


def contact_section(html):
    start = html.index('<section aria-labelledby="kontakt"')
    return html[start:html.index("</section>", start)]


def address_lines(section):
    address = section[section.index("<address"):section.index("</address>")]
    lines = (re.sub(r"<[^>]+>", "", line).strip() for line in address.split("<br>"))
    return [line for line in lines if line]


def test_the_source_names_the_coordination_office():
    assert office_lines_from_the_source() == [
        "Herr Abdoul Coulibaly", "Koordinator für Integration und Zuwanderung", "Stabsstelle V/02",
        "Wilhelm-Höpfner-Ring 4", "39116 Magdeburg",
    ]


def test_a_measure_without_a_partner_contact_names_the_networks_office_verbatim(client):
    measure = Massnahme.objects.get(external_id="zw2020-01")  # Team Integrationsgemeinwesenarbeit: no contact given
    assert not any(partner.has_contact for partner in measure.partner.all())
    section = contact_section(client.get(measure.get_absolute_url()).content.decode())
    assert ("Für diese Maßnahme ist kein eigener Kontakt angegeben. "
            "Fragen beantwortet die Ansprechstelle des Netzwerks:") in section
    assert '<a href="/de/netzwerk/partner/integrationskoordination/">Integrationskoordination der Landeshauptstadt Magdeburg</a>' in section
    assert address_lines(section) == office_lines_from_the_source()
    # Right-to-left pages keep the German address lines in their own direction, marked as German.
    section = contact_section(client.get(measure.get_absolute_url().replace("/de/", "/ar/")).content.decode())
    for line in ("39116 Magdeburg", "Wilhelm-Höpfner-Ring 4"):
        assert f'<bdi dir="ltr" lang="de" class="bidi bidi-unit">{line}</bdi>' in section


def test_the_office_is_data_staff_keep_not_a_template_string(client):
    office = Netzwerk.objects.get().ansprechstelle
    office.phone, office.email = "+49 391 540-0000", "integration@example.org"
    office.save()
    measure = Massnahme.objects.get(external_id="zw2020-01")
    section = contact_section(client.get(measure.get_absolute_url()).content.decode())
    assert '<a href="tel:+493915400000"><bdi dir="ltr">+49 391 540-0000</bdi></a>' in section
    assert '<a href="mailto:integration@example.org"><bdi dir="ltr">integration@example.org</bdi></a>' in section


def test_a_measure_names_its_responsible_partners_contact_instead(client):
    measure = Massnahme.objects.get(external_id="zw2020-02")  # Jugendamt and Team Integrationsgemeinwesenarbeit
    jugendamt = Netzwerkpartner.objects.get(slug="jugendamt")
    jugendamt.address, jugendamt.phone = "Wilhelm-Höpfner-Ring 4\n39116 Magdeburg", "0391 540-3159"
    jugendamt.save()
    section = contact_section(client.get(measure.get_absolute_url()).content.decode())
    assert "kein eigener Kontakt" not in section and "Integrationskoordination" not in section
    assert '<a href="/de/netzwerk/partner/jugendamt/">Jugendamt der Landeshauptstadt Magdeburg</a>' in section
    assert address_lines(section) == ["Wilhelm-Höpfner-Ring 4", "39116 Magdeburg", "Telefon: 0391 540-3159"]
    assert 'href="tel:03915403159"' in section


def test_partner_pages_show_only_the_contact_fields_staff_filled(client):
    jugendamt = Netzwerkpartner.objects.get(slug="jugendamt")
    url = jugendamt.get_absolute_url()
    assert 'aria-labelledby="kontakt"' not in client.get(url).content.decode()  # nothing filled: no empty box
    jugendamt.email = "jugendamt@example.org"
    jugendamt.save()
    section = contact_section(client.get(url).content.decode())
    assert address_lines(section) == ["E-Mail: jugendamt@example.org"]
    assert "tel:" not in section and "Telefon" not in section and "Website" not in section
    jugendamt.phone, jugendamt.website = "+49 (0)391 540 0", "https://www.magdeburg.de/jugendamt"
    jugendamt.address = "Wilhelm-Höpfner-Ring 4\n39116 Magdeburg"
    jugendamt.save()
    section = contact_section(client.get(url.replace("/de/", "/fa/")).content.decode())
    assert "<address" in section and '<bdi dir="ltr" lang="de" class="bidi bidi-unit">39116 Magdeburg</bdi>' in section
    assert '<a href="tel:+493915400"><bdi dir="ltr">+49 (0)391 540 0</bdi></a>' in section
    assert ('<a href="https://www.magdeburg.de/jugendamt" rel="noopener"><bdi dir="ltr">https://www.magdeburg.de/jugendamt'
            '</bdi></a>') in section


def test_the_network_page_gives_a_way_to_reach_someone(client):
    jobcenter = Netzwerkpartner.objects.get(slug="jobcenter")
    jobcenter.email = "jobcenter@example.org"
    jobcenter.save()
    html = client.get(reverse("netzwerk:index")).content.decode()
    assert address_lines(contact_section(html)) == office_lines_from_the_source()
    assert '<a href="mailto:jobcenter@example.org"><bdi dir="ltr">jobcenter@example.org</bdi></a>' in html
    card = html[html.index(">Jugendamt der Landeshauptstadt Magdeburg</a>"):]
    card = card[:card.index("</li>")]
    assert '<a href="#kontakt">Kein eigener Kontakt angegeben: Ansprechpartner des Netzwerks</a>' in card
    assert f'href="{reverse("netzwerk:index")}#kontakt"' in client.get(reverse("portal:start")).content.decode()

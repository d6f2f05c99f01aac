"""The guide's partner part in the workspace: the text of docs/handbuch.md from "## Für Partner" on,
its pictures, no raw HTML, linked from every workspace page."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from massnahmen import guide
from netzwerk.models import Netzwerkpartner, PartnerMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_client(client, django_user_model):
    user = django_user_model.objects.create_user("ja-redaktion", email="ja-redaktion@example.org")
    PartnerMembership.objects.create(user=user, partner=Netzwerkpartner.objects.get(slug="jugendamt"))
    client.force_login(user)
    return client


def test_the_page_shows_the_partner_part_of_the_guide(partner_client):
    text = guide.GUIDE.read_text(encoding="utf-8")
    partner_headings = re.findall(r"^###? (.+)$", text[text.index("\n## Für Partner\n"):], re.M)
    staff_headings = re.findall(r"^## (.+)$", text[:text.index("\n## Für Partner\n")], re.M)
    content = partner_client.get(reverse("massnahmen:guide")).content.decode()
    assert len(partner_headings) >= 4
    for heading in partner_headings:
        assert f">{heading}</h" in content, heading
    assert not any(f">{heading}</h2>" in content for heading in staff_headings)  # the staff's part is not shown
    assert '<div class="guide" lang="de" dir="ltr">' in content


def test_every_picture_of_the_partner_part_is_served(partner_client):
    content = partner_client.get(reverse("massnahmen:guide")).content.decode()
    pictures = re.findall(r'<img src="([^"]*)" alt="([^"]+)"', content)
    assert len(pictures) >= 4
    for src, _alt in pictures:
        response = partner_client.get(src)
        assert response.status_code == 200 and response["Content-Type"] == "image/png", src
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_only_partner_pictures_are_served(partner_client):
    assert partner_client.get(reverse("massnahmen:guide-picture", args=["partner-gibt-es-nicht"])).status_code == 404
    for name in ("was-ansteht", "../handbuch", "partner-x/../../secret"):
        with pytest.raises(NoReverseMatch):
            reverse("massnahmen:guide-picture", args=[name])
    assert partner_client.get("/de/partner/anleitung/was-ansteht.png").status_code == 404


def test_raw_html_in_the_guide_is_shown_as_text(partner_client, tmp_path, monkeypatch):
    copy = tmp_path / "handbuch.md"
    copy.write_text("# Handbuch\n\n## Für Partner\n\n<script>alert(1)</script>\n\n"
                    "[Link](javascript:alert(2)) <img src=x onerror=alert(3)>\n", encoding="utf-8")
    monkeypatch.setattr(guide, "GUIDE", copy)
    content = partner_client.get(reverse("massnahmen:guide")).content.decode()
    assert "<script>alert(1)" not in content and "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<img src=x" not in content and 'href="javascript:' not in content


def test_every_workspace_page_links_the_guide(partner_client):
    for name in ("massnahmen:workspace", "massnahmen:proposal-create", "netzwerk:password_change"):
        assert f'href="{reverse("massnahmen:guide")}"' in partner_client.get(reverse(name)).content.decode(), name


def test_every_picture_of_the_guide_is_taken_by_a_walk():
    """docs/handbuch.md shows only pictures that a walk of tests/browser/test_handbuch.py takes (and
    so renews), each of them present in docs/handbuch/; no walk takes a picture the guide drops."""
    shown = set(re.findall(r"!\[[^\]]+\]\(handbuch/([a-z0-9-]+)\.png\)", guide.GUIDE.read_text(encoding="utf-8")))
    walks = (guide.GUIDE.parents[1] / "tests" / "browser" / "test_handbuch.py").read_text(encoding="utf-8")
    taken = set(re.findall(r'shoot\(\w+, "([a-z0-9-]+)"', walks))
    assert shown == taken, (sorted(shown - taken), sorted(taken - shown))
    assert all((guide.PICTURES / f"{name}.png").is_file() for name in shown)

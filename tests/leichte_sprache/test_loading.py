"""loadcontent reads content/leichte_sprache.yaml: everything checked first, one transaction, repeatable."""

import io
import shutil

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import CommandError, call_command

from handlungsfelder.models import Leitlinie
from integration_portal.models import Seite as PortalSeite
from leichte_sprache.models import LeichteLeitlinie, Seite, Wort

pytestmark = pytest.mark.django_db


def snapshot():
    return serializers.serialize("json", [obj for model in (Seite, LeichteLeitlinie, Wort)
                                          for obj in model.objects.order_by("pk")])


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


def load_changed(content_copy, old, new, count=1):
    path = content_copy / "leichte_sprache.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("loadcontent", "--content-dir", str(content_copy), "--update", stdout=io.StringIO())
    assert snapshot() == before  # nothing written
    return str(error.value)


def test_everything_is_loaded_and_a_second_run_changes_nothing():
    assert Seite.objects.count() == 14
    assert sorted(Seite.objects.exclude(platz="").values_list("platz", flat=True)) == sorted(Seite.Platz.values)
    assert Seite.objects.filter(handlungsfeld__isnull=False).count() == 6
    assert LeichteLeitlinie.objects.count() == Leitlinie.objects.count() == 33
    assert Wort.objects.count() >= 20
    assert not Seite.objects.exclude(checked_on=None).exists()  # the test readers' check is staff's record
    before = snapshot()
    out = io.StringIO()
    call_command("loadcontent", "--update", stdout=out)
    assert "nichts geändert" in out.getvalue()
    assert snapshot() == before


def test_staff_edits_stay_unless_update_is_asked_for():
    seite = Seite.objects.get(slug="kontakt")
    seite.title = "Kontakt"
    seite.save()
    call_command("loadcontent", stdout=io.StringIO())
    assert Seite.objects.get(slug="kontakt").title == "Kontakt"
    call_command("loadcontent", "--update", stdout=io.StringIO())
    assert Seite.objects.get(slug="kontakt").title == "An wen können Sie sich wenden?"


def test_a_place_of_section_4_missing_is_refused(content_copy):
    message = load_changed(content_copy, "    platz: hinweise\n", "")
    assert "leichte_sprache.yaml" in message and "BITV 2.0 § 4" in message


def test_a_leitlinie_not_retold_is_refused(content_copy):
    message = load_changed(content_copy, '  "3.6": |-', '  "3.9": |-')
    assert "es fehlen ['3.6']" in message and "unbekannt sind ['3.9']" in message


def test_an_unquoted_key_is_refused_before_yaml_turns_1_10_into_1_1(content_copy):
    message = load_changed(content_copy, '  "2.1": |-', "  2.1: |-")
    assert "Anführungszeichen" in message


def test_a_link_to_a_word_the_woerterbuch_lacks_names_the_text(content_copy):
    message = load_changed(content_copy, "Die [[Stadt·verwaltung]] ist für alle Menschen in Magdeburg da.",
                           "Die [[Stadt·verwalter]] sind für alle Menschen in Magdeburg da.")
    assert "leitlinien.6.4: Nicht im Wörterbuch: Stadt·verwalter." in message


def test_a_word_form_in_two_entries_is_refused(content_copy):
    message = load_changed(content_copy, "    forms: [Stadt·räte]", "    forms: [Stadt·räte, Barriere]")
    assert "„Barriere“ gehört schon zu „Barriere“" in message


def test_a_handlungsfeld_without_its_page_is_refused(content_copy):
    message = load_changed(content_copy, "    handlungsfeld: 6\n", "")
    assert "Eine Seite für jedes Handlungsfeld 1 bis 6" in message


def test_the_accessibility_statement_says_what_the_site_now_offers(client):
    body = PortalSeite.objects.get(key="barrierefreiheit").body
    assert "eine Fassung in Leichter Sprache gibt es noch nicht" not in body
    assert "einen Bereich in Leichter Sprache" in body and "Deutscher Gebärdensprache" in body
    assert "Prüfgruppe" in body
    english = client.get("/en/barrierefreiheit/").content.decode()
    assert "easy-to-read German" in english  # the statement's translations followed

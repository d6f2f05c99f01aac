"""The Leitlinien are a council resolution: what is loaded must be the source, verbatim."""

import filecmp

import pytest

from handlungsfelder.models import Handlungsansatz, Handlungsfeld, Leitlinie, LeitlinienEdition, Zielgruppe
from tests.sources import LEITLINIEN_FILE, SEED_DIR, SHARED_SEED_DIR, leitlinien_statements

pytestmark = pytest.mark.django_db


def test_project_copy_of_the_seeds_is_the_shared_source():
    if not SHARED_SEED_DIR.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    for path in SHARED_SEED_DIR.glob("*.txt"):
        assert filecmp.cmp(path, SEED_DIR / path.name, shallow=False), path.name


def test_all_33_statements_character_for_character():
    edition = LeitlinienEdition.objects.current()
    expected = leitlinien_statements()
    assert [len(expected[n]) for n in range(1, 7)] == [5, 5, 6, 7, 6, 4]
    for number in range(1, 7):
        loaded = list(
            edition.leitlinien.filter(handlungsfeld__number=number).order_by("position").values_list("text_de", flat=True)
        )
        assert loaded == expected[number], f"Handlungsfeld {number}"
    assert edition.leitlinien.count() == 33


def test_typos_of_the_resolution_are_kept():
    texts = " ".join(Leitlinie.objects.values_list("text_de", flat=True))
    assert "niedrighschwellige Formate" in texts
    assert "Erst sie ermöglichen den umfassenden Zugang in alle Lebensbereiche" in texts


def test_sixth_field_paragraph_counts_as_one_statement():
    sixth = list(Leitlinie.objects.filter(handlungsfeld__number=6).order_by("position").values_list("text_de", flat=True))
    assert sixth[2].startswith("Zur Sicherung der Handlungskompetenzen der Mitarbeitenden")


def test_publication_data_of_the_edition():
    edition = LeitlinienEdition.objects.current()
    assert edition.title == "Integrationspolitische Leitlinien der Landeshauptstadt Magdeburg"
    assert edition.resolution_number == "2386-065(VI)/19"
    assert edition.resolution_date.isoformat() == "2019-02-21"
    assert (edition.series, edition.volume) == ("Magdeburg – sozial", 57)
    assert edition.publication_date.isoformat() == "2020-08-01"
    assert edition.preamble.startswith("Die Landeshauptstadt Magdeburg bekennt sich als weltoffene Kommune")
    assert "Bezugspunkte der Magdeburger Integrationsarbeit." in edition.preamble
    source = (SEED_DIR / LEITLINIEN_FILE).read_text(encoding="utf-8")
    for paragraph in edition.preamble.split("\n\n"):
        assert paragraph in source


def test_three_target_groups_with_their_definitions():
    groups = list(Zielgruppe.objects.order_by("position"))
    assert [(g.marker, g.name) for g in groups] == [
        ("*", "bleibeberechtigte Migranten"),
        ("**", "Migranten mit Bleibeperspektive"),
        ("***", "nicht bleibeberechtigte Personen und Asylbewerber"),
    ]
    assert [len(g.definition_items()) for g in groups] == [5, 4, 3]
    assert groups[0].definition_items()[2] == "Eingebürgerte,"
    assert groups[2].definition_items()[1] == "ausreisepflichtige Ausländer laut Paragraph 50 ff. Aufenthaltsgesetz,"


def test_six_fields_with_council_titles_and_ordered_approaches():
    fields = list(Handlungsfeld.objects.all())
    assert [f.number for f in fields] == [1, 2, 3, 4, 5, 6]
    assert fields[0].title.startswith("Internationalität und Weltoffenheit, gegen Diskriminierung")
    assert fields[4].title == "Gesellschaftliche Teilhabe"
    approaches = list(Handlungsansatz.objects.filter(handlungsfeld__number=2).values_list("title", flat=True))
    assert approaches[0] == "Motivation zum Spracherwerb"
    assert approaches[-1] == "Nutzung von Muttersprachen"
    assert Handlungsansatz.objects.count() == 27

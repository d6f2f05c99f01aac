"""The first reporting round: the Zukunftswerkstatt list as evaluated in 2021, loaded as a closed round.

What is expected is read off the sources independently of the loader: the statuses from the
mapping's table in content/magdeburg.yaml, the dates from the seed by hand (as in
test_source_dates.py), the translations from content/translations/<lang>.yaml.
"""

import datetime
import io
import shutil

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from massnahmen.models import Berichtsrunde, Massnahme, Status

from .test_source_dates import expected_date

pytestmark = pytest.mark.django_db

SLUG = "zukunftswerkstatt-auswertung-2021"


def mapped_statuses():
    editorial = yaml.safe_load((settings.CONTENT_DIR / "magdeburg.yaml").read_text(encoding="utf-8"))
    return {item["id"]: item["status"] for entry in editorial["herausforderungen"] for item in entry["massnahmen"]}


def translation(language, german):
    entries = yaml.safe_load((settings.CONTENT_DIR / "translations" / f"{language}.yaml").read_text(encoding="utf-8"))
    return next((entry["text"] for entry in entries if entry["de"] == german), None)


def test_the_first_round_is_closed_with_the_state_the_source_records():
    runde = Berichtsrunde.objects.get(slug=SLUG)
    assert runde.is_closed and runde.snapshot_version == 1 and runde.from_source
    # 18 November 2020: first day of the Zukunftswerkstatt; the source dates the evaluation "Mitte 2021"
    # and its latest note "September 2021": the period reaches to the end of that year.
    assert (runde.period_start, runde.period_end, runde.due_date) == (
        datetime.date(2020, 11, 18), datetime.date(2021, 12, 31), None)
    assert "Zwischenworkshop Mitte 2021" in runde.source
    assert list(Berichtsrunde.objects.closed())[0] == runde and runde.previous() is None
    rows = list(runde.current_snapshots())
    assert {row.external_id: row.status for row in rows} == mapped_statuses()
    assert len(rows) == 22 and all(row.reported for row in rows)
    for row in rows:
        day, precision = expected_date(row.external_id)
        assert (timezone.localtime(row.status_changed_at).date(), row.status_date_precision) == (day, precision)


def test_the_first_round_records_every_language_the_texts_exist_in():
    runde = Berichtsrunde.objects.get(slug=SLUG)
    for code, _name in settings.LANGUAGES:
        assert runde.title_de == "Auswertung der Zukunftswerkstatt 2021"
        if code != "de":
            assert getattr(runde, f"title_{code}") == translation(code, runde.title_de)
    row = runde.current_snapshots().get(external_id="zw2020-04")
    title = Massnahme.objects.get(external_id="zw2020-04").title_de
    assert row.text("title", "de") == title
    for code in ("en", "ar", "uk", "ru", "fa", "tr"):
        assert row.text("title", code) == (translation(code, title) or title)
    assert row.partner_names("de") == ["Team Integrationsgemeinwesenarbeit"]
    assert row.handlungsfeld_titles("en") == [
        translation("en", title) or title for title in
        Massnahme.objects.get(external_id="zw2020-04").handlungsfelder.values_list("title_de", flat=True)]
    assert Status(row.status) == Status.IN_BEARBEITUNG and row.text("progress_note", "de") == "in Bearbeitung"


def test_loading_again_leaves_the_first_round_as_it_was():
    runde = Berichtsrunde.objects.get(slug=SLUG)
    before = list(runde.current_snapshots().values()), runde.closed_at
    call_command("loadcontent", "--update", stdout=io.StringIO())
    runde.refresh_from_db()
    assert (list(runde.current_snapshots().values()), runde.closed_at) == before


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


@pytest.mark.parametrize("old, new, message", [
    ("Der Umsetzungsstand wird in einem Zwischenworkshop Mitte 2021", "Der Umsetzungsstand wird Ende 2020",
     "steht nicht in der Quelle"),
    ("period_end: 2021-12-31", "period_end: 2021-06-30", "zw2020-21 ist auf 01.09.2021 datiert"),
    ("projekte: [vielfalt-gestalten]", "projekte: [unbekannt]", r"berichtsrunden\[0\]\.projekte: „unbekannt“"),
])
def test_a_wrong_round_in_the_content_file_is_named_and_nothing_is_written(content_copy, old, new, message):
    path = content_copy / "magdeburg.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    # Under a new slug: the round would be written if the check let it through.
    path.write_text(text.replace(old, new, 1).replace(f"slug: {SLUG}", "slug: zweiter-versuch"), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("loadcontent", "--content-dir", str(content_copy), stdout=io.StringIO())
    assert not Berichtsrunde.objects.filter(slug="zweiter-versuch").exists()


def test_a_new_round_from_the_sources_is_loaded_closed(content_copy):
    path = content_copy / "magdeburg.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"slug: {SLUG}", "slug: zweiter-versuch"), encoding="utf-8")
    call_command("loadcontent", "--content-dir", str(content_copy), stdout=io.StringIO())
    assert Berichtsrunde.objects.get(slug="zweiter-versuch").current_snapshots().count() == 22

"""loadcontent: idempotent, and on malformed input it names the place and writes nothing."""

import io
import shutil

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.conf import settings

from handlungsfelder.models import Integrationskonzept, LeitlinienEdition
from massnahmen.models import Herausforderung, Massnahme, StatusChange
from netzwerk.models import Netzwerk, Netzwerkpartner, Projekt, Thema

pytestmark = pytest.mark.django_db


def snapshot():
    from django.apps import apps

    models = [m for app in ("handlungsfelder", "netzwerk", "massnahmen") for m in apps.get_app_config(app).get_models()]
    return serializers.serialize("json", [obj for model in models for obj in model.objects.order_by("pk")])


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


def run(*args):
    out = io.StringIO()
    call_command("loadcontent", *args, stdout=out)
    return out.getvalue()


# About 2 s: two full runs of loadcontent over the whole concept (the second with --update).
def test_second_run_changes_nothing():
    before = snapshot()
    assert "nichts geändert" in run()
    assert "nichts geändert" in run("--update")
    assert snapshot() == before


def test_everything_of_the_concept_is_loaded():
    assert Herausforderung.objects.count() == 10
    assert Herausforderung.objects.filter(massnahmen__isnull=True).count() == 2
    assert Massnahme.objects.count() == 22
    assert Thema.objects.count() == 11
    netzwerk = Netzwerk.objects.get()
    assert netzwerk.founded_year == 2005
    assert netzwerk.ansprechstelle.contact_role == "Koordinator für Integration und Zuwanderung"
    assert "Stabsstelle V/02" in netzwerk.ansprechstelle.address
    projekt = Projekt.objects.get()
    assert projekt.title == "Vielfalt gestalten – Integration im Gemeinwesen"
    assert (projekt.start_date.isoformat(), projekt.end_date.isoformat()) == ("2020-03-01", "2022-06-30")
    assert {f.ebene for f in projekt.finanzierungsquellen.all()} == {"eu", "land"}
    assert projekt.stadtteile.count() == 2
    assert Netzwerkpartner.objects.filter(typ="jobcenter").exists()
    assert Integrationskonzept.objects.get().goal_items()[3] == "Erarbeitung integrationspolitischer Leitlinien"


def test_unknown_status_in_the_mapping_names_the_place_and_writes_nothing(content_copy):
    path = content_copy / "magdeburg.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: umgesetzt", "status: erledigt", 1), encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run("--content-dir", str(content_copy), "--update")
    message = str(error.value)
    assert "magdeburg.yaml" in message and "herausforderungen[0].massnahmen[0]" in message
    assert "Unbekannter Status „erledigt“" in message
    assert snapshot() == before


def test_broken_seed_names_file_and_line(content_copy):
    seed = content_copy / "seeds" / "001_8e0c274e21589b6e.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Handlungsfeld 3 „", "Handlungsfeld 7 „"), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run("--content-dir", str(content_copy))
    assert "001_8e0c274e21589b6e.txt, Zeile" in str(error.value)
    assert "Handlungsfeld 3 erwartet, 7 gefunden" in str(error.value)


def test_invalid_utf8_is_reported_not_crashed(content_copy):
    seed = content_copy / "seeds" / "003_a761de9ea3f16c65.txt"
    seed.write_bytes(seed.read_bytes() + b"\xff\xfe broken")
    with pytest.raises(CommandError, match="Kein gültiges UTF-8"):
        run("--content-dir", str(content_copy))


def test_failure_midway_rolls_back_what_was_already_written(content_copy):
    skizze = content_copy / "seeds" / "000_39c83b171704c4d3.txt"
    skizze.write_text(skizze.read_text(encoding="utf-8").replace("2018 bis 2022", "2018 bis 2023"), encoding="utf-8")
    leitlinien = content_copy / "seeds" / "001_8e0c274e21589b6e.txt"
    leitlinien.write_text(
        leitlinien.read_text(encoding="utf-8").replace("Spätaussiedler,", "Spätaussiedler;").replace(
            "wird strikt abgelehnt.", "werden strikt abgelehnt."),
        encoding="utf-8",
    )
    before = snapshot()
    with pytest.raises(CommandError, match="veröffentlichte"):
        run("--content-dir", str(content_copy), "--update")
    assert snapshot() == before
    assert Integrationskonzept.objects.get().period == "2018 bis 2022"


def test_measure_state_is_never_reset_by_a_later_run(staff_user):
    massnahme = Massnahme.objects.get(external_id="zw2020-01")
    massnahme.change_status("eingestellt", note="Stelle ausgelaufen", by=staff_user)
    run("--update")
    massnahme.refresh_from_db()
    assert massnahme.status == "eingestellt"
    assert StatusChange.objects.filter(massnahme=massnahme).count() == 2
    assert LeitlinienEdition.objects.published().count() == 1

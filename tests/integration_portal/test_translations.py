"""Content in seven languages, and staff's view of what is translated and what is outdated."""

import re
import subprocess

import pytest
import yaml
from django.conf import settings

from handlungsfelder.models import Handlungsfeld, Leitlinie, LeitlinienEdition
from core.models import SourceText, TranslationRecord
from massnahmen.models import Massnahme
from netzwerk.models import Netzwerk

pytestmark = pytest.mark.django_db
FULL = ["en", "ar", "uk"]
CORE = ["ru", "fa", "tr"]


def translation_file(language):
    """The shipped translations, read as plain YAML (independently of the loader)."""
    path = settings.CONTENT_DIR / "translations" / f"{language}.yaml"
    return {entry["de"]: entry["text"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("language", FULL + CORE)
def test_leitlinien_page_shows_each_statement_in_the_language(client, language):
    expected = translation_file(language)
    html = client.get(f"/{language}/leitlinien/").content.decode()
    html = html.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
    # The text as read: German names inside Arabic or Persian statements are isolated (<bdi>).
    html = re.sub(r"</?bdi[^>]*>", "", html)
    edition = LeitlinienEdition.objects.current()
    for statement in edition.leitlinien.all():
        translated = expected[statement.text_de]
        assert translated and translated != statement.text_de
        assert translated in html, (language, statement.handlungsfeld.number, statement.position)
        assert statement.text_de not in html
    for feld in Handlungsfeld.objects.all():
        assert expected[feld.title_de] in html


@pytest.mark.parametrize("language", FULL)
def test_full_content_is_translated_in_en_ar_uk(language):
    records = TranslationRecord.objects.filter(language=language)
    assert records.count() == SourceText.objects.count()
    assert not records.outdated().exists()


@pytest.mark.parametrize("language", CORE)
def test_leitlinien_and_fields_are_translated_in_ru_fa_tr(language):
    for model in (Leitlinie, Handlungsfeld, LeitlinienEdition):
        for obj in model.objects.all():
            for field in ("text", "title", "preamble"):
                if hasattr(obj, f"{field}_de") and getattr(obj, f"{field}_de"):
                    assert getattr(obj, f"{field}_{language}"), (model.__name__, obj.pk, field)


def record(obj, field, language):
    return TranslationRecord.objects.get(
        source__object_id=obj.pk, source__field=field, language=language,
        source__content_type__model=type(obj)._meta.model_name,
    )


def test_unchanged_save_marks_nothing_outdated():
    for obj in Massnahme.objects.all():
        obj.save()
    Netzwerk.objects.get().save()
    assert not TranslationRecord.objects.outdated().exists()


def test_changed_german_makes_translations_outdated_until_edited_or_confirmed(staff_user):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    massnahme.title_de = "Übersicht über kostenfreie Nachhilfe"
    massnahme.save()
    assert all(record(massnahme, "title", lang).is_outdated for lang in FULL + CORE)
    assert not record(massnahme, "progress_note", "en").is_outdated

    massnahme.title_en = "Overview of free tutoring"
    massnahme.save()
    assert not record(massnahme, "title", "en").is_outdated
    assert record(massnahme, "title", "ar").is_outdated

    TranslationRecord.objects.filter(pk=record(massnahme, "title", "ar").pk).confirm(staff_user)
    assert not record(massnahme, "title", "ar").is_outdated
    coverage = {row["language"]: row for row in SourceText.objects.coverage()}
    assert coverage["en"]["outdated"] == 0
    assert coverage["uk"]["outdated"] == 1
    assert coverage["en"]["missing"] == 0


def test_coverage_is_two_queries(django_assert_num_queries):
    with django_assert_num_queries(2):
        SourceText.objects.coverage()


def test_staff_see_coverage_and_outdated_translations(staff_client):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    massnahme.title_de = "Neuer deutscher Titel"
    massnahme.save()
    page = staff_client.get("/admin/core/translationrecord/?stand=veraltet&language__exact=ar")
    assert page.status_code == 200
    assert page.context["cl"].result_count == 1
    assert "Übersetzungsstand" in page.content.decode()


def test_interface_catalogues_are_complete():
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        po = settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"
        result = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, (code, result.stderr)


# About 2 s: makemessages scans every template and module in a subprocess.
def test_makemessages_finds_no_new_string(tmp_path):
    """Every interface string in code and templates is in the catalogues, translated."""
    import shutil
    import sys

    base = settings.BASE_DIR
    skip = {".venv", "node_modules", "tests", ".git", "staticfiles", "var", "media", "bench", "docs", "content"}
    for source in base.iterdir():
        if source.name in skip or source.name.startswith("."):
            continue
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / source.name)
    languages = [arg for code, _n in settings.LANGUAGES if code != settings.LANGUAGE_CODE for arg in ("-l", code)]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *languages, "--no-obsolete", "-v0"],
        cwd=tmp_path, check=True, capture_output=True,
    )
    for code in languages[1::2]:
        result = subprocess.run(
            ["msgfmt", "--statistics", "-o", "/dev/null", str(tmp_path / "locale" / code / "LC_MESSAGES" / "django.po")],
            capture_output=True, text=True,
        )
        assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, (code, result.stderr)

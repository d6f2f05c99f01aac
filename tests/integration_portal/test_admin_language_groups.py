"""Every admin form with translated fields shows German first and each other language folded."""

import re

import pytest
from django.utils.translation import override
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from modeltranslation.admin import TranslationAdmin

from core.admin import LanguageGroupsMixin

GERMAN_NAMES = ["Englisch", "Arabisch", "Ukrainisch", "Russisch", "Persisch", "Türkisch"]
TRANSLATED_ADMINS = [model_admin for model_admin in admin.site._registry.values() if isinstance(model_admin, TranslationAdmin)]


def test_every_translated_admin_groups_languages():
    assert len(TRANSLATED_ADMINS) >= 15
    assert all(isinstance(model_admin, LanguageGroupsMixin) for model_admin in TRANSLATED_ADMINS)


@pytest.mark.parametrize("model_admin", TRANSLATED_ADMINS, ids=lambda a: a.model.__name__)
def test_german_fields_first_each_language_folded_at_the_end(model_admin, staff_user):
    request = RequestFactory().get("/admin/")
    request.user = staff_user
    with override("de"):
        fieldsets = [(str(title) if title else None, options) for title, options in model_admin.get_fieldsets(request)]
    folded = fieldsets[-len(GERMAN_NAMES):]
    assert [title for title, _options in folded] == GERMAN_NAMES
    assert all(options["classes"] == ["collapse"] for _title, options in folded)
    for (_title, options), (code, _name) in zip(folded, settings.LANGUAGES[1:]):
        assert options["fields"] and all(field.endswith(f"_{code}") for field in options["fields"])
    german = {field for _title, options in fieldsets[:-len(GERMAN_NAMES)] for field in options["fields"]}
    originals = model_admin.trans_opts.all_fields
    translations = {f"{name}_{code}" for name in originals for code, _name in settings.LANGUAGES[1:]}
    assert {f"{name}_de" for name in originals} <= german
    assert not german & translations


def test_measure_keeps_its_own_fieldsets_before_the_languages(staff_user):
    from massnahmen.models import Massnahme

    request = RequestFactory().get("/admin/")
    request.user = staff_user
    with override("de"):
        titles = [str(title) if title else None for title, _o in admin.site._registry[Massnahme].get_fieldsets(request)]
    assert titles == [None, "Freigabe", "Stand", "Zuordnung", "Herkunft und Finanzierung", "Verwaltung", *GERMAN_NAMES]


@pytest.mark.django_db
def test_field_page_lists_approaches_in_german_with_a_link_to_their_translations(staff_client):
    from handlungsfelder.models import Handlungsfeld

    feld = Handlungsfeld.objects.get(number=1)
    approach = feld.handlungsansaetze.order_by("position").first()
    page = staff_client.get(f"/admin/handlungsfelder/handlungsfeld/{feld.pk}/change/").content.decode()
    assert 'name="handlungsansaetze-0-title_de"' in page and "handlungsansaetze-0-title_en" not in page
    assert f'href="/admin/handlungsfelder/handlungsansatz/{approach.pk}/change/"' in page
    folded = re.findall(r"<details><summary>\s*<h2[^>]*>([^<]+)</h2>\s*</summary>", page)
    assert folded == GERMAN_NAMES

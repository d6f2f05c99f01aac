"""The translation desk (core/translation_desk.py, core/desk_views.py): per language, outdated and
missing texts first; one text beside its German source, with the German change as a word diff;
saving goes through the content object (stamp, state, version); "unverändert" confirms; a
translator uses the desk and nothing else."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, reverse

from core.models import ContentStamp, SourceText, TranslationRecord, TranslationState
from core.translation_desk import (DESK_LANGUAGES, TRANSLATOR_GROUP, DeskText, queue, translator_group,
                                   word_diff)
from core.translation_state import sync_translation_states
from massnahmen.models import Freigabe, Massnahme
from tests.conftest import PortalClient
from tests.factories import make_measures

pytestmark = pytest.mark.django_db


def text_url(language, source, query=""):
    return reverse("admin:translation_desk_text", args=[language, source.pk]) + query


def source_of(obj, field):
    return SourceText.objects.get(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, field=field)


@pytest.fixture
def measure():
    """A public measure translated into every language, its German description changed since."""
    massnahme = Massnahme.objects.filter(freigabe=Freigabe.FREIGEGEBEN).exclude(description_de="").first()
    for code in DESK_LANGUAGES:
        setattr(massnahme, f"description_{code}", f"Übersetzung {code}: {massnahme.description_de}")
        setattr(massnahme, f"title_{code}", f"Titel {code}")
    massnahme.save()
    massnahme.refresh_from_db()
    massnahme.description_de = "Die Stadt fördert Sprachkurse für Erwachsene."
    massnahme.save()
    massnahme.refresh_from_db()
    massnahme.description_de = "Die Stadt fördert Sprachkurse für Kinder und Erwachsene."
    massnahme.save()
    massnahme.refresh_from_db()
    return massnahme


@pytest.fixture
def translator(django_user_model):
    user = django_user_model.objects.create_user("uebersetzung", is_staff=True)
    user.groups.add(translator_group())
    return user


@pytest.fixture
def translator_client(translator):
    client = PortalClient()
    client.force_login(translator)
    return client


def test_the_translator_group_has_the_desk_permission_and_nothing_else():
    group = Group.objects.get(name=TRANSLATOR_GROUP)  # made by migrate (core.apps: prepare_desk)
    assert [f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()] == ["core.use_translation_desk"]


def test_desk_start_counts_per_language(staff_client):
    response = staff_client.get(reverse("admin:translation_desk"))
    assert response.status_code == 200
    rows = {row["language"]: row for row in response.context["rows"]}
    assert list(rows) == ["en", "ar", "uk", "ru", "fa", "tr"]
    total = SourceText.objects.count()
    for code, row in rows.items():
        records = TranslationRecord.objects.filter(language=code)
        outdated = sum(1 for r in records.select_related("source") if r.source_hash != r.source.source_hash)
        assert (row["missing"], row["outdated"], row["current"]) == (
            total - records.count(), outdated, records.count() - outdated)
        assert reverse("admin:translation_desk_language", args=[code]) in response.content.decode()


def test_queue_lists_outdated_then_missing_and_names_each_text_readably(staff_client, measure):
    # the fixture made the measure's description outdated in every language; a new text is missing
    new = Massnahme.objects.exclude(pk=measure.pk).filter(freigabe=Freigabe.FREIGEGEBEN).first()
    new.next_steps_de, new.next_steps_en = "Neuer Schritt", ""
    new.save()
    response = staff_client.get(reverse("admin:translation_desk_language", args=["en"]), {"stand": "alle"})
    assert response.status_code == 200
    states = [source.state for source in queue("en", states=list(TranslationState))]
    ranks = [[TranslationState.VERALTET, TranslationState.FEHLT, TranslationState.AKTUELL].index(s) for s in states]
    assert ranks == sorted(ranks) and states[0] == TranslationState.VERALTET and TranslationState.FEHLT in states
    open_ids = list(queue("en").values_list("pk", flat=True))
    assert source_of(measure, "description").pk in open_ids and source_of(new, "next_steps").pk in open_ids
    assert source_of(new, "title").pk not in open_ids  # translated and current
    first = response.context["texts"][0]
    assert first.state == TranslationState.VERALTET
    content = response.content.decode()
    assert "#" not in re.sub(r"<[^>]+>", "", content.split('id="desk-queue"')[1].split("</table>")[0])
    row = next(source for source in response.context["texts"] if source.pk == source_of(measure, "description").pk)
    assert (row.label, str(row.field_label), str(row.kind)) == (measure.title_de, "Beschreibung", "Maßnahme")


def test_queue_filters_by_kind_and_state(staff_client, measure):
    massnahme_type = ContentType.objects.get_for_model(Massnahme)
    url = reverse("admin:translation_desk_language", args=["ar"])
    response = staff_client.get(url, {"art": massnahme_type.pk, "stand": "veraltet"})
    texts = list(response.context["texts"])
    assert texts and all(t.content_type_id == massnahme_type.pk and t.state == "veraltet" for t in texts)
    assert response.context["result_count"] == queue("ar", kind=massnahme_type, states=["veraltet"]).count()
    # made-up filter values are the defaults, not an error
    assert staff_client.get(url, {"art": "x'", "stand": "<b>", "seite": "99999999999999999999"}).status_code == 200


def test_text_page_shows_the_german_source_beside_the_translation(staff_client, measure):
    source = source_of(measure, "description")
    response = staff_client.get(text_url("en", source))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<div class="desk-source" lang="de" dir="ltr" id="desk-source">' \
           "Die Stadt fördert Sprachkurse für Kinder und Erwachsene.</div>" in content
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", content, re.S)
    assert 'lang="en"' in textarea.group(0) and 'dir="ltr"' in textarea.group(0)
    assert textarea.group(1).strip().startswith("Übersetzung en:")
    assert "Unverändert, noch richtig" in content and "Überspringen" in content and "Speichern und weiter" in content


@pytest.mark.parametrize("language,direction", [("ar", "rtl"), ("fa", "rtl"), ("uk", "ltr"), ("tr", "ltr")])
def test_the_translation_field_carries_language_and_direction(staff_client, measure, language, direction):
    content = staff_client.get(text_url(language, source_of(measure, "title"))).content.decode()
    textarea = re.search(r"<textarea[^>]*>", content).group(0)
    assert f'lang="{language}"' in textarea and f'dir="{direction}"' in textarea


def test_diff_shows_exactly_the_changed_words():
    diff = str(word_diff("Die Stadt fördert Sprachkurse für Erwachsene.",
                         "Die Stadt fördert Sprachkurse für Kinder und Erwachsene."))
    assert re.findall(r"<ins>(.*?)</ins>", diff) == ['<span class="visually-hidden">eingefügt: </span>Kinder und']
    assert "<del>" not in diff
    diff = str(word_diff("Beratung  am Montag\n\nim Rathaus", "Beratung am Dienstag\nim Rathaus"))
    assert re.findall(r"<del>.*?</span>(.*?)</del>", diff) == ["Montag"]
    assert re.findall(r"<ins>.*?</span>(.*?)</ins>", diff) == ["Dienstag"]
    assert "Beratung" in diff and "Rathaus" in diff  # unchanged words (and whitespace changes) stay plain
    diff = str(word_diff("Text", "Text <script>alert(1)</script> & mehr"))
    assert "<script>" not in diff and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr" in diff


def test_outdated_text_shows_the_german_change_as_a_diff(staff_client, measure):
    content = staff_client.get(text_url("ar", source_of(measure, "description"))).content.decode()
    diff = content.split('id="desk-diff"')[1].split("</div>")[0]
    assert re.findall(r"<ins>.*?</span>(.*?)</ins>", diff) == ["Kinder und"] and "<del>" not in diff
    assert "eingefügt:" in diff
    assert "durchgestrichen" in content and "unterstrichen" in content  # the legend


def test_saving_a_translation_updates_the_public_page_and_goes_on(staff_client, measure, staff_user):
    source = source_of(measure, "title")
    public = reverse("massnahmen:detail", args=[measure.pk]).replace("/de/", "/en/")
    assert "Titel en" in PortalClient().get(public).content.decode()  # cached now
    stamp = ContentStamp.identity()
    page = staff_client.get(text_url("en", source))
    form = page.context["form"]
    response = staff_client.post(text_url("en", source), {
        **{name: form.initial[name] for name in ("seen_german", "seen_translation")},
        "seen_version": measure.version, "text": "Language courses for everyone", "action": "save"})
    assert response.status_code == 302 and response["Location"] == page.context["next_url"]
    assert ContentStamp.identity() != stamp
    assert "Language courses for everyone" in PortalClient().get(public).content.decode()
    measure.refresh_from_db()
    assert measure.title_en == "Language courses for everyone" and measure.version == form.initial["seen_version"] + 1
    record = TranslationRecord.objects.get(source=source, language="en")
    assert record.confirmed_by == staff_user and not record.is_outdated


def test_unchanged_confirms_an_outdated_translation_without_changing_it(staff_client, measure):
    source = source_of(measure, "description")
    before = measure.description_tr
    form = staff_client.get(text_url("tr", source)).context["form"]
    assert TranslationRecord.objects.get(source=source, language="tr").is_outdated
    response = staff_client.post(text_url("tr", source), {**form.initial, "seen_version": form.initial["seen_version"],
                                                           "text": before, "action": "confirm"})
    assert response.status_code == 302
    assert not TranslationRecord.objects.get(source=source, language="tr").is_outdated
    assert TranslationRecord.objects.get(source=source, language="ar").is_outdated  # only this language
    measure.refresh_from_db()
    assert measure.description_tr == before


def test_saving_an_outdated_translation_unchanged_keeps_it_outdated_and_says_so(staff_client, measure):
    source = source_of(measure, "description")
    form = staff_client.get(text_url("ru", source)).context["form"]
    response = staff_client.post(text_url("ru", source), {**form.initial, "action": "save"})
    assert response.status_code == 200
    assert "Unverändert, noch richtig" in str(response.context["form"].errors["text"])
    assert TranslationRecord.objects.get(source=source, language="ru").is_outdated


def test_an_empty_translation_is_refused_and_the_text_stays_missing(staff_client, measure):
    massnahme = measure
    massnahme.description_fa = ""
    massnahme.save()
    source = source_of(massnahme, "description")
    form = staff_client.get(text_url("fa", source)).context["form"]
    response = staff_client.post(text_url("fa", source), {**form.initial, "seen_version": massnahme.version + 0,
                                                          "text": "   ", "action": "save"})
    assert response.status_code == 200
    assert "Bitte geben Sie eine Übersetzung ein" in response.content.decode()
    assert not TranslationRecord.objects.filter(source=source, language="fa").exists()


def test_a_measure_saved_meanwhile_is_a_conflict_not_an_overwrite(staff_client, measure, staff_user):
    source = source_of(measure, "description")
    form = staff_client.get(text_url("uk", source)).context["form"]
    seen = {**form.initial}
    # meanwhile a partner reports a status, and someone saves another Ukrainian description
    fresh = Massnahme.objects.get(pk=measure.pk)
    fresh.description_uk = "Чужий переклад"
    fresh.save()
    response = staff_client.post(text_url("uk", source), {**seen, "text": "Мій переклад", "action": "save"})
    assert response.status_code == 409
    content = response.content.decode()
    assert "nachdem Sie ihn geöffnet haben" in content and "Чужий переклад" in content and "Мій переклад" in content
    assert Massnahme.objects.get(pk=measure.pk).description_uk == "Чужий переклад"
    # the form now carries today's values: saving again knowingly replaces it
    again = response.context["form"]
    response = staff_client.post(text_url("uk", source), {**{k: again.data[k] for k in seen}, "text": "Мій переклад",
                                                          "action": "save"})
    assert response.status_code == 302
    assert Massnahme.objects.get(pk=measure.pk).description_uk == "Мій переклад"


def test_a_status_report_meanwhile_claims_the_version_first(staff_client, measure):
    source = source_of(measure, "title")
    seen = {**staff_client.get(text_url("en", source)).context["form"].initial}
    fresh = Massnahme.objects.get(pk=measure.pk)
    fresh.change_status(fresh.status, note="Stand bestätigt")
    response = staff_client.post(text_url("en", source), {**seen, "text": "New title", "action": "save"})
    assert response.status_code == 409 and "anderweitig gespeichert" in response.content.decode()
    assert Massnahme.objects.get(pk=measure.pk).title_en == "Titel en"


def test_skip_goes_to_the_next_text_of_the_queue(staff_client, measure):
    measure.title_de, measure.next_steps_de = "Neuer Titel", "Nächster Schritt"
    measure.save()
    ids = list(queue("en").values_list("pk", flat=True))
    assert len(ids) >= 3
    page = staff_client.get(text_url("en", SourceText.objects.get(pk=ids[0])))
    assert page.context["next_url"] == reverse("admin:translation_desk_text", args=["en", ids[1]])
    last = staff_client.get(text_url("en", SourceText.objects.get(pk=ids[-1])))
    assert last.context["next_url"] == reverse("admin:translation_desk_text", args=["en", ids[0]])  # round again


def test_desk_text_reads_the_outdated_wording():
    source = SourceText.objects.filter(content_type__model="massnahme", field="title",
                                       translations__language="en").first()
    massnahme = Massnahme.objects.get(pk=source.object_id)
    old = massnahme.title_de
    massnahme.title_de = old + " (neu)"
    massnahme.save()
    text = DeskText(source_of(massnahme, "title"), "en")
    assert text.state == TranslationState.VERALTET and text.old_german == old


# -- who may use the desk ----------------------------------------------------------------------------

def admin_urls():
    """(route, name, pattern) of every route of the admin site."""
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern
    for route, pattern in walk(admin.site.get_urls()):
        yield route, pattern.name, pattern


STANDARD_VIEWS = ("_changelist", "_add", "_change", "_delete", "_history", "_autocomplete")


def test_a_translator_uses_the_desk_and_nothing_else(translator_client, measure):
    desk = [reverse("admin:translation_desk"), reverse("admin:translation_desk_language", args=["ar"]),
            text_url("ar", source_of(measure, "description"))]
    for url in desk:
        assert translator_client.get(url).status_code == 200, url
    index = translator_client.get(reverse("admin:index"))
    assert [str(app["name"]) for app in index.context["app_list"]] == ["Übersetzungen"]
    assert [model["admin_url"] for model in index.context["app_list"][0]["models"]] == [desk[0]]
    refused = {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        obj = model._default_manager.first()
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                reverse(f"admin:{opts.app_label}_{opts.model_name}_add")]
        if obj is not None:
            urls += [reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])
                     for view in ("change", "delete", "history")]
        # the model admin's own views (import, export, sending an invitation again, …)
        for route, name, pattern in admin_urls():
            if name and name.startswith(f"{opts.app_label}_{opts.model_name}_") and not name.endswith(STANDARD_VIEWS):
                ids = {key: (obj.pk if key == "object_id" and obj else 1) for key in pattern.pattern.converters}
                urls.append(reverse(f"admin:{name}", kwargs=ids))
        for url in urls:
            for method in (translator_client.get, translator_client.post):
                status = method(url).status_code
                if status not in (302, 403, 404, 405):  # 405: a GET of a POST-only view
                    refused[url] = status
    assert not refused, refused
    assert translator_client.get(reverse("admin:app_list", args=["massnahmen"])).status_code == 404


def test_every_admin_route_is_checked_for_translators():
    """The walk above covers each model admin's routes (its own views, import and export); a route
    of the site itself must be named here, so a new one is checked for translators on purpose."""
    known = {"index", "login", "logout", "password_change", "password_change_done", "autocomplete", "jsi18n",
             "view_on_site", "app_list", "translation_desk", "translation_desk_language", "translation_desk_text",
             None}
    others = {name for _route, name, _pattern in admin_urls()
              if name not in known and not any(name.startswith(f"{m._meta.app_label}_{m._meta.model_name}_")
                                               for m in admin.site._registry)}
    assert not others, f"admin routes outside the translator walk: {others}"


def test_staff_without_the_permission_cannot_use_the_desk(django_user_model):
    clerk = django_user_model.objects.create_user("sachbearbeitung", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(content_type__app_label="massnahmen"))
    client = PortalClient()
    client.force_login(clerk)
    assert client.get(reverse("admin:translation_desk")).status_code == 403
    assert "translation_desk" not in str(client.get(reverse("admin:index")).context["app_list"])
    assert PortalClient().get(reverse("admin:translation_desk")).status_code == 302  # anonymous: to the login


# -- query counts ------------------------------------------------------------------------------------

def add_untranslated(measures):
    """Measures without an English title, with their translation state (bulk_create sends no signal)."""
    Massnahme.objects.filter(pk__in=[m.pk for m in measures]).update(title_en="")
    sync_translation_states([(m, True) for m in Massnahme.objects.filter(pk__in=[m.pk for m in measures])])


def queue_queries(client, kind):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("admin:translation_desk_language", args=["en"]), {"art": kind, "stand": "fehlt"})
        assert response.status_code == 200
    return len(context.captured_queries), response.context["result_count"]


# About 1 s: 400 measures and their translation state.
def test_queue_queries_do_not_grow_with_the_texts(staff_client):
    kind = ContentType.objects.get_for_model(Massnahme).pk
    staff_client.get(reverse("admin:translation_desk_language", args=["en"]))  # content types cached
    before = queue("en", kind=kind, states=["fehlt"]).count()
    measures = make_measures(10, prefix="wenige")
    add_untranslated(measures)
    few, count_few = queue_queries(staff_client, kind)
    measures = make_measures(400, prefix="viele")
    add_untranslated(measures)
    many, count_many = queue_queries(staff_client, kind)
    assert count_many - count_few == 800 and count_few >= before + 20
    assert few == many, f"{few} queries with {count_few} texts, {many} with {count_many}"
    # all kinds at once: one query per kind on the page at most
    with CaptureQueriesContext(connection) as context:
        staff_client.get(reverse("admin:translation_desk_language", args=["en"]), {"stand": "alle"})
    assert len(context.captured_queries) <= few + len(ContentType.objects.all())


def test_every_kind_of_text_opens_at_the_desk(staff_client):
    """One text of each translated model: its page names it and shows its German text."""
    for content_type_id in SourceText.objects.values_list("content_type", flat=True).distinct():
        source = SourceText.objects.filter(content_type_id=content_type_id).first()
        response = staff_client.get(text_url("fa", source))
        assert response.status_code == 200, source
        text = response.context["text"]
        assert text.german and text.german[:40] in response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")

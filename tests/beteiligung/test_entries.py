"""Citizens raise challenges and ideas; nothing is public before staff looked at it; staff answer
in the open (four states), keep internal remarks internal, hide what breaks the rules, and adopt
entries as measures (linked both ways)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from beteiligung.adoption import adopt_as_measure
from beteiligung.models import Hiding, ModerationChange, ModerationError, State
from beteiligung.signals import entry_changed, entry_hidden
from massnahmen.models import Freigabe, Herausforderung

from .helpers import entry_post

pytestmark = pytest.mark.django_db


def public_pages(client, entry):
    """Every public page an entry could appear on, in German and in its own language."""
    pages = []
    for language in ("de", entry.language):
        with translation.override(language):
            for url in (reverse("beteiligung:list"), reverse("portal:search") + "?q=Spielplatz",
                        reverse("beteiligung:entry", args=[entry.pk])):
                response = client.get(url)
                pages.append((url, response.status_code, response.content.decode()))
    return pages


@pytest.mark.parametrize("language,title,text", [
    ("de", "Spielplatz am Neustädter See", "Der Spielplatz ist kaputt und Kinder treffen sich dort."),
    ("ar", "ملعب للأطفال Spielplatz", "نحتاج إلى ملعب جديد للأطفال في الحي."),
    ("uk", "Дитячий майданчик Spielplatz", "Потрібен новий дитячий майданчик у районі."),
])
def test_submit_in_a_language_is_stored_as_written_and_not_public_before_moderation(client, language, title, text):
    response = entry_post(client, language, title, text)
    with translation.override(language):
        assert response.status_code == 302 and response["Location"] == reverse("beteiligung:thanks")
    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    with translation.override(language):
        assert translation.gettext("Danke für Ihren Eintrag") in html
    entry = Herausforderung.objects.get(**{f"title_{language}": title})
    assert (entry.text, entry.language, entry.kind) == (text, language, "idee")
    assert entry.beteiligungsformat.slug == "online-beteiligung"
    assert entry.moderation.state == State.EINGEGANGEN
    assert not Herausforderung.objects.public().filter(pk=entry.pk).exists()
    for url, status, content in public_pages(client, entry):
        assert title not in content and text not in content, url
        if "/beteiligung/" in url and url.rstrip("/").endswith(str(entry.pk)):
            assert status == 404


def test_the_four_states_with_their_public_answers(client, staff_user):
    entry_post(client, "de", "Mehr Sprachkurse am Abend")
    entry = Herausforderung.objects.get(title_de="Mehr Sprachkurse am Abend")
    page = reverse("beteiligung:entry", args=[entry.pk])
    moderation = entry.moderation

    moderation.change_state(State.IN_PRUEFUNG, "Wir sprechen mit den Kursträgern.", by=staff_user)
    html = client.get(page).content.decode()
    assert "in Prüfung" in html and "Wir sprechen mit den Kursträgern." in html

    with pytest.raises(ValidationError):
        moderation.change_state(State.NICHT_AUFGENOMMEN, "  ", by=staff_user)
    moderation.change_state(State.NICHT_AUFGENOMMEN, "Dafür ist das Land zuständig.", by=staff_user)
    html = client.get(page).content.decode()
    assert "nicht aufgenommen" in html and "Dafür ist das Land zuständig." in html

    moderation.change_state(State.AUFGENOMMEN, "Wir nehmen es auf.", by=staff_user)
    html = client.get(page).content.decode()
    assert "aufgenommen" in html and "Wir nehmen es auf." in html
    # The history keeps every answer; the first row (eingegangen) is not public.
    assert "Wir sprechen mit den Kursträgern." in html and "Dafür ist das Land zuständig." in html
    assert list(entry.moderation_changes.order_by("pk").values_list("new_state", flat=True)) == [
        "eingegangen", "in_pruefung", "nicht_aufgenommen", "aufgenommen"]
    moderation.change_state(State.EINGEGANGEN, "", by=staff_user)
    assert client.get(page).status_code == 404  # back to "eingegangen": not public any more


def test_history_rows_are_records(staff_user, client):
    entry_post(client, "de", "Ein Eintrag mit Verlauf")
    change = ModerationChange.objects.get(entry__title_de="Ein Eintrag mit Verlauf")
    with pytest.raises(ModerationError):
        change.save()
    with pytest.raises(ModerationError):
        change.delete()
    with pytest.raises(ModerationError):
        ModerationChange.objects.filter(pk=change.pk).update(public_answer="x")


def test_signals_tell_following_about_public_changes_and_hiding(client, staff_user, django_capture_on_commit_callbacks):
    changed, hidden = [], []
    entry_changed.connect(lambda **kw: changed.append(kw), weak=False, dispatch_uid="test-changed")
    entry_hidden.connect(lambda **kw: hidden.append(kw), weak=False, dispatch_uid="test-hidden")
    try:
        entry_post(client, "de", "Signaltest")
        entry = Herausforderung.objects.get(title_de="Signaltest")
        with django_capture_on_commit_callbacks(execute=True):
            change = entry.moderation.change_state(State.IN_PRUEFUNG, "Danke!", by=staff_user)
        assert [(kw["entry"].pk, kw["change"].pk) for kw in changed] == [(entry.pk, change.pk)]
        with django_capture_on_commit_callbacks(execute=True):
            Hiding.hide(entry, "werbung", "Bitte keine Werbung.", by=staff_user)
        assert hidden[0]["entry"] == entry and hidden[0]["reason"] == "werbung"
        assert hidden[0]["hiding"].explanation == "Bitte keine Werbung."
    finally:
        entry_changed.disconnect(dispatch_uid="test-changed")
        entry_hidden.disconnect(dispatch_uid="test-hidden")


def test_a_hidden_entry_leaves_every_public_page(client, staff_user):
    entry_post(client, "de", "Spielplatz Werbung für Firma X")
    entry = Herausforderung.objects.get(title_de="Spielplatz Werbung für Firma X")
    entry.moderation.change_state(State.IN_PRUEFUNG, "", by=staff_user)
    assert client.get(reverse("beteiligung:entry", args=[entry.pk])).status_code == 200
    Hiding.hide(entry, "werbung", by=staff_user)
    for url, status, content in public_pages(client, entry):
        assert "Firma X" not in content, url


def test_adopt_as_measure_links_both_ways(client, staff_user):
    entry_post(client, "de", "Elterncafé in der Neustadt")
    entry = Herausforderung.objects.get(title_de="Elterncafé in der Neustadt")
    measure = adopt_as_measure(entry, by=staff_user)
    entry.moderation.refresh_from_db()
    assert entry.moderation.state == State.AUFGENOMMEN and entry.moderation.public_answer
    assert measure.freigabe == Freigabe.VORGESCHLAGEN and measure.proposed_by == staff_user
    assert list(measure.herausforderungen.all()) == [entry]
    assert list(measure.handlungsfelder.all()) == [entry.handlungsfeld]
    page = reverse("beteiligung:entry", args=[entry.pk])
    assert measure.title_de not in client.get(page).content.decode().split("<h1>")[1].split("</h1>")[1]  # not yet public
    measure.approve()
    html = client.get(page).content.decode()
    assert measure.get_absolute_url() in html and measure.get_status_display() in html
    measure_page = client.get(measure.get_absolute_url()).content.decode()
    assert page in measure_page and "Online-Beteiligung" in measure_page
    # Several entries may lead to one measure.
    entry_post(client, "de", "Treffpunkt für Eltern", address="198.51.100.21")
    second = Herausforderung.objects.get(title_de="Treffpunkt für Eltern")
    second.moderation.change_state(State.AUFGENOMMEN, "Gehört zum Elterncafé.", by=staff_user)
    measure.herausforderungen.add(second)
    measure_page = client.get(measure.get_absolute_url()).content.decode()
    assert page in measure_page and reverse("beteiligung:entry", args=[second.pk]) in measure_page


def test_workshop_challenges_are_public_entries_in_the_state_the_sources_give(client):
    werkstatt = Herausforderung.objects.filter(beteiligungsformat__slug="zukunftswerkstatt-2020")
    assert werkstatt.count() == 10 and werkstatt.public().count() == 10
    assert werkstatt.filter(moderation__state="aufgenommen").count() == 8
    assert set(werkstatt.filter(massnahmen__isnull=True).values_list("moderation__state", flat=True)) == {"in_pruefung"}
    html = client.get(reverse("beteiligung:list")).content.decode()
    assert "Bedarf Sprachmittlung" in html


def test_search_finds_public_entries_only(client, staff_user):
    entry_post(client, "de", "Nachbarschaftsgarten Kannenstieg")
    entry = Herausforderung.objects.get(title_de="Nachbarschaftsgarten Kannenstieg")
    search = reverse("portal:search") + "?q=Nachbarschaftsgarten"

    def found():
        return entry.get_absolute_url() in client.get(search).content.decode()

    assert not found()  # eingegangen
    entry.moderation.change_state(State.IN_PRUEFUNG, "", by=staff_user)
    assert found()
    hiding = Hiding.hide(entry, "werbung", by=staff_user)
    assert not found()
    hiding.delete()  # "Wieder öffentlich zeigen"
    assert found()

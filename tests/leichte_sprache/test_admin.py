"""Staff edit Leichte Sprache in the admin: the checker reads every save and shows what it finds."""

import pytest
from django.urls import reverse

from leichte_sprache.models import LeichteLeitlinie, Seite, Wort

pytestmark = pytest.mark.django_db


def seite_post(seite, **changes):
    data = {
        "title": seite.title, "slug": seite.slug, "summary": seite.summary, "body": seite.body,
        "position": seite.position, "platz": seite.platz, "handlungsfeld": seite.handlungsfeld_id or "",
        "standard_page": seite.standard_page, "pruefgruppe": seite.pruefgruppe,
        "checked_on": seite.checked_on or "",
    }
    data.update(changes)
    return data


def change_url(obj):
    return reverse(f"admin:leichte_sprache_{obj._meta.model_name}_change", args=[obj.pk])


# The first checker run of a process loads HanTa's German model (several seconds, once).
def test_the_form_shows_the_checkers_findings_for_the_saved_text(staff_client):
    seite = Seite.objects.get(slug="kontakt")
    html = staff_client.get(change_url(seite)).content.decode()
    assert "Prüfprogramm Leichte Sprache" in html
    assert 'id="pruefung-body"' in html and 'id="pruefung-summary"' in html
    assert "0 Fehler" in html  # the shipped text passes every error rule
    assert "Flesch" in html  # the readability scores of the whole text


def test_an_error_stops_the_save_and_is_shown_with_its_rule_and_sentence(staff_client):
    seite = Seite.objects.get(slug="kontakt")
    text = "Der Antrag wird vom Amt geprüft.\n\nSie bekommen keine Antwort per E-Mail."
    response = staff_client.post(change_url(seite), seite_post(seite, body=text))
    assert response.status_code == 200  # the form again: nothing saved
    assert Seite.objects.get(pk=seite.pk).body == seite.body
    html = response.content.decode()
    assert "Das Prüfprogramm hat Fehler gefunden." in html
    assert '<mark class="ls-error" title="Passiv"' in html or 'title="Passiv' in html
    for label in ("Passiv", "Verneinung"):
        assert f"– {label}:" in html, label
    assert "<q>Der Antrag wird vom Amt geprüft.</q>" in html  # the offending sentence


def test_staff_may_save_despite_errors_by_saying_so(staff_client):
    seite = Seite.objects.get(slug="kontakt")
    text = "Der Antrag wird vom Amt geprüft."
    response = staff_client.post(change_url(seite), seite_post(seite, body=text, save_despite_errors="on"), follow=True)
    assert Seite.objects.get(pk=seite.pk).body == text
    assert "Gespeichert trotz" in response.content.decode()


def test_a_text_without_errors_saves_at_once(staff_client):
    seite = Seite.objects.get(slug="kontakt")
    text = "Sie haben eine Frage?\n\nDann schreiben Sie uns."
    response = staff_client.post(change_url(seite), seite_post(seite, body=text))
    assert response.status_code == 302
    assert Seite.objects.get(pk=seite.pk).body == text


def test_user_text_in_the_findings_is_escaped(staff_client):
    seite = Seite.objects.get(slug="kontakt")
    response = staff_client.post(change_url(seite), seite_post(seite, body="<b>Das</b> wird nicht gemacht."))
    html = response.content.decode()
    assert "&lt;b&gt;Das&lt;/b&gt;" in html and "<b>Das</b>" not in html


def test_a_woerterbuch_word_unlinked_is_an_error_and_a_link_to_a_missing_word_is_refused(staff_client):
    wort = Wort.objects.get(slug="stadtteil")
    data = {"term": wort.term, "slug": wort.slug, "forms": wort.forms, "pruefgruppe": "", "checked_on": "",
            "explanation": "Ein Stadt·teil ist ein Teil der Stadt. Dort gibt es einen [[Bürger·verein]]."}
    html = staff_client.post(change_url(wort), data).content.decode()
    assert "Diese Wörter stehen nicht im Wörterbuch: Bürger·verein" in html
    retold = LeichteLeitlinie.objects.select_related("leitlinie").first()
    data = {"leitlinie": retold.leitlinie_id, "text": "Die Stadt·verwaltung hilft allen.", "pruefgruppe": "", "checked_on": ""}
    html = staff_client.post(change_url(retold), data).content.decode()
    assert "– Wörterbuch:" in html  # "Stadt·verwaltung" stands in the Wörterbuch but is not linked


def test_the_test_readers_check_is_recorded_in_the_form(staff_client):
    seite = Seite.objects.get(slug="kontakt")
    response = staff_client.post(change_url(seite), seite_post(
        seite, pruefgruppe="Prüfgruppe der Lebenshilfe Magdeburg", checked_on="20.11.2026"))
    assert response.status_code == 302
    assert Seite.objects.get(pk=seite.pk).is_checked
    unchecked = reverse("admin:leichte_sprache_seite_changelist") + "?pruefung=offen"
    listed = staff_client.get(unchecked)
    assert seite not in listed.context["cl"].result_list
    assert listed.context["cl"].result_count == Seite.objects.count() - 1
    # The text changed afterwards: the check was of other words, so it is open again
    seite.refresh_from_db()
    response = staff_client.post(change_url(seite), seite_post(seite, summary=seite.summary + " Sie finden hier Hilfe."))
    assert response.status_code == 302
    assert not Seite.objects.get(pk=seite.pk).is_checked
    assert staff_client.get(unchecked).context["cl"].result_count == Seite.objects.count()
    # … until staff record the new check with its date
    seite.refresh_from_db()
    staff_client.post(change_url(seite), seite_post(seite, checked_on="01.12.2026"))
    assert Seite.objects.get(pk=seite.pk).is_checked

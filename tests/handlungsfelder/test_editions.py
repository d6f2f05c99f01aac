"""A published edition stays untouched; staff revise a draft copy and publish it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from handlungsfelder.models import Leitlinie, LeitlinienEdition

pytestmark = pytest.mark.django_db


def test_published_wording_cannot_be_changed_in_place():
    edition = LeitlinienEdition.objects.current()
    edition.preamble_de = "Geändert."
    with pytest.raises(ValidationError):
        edition.full_clean()
    with pytest.raises(ValidationError):
        edition.save()
    statement = Leitlinie.objects.filter(edition=edition).first()
    statement.text_de = "Geändert."
    with pytest.raises(ValidationError):
        statement.save()
    assert not Leitlinie.objects.filter(text_de="Geändert.").exists()


def test_translations_of_a_published_edition_stay_editable():
    statement = Leitlinie.objects.filter(edition=LeitlinienEdition.objects.current()).first()
    statement.text_en = "Internationality and openness to the world are generally valid maxims."
    statement.save()
    statement.refresh_from_db()
    assert statement.text_en.startswith("Internationality")


def test_draft_copy_is_editable_and_publishing_replaces_the_current_edition():
    current = LeitlinienEdition.objects.current()
    draft = current.copy_as_draft()
    assert draft.status == LeitlinienEdition.Status.DRAFT
    assert draft.leitlinien.count() == 33
    statement = draft.leitlinien.get(handlungsfeld__number=1, position=1)
    statement.text_de = "Neue Fassung des ersten Satzes."
    statement.save()
    # The published edition is untouched while the draft is prepared.
    assert LeitlinienEdition.objects.current() == current
    assert current.leitlinien.get(handlungsfeld__number=1, position=1).text_de.startswith("Internationalität")

    draft.publish()
    current.refresh_from_db()
    assert LeitlinienEdition.objects.current() == draft
    assert current.status == LeitlinienEdition.Status.SUPERSEDED
    assert LeitlinienEdition.objects.published().count() == 1


def test_database_refuses_two_published_editions():
    draft = LeitlinienEdition.objects.current().copy_as_draft()
    with pytest.raises(IntegrityError), transaction.atomic():
        LeitlinienEdition.objects.filter(pk=draft.pk).update(status=LeitlinienEdition.Status.PUBLISHED)


def test_admin_lists_and_titles_tell_draft_published_and_superseded_apart(staff_client):
    first = LeitlinienEdition.objects.current()
    second = first.copy_as_draft()
    second.publish()
    draft = second.copy_as_draft()

    editions = staff_client.get("/admin/handlungsfelder/leitlinienedition/").content.decode()
    for state in ("Entwurf", "veröffentlicht (gültig)", "abgelöst"):
        assert f'<td class="field-status">{state}</td>' in editions

    statement = draft.leitlinien.first()
    page = staff_client.get(f"/admin/handlungsfelder/leitlinie/{statement.pk}/change/").content.decode()
    assert f"<h2>{statement.handlungsfeld.number}.{statement.position} (Entwurf): " in page
    listed = staff_client.get("/admin/handlungsfelder/leitlinie/?edition__status__exact=abgeloest").content.decode()
    assert "(abgelöst)" in listed and "(Entwurf)" not in listed and "(veröffentlicht (gültig))" not in listed

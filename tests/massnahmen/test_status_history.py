"""A measure's current status always equals its latest history row, whatever path changed it."""

import pytest
from django.core.exceptions import ValidationError

from handlungsfelder.models import Handlungsfeld
from massnahmen.models import ConcurrentEditError, Massnahme, Status, StatusChange, StatusChangeError

pytestmark = pytest.mark.django_db


def latest(massnahme):
    return massnahme.status_changes.latest()


def assert_consistent():
    for massnahme in Massnahme.objects.all():
        assert massnahme.status == latest(massnahme).new_status, massnahme.external_id


def test_loaded_measures_have_their_mapped_status_and_one_history_row_each():
    assert Massnahme.objects.count() == 22
    assert StatusChange.objects.count() == 22
    assert_consistent()
    nachhilfe = Massnahme.objects.get(title_de__startswith="Übersicht zu kostenpflichtigen")
    assert (nachhilfe.status, nachhilfe.progress_note) == (Status.IN_BEARBEITUNG, "in Bearbeitung")
    feste = Massnahme.objects.get(title_de="gemeinsame Stadtteil- und Kulturfeste")
    assert feste.status == Status.LAUFEND
    assert feste.progress_note == "2021 wieder Vieles durch Stadtteilakteure umgesetzt"


def test_change_status_appends_history_and_sets_current_status(staff_user):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    version = massnahme.version
    change = massnahme.change_status(Status.UMGESETZT, note="Übersicht veröffentlicht", by=staff_user)
    massnahme.refresh_from_db()
    assert massnahme.status == Status.UMGESETZT
    assert massnahme.version == version + 1
    assert (change.old_status, change.new_status, change.note, change.changed_by) == (
        Status.IN_BEARBEITUNG, Status.UMGESETZT, "Übersicht veröffentlicht", staff_user,
    )
    assert latest(massnahme) == change
    assert massnahme.status_changes.count() == 2


def test_unknown_status_is_refused_and_changes_nothing():
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    with pytest.raises(ValidationError):
        massnahme.change_status("erledigt", note="x")
    assert massnahme.status_changes.count() == 1


def test_shell_paths_cannot_bypass_the_history():
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    massnahme.status = Status.EINGESTELLT
    with pytest.raises(StatusChangeError):
        massnahme.save()
    with pytest.raises(StatusChangeError):
        Massnahme.objects.filter(pk=massnahme.pk).update(status=Status.EINGESTELLT)
    assert Massnahme.objects.get(pk=massnahme.pk).status == Status.IN_BEARBEITUNG
    assert_consistent()


def test_history_rows_cannot_be_changed_or_deleted():
    row = StatusChange.objects.first()
    row.note = "umgeschrieben"
    with pytest.raises(StatusChangeError):
        row.save()
    with pytest.raises(StatusChangeError):
        row.delete()
    with pytest.raises(StatusChangeError):
        StatusChange.objects.all().delete()
    with pytest.raises(StatusChangeError):
        StatusChange.objects.update(note="x")
    assert StatusChange.objects.count() == 22


def test_a_new_measure_starts_its_history(staff_user):
    massnahme = Massnahme(title_de="Sprachcafé im Stadtteil", status=Status.GEPLANT)
    massnahme.save(status_note="angelegt", changed_by=staff_user)
    massnahme.handlungsfelder.add(Handlungsfeld.objects.get(number=2))
    assert latest(massnahme).new_status == Status.GEPLANT
    assert latest(massnahme).old_status == ""


def test_a_stale_copy_is_refused_and_overwrites_nothing():
    """From the shell as from any form: a copy read before someone else's save cannot be saved."""
    stale = Massnahme.objects.get(external_id="zw2020-05")
    before = stale.description_de
    Massnahme.objects.get(pk=stale.pk).change_status(Status.UMGESETZT, note="fertig")
    stale.description_de = "Neue Beschreibung"
    with pytest.raises(ConcurrentEditError) as refused:
        stale.save()
    assert refused.value.current.status == Status.UMGESETZT
    fresh = Massnahme.objects.get(pk=stale.pk)
    assert fresh.status == Status.UMGESETZT and fresh.description_de == before
    assert_consistent()


def test_end_before_start_is_refused_with_a_german_message():
    massnahme = Massnahme.objects.get(external_id="zw2020-05")
    massnahme.start_date = "2022-05-01"
    massnahme.end_date = "2021-01-01"
    with pytest.raises(ValidationError) as error:
        massnahme.full_clean()
    assert "Das Ende darf nicht vor dem Beginn liegen." in str(error.value)

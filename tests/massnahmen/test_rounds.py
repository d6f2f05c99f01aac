"""Reporting rounds: what a round covers, partners' reports for it, and the snapshot closing freezes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models.deletion import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import ContentStamp
from core.periods import SourceDate
from handlungsfelder.models import Handlungsfeld
from massnahmen.models import (
    Berichtsrunde, Massnahme, Reopening, RoundClosedError, Snapshot, Status, StatusChange,
)
from netzwerk.models import Netzwerkpartner, Stadtteil
from tests.factories import make_measures

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def new_round(slug="runde-2026", start=datetime.date(2026, 1, 1), end=None, due=None, **scope):
    runde = Berichtsrunde.objects.create(
        title_de=f"Berichtsrunde {slug}", slug=slug, period_start=start,
        period_end=end or TODAY, due_date=due or TODAY + datetime.timedelta(days=14))
    for relation, objects in scope.items():
        getattr(runde, relation).set(objects)
    return runde


def measure(external_id):
    return Massnahme.objects.get(external_id=external_id)


def test_an_empty_scope_covers_every_approved_measure_and_each_named_relation_narrows_it():
    everything = new_round()
    assert set(everything.covered_measures()) == set(Massnahme.objects.public())
    feld_6 = Handlungsfeld.objects.get(number=6)
    in_field = new_round("feld-6", handlungsfelder=[feld_6])
    assert set(in_field.covered_measures()) == set(Massnahme.objects.filter(handlungsfelder=feld_6))
    koordination = Netzwerkpartner.objects.get(slug="integrationskoordination")
    both = new_round("feld-6-koordination", handlungsfelder=[feld_6], partner=[koordination])
    assert {m.external_id for m in both.covered_measures()} == {"zw2020-16", "zw2020-19"}
    neustadt = Stadtteil.objects.get(slug="neustadt")  # every measure but zw2020-06 (Leipziger Straße only)
    assert len(new_round("ns", stadtteile=[neustadt]).covered_measures()) == 21
    assert measure("zw2020-06") not in new_round("ns2", stadtteile=[neustadt]).covered_measures()


def test_a_measure_created_after_the_period_is_not_covered():
    runde = new_round(start=datetime.date(2021, 1, 1), end=datetime.date(2021, 12, 31))
    covered = set(runde.covered_measures().values_list("external_id", flat=True))
    assert len(covered) == 22
    later = Massnahme.objects.create(title_de="Neu im Jahr 2026")
    later.handlungsfelder.add(Handlungsfeld.objects.get(number=1))
    assert later not in runde.covered_measures()
    assert later in new_round("jetzt").covered_measures()


def test_partners_report_for_an_open_round_and_closing_freezes_the_state_at_the_period_end(staff_user):
    runde = new_round()
    nachhilfe = measure("zw2020-04")
    nachhilfe.report_progress(expected_version=nachhilfe.version, status=Status.UMGESETZT,
                              note="Übersicht veröffentlicht", by=staff_user, berichtsrunde=runde)
    assert set(runde.missing_reports()) == set(runde.covered_measures()) - {nachhilfe}
    stamp = ContentStamp.objects.get().value
    snapshots = runde.close(by=staff_user)
    runde.refresh_from_db()
    assert runde.is_closed and runde.snapshot_version == 1 and runde.closed_by == staff_user
    assert ContentStamp.objects.get().value > stamp
    assert len(snapshots) == 22 == runde.current_snapshots().count()
    row = runde.current_snapshots().get(external_id="zw2020-04")
    assert (row.status, row.reported) == (Status.UMGESETZT, True)
    assert row.text("title", "de").startswith("Übersicht zu kostenpflichtigen")
    assert row.last_note["text"] == "Übersicht veröffentlicht"
    assert row.partner_names("de") == ["Team Integrationsgemeinwesenarbeit"]
    assert runde.current_snapshots().filter(reported=True).count() == 1


def test_the_status_is_the_one_at_the_end_of_the_period_not_the_one_at_closing(staff_user):
    runde = new_round(start=datetime.date(2025, 1, 1), end=TODAY - datetime.timedelta(days=1))
    nachhilfe = measure("zw2020-04")
    nachhilfe.change_status(Status.UMGESETZT, note="heute erledigt", by=staff_user)
    runde.close(by=staff_user)
    row = runde.current_snapshots().get(external_id="zw2020-04")
    assert row.status == Status.IN_BEARBEITUNG
    assert row.last_note is None or row.last_note["text"] != "heute erledigt"


def test_a_report_for_the_round_made_after_the_period_is_the_state_at_its_end(staff_user):
    """Partners report by the due date, after the period: their report counts, a later other change does not."""
    runde = new_round(start=datetime.date(2025, 1, 1), end=TODAY - datetime.timedelta(days=10))
    nachhilfe, feste = measure("zw2020-04"), measure("zw2020-08")
    nachhilfe.change_status(Status.UMGESETZT, note="für die Runde", by=staff_user, berichtsrunde=runde)
    feste.change_status(Status.EINGESTELLT, note="nach dem Zeitraum, ohne Runde", by=staff_user)
    runde.close(by=staff_user)
    rows = {row.external_id: row for row in runde.current_snapshots()}
    assert (rows["zw2020-04"].status, rows["zw2020-04"].reported) == (Status.UMGESETZT, True)
    assert rows["zw2020-04"].last_note["text"] == "für die Runde"
    assert (rows["zw2020-08"].status, rows["zw2020-08"].reported) == (Status.LAUFEND, False)


def test_a_report_needs_an_open_round_that_covers_the_measure(staff_user):
    feld_6 = Handlungsfeld.objects.get(number=6)
    runde = new_round(handlungsfelder=[feld_6])
    outside = measure("zw2020-04")  # field 5
    with pytest.raises(ValidationError):
        outside.change_status(Status.UMGESETZT, note="x", by=staff_user, berichtsrunde=runde)
    assert outside.status_changes.count() == 1
    runde.close(by=staff_user)
    inside = measure("zw2020-18")
    with pytest.raises(ValidationError):
        inside.change_status(Status.LAUFEND, note="x", by=staff_user, berichtsrunde=runde)


def closed_round(staff_user):
    runde = new_round()
    runde.close(by=staff_user)
    runde.refresh_from_db()
    return runde


def test_no_shell_path_changes_a_closed_round(staff_user):
    runde = closed_round(staff_user)
    runde.title_de = "Anders"
    with pytest.raises(RoundClosedError):
        runde.save()
    with pytest.raises(RoundClosedError):
        Berichtsrunde.objects.filter(pk=runde.pk).update(title_de="Anders")
    with pytest.raises(RoundClosedError), transaction.atomic():  # bulk_update has no savepoint
        Berichtsrunde.objects.bulk_update([runde], ["title_de"])
    with pytest.raises(RoundClosedError):
        Berichtsrunde.objects.filter(pk=runde.pk).delete()
    with pytest.raises(RoundClosedError):
        runde.delete()
    # Django changes relations and deletes inside a transaction without a savepoint of its own:
    # a refusal there ends the surrounding transaction, so each attempt gets its own.
    with pytest.raises(RoundClosedError), transaction.atomic():
        runde.stadtteile.add(Stadtteil.objects.first())
    with pytest.raises(RoundClosedError), transaction.atomic():
        Stadtteil.objects.first().berichtsrunden.add(runde)
    with pytest.raises(RoundClosedError), transaction.atomic():
        runde.handlungsfelder.clear()
    with pytest.raises(RoundClosedError):
        runde.close(by=staff_user)
    runde.refresh_from_db()
    assert runde.title_de == "Berichtsrunde runde-2026"
    assert runde.stadtteile.count() == 0


def test_a_round_is_closed_only_by_close_which_writes_the_snapshot():
    runde = new_round()
    runde.state = Berichtsrunde.State.ABGESCHLOSSEN
    with pytest.raises(RoundClosedError):
        runde.save()
    with pytest.raises(RoundClosedError):
        Berichtsrunde.objects.filter(pk=runde.pk).update(state=Berichtsrunde.State.ABGESCHLOSSEN)


def test_no_shell_path_changes_a_snapshot(staff_user):
    runde = closed_round(staff_user)
    row = runde.current_snapshots().first()
    row.status = Status.EINGESTELLT
    with pytest.raises(RoundClosedError):
        row.save()
    with pytest.raises(RoundClosedError):
        row.delete()
    with pytest.raises(RoundClosedError):
        runde.snapshots.update(status=Status.EINGESTELLT)
    with pytest.raises(RoundClosedError), transaction.atomic():  # bulk_update has no savepoint
        Snapshot.objects.bulk_update([row], ["status"])
    with pytest.raises(RoundClosedError):
        Snapshot.objects.filter(runde=runde).delete()
    with pytest.raises(RoundClosedError):
        Snapshot.objects.bulk_create([Snapshot(runde=runde, version=1, status=Status.GEPLANT)])
    assert not runde.snapshots.filter(status=Status.EINGESTELLT).exists()
    assert runde.snapshots.count() == 22


def test_what_a_closed_round_names_cannot_be_deleted(staff_user):
    leipziger = Stadtteil.objects.get(slug="leipziger-strasse")
    runde = new_round(stadtteile=[leipziger])
    runde.close(by=staff_user)
    # Refused while Django collects what to delete: before anything is written.
    with pytest.raises(ProtectedError):
        leipziger.delete()
    with pytest.raises(ProtectedError):
        Stadtteil.objects.filter(pk=leipziger.pk).delete()
    assert list(runde.stadtteile.all()) == [leipziger]
    # What only an open round names can go (the link goes with it).
    neustadt = Stadtteil.objects.get(slug="neustadt")
    open_one = new_round("offen", stadtteile=[neustadt])
    neustadt.delete()
    assert not open_one.stadtteile.exists()


def test_changing_measures_partners_and_translations_after_closing_leaves_the_snapshot_unchanged(staff_user):
    runde = closed_round(staff_user)
    before = list(runde.current_snapshots().values())
    nachhilfe = measure("zw2020-04")
    nachhilfe.title_de, nachhilfe.title_en, nachhilfe.progress_note_de = "Neu", "New", "ganz anders"
    nachhilfe.save()
    nachhilfe.change_status(Status.EINGESTELLT, note="eingestellt", by=staff_user)
    nachhilfe.handlungsfelder.set([Handlungsfeld.objects.get(number=1)])
    team = Netzwerkpartner.objects.get(slug="team-integrationsgemeinwesenarbeit")
    team.name_de, team.name_ar = "Umbenannt", "اسم جديد"
    team.save()
    feld = Handlungsfeld.objects.get(number=5)
    feld.title_uk = "Нова назва"
    feld.save()
    runde.refresh_from_db()
    assert list(runde.current_snapshots().values()) == before


def test_reopening_keeps_the_old_snapshot_as_a_version_and_says_why(staff_user):
    runde = closed_round(staff_user)
    first_closed_at = runde.closed_at
    with pytest.raises(ValidationError):
        runde.reopen(by=staff_user, reason="  ")
    runde.reopen(by=staff_user, reason="Bericht des Jugendamts fehlte")
    runde.refresh_from_db()
    assert not runde.is_closed and runde.closed_at is None
    reopening = Reopening.objects.get(runde=runde)
    assert (reopening.snapshot_version, reopening.closed_at, reopening.reason) == (
        1, first_closed_at, "Bericht des Jugendamts fehlte")
    with pytest.raises(RoundClosedError):
        reopening.delete()
    with pytest.raises(RoundClosedError):
        Reopening.objects.filter(pk=reopening.pk).update(reason="")
    with pytest.raises(RoundClosedError):
        runde.delete()  # its old snapshot is a record
    nachhilfe = measure("zw2020-04")
    nachhilfe.change_status(Status.UMGESETZT, note="nachgereicht", by=staff_user, berichtsrunde=runde)
    runde.close(by=staff_user)
    runde.refresh_from_db()
    assert runde.snapshot_version == 2
    assert runde.snapshots.filter(version=1).count() == 22 == runde.current_snapshots().count()
    assert runde.snapshots.get(version=1, external_id="zw2020-04").status == Status.IN_BEARBEITUNG
    assert runde.current_snapshots().get(external_id="zw2020-04").status == Status.UMGESETZT


def test_previous_is_the_closed_round_before(staff_user):
    older = new_round("aelter", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31))
    older.close(by=staff_user)
    newer = new_round("neuer", start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
    assert newer.previous() == older
    first = Berichtsrunde.objects.get(slug="zukunftswerkstatt-auswertung-2021")  # loaded from the sources
    assert list(Berichtsrunde.objects.closed()) == [first, older]
    assert older.previous() == first and first.previous() is None
    assert list(Berichtsrunde.objects.open()) == [newer]


def test_texts_fall_back_to_german_in_the_snapshot(staff_user):
    runde = closed_round(staff_user)
    row = runde.current_snapshots().get(external_id="zw2020-01")
    german = row.text("title", "de")
    assert row.text("title", "xx") == german
    assert row.text_language("title", "xx") == "de"
    for code in ("en", "ar", "uk"):
        translated = Massnahme.objects.get(external_id="zw2020-01").__dict__[f"title_{code}"]
        assert row.text("title", code) == (translated or german)


@pytest.mark.parametrize("count", [10, 1000])
def test_closing_takes_a_fixed_number_of_queries(staff_user, count):
    make_measures(count)
    runde = new_round()
    with CaptureQueriesContext(connection) as queries:
        runde.close(by=staff_user)
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "massnahmen_snapshot"')]
    others = len(queries.captured_queries) - len(inserts)
    assert runde.current_snapshots().count() == 22 + count
    # The database may split the one bulk insert into batches (SQLite: 999 parameters); nothing else grows.
    assert others == CLOSE_QUERIES, [q["sql"][:120] for q in queries.captured_queries]


# savepoint, lock, the measures with their state, 2 × 3 for fields, districts, partners, the bulk
# insert, the closed-round check before it, the round's update, the content stamp, release; and
# the round's search document (a closed round is searchable): the old
# document's delete, whether the round is public, the new document.
CLOSE_QUERIES = 16

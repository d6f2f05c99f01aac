"""Staff import measures from CSV/XLSX: preview, row-level German errors, all-or-nothing, idempotent."""

import io
from contextlib import contextmanager

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Massnahme, Status, StatusChange
from netzwerk.models import Netzwerkpartner
from massnahmen.resources import MassnahmeResource

pytestmark = pytest.mark.django_db
HEADER = "externe_id,titel,beschreibung,status,stand,naechste_schritte,handlungsfelder,stadtteile,zielgruppen,partner,beginn,ende"


def csv_file(*rows):
    return "\n".join([HEADER, *rows]) + "\n"


GOOD = [
    "imp-1,Sprachcafé Neustadt,Wöchentlicher Treffpunkt,geplant,,Start im März,2|4,neustadt,bleibeberechtigte,jugendamt,2026-03-01,2026-12-31",
    "imp-2,Bewerbungstraining,,in_bearbeitung,läuft,,3,,,jobcenter,,",
]


def run_import(text, user=None, dry_run=False):
    dataset = tablib.Dataset().load(text, format="csv")
    return MassnahmeResource().import_data(
        dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True, user=user)


def test_import_creates_measures_with_history(staff_user):
    result = run_import(csv_file(*GOOD), user=staff_user)
    assert not result.has_errors() and not result.has_validation_errors()
    cafe = Massnahme.objects.get(external_id="imp-1")
    assert cafe.title_de == "Sprachcafé Neustadt" and cafe.status == "geplant"
    assert sorted(cafe.handlungsfelder.values_list("number", flat=True)) == [2, 4]
    assert list(cafe.partner.values_list("slug", flat=True)) == ["jugendamt"]
    assert cafe.status_changes.get().changed_by == staff_user


def test_second_import_of_the_same_file_changes_nothing(staff_user):
    run_import(csv_file(*GOOD), user=staff_user)
    history = StatusChange.objects.count()
    result = run_import(csv_file(*GOOD), user=staff_user)
    assert (result.totals["skip"], result.totals["new"], result.totals["update"]) == (2, 0, 0)
    assert StatusChange.objects.count() == history


def test_status_change_by_import_writes_history(staff_user):
    run_import(csv_file(*GOOD), user=staff_user)
    run_import(csv_file(GOOD[0].replace(",geplant,", ",umgesetzt,"), GOOD[1]), user=staff_user)
    cafe = Massnahme.objects.get(external_id="imp-1")
    latest = cafe.status_changes.latest()
    assert (cafe.status, latest.old_status, latest.new_status, latest.note) == (
        "umgesetzt", "geplant", "umgesetzt", "Import aus Tabelle")


def test_every_error_of_a_file_in_one_round_in_german(staff_user):
    """Each bad cell is its own error, with row (as the spreadsheet program counts), column, value and
    what is expected; a row with three bad cells has three; nothing is written while any row is bad."""
    bad = [
        GOOD[0],
        "imp-3,Fehlerhafte Maßnahme,,erledigt,,,2,,,jugendamt,,",
        "imp-4,Unbekannter Partner,,geplant,,,2,,,jugendamt|jugendamd,,",
        "imp-5,Ohne Feld,,geplant,,,,,,jugendamt,,",
        "imp-6,Ende vor Beginn,,geplant,,,2,,,jugendamt,2026-05-01,2026-01-01",
        "imp-7,,,fertig,,,2|9,,,jugendamt,31.02.2026,",
        "imp-3,Doppelt,,geplant,,,2,,,jugendamt,,",
        "zw2020-04,Bestehende ohne Feld,,geplant,,,,,,jugendamt,,",
    ]
    before = (Massnahme.objects.count(), StatusChange.objects.count())
    result = run_import(csv_file(*bad), user=staff_user)
    assert result.has_validation_errors() and not result.has_errors()
    assert (Massnahme.objects.count(), StatusChange.objects.count()) == before
    problems = {row.number + 1: row.error_dict for row in result.invalid_rows}
    assert set(problems) == {3, 4, 5, 6, 7, 8, 9}
    assert list(problems[9]) == ["handlungsfelder"]  # an existing measure, too, keeps at least one field
    fields = "geplant, in_bearbeitung, umgesetzt, laufend, zurueckgestellt, eingestellt"
    assert problems[3] == {
        "status": [f"Zeile 3, Spalte „status“, Wert „erledigt“: Diesen Wert gibt es nicht. Erwartet: einer der "
                   f"Werte {fields}."],
        "externe_id": ["Zeile 3, Spalte „externe_id“, Wert „imp-3“: Die Kennung steht in den Zeilen 3, 8. Erwartet: "
                       "eine Kennung mit höchstens 60 Zeichen, die in der Datei nur einmal vorkommt, z. B. „zw2020-01“."]}
    assert problems[4] == {"partner": [
        "Zeile 4, Spalte „partner“, Wert „jugendamt|jugendamd“: Unbekannt: „jugendamd“. Gemeint vielleicht: "
        "„jugendamt“? Erwartet: Kurznamen von Netzwerkpartnern, wie sie der Export schreibt, getrennt durch „|“, "
        "z. B. „jugendamt“."]}
    assert problems[5] == {"handlungsfelder": [
        "Zeile 5, Spalte „handlungsfelder“, Wert „“: Der Wert fehlt. Erwartet: eine oder mehrere Nummern von "
        "Handlungsfeldern (1 bis 6), getrennt durch „|“, z. B. „2|4“."]}
    assert problems[6] == {"ende": [
        "Zeile 6, Spalte „ende“, Wert „2026-01-01“: Das Ende darf nicht vor dem Beginn liegen. Erwartet: ein Datum "
        "als JJJJ-MM-TT oder TT.MM.JJJJ, nicht vor dem Beginn."]}
    # Four bad cells in one row: four errors, each with its value and what is expected.
    assert sorted(problems[7]) == ["beginn", "handlungsfelder", "status", "titel"]
    assert problems[7]["beginn"] == [
        "Zeile 7, Spalte „beginn“, Wert „31.02.2026“: Das ist kein gültiges Datum. Erwartet: ein Datum als "
        "JJJJ-MM-TT oder TT.MM.JJJJ, z. B. 2026-03-01 oder 01.03.2026."]
    assert problems[7]["titel"] == ["Zeile 7, Spalte „titel“, Wert „“: Der Wert fehlt. Erwartet: ein Titel mit "
                                    "höchstens 500 Zeichen."]
    assert "Wert „2|9“: Unbekannt: „9“." in problems[7]["handlungsfelder"][0]
    assert "Wert „fertig“: Diesen Wert gibt es nicht." in problems[7]["status"][0]
    messages = " ".join(message for errors in problems.values() for texts in errors.values() for message in texts)
    assert "could not" not in messages and "Value" not in messages


def test_german_dates_and_spreadsheet_cells_are_read(staff_user):
    result = run_import(csv_file(GOOD[0].replace("2026-03-01,2026-12-31", "01.03.2026,31.12.2026")), user=staff_user)
    assert not result.has_validation_errors()
    cafe = Massnahme.objects.get(external_id="imp-1")
    assert (str(cafe.start_date), str(cafe.end_date)) == ("2026-03-01", "2026-12-31")


def test_typed_xlsx_cells_import_and_reimport_unchanged(staff_user):
    """Excel keeps numbers as numbers and dates as dates: the import reads them as the export wrote them."""
    import datetime

    from massnahmen.resources import XLSXImport

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(["imp-8", "Typisiert", None, "geplant", None, None, 3, None, None, "jobcenter",
                            datetime.datetime(2026, 3, 1), datetime.datetime(2026, 12, 31)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    first = MassnahmeResource().import_data(XLSXImport().create_dataset(buffer.getvalue()), user=staff_user)
    assert first.totals["new"] == 1 and not first.has_validation_errors()
    typed = Massnahme.objects.get(external_id="imp-8")
    assert (list(typed.handlungsfelder.values_list("number", flat=True)), str(typed.end_date)) == ([3], "2026-12-31")
    again = MassnahmeResource().import_data(XLSXImport().create_dataset(buffer.getvalue()), user=staff_user)
    assert again.totals["skip"] == 1 and Massnahme.objects.get(pk=typed.pk).version == typed.version


def test_a_changed_relation_alone_claims_the_version_and_writes_no_history(staff_user):
    run_import(csv_file(*GOOD), user=staff_user)
    cafe = Massnahme.objects.get(external_id="imp-1")
    history = StatusChange.objects.count()
    preview = run_import(csv_file(GOOD[0].replace(",neustadt,", ",neustadt|leipziger-strasse,")), user=staff_user, dry_run=True)
    assert str(preview.rows[0].diff[7]) == "<del>neustadt</del> → <ins>neustadt|leipziger-strasse</ins>"
    assert Massnahme.objects.get(pk=cafe.pk).version == cafe.version  # a preview writes nothing
    run_import(csv_file(GOOD[0].replace(",neustadt,", ",neustadt|leipziger-strasse,")), user=staff_user)
    again = Massnahme.objects.get(pk=cafe.pk)
    assert sorted(again.stadtteile.values_list("slug", flat=True)) == ["leipziger-strasse", "neustadt"]
    assert again.version == cafe.version + 1 and StatusChange.objects.count() == history


def test_a_measure_saved_by_someone_else_during_the_import_is_not_overwritten(staff_user):
    from django.db.models import F

    class SavedInBetween(MassnahmeResource):
        def after_init_instance(self, instance, new, row, **kwargs):
            super().after_init_instance(instance, new, row, **kwargs)
            if not new:  # a partner's report lands between the import's read and its write
                Massnahme.objects.filter(pk=instance.pk).update(version=F("version") + 1)

    run_import(csv_file(*GOOD), user=staff_user)
    dataset = tablib.Dataset().load(csv_file(GOOD[0].replace(",Start im März,", ",Start im April,")), format="csv")
    result = SavedInBetween().import_data(dataset, user=staff_user)
    assert [row.error_dict for row in result.invalid_rows] == [{"externe_id": [
        "Zeile 2, Spalte „externe_id“, Wert „imp-1“: Diese Maßnahme wurde während des Imports von jemand anderem "
        "gespeichert; nichts wurde übernommen. Laden Sie die Datei erneut hoch."]}]
    assert Massnahme.objects.get(external_id="imp-1").next_steps_de == "Start im März"


def test_a_confirmation_that_fails_shows_why_and_writes_nothing(staff_client, staff_user, monkeypatch):
    from django.db.models import F

    run_import(csv_file(*GOOD), user=staff_user)
    upload = csv_file(GOOD[0].replace(",Start im März,", ",Start im April,")).encode()
    preview = post_file(staff_client, "m.csv", upload, "csv")
    confirm = preview.context["confirm_form"]

    def saved_in_between(resource, instance, new, row, **kwargs):
        instance.import_stored = None if new else {"next_steps_de": instance.next_steps_de}
        Massnahme.objects.filter(pk=instance.pk).update(version=F("version") + 1)

    monkeypatch.setattr(MassnahmeResource, "after_init_instance", saved_in_between)
    response = staff_client.post(reverse("admin:massnahmen_massnahme_process_import"),
                                 {name: confirm.initial[name] for name in confirm.fields})
    html = response.content.decode()
    assert response.status_code == 200 and "1 Zeile ist fehlerhaft" in html
    assert "Diese Maßnahme wurde während des Imports von jemand anderem gespeichert" in html
    assert "Import abgeschlossen" not in html
    assert Massnahme.objects.get(external_id="imp-1").next_steps_de == "Start im März"


def test_export_round_trips(staff_user):
    exported = MassnahmeResource().export()
    assert exported.headers == HEADER.split(",")
    assert len(exported) == Massnahme.objects.count()
    history = StatusChange.objects.count()
    result = run_import(exported.csv, user=staff_user)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == len(exported) and not result.rows  # unchanged rows are counted, not listed
    assert StatusChange.objects.count() == history


def test_admin_preview_then_confirm_with_xlsx(staff_client):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    for line in GOOD:
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("massnahmen.xlsx", buffer.getvalue(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    import_url = reverse("admin:massnahmen_massnahme_import")
    formats = staff_client.get(import_url).context["form"].fields["format"].choices
    xlsx = next(value for value, label in formats if "xlsx" in str(label).lower())
    preview = staff_client.post(import_url, {"format": xlsx, "import_file": upload, "resource": 0})
    assert preview.status_code == 200
    assert not Massnahme.objects.filter(external_id="imp-1").exists()  # a preview writes nothing
    assert "Sprachcafé Neustadt" in preview.content.decode()
    assert "Prüfen Sie die Vorschau unten." in preview.content.decode()  # staff are addressed with "Sie"
    assert "klicke" not in preview.content.decode()
    confirm = preview.context["confirm_form"]
    response = staff_client.post(reverse("admin:massnahmen_massnahme_process_import"),
                                 {name: field.initial if field.initial is not None else confirm.initial.get(name)
                                  for name, field in confirm.fields.items()})
    assert response.status_code == 302
    assert Massnahme.objects.filter(external_id__in=["imp-1", "imp-2"]).count() == 2


def post_file(staff_client, name, content, file_format):
    import_url = reverse("admin:massnahmen_massnahme_import")
    formats = staff_client.get(import_url).context["form"].fields["format"].choices
    value = next(value for value, label in formats if str(label).lower() == file_format)
    return staff_client.post(import_url, {"format": value, "import_file": SimpleUploadedFile(name, content),
                                          "resource": 0})


def content_state():
    from core.models import ContentStamp

    return Massnahme.objects.count(), StatusChange.objects.count(), ContentStamp.identity()


def test_admin_preview_of_a_bad_file_shows_errors_and_no_confirm(staff_client):
    before = content_state()
    preview = post_file(staff_client, "fehler.csv", csv_file("imp-9,Kaputt,,erledigt,,,2,,,jugendamt,,").encode(), "csv")
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "1 Zeile ist fehlerhaft" in html and "Es wurde nichts gespeichert." in html
    assert "Zeile 2, Spalte „status“, Wert „erledigt“: Diesen Wert gibt es nicht." in html
    assert preview.context.get("confirm_form") is None
    assert content_state() == before


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_OF_TEXT = io.BytesIO()
with __import__("zipfile").ZipFile(ZIP_OF_TEXT, "w") as archive:
    archive.writestr("notiz.txt", "kein Arbeitsblatt")

EMPTY_WORKBOOK = io.BytesIO()
openpyxl.Workbook().save(EMPTY_WORKBOOK)

BAD_FILES = {
    "missing columns": ("m.csv", b"externe_id,status\nimp-1,geplant\n", "csv",
                        "Es fehlen die Pflichtspalten „titel“, „handlungsfelder“. Erwartet: eine Kopfzeile mit den "
                        "Spalten externe_id, titel, beschreibung, status"),
    "unknown columns": ("u.csv", csv_file(GOOD[0]).replace("ende\n", "ende,bemerkung,Kosten\n").encode(), "csv",
                        "Unbekannte Spalten: „bemerkung“, „kosten“. Erwartet werden nur die Spalten externe_id"),
    "semicolons": ("s.csv", csv_file(GOOD[0]).replace(",", ";").encode(), "csv",
                   "Die Spalten sind durch Semikolon „;“ getrennt. Erwartet: durch Kommas „,“ getrennte Spalten"),
    "windows-1252": ("w.csv", csv_file(GOOD[0]).encode("cp1252"), "csv",
                     "Die Datei ist nicht in UTF-8 kodiert (erstes fremdes Zeichen in Zeile 2, vermutlich "
                     "Windows-1252/ANSI). Speichern Sie sie in Excel als „CSV UTF-8"),
    "empty": ("e.csv", b"", "csv", "Die übertragene Datei ist leer."),  # Django's own form check
    "blank lines": ("b.csv", b"\n \n", "csv", "Die Datei ist leer. Erwartet wird eine Kopfzeile mit den Spaltennamen"),
    "header only": ("h.csv", (HEADER + "\n\n").encode(), "csv",
                    "Die Datei enthält keine Maßnahmen, nur die Kopfzeile. Erwartet: unter der Kopfzeile"),
    "an image": ("bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\xff\xfe", "csv",
                 "Die Datei ist keine Tabelle im Format CSV (sie enthält Binärdaten)."),
    "xlsx as csv": ("x.csv", b"PK\x03\x04rest", "csv",
                    "Die Datei ist eine Excel-Arbeitsmappe (XLSX), keine CSV-Datei. Wählen Sie als Format „xlsx“"),
    "csv as xlsx": ("c.xlsx", csv_file(GOOD[0]).encode(), "xlsx",
                    "Die Datei ist keine Excel-Arbeitsmappe (XLSX). Wählen Sie das passende Format"),
    "zip, not a workbook": ("z.xlsx", ZIP_OF_TEXT.getvalue(), "xlsx",
                            "Die Datei lässt sich nicht als Excel-Arbeitsmappe (XLSX) öffnen"),
    "empty xlsx": ("leer.xlsx", b"", "xlsx", "Die übertragene Datei ist leer."),
    "a cell too long for CSV": ("lang.csv", (HEADER + "\nimp-1,\"" + "x" * 200_000 + "\"\n").encode(), "csv",
                                "Die Datei lässt sich ab Zeile 2 nicht als CSV lesen."),
    "too many rows": ("gross.csv", csv_file(*(GOOD[1].replace("imp-2", f"imp-{i}") for i in range(5001))).encode(), "csv",
                      "Die Datei hat mehr als 5000 Zeilen mit Maßnahmen. Erwartet: höchstens 5000 Zeilen je Datei"),
    "empty workbook": ("leer.xlsx", EMPTY_WORKBOOK.getvalue(), "xlsx",
                       "Die Arbeitsmappe ist leer. Erwartet wird im ersten Blatt eine Kopfzeile"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_file_the_import_cannot_read_gets_a_german_answer_and_changes_nothing(staff_client, case):
    name, content, file_format, message = BAD_FILES[case]
    before = content_state()
    response = post_file(staff_client, name, content, file_format)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html.replace("&quot;", '"')
    assert "Traceback" not in html and "Error" not in html and response.context.get("confirm_form") is None
    assert content_state() == before


def test_a_confirmation_whose_file_is_gone_is_answered_not_a_500(staff_client):
    response = staff_client.post(reverse("admin:massnahmen_massnahme_process_import"), {
        "import_file_name": "gibt-es-nicht", "original_file_name": "m.csv", "format": "0", "resource": "0"})
    assert response.status_code == 302
    page = staff_client.get(response.url)
    assert "Die hochgeladene Datei liegt nicht mehr vor" in page.content.decode()


@contextmanager
def counted_statements():
    """The SQL statements run inside, as a list (CaptureQueriesContext keeps only the last 9,000)."""
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield statements


def test_a_5000_row_file_previews_and_imports_in_bounded_statements(staff_client):
    """5,000 rows through the admin's preview and import: the statements are bounded per file and
    per written row — what keeps it within gunicorn's 30-second timeout. The seconds themselves are
    measured by bench/import.py, not here: a timed test fails on a busy machine, not on a slow
    import. It takes a few seconds (3,000 measures made, 5,000 rows read twice, 3,000 written), so
    it runs once and checks everything a large import promises."""
    from core.models import ContentStamp
    from massnahmen.models import Status
    from tests.factories import make_measures

    make_measures(3000, prefix="gross")
    measures = Massnahme.objects.filter(external_id__startswith="gross-").order_by("pk")
    versions = dict(measures.values_list("external_id", "version"))
    exported = MassnahmeResource().export(queryset=measures)
    rows = [dict(zip(exported.headers, row)) for row in exported]
    statuses = list(Status.values)
    for i, row in enumerate(rows[:1000]):  # 1,000 changed, 300 of them with another status
        row["stand"] = f"Neuer Stand {i}"
        if i < 300:
            row["status"] = statuses[(statuses.index(row["status"]) + 1) % len(statuses)]
    rows += [{**rows[-1], "externe_id": f"neu-{i}", "titel": f"Neue Maßnahme {i}"} for i in range(2000)]
    exported.wipe()
    exported.headers = list(rows[0])
    for row in rows:
        exported.append(list(row.values()))
    history, stamp = StatusChange.objects.count(), ContentStamp.objects.get().value

    with counted_statements() as reading:
        preview = post_file(staff_client, "gross.csv", exported.export("csv").encode(), "csv")
    assert preview.context["result"].totals == {"new": 2000, "update": 1000, "delete": 0, "skip": 2000, "error": 0,
                                                "invalid": 0}
    confirm = preview.context["confirm_form"]
    # A preview reads per file, not per row, and writes nothing.
    assert len(reading) <= 40
    assert (StatusChange.objects.count(), ContentStamp.objects.get().value) == (history, stamp)

    with counted_statements() as writing:
        response = staff_client.post(reverse("admin:massnahmen_massnahme_process_import"),
                                     {name: confirm.initial[name] for name in confirm.fields})
    assert response.status_code == 302
    # Per written row at most: a new measure 4 statements (its INSERT, its first history row, a
    # savepoint and its release), a changed one 4 (the version claim's EXISTS and UPDATE, a
    # savepoint), a status change 7 (the claim, the history row, two savepoints); the rest is per
    # file (reading, the relations of new measures, the translation state, the admin log).
    # The search documents of the 3,000 saved measures (7 languages each) are written once at the
    # end in bulk: deletes and inserts of whole chunks, not statements per row.
    indexing = [sql for sql in writing if "core_searchdocument" in sql]
    assert len(indexing) <= 3000 * 7 // 50
    assert len(writing) - len(indexing) <= 4 * 2000 + 4 * 700 + 7 * 300 + 150

    assert StatusChange.objects.count() == history + 2000 + 300  # one row per new measure and per real change
    assert ContentStamp.objects.get().value == stamp + 1  # the whole file is one content state
    changed = StatusChange.objects.filter(massnahme__external_id__in=[row["externe_id"] for row in rows[:300]],
                                          note="Import aus Tabelle")
    assert changed.count() == 300 and not changed.filter(old_status="").exists()
    after = dict(measures.values_list("external_id", "version"))
    assert all(after[row["externe_id"]] == versions[row["externe_id"]] + 1 for row in rows[:1000])  # each claimed once
    assert all(after[row["externe_id"]] == versions[row["externe_id"]] for row in rows[1000:3000])  # untouched
    new = Massnahme.objects.filter(external_id__startswith="neu-")
    assert new.count() == 2000 and new.filter(handlungsfelder__isnull=False).distinct().count() == 2000
    assert Massnahme.objects.get(external_id="gross-5").progress_note_de == "Neuer Stand 5"
    # The translation state of every saved measure, written in one pass for the file.
    from django.contrib.contenttypes.models import ContentType

    from core.models import SourceText, text_hash

    sources = SourceText.objects.filter(content_type=ContentType.objects.get_for_model(Massnahme))
    assert sources.filter(object_id__in=new.values("pk"), field="title").count() == 2000
    notes = sources.filter(object_id__in=measures.filter(progress_note_de__startswith="Neuer Stand").values("pk"),
                           field="progress_note")
    assert notes.count() == 1000 and notes.filter(source_hash=text_hash("Neuer Stand 5")).count() == 1


def test_the_import_template_lists_the_columns_and_allowed_values_and_imports_once_filled(staff_client, client):
    url = reverse("admin:massnahmen_massnahme_import_template")
    assert 'href="%s"' % url in staff_client.get(reverse("admin:massnahmen_massnahme_import")).content.decode()
    response = staff_client.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "massnahmen-importvorlage.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet, explanation, values = book.worksheets
    assert [cell.value for cell in sheet[1]] == HEADER.split(",")
    assert sheet.max_row == 1  # nothing to delete before filling it in
    explained = {row[0]: row[1:] for row in explanation.iter_rows(min_row=2, values_only=True) if row[0]}
    assert explained["externe_id"][0] == "ja" and explained["beginn"][0] == "nein"
    assert "TT.MM.JJJJ" in explained["beginn"][1]
    allowed = {}
    for column, value, meaning in values.iter_rows(min_row=2, values_only=True):
        allowed.setdefault(column, {})[str(value)] = meaning
    assert allowed["handlungsfelder"]["1"] == Handlungsfeld.objects.get(number=1).title_de
    assert set(allowed["status"]) == set(Status.values)
    assert set(allowed["partner"]) == set(Netzwerkpartner.objects.values_list("slug", flat=True))
    # Filled with values the template itself names, it previews as one new measure.
    sheet.append(["vorlage-1", "Sprachcafé aus der Vorlage", "", "geplant", "", "", "2|4",
                  next(iter(allowed["stadtteile"])), "", next(iter(allowed["partner"])), "01.03.2026", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = post_file(staff_client, "vorlage.xlsx", buffer.getvalue(), "xlsx")
    assert preview.context["result"].totals["new"] == 1 and not preview.context["result"].has_validation_errors()
    # Only someone who may import gets it.
    assert client.get(url).status_code == 302

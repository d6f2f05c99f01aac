"""Staff import measures from CSV/XLSX: preview, row-level German errors, all-or-nothing, idempotent."""

import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from massnahmen.models import Massnahme, StatusChange
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
    assert [row.import_type for row in result.rows] == ["skip", "skip"]
    assert StatusChange.objects.count() == history


def test_status_change_by_import_writes_history(staff_user):
    run_import(csv_file(*GOOD), user=staff_user)
    run_import(csv_file(GOOD[0].replace(",geplant,", ",umgesetzt,"), GOOD[1]), user=staff_user)
    cafe = Massnahme.objects.get(external_id="imp-1")
    latest = cafe.status_changes.latest()
    assert (cafe.status, latest.old_status, latest.new_status, latest.note) == (
        "umgesetzt", "geplant", "umgesetzt", "Import aus Tabelle")


def test_one_bad_row_writes_nothing_and_names_row_column_reason(staff_user):
    bad = [
        GOOD[0],
        "imp-3,Fehlerhafte Maßnahme,,erledigt,,,2,,,jugendamt,,",
        "imp-4,Unbekannter Partner,,geplant,,,2,,,gibt-es-nicht,,",
        "imp-5,Ohne Feld,,geplant,,,,,,jugendamt,,",
        "imp-6,Ende vor Beginn,,geplant,,,2,,,jugendamt,2026-05-01,2026-01-01",
    ]
    before = (Massnahme.objects.count(), StatusChange.objects.count())
    result = run_import(csv_file(*bad), user=staff_user)
    assert result.has_validation_errors() or result.has_errors()
    assert (Massnahme.objects.count(), StatusChange.objects.count()) == before
    problems = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(problems) == {2, 3, 4, 5}
    assert "status" in problems[2] and "ist keine gültige Option" in str(problems[2]["status"])
    assert "partner" in problems[3] and "gibt-es-nicht" in str(problems[3]["partner"])
    assert "handlungsfelder" in problems[4]
    assert "Das Ende darf nicht vor dem Beginn liegen." in str(problems[5])


def test_export_round_trips(staff_user):
    exported = MassnahmeResource().export()
    assert exported.headers == HEADER.split(",")
    assert len(exported) == Massnahme.objects.count()
    history = StatusChange.objects.count()
    result = run_import(exported.csv, user=staff_user)
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}
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
    confirm = preview.context["confirm_form"]
    response = staff_client.post(reverse("admin:massnahmen_massnahme_process_import"),
                                 {name: field.initial if field.initial is not None else confirm.initial.get(name)
                                  for name, field in confirm.fields.items()})
    assert response.status_code == 302
    assert Massnahme.objects.filter(external_id__in=["imp-1", "imp-2"]).count() == 2


def test_admin_preview_of_a_bad_file_shows_errors_and_no_confirm(staff_client):
    upload = SimpleUploadedFile("fehler.csv", csv_file("imp-9,Kaputt,,erledigt,,,2,,,jugendamt,,").encode(), content_type="text/csv")
    formats = staff_client.get(reverse("admin:massnahmen_massnahme_import")).context["form"].fields["format"].choices
    csv_format = next(value for value, label in formats if "csv" in str(label).lower())
    preview = staff_client.post(reverse("admin:massnahmen_massnahme_import"),
                                {"format": csv_format, "import_file": upload, "resource": 0})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "ist keine gültige Option" in html
    assert preview.context.get("confirm_form") is None
    assert not Massnahme.objects.filter(external_id="imp-9").exists()

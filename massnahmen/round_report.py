"""A closed reporting round as the public and the council see it: figures, changes, report PDF, workbook.

Everything comes from the round's snapshot (massnahmen/comparison.py) and the round's own dates,
never from the measures, partners or translations of today, and nothing depends on the moment it
is generated: the page, the PDF and the workbook of a round are the same whenever they are made.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from core.spreadsheets import safe_cell
from core.text import reader_language

from .charts import stacked_bars
from .comparison import compare, figures, measure_key
from .models import Status




def _groups(snapshots, labels):
    """[(id, label)] of the fields or districts the rows name, labelled as the rows froze them.

    `labels(row)` gives (id, sort key, label) per field or district of a row; all rows of a round
    froze the same label for an id, so the first one is taken.
    """
    seen = {}
    for snapshot in snapshots:
        for pk, key, label in labels(snapshot):
            seen.setdefault(pk, (key, label))
    return [(pk, label) for pk, (_key, label) in sorted(seen.items(), key=lambda item: (item[1][0], item[0]))]


@dataclass
class RoundReport:
    """One closed round with what every view of it shows, read in a fixed number of queries."""

    runde: object

    @cached_property
    def snapshots(self):
        return list(self.runde.current_snapshots().order_by("position", "pk"))

    @cached_property
    def previous(self):
        return self.runde.previous()

    @cached_property
    def previous_snapshots(self):
        return list(self.previous.current_snapshots()) if self.previous else []

    @cached_property
    def comparison(self):
        return compare(self.previous_snapshots, self.snapshots)

    @cached_property
    def felder(self):
        language = reader_language()
        return _groups(self.snapshots, lambda snapshot: field_labels(snapshot, language))

    @cached_property
    def stadtteile(self):
        language = reader_language()
        return _groups(self.snapshots, lambda snapshot: district_labels(snapshot, language))

    @cached_property
    def figures(self):
        return figures(self.snapshots, self.felder, self.stadtteile)

    def charts(self, rtl=False):
        table = self.figures
        return {"felder": stacked_bars(table["felder"], rtl=rtl),
                "stadtteile": stacked_bars(table["stadtteile"], rtl=rtl),
                "overall": stacked_bars([table["overall"]], rtl=rtl)}

    @cached_property
    def measures_by_field(self):
        """[(field label, [snapshot …])] in the round's order; a measure of two fields is under both."""
        rows = {pk: [] for pk, _label in self.felder}
        for snapshot in self.snapshots:
            for pk in dict.fromkeys(snapshot.handlungsfeld_ids or ()):
                rows[pk].append(snapshot)
        return [(label, rows[pk]) for pk, label in self.felder if rows[pk]]

    @property
    def closed_on(self):
        return timezone.localdate(self.runde.closed_at)


def _in_language(texts, language):
    return texts.get(language) or texts.get(settings.LANGUAGE_CODE, "")


def field_labels(snapshot, language):
    """(id, sort key, "1. Bildung …") per field of a row, in the short titles the row froze."""
    return [(item["id"], (item["number"],), f"{item['number']}. {_in_language(item['short_title'], language)}")
            for item in snapshot.data.get("handlungsfelder", [])]


def district_labels(snapshot, language):
    """(id, sort key, name) per district of a row: the German name orders, as on the dashboard."""
    return [(item["id"], (_in_language(item["name"], settings.LANGUAGE_CODE),), _in_language(item["name"], language))
            for item in snapshot.data.get("stadtteile", [])]


# --- the council's workbook ---------------------------------------------------------------------

BOLD = Font(bold=True)


def _yes_no(value):
    return gettext("ja") if value else gettext("nein")


def _row(sheet, values, bold=False):
    """A row of cells, every text formula-safe (core/spreadsheets.py); an empty text is an empty cell."""
    values = [str(value) if isinstance(value, Promise) else value for value in values]  # lazy labels
    sheet.append([None if value == "" else safe_cell(value) for value in values])
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD


def change_labels(report):
    """{measure key: how it differs from the previous round, in words}; empty for the first round."""
    if report.previous is None:
        return {}
    comparison = report.comparison
    labels = {measure_key(snapshot): gettext("unverändert") for snapshot in report.snapshots}
    labels.update({measure_key(t.after): gettext("Status geändert") for t in comparison.moved})
    labels.update({measure_key(snapshot): gettext("neu") for snapshot in comparison.new})
    return labels


def workbook_bytes(report):
    """The round as an XLSX workbook: an overview sheet and a measures sheet, every text formula-safe.

    Byte for byte the same whenever it is made: the document properties carry the round's closing
    time, and every zip entry that moment too (openpyxl would write the time of saving into both).
    """
    runde, language = report.runde, reader_language()
    statuses = dict(Status.choices)
    book = Workbook()
    overview = book.active
    overview.title = gettext("Übersicht")[:31]
    _row(overview, [gettext("Berichtsrunde"), runde.title], bold=True)
    _row(overview, [gettext("Zeitraum"), runde.period_start, runde.period_end])
    _row(overview, [gettext("Abgeschlossen am"), report.closed_on])
    _row(overview, [gettext("Sprache"), language])
    _row(overview, [])
    _row(overview, [gettext("Status"), gettext("Maßnahmen")], bold=True)
    for cell in report.figures["overall"]["cells"]:
        _row(overview, [cell["label"], cell["count"]])
    _row(overview, [gettext("Maßnahmen insgesamt"), report.figures["overall"]["total"]], bold=True)
    _row(overview, [])
    _row(overview, [gettext("Handlungsfeld"), *[label for _value, label in Status.choices], gettext("gesamt")], bold=True)
    for line in report.figures["felder"]:
        _row(overview, [line["text"], *line["counts"], line["total"]])
    _row(overview, [])
    comparison = report.comparison
    if report.previous is not None:
        _row(overview, [gettext("Veränderungen seit der Runde"), report.previous.title], bold=True)
        _row(overview, [gettext("bisheriger Status"), gettext("neuer Status"), gettext("Maßnahmen")], bold=True)
        for old, new, count in comparison.transitions:
            _row(overview, [statuses[old], statuses[new], count])
        _row(overview, [gettext("Status unverändert"), comparison.unchanged])
        _row(overview, [gettext("neu aufgenommen"), len(comparison.new)])
        _row(overview, [gettext("nicht mehr erfasst"), len(comparison.dropped)])
    _row(overview, [gettext("ohne Bericht zur Runde"), len(comparison.unreported)])

    measures = book.create_sheet(gettext("Maßnahmen")[:31])
    _row(measures, [gettext("Kennung"), gettext("Titel"), gettext("Status"), gettext("Statuswert"),
                    gettext("Bericht zur Runde"), gettext("Handlungsfelder"), gettext("Stadtteile"),
                    gettext("Verantwortlich"), gettext("Stand der Umsetzung"), gettext("Nächste Schritte"),
                    gettext("Letzte Notiz"), gettext("Veränderung zur vorigen Runde")], bold=True)
    changes = change_labels(report)
    for snapshot in report.snapshots:
        _row(measures, [
            snapshot.external_id or "", snapshot.text("title", language), snapshot.get_status_display(),
            snapshot.status, _yes_no(snapshot.reported),
            "; ".join(snapshot.handlungsfeld_titles(language)), "; ".join(snapshot.stadtteil_names(language)),
            "; ".join(snapshot.partner_names(language)), snapshot.text("progress_note", language),
            snapshot.text("next_steps", language), (snapshot.last_note or {}).get("text", ""),
            changes.get(measure_key(snapshot), ""),
        ])
    measures.freeze_panes = "A2"
    overview.column_dimensions["A"].width = 40
    measures.column_dimensions["B"].width = 60

    # openpyxl reads the document properties' naive times as UTC.
    moment = runde.closed_at.astimezone(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    book.properties.creator = gettext("Landeshauptstadt Magdeburg")
    book.properties.title = str(runde.title)
    book.properties.language = language
    book.properties.created = book.properties.modified = moment
    book.properties.lastModifiedBy = None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()  # what save_workbook() does, without stamping "now"
    return pinned_zip(buffer.getvalue(), moment.timetuple()[:6])


def pinned_zip(data, date_time):
    """The zip `data` with every entry dated `date_time` and nothing else of the moment it was written."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=max(date_time, (1980, 1, 1, 0, 0, 0)))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()

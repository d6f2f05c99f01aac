"""Spreadsheet import and export of measures (django-import-export): the same columns both ways.

An import of thousands of rows must finish well within the server's request timeout (30 s), so
per file, not per row: the measures the file names are read in one query (CachedInstanceLoader),
their relations as ids in one query per relation, the reference tables (fields, districts, target
groups, partners) once; new relations are written in one statement per relation, the translation
state of all saved measures in one pass.
Every cell of every row is checked, and each problem is named in German with row, column, value
and what is expected, all in one round. A preview checks but writes nothing. The import writes only
what changed: a changed row is one conditional UPDATE that claims the measure's version, a changed
status goes through change_status() (one history row), and the whole file is one content state.
"""

import copy
import csv
import datetime
import difflib
import io
import zipfile
from collections import Counter, defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.db.models import QuerySet
from django.utils.html import format_html
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.instance_loaders import CachedInstanceLoader
from import_export.results import Error, RowResult
from tablib import Dataset

from core.content_stamp import one_bump
from core.translation_state import one_sync
from core.spreadsheets import safe_cell, unescaped_cell
from handlungsfelder.models import Handlungsfeld, Zielgruppe
from netzwerk.models import Netzwerkpartner, Stadtteil

from .models import ConcurrentEditError, Massnahme, Status

SEPARATOR = "|"
# The export writes ISO dates; German spreadsheet programs write TT.MM.JJJJ when they save a CSV.
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
# Without these a row cannot be matched (externe_id) or a new measure cannot exist. The other
# columns may be left out: an import then leaves those fields of existing measures as they are.
REQUIRED_COLUMNS = ("externe_id", "titel", "handlungsfelder")
TEXT_ATTRIBUTES = {"description_de", "progress_note_de", "next_steps_de"}
# The largest file the import takes: 5,000 rows preview and import well within gunicorn's 30 s
# request timeout on the 2-core server (bench/import.py); a larger one could run into it.
MAX_ROWS = 5000
RELATIONS = ("handlungsfelder", "stadtteile", "zielgruppen", "partner")


class ImportFileError(Exception):
    """A file the import cannot read as a table of measures; the message says why, in German."""


def expected(column):
    """What a cell of `column` must hold, in the words of the error messages."""
    if column == "status":
        return _("einer der Werte %(values)s") % {"values": ", ".join(Status.values)}
    return {
        "externe_id": _("eine Kennung mit höchstens 60 Zeichen, die in der Datei nur einmal vorkommt, "
                        "z. B. „zw2020-01“"),
        "titel": _("ein Titel mit höchstens 500 Zeichen"),
        "handlungsfelder": _("eine oder mehrere Nummern von Handlungsfeldern (1 bis 6), getrennt durch „|“, "
                             "z. B. „2|4“"),
        "stadtteile": _("Kurznamen von Stadtteilen, wie sie der Export schreibt, getrennt durch „|“, "
                        "z. B. „neustadt“"),
        "zielgruppen": _("Schlüssel von Zielgruppen, wie sie der Export schreibt, getrennt durch „|“"),
        "partner": _("Kurznamen von Netzwerkpartnern, wie sie der Export schreibt, getrennt durch „|“, "
                     "z. B. „jugendamt“"),
        "beginn": _("ein Datum als JJJJ-MM-TT oder TT.MM.JJJJ, z. B. 2026-03-01 oder 01.03.2026"),
        "ende": _("ein Datum als JJJJ-MM-TT oder TT.MM.JJJJ, nicht vor dem Beginn"),
    }.get(column, _("Text"))


def problem_text(row_number, column, value, problem, say_expected=True):
    """One error as staff read it: where (as the spreadsheet program counts rows), what, what instead."""
    where = {
        # Dataset rows count from 1 below the header; the spreadsheet program counts the header too.
        "row": row_number + 1, "column": column, "value": str(value if value is not None else "").strip(),
        "problem": problem, "expected": expected(column),
    }
    if not say_expected:  # the problem is not the cell's content
        return _("Zeile %(row)d, Spalte „%(column)s“, Wert „%(value)s“: %(problem)s") % where
    return _("Zeile %(row)d, Spalte „%(column)s“, Wert „%(value)s“: %(problem)s Erwartet: %(expected)s.") % where


class ReferenceWidget(widgets.ManyToManyWidget):
    """A "|"-separated list of keys of a reference table (fields, districts, …).

    The table is read once per import (a file names the same few dozen values thousands of times),
    and an unknown key is an error, not dropped silently. clean() returns a list of objects.
    """

    def __init__(self, model, field, **kwargs):
        super().__init__(model, separator=SEPARATOR, field=field, **kwargs)
        self.known = self.by_pk = None

    def load(self):
        """Read the table as it is now (once per import)."""
        objects = list(self.model.objects.all())
        self.known = {str(getattr(obj, self.field)): obj for obj in objects}
        self.by_pk = {obj.pk: obj for obj in objects}

    def clean(self, value, row=None, **kwargs):
        if self.known is None:
            self.load()
        wanted = [part.strip() for part in str(value or "").split(self.separator) if part.strip()]
        unknown = [part for part in wanted if part not in self.known]
        if unknown:
            hints = [match for part in unknown for match in difflib.get_close_matches(part, self.known, n=1)]
            problem = _("Unbekannt: %(values)s.") % {"values": ", ".join(f"„{part}“" for part in unknown)}
            if hints:
                problem += " " + _("Gemeint vielleicht: %(values)s?") % {
                    "values": ", ".join(f"„{hint}“" for hint in hints)}
            raise ValueError(problem)
        return list(dict.fromkeys(self.known[part] for part in wanted))  # in file order, each once

    def render(self, value, obj=None, **kwargs):
        if isinstance(value, list):  # the values a row is about to set (see RelationField)
            return self.separator.join(str(getattr(item, self.field)) for item in value)
        return super().render(value, obj, **kwargs)


class RelationField(fields.Field):
    """A list column. Until the row is saved, the measure shows the objects the row names, so the
    preview (which writes nothing) and the comparison with the stored measure read no relation."""

    def get_value(self, instance):
        pending = getattr(instance, "import_relations", None)
        if pending is not None and self.attribute in pending:
            return pending[self.attribute]
        return super().get_value(instance)


def relation(column, model, field):
    return RelationField(column_name=column, attribute=column, widget=ReferenceWidget(model, field))


class DateWidget(widgets.DateWidget):
    """ISO dates out; ISO or German dates in, a spreadsheet's date cell as it is."""

    def __init__(self):
        super().__init__(DATE_FORMATS[0])
        self.formats = DATE_FORMATS

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):  # an XLSX date cell
            return value.date()
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(_("Das ist kein gültiges Datum.")) from None


def limited(rows):
    """The rows, or an ImportFileError once more than MAX_ROWS of them hold anything (stops reading there)."""
    taken, filled = [], 0
    for row in rows:
        filled += any(value not in ("", None) for value in row)
        if filled > MAX_ROWS:
            raise ImportFileError(_("Die Datei hat mehr als %(max)d Zeilen mit Maßnahmen. Erwartet: höchstens %(max)d "
                                    "Zeilen je Datei; teilen Sie eine größere Datei auf.") % {"max": MAX_ROWS})
        taken.append(row)
    return taken


def decoded(data):
    """The text of a CSV upload, or an ImportFileError that says what the file is instead."""
    if isinstance(data, str):
        return data
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError(_("Die Datei ist eine Excel-Arbeitsmappe (XLSX), keine CSV-Datei. Wählen Sie als "
                                "Format „xlsx“ oder speichern Sie die Tabelle als CSV."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if b"\x00" in data[:4096] or sum(byte < 9 for byte in data[:4096]) > 4:
            raise ImportFileError(_("Die Datei ist keine Tabelle im Format CSV (sie enthält Binärdaten). Laden Sie "
                                    "eine CSV-Datei (UTF-8) oder eine Excel-Arbeitsmappe (XLSX) hoch.")) from None
        line = data[:error.start].count(b"\n") + 1
        raise ImportFileError(_("Die Datei ist nicht in UTF-8 kodiert (erstes fremdes Zeichen in Zeile %(line)d, "
                                "vermutlich Windows-1252/ANSI). Speichern Sie sie in Excel als „CSV UTF-8 (durch "
                                "Trennzeichen getrennt)“ oder laden Sie sie als XLSX hoch.") % {"line": line}) from None


class CSVImport(base_formats.CSV):
    """CSV read strictly: UTF-8, commas, one record per spreadsheet row (blank rows kept, so row
    numbers in messages are the spreadsheet program's)."""

    def is_binary(self):
        return True  # the bytes reach create_dataset(), which names a wrong encoding itself

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        text = decoded(in_stream)
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            records = list(reader)
        except csv.Error:  # an unbalanced quote swallowed the rest of the file into one cell, or a NUL
            raise ImportFileError(_("Die Datei lässt sich ab Zeile %(line)d nicht als CSV lesen. Erwartet: Texte mit "
                                    "Komma oder Zeilenumbruch stehen in Anführungszeichen, ein Anführungszeichen im "
                                    "Text ist verdoppelt.") % {"line": reader.line_num}) from None
        if not records or not any(cell.strip() for cell in records[0]):
            raise ImportFileError(_("Die Datei ist leer. Erwartet wird eine Kopfzeile mit den Spaltennamen und "
                                    "darunter eine Zeile je Maßnahme."))
        headers, rows = records[0], limited(records[1:])
        too_long = [number for number, record in enumerate(rows, 2) if len(record) > len(headers)]
        if too_long:
            raise ImportFileError(_("Die Zeilen %(rows)s haben mehr Werte als die Kopfzeile Spalten (%(columns)d). "
                                    "Erwartet: Texte, die ein Komma enthalten, stehen in Anführungszeichen.") % {
                "rows": ", ".join(map(str, too_long[:20])) + (" …" if len(too_long) > 20 else ""),
                "columns": len(headers)})
        return with_rows(Dataset(*[record + [""] * (len(headers) - len(record)) for record in rows], headers=headers))


def with_rows(dataset):
    """The dataset, if a row below the header holds anything."""
    if not any(any(value not in ("", None) for value in row) for row in dataset):
        raise ImportFileError(_("Die Datei enthält keine Maßnahmen, nur %(what)s. Erwartet: unter der Kopfzeile eine "
                                "Zeile je Maßnahme.") % {"what": _("die Kopfzeile") if dataset.headers else _("Leerzeilen")})
    return dataset


class XLSXImport(base_formats.XLSX):
    """An Excel workbook's first sheet, or a German message when the file is not one."""

    def create_dataset(self, in_stream):
        import openpyxl

        if not in_stream:
            raise ImportFileError(_("Die Datei ist leer. Erwartet wird eine Excel-Arbeitsmappe (XLSX) mit einer "
                                    "Kopfzeile und einer Zeile je Maßnahme."))
        if not in_stream.startswith(b"PK\x03\x04"):
            raise ImportFileError(_("Die Datei ist keine Excel-Arbeitsmappe (XLSX). Wählen Sie das passende Format "
                                    "(„csv“ für eine CSV-Datei) oder speichern Sie die Tabelle in Excel als "
                                    "„Excel-Arbeitsmappe (*.xlsx)“."))
        try:
            # As import-export reads it (first sheet, values not formulas), but stopping at MAX_ROWS.
            rows = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True).active \
                .iter_rows(values_only=True)
            headers = next(rows)
            return with_rows(Dataset(*limited(rows), headers=headers))
        except StopIteration:
            raise ImportFileError(_("Die Arbeitsmappe ist leer. Erwartet wird im ersten Blatt eine Kopfzeile mit den "
                                    "Spaltennamen und darunter eine Zeile je Maßnahme.")) from None
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
            # openpyxl's errors for a damaged or foreign ZIP (an .ods, a .docx, a cut-off download)
            raise ImportFileError(_("Die Datei lässt sich nicht als Excel-Arbeitsmappe (XLSX) öffnen; sie ist "
                                    "beschädigt oder ein anderes Format. Speichern Sie die Tabelle in Excel erneut als "
                                    "„Excel-Arbeitsmappe (*.xlsx)“ oder als „CSV UTF-8“.")) from None


IMPORT_FORMATS = [CSVImport, XLSXImport]


class MeasureLoader(CachedInstanceLoader):
    """The measures a file names, in one query, without the export's prefetches."""

    def get_queryset(self):
        return Massnahme.objects.all()


def cell(value):
    """A cell as the import reads it: text stripped, the formula guard of an export taken off again,
    whole numbers of a spreadsheet as their digits, dates as dates."""
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescaped_cell(str(value).strip())


class MassnahmeResource(resources.ModelResource):
    """Columns with German names; lists separated by "|"; the external id identifies a measure."""

    externe_id = fields.Field(column_name="externe_id", attribute="external_id")
    titel = fields.Field(column_name="titel", attribute="title_de")
    beschreibung = fields.Field(column_name="beschreibung", attribute="description_de")
    status = fields.Field(column_name="status", attribute="status")
    stand = fields.Field(column_name="stand", attribute="progress_note_de")
    naechste_schritte = fields.Field(column_name="naechste_schritte", attribute="next_steps_de")
    handlungsfelder = relation("handlungsfelder", Handlungsfeld, "number")
    stadtteile = relation("stadtteile", Stadtteil, "slug")
    zielgruppen = relation("zielgruppen", Zielgruppe, "key")
    partner = relation("partner", Netzwerkpartner, "slug")
    beginn = fields.Field(column_name="beginn", attribute="start_date", widget=DateWidget())
    ende = fields.Field(column_name="ende", attribute="end_date", widget=DateWidget())

    class Meta:
        model = Massnahme
        fields = ("externe_id", "titel", "beschreibung", "status", "stand", "naechste_schritte", "handlungsfelder",
                  "stadtteile", "zielgruppen", "partner", "beginn", "ende")
        import_id_fields = ("externe_id",)
        # The measures a file names in one query, not one per row; their relations: before_import().
        instance_loader_class = MeasureLoader
        skip_unchanged = True
        # The preview lists what will change; unchanged rows are counted, not listed. Its cells are
        # made by preview_cells() from what the row holds: import-export's diff copied every measure
        # (deepcopy loses the prefetched relations, four queries a row) and diffed every cell.
        report_skipped = False
        skip_diff = True
        store_instance = True
        use_transactions = True
        # Only to drop import-export's savepoint around every row (two statements a row, a quarter
        # of a preview's time): nothing is bulk-saved, save_instance() and save_m2m() write each
        # row themselves, the measure's save in a savepoint of its own, and any failed row rolls
        # the whole file back anyway.
        use_bulk = True

    def get_queryset(self):
        return Massnahme.objects.prefetch_related(*RELATIONS)

    def filter_export(self, queryset, **kwargs):
        # The list columns of every exported measure in four queries, not four per measure.
        return queryset.prefetch_related(*RELATIONS) if isinstance(queryset, QuerySet) else queryset

    def export_field(self, field, instance, **kwargs):
        # Text that looks like a formula is exported as text, in CSV and XLSX alike (core/spreadsheets.py).
        return safe_cell(super().export_field(field, instance, **kwargs))

    # ---- the file as a whole

    def column_problems(self, headers):
        """German messages for a header row the import cannot use; empty when it can."""
        columns = [field.column_name for field in self.get_import_fields()]
        named = [header for header in headers if header]
        missing = [column for column in REQUIRED_COLUMNS if column not in named]
        for delimiter, name in ((";", _("Semikolon „;“")), ("\t", _("Tabulator"))):
            if missing and any(delimiter in header for header in named):
                return [_("Die Spalten sind durch %(delimiter)s getrennt. Erwartet: durch Kommas „,“ getrennte "
                          "Spalten (in Excel: „CSV UTF-8 (durch Trennzeichen getrennt)“), oder laden Sie die "
                          "Tabelle als XLSX hoch.") % {"delimiter": name}]
        problems = []
        if missing:
            problems.append(_("Es fehlen die Pflichtspalten %(missing)s. Erwartet: eine Kopfzeile mit den Spalten "
                              "%(columns)s.") % {"missing": ", ".join(f"„{c}“" for c in missing),
                                                 "columns": ", ".join(columns)})
        unknown = [header for header in named if header not in columns]
        if unknown:
            problems.append(_("Unbekannte Spalten: %(unknown)s. Erwartet werden nur die Spalten %(columns)s.") % {
                "unknown": ", ".join(f"„{c}“" for c in unknown), "columns": ", ".join(columns)})
        twice = [header for header, count in Counter(named).items() if count > 1]
        if twice:
            problems.append(_("Diese Spalten kommen mehrfach vor: %(columns)s. Erwartet: jede Spalte einmal.") % {
                "columns": ", ".join(f"„{c}“" for c in twice)})
        return problems

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, rollback_on_validation_errors=False, **kwargs):
        """Import a whole file or nothing: any invalid row rolls the file back."""
        dataset = Dataset(*[tuple(cell(value) for value in row) for row in dataset],
                          headers=[str(header or "").strip().lower() for header in dataset.headers or []])
        problems = self.column_problems(dataset.headers)
        if problems:  # no row is read: every one of them would fail for the same reason
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            for problem in problems:
                result.append_base_error(Error(ImportFileError(problem)))
            if raise_errors:
                raise ImportFileError(" ".join(problems))
            return result
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors,
                                   use_transactions=use_transactions, collect_failed_rows=collect_failed_rows,
                                   rollback_on_validation_errors=True, **kwargs)

    def import_data_inner(self, *args, **kwargs):
        # The whole file is one new content state: one bump of the content stamp, and one pass over
        # the translation state of every measure it saved; both inside the import's transaction,
        # so they are rolled back with a failed import.
        with one_bump(), one_sync():
            return super().import_data_inner(*args, **kwargs)

    def init_instance(self, row=None):
        # Massnahme() computes some thirty translated-field defaults; a copy of one made per file
        # costs a fraction of that (copy.copy gives a model instance its own state).
        return copy.copy(self.prototype)

    def before_import(self, dataset, **kwargs):
        ids = defaultdict(list)
        if "externe_id" in dataset.headers:
            for number, value in enumerate(dataset["externe_id"], 1):
                if value:
                    ids[value].append(number)
        self.repeated_ids = {value: numbers for value, numbers in ids.items() if len(numbers) > 1}
        # The relations of the measures the file names, as ids: one query per relation. (A prefetch
        # would build a model instance and a queryset for every related object of every measure.)
        self.stored_relations = {}
        for field in self.get_import_fields():
            if isinstance(field, RelationField):
                field.widget.load()
                through = getattr(Massnahme, field.attribute).through
                target = Massnahme._meta.get_field(field.attribute).m2m_reverse_name()
                stored = self.stored_relations[field.attribute] = defaultdict(set)
                for measure, item in through.objects.filter(massnahme__external_id__in=list(ids)) \
                        .values_list("massnahme_id", target):
                    stored[measure].add(item)
        self.new_links = defaultdict(list)
        self.prototype = Massnahme()

    # ---- one row

    def import_row(self, row, instance_loader, **kwargs):
        if not any(value not in ("", None) for value in row.values()):
            blank = self.get_row_result_class()()  # a blank row of the sheet: nothing to import
            blank.import_type = RowResult.IMPORT_TYPE_SKIP
            return blank
        return super().import_row(row, instance_loader, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        # What the file may change, as stored: the save writes only what differs.
        instance.import_stored = None if new else {
            field.attribute: getattr(instance, field.attribute) for field in self.get_import_fields()
            if not isinstance(field, RelationField)}

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An empty cell and an empty text are the same, whether stored as NULL or "".
        if not is_m2m and field.attribute in TEXT_ATTRIBUTES and not row.get(field.column_name) \
                and not getattr(instance, field.attribute):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Take every cell of the row; one ValidationError names every problem of the row.

        The model's own checks run here too (full_clean), so the errors of all columns come in
        one round, each keyed by its column.
        """
        number = kwargs.get("row_number") or 0
        problems = defaultdict(list)
        instance.import_relations = {}
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            try:
                if isinstance(field, RelationField):
                    instance.import_relations[field.attribute] = field.clean(row)
                else:
                    self.import_field(field, instance, row, **kwargs)
            except ValueError as error:
                problems[field.column_name].append(str(error))
        external_id = row.get("externe_id")
        if not external_id:
            problems["externe_id"].append(_("Der Wert fehlt."))
        elif external_id in self.repeated_ids:
            problems["externe_id"].append(_("Die Kennung steht in den Zeilen %(rows)s.") % {
                "rows": ", ".join(str(n + 1) for n in self.repeated_ids[external_id])})
        if not instance.import_relations.get("handlungsfelder") and "handlungsfelder" not in problems:
            # A measure belongs to at least one field, a new one as an existing one.
            problems["handlungsfelder"].append(_("Der Wert fehlt."))
        columns = {field.attribute: field.column_name for field in self.get_import_fields()}
        columns.update({"title": "titel", "description": "beschreibung", "progress_note": "stand",
                        "next_steps": "naechste_schritte"})
        try:
            # Field checks and clean() (the period) in Python. The unique external id is the
            # loader's and before_import()'s business, the database constraints repeat what
            # clean_fields() and clean() check: their queries would cost three per row.
            instance.full_clean(exclude=[name for name, column in columns.items() if column in problems],
                                validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                column = columns.get(name, "ende" if name in (NON_FIELD_ERRORS, "end_date") else name)
                for item in errors:
                    problems[column].append(self.model_problem(item))
        if problems:
            raise ValidationError({
                column: [problem_text(number, column, row.get(column), text) for text in dict.fromkeys(texts)]
                for column, texts in problems.items()})

    @staticmethod
    def model_problem(error):
        """The model's complaint about a value, as part of an import message."""
        if error.code in ("blank", "null", "required"):
            return _("Der Wert fehlt.")
        if error.code == "max_length":
            return _("Der Text ist %(length)d Zeichen lang.") % {"length": error.params["show_value"]}
        if error.code == "invalid_choice":
            return _("Diesen Wert gibt es nicht.")
        return " ".join(error.messages)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: every cell equals the stored value (relations as read in before_import())."""
        if import_validation_errors or instance.import_stored is None:
            return False
        instance.import_changes = [name for name, value in instance.import_stored.items()
                                   if getattr(instance, name) != value]
        instance.import_changes += [name for name, items in instance.import_relations.items()
                                    if {item.pk for item in items} != self.stored_relations[name][instance.pk]]
        return not instance.import_changes

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # import_instance() has already run the model's checks along with the cells'.
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        """Write what the row changes, claiming the measure's version; a preview writes nothing.

        Every status change goes through change_status(), so an import writes history too.
        """
        if self._is_dry_run(kwargs):
            return
        user, note = kwargs.get("user"), _("Import aus Tabelle")
        try:
            if is_create:
                instance.save(status_note=note, changed_by=user)
                return
            changed = [name for name in instance.import_changes if name in instance.import_stored and name != "status"]
            new_status = instance.status
            if new_status != instance._stored_status:
                instance.status = instance._stored_status
                instance.change_status(new_status, note=note, by=user, fields=changed)
            else:
                # Also when only relations change: the measure was changed, so the version moves.
                instance.save(update_fields=changed)
        except ConcurrentEditError:
            raise ValidationError({"externe_id": [problem_text(
                kwargs.get("row_number") or 0, "externe_id", row.get("externe_id"),
                _("Diese Maßnahme wurde während des Imports von jemand anderem gespeichert; nichts wurde "
                  "übernommen. Laden Sie die Datei erneut hoch."), say_expected=False)]}) from None

    def save_m2m(self, instance, row, **kwargs):
        if self._is_dry_run(kwargs):
            return
        if instance.import_stored is not None:  # an existing measure: only the relations that differ
            for name in instance.import_changes:
                if name in instance.import_relations:
                    getattr(instance, name).set(instance.import_relations[name])
            return
        # A new measure's relations are written for the whole file at once (after_import()): as
        # Django's documentation advises for many pairs, one bulk_create() per through model
        # instead of two queries per relation and row. No m2m_changed signal is sent; its one
        # listener, the content stamp, already moves for the new measure itself.
        for name, items in instance.import_relations.items():
            through = getattr(Massnahme, name).through
            target = Massnahme._meta.get_field(name).m2m_reverse_field_name()
            self.new_links[through].extend(through(massnahme=instance, **{target: item}) for item in items)

    def after_import(self, dataset, result, **kwargs):
        for through, links in self.new_links.items():
            through.objects.bulk_create(links, batch_size=2000)
        self.new_links.clear()
        super().after_import(dataset, result, **kwargs)

    def after_import_row(self, row, row_result, **kwargs):
        if row_result.import_type in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE):
            row_result.diff = self.preview_cells(row_result.instance)

    def preview_cells(self, instance):
        """The row as the preview shows it: a new measure's values; a changed one's values with each
        change as stored → new."""
        cells = []
        for field in self.get_import_fields():
            now = field.export(instance)
            if instance.import_stored is None or field.attribute not in instance.import_changes:
                cells.append(now)
                continue
            if isinstance(field, RelationField):
                stored = self.stored_relations[field.attribute][instance.pk]
                before = field.widget.render(sorted((field.widget.by_pk[pk] for pk in stored),
                                                    key=lambda item: str(getattr(item, field.widget.field))))
            else:
                before = field.widget.render(instance.import_stored[field.attribute])
            cells.append(format_html("<del>{}</del> → <ins>{}</ins>", before, now))
        return cells


# ---- the template staff download before their first import

EXAMPLES = {
    "externe_id": "zw2020-23", "titel": "Sprachcafé im Stadtteiltreff", "beschreibung": "Wöchentliches Treffen …",
    "status": Status.IN_BEARBEITUNG.value, "stand": "Seit März jeden Dienstag.", "naechste_schritte": "Zweiter Termin.",
    "handlungsfelder": "2|4", "stadtteile": "neustadt", "zielgruppen": "", "partner": "jugendamt",
    "beginn": "01.03.2026", "ende": "",
}


def template_workbook():
    """An XLSX file to fill in: the import's columns on the first sheet (the one the import reads),
    what each column expects on the second, and the values the list columns accept on the third —
    read from the database, so a new district or partner is in the next download."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = list(MassnahmeResource._meta.fields)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Maßnahmen")
    sheet.append(columns)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(14, len(column) + 4)
    # The status column offers its values as a drop-down list, so a typo cannot get in.
    status_column = sheet.cell(row=1, column=columns.index("status") + 1).column_letter
    choice = DataValidation(type="list", formula1='"%s"' % ",".join(Status.values), allow_blank=True,
                            showErrorMessage=True, errorTitle=_("Unbekannter Status"),
                            error=_("Bitte wählen Sie einen Status aus der Liste."))
    choice.add(f"{status_column}2:{status_column}{MAX_ROWS + 1}")
    sheet.add_data_validation(choice)

    help_sheet = book.create_sheet(_("Erläuterung"))
    help_sheet.append([_("Spalte"), _("Pflicht"), _("Erwartet"), _("Beispiel")])
    for column in columns:
        help_sheet.append([column, _("ja") if column in REQUIRED_COLUMNS else _("nein"),
                           str(expected(column)), safe_cell(EXAMPLES.get(column, ""))])
    help_sheet.append([])
    for line in (
        _("Füllen Sie das erste Blatt aus: eine Zeile je Maßnahme, die Kopfzeile bleibt, wie sie ist."),
        _("Eine bekannte externe_id ändert die Maßnahme, eine neue legt sie an. Löschen Sie eine Spalte, "
          "die keine Pflichtspalte ist, bleiben diese Angaben bestehender Maßnahmen unverändert."),
        _("Laden Sie die Datei unter „Importieren“ hoch. Die Vorschau zeigt jede Änderung; gespeichert "
          "wird erst mit „Import bestätigen“."),
    ):
        help_sheet.append([line])
    values = book.create_sheet(_("Werte"))
    values.append([_("Spalte"), _("Wert"), _("Bedeutung")])
    allowed = [
        *(["status", value, str(label)] for value, label in Status.choices),
        *(["handlungsfelder", feld.number, feld.title_de]
          for feld in Handlungsfeld.objects.order_by("number").only("number", "title_de")),
        # The German names: the template is for staff, and German is the binding language.
        *(["stadtteile", slug, name] for slug, name in Stadtteil.objects.order_by("name_de").values_list("slug", "name_de")),
        *(["zielgruppen", key, name] for key, name in Zielgruppe.objects.order_by("position").values_list("key", "name_de")),
        *(["partner", slug, safe_cell(name)]
          for slug, name in Netzwerkpartner.objects.order_by("name_de").values_list("slug", "name_de")),
    ]
    for row in allowed:
        values.append(row)
    for extra in (help_sheet, values):
        for row in extra.iter_rows(min_row=1, max_row=1):
            for cell in row:
                cell.font = Font(bold=True)
        for letter, width in zip("ABCD", (20, 12, 70, 40)):
            extra.column_dimensions[letter].width = width
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()

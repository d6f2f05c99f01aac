"""CSV and JSON downloads of measures, status changes and partners, in the URL's language."""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import get_language

from core.spreadsheets import safe_cell
from beteiligung.filters import EntryFilter
from massnahmen.filters import MassnahmeFilter

from . import errors, records

LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
SEPARATOR = "|"  # joins list values (fields, districts, …) in a CSV cell


def cross_origin(response):
    """Open data: any site may read it, also a browser application on another origin (downloads and API alike)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


class InvalidFilter(Exception):
    def __init__(self, errors):
        self.errors = errors


def filtered_measures(request):
    filterset = MassnahmeFilter(request.GET)
    if filterset.errors:
        raise InvalidFilter({name: [str(e) for e in errors] for name, errors in filterset.errors.items()})
    return filterset.selection


def filtered_entries(request):
    filterset = EntryFilter(request.GET, queryset=records.public_entries())
    if filterset.errors:
        raise InvalidFilter({name: [str(e) for e in errors] for name, errors in filterset.errors.items()})
    return filterset.selection


def csv_response(rows, columns, name):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{get_language()}-{timezone.localdate().isoformat()}.csv"'
    cross_origin(response)
    response.write("\ufeff")  # BOM: spreadsheet programs then read UTF-8 correctly
    writer = csv.writer(response)
    writer.writerow(columns)
    for row in rows:
        # Text that looks like a formula is written as text (core/spreadsheets.py); JSON needs no such care.
        writer.writerow(safe_cell(SEPARATOR.join(map(str, value))) if isinstance(value, list) else
                        ("" if value is None else safe_cell(value)) for value in (row[column] for column in columns))
    return response


def json_response(rows, name, **extra):
    response = JsonResponse(
        {"language": get_language(), "licence": LICENCE, "generated_at": timezone.now().isoformat(), **extra,
         "count": len(rows), name: rows},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    return cross_origin(response)


def error_response(error):
    """An unknown filter value: the API's error shape, its message in the URL's language."""
    response = JsonResponse(errors.body("invalid_filter", error.errors), status=400,
                            json_dumps_params={"ensure_ascii": False})
    return cross_origin(response)


def _export(request, kind, fmt):
    try:
        selection = filtered_entries(request) if kind == "beteiligung" else filtered_measures(request)
    except InvalidFilter as error:
        return error_response(error)
    measures = selection
    if kind == "beteiligung":
        rows = [records.entry(e, request) for e in records.entries_queryset(selection)]
    elif kind == "massnahmen":
        rows = [records.measure(m, request) for m in records.measures_queryset(measures)]
    elif kind == "statusaenderungen":
        rows = [records.status_change(c, request) for c in records.status_changes_queryset(measures)]
    else:
        rows = [records.partner(p, request) for p in records.partners_queryset()]
    if fmt == "json":
        return json_response(rows, kind)
    columns = list(rows[0]) if rows else list(EMPTY_COLUMNS[kind])
    return csv_response(rows, columns, kind)


EMPTY_COLUMNS = {
    "massnahmen": ["id", "external_id", "url", "title", "description", "status", "status_label", "status_changed_at",
                   "status_date_precision",
                   "progress_note", "next_steps", "handlungsfelder", "stadtteile", "zielgruppen", "partner",
                   "start_date", "end_date"],
    "statusaenderungen": ["id", "measure_id", "measure_url", "measure_title", "old_status", "new_status", "note",
                          "note_language", "partner", "changed_at", "date_precision"],
    "partner": [],
    "beteiligung": ["id", "url", "kind", "title", "title_language", "text", "text_language", "source", "handlungsfeld",
                    "stadtteile", "state", "state_label", "public_answer", "answer_language", "received_at",
                    "state_changed_at", "answered_at", "measures"],
}


def round_export_view(fmt):
    """A closed round's measures as its snapshot froze them; the round's slug names the file."""
    def view(request, slug):
        try:
            runde = records.closed_round(slug)
        except LookupError:
            raise Http404 from None
        rows = [records.snapshot(row, request) for row in records.snapshots_queryset(runde)]
        name = f"berichtsrunde-{runde.slug}"
        if fmt == "json":
            return json_response(rows, "massnahmen", round=records.berichtsrunde(runde, request, runde.previous()))
        return csv_response(rows, list(rows[0]) if rows else SNAPSHOT_COLUMNS, name)
    view.__name__ = f"round_snapshots_{fmt}"
    return view


def rounds_export_view(fmt):
    def view(request):
        rows = records.rounds(request)
        if fmt == "json":
            return json_response(rows, "berichtsrunden")
        return csv_response(rows, list(rows[0]) if rows else ROUND_COLUMNS, "berichtsrunden")
    view.__name__ = f"rounds_{fmt}"
    return view


ROUND_COLUMNS = ["slug", "title", "url", "period_start", "period_end", "due_date", "closed_at", "snapshot_version",
                 "previous", "report_pdf", "report_xlsx", "measures_csv", "measures_json"]
SNAPSHOT_COLUMNS = ["measure_id", "external_id", "position", "title", "status", "status_label", "status_changed_at",
                    "status_date_precision", "reported", "progress_note", "next_steps", "last_note",
                    "last_note_language", "handlungsfelder", "stadtteile", "partner", "partner_names", "start_date",
                    "end_date"]


def export_view(kind, fmt):
    def view(request):
        return _export(request, kind, fmt)
    view.__name__ = f"{kind}_{fmt}"
    return view

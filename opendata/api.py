"""Read-only JSON API under /api/, described by /api/openapi.json."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.utils import translation

from . import records
from .exports import InvalidFilter, filtered_measures
from .openapi import document

PAGE_SIZE = 50
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def respond(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def error(code, message, status, details=None):
    body = {"error": code, "message": message}
    if details:
        body["details"] = details
    return respond(body, status)


def api_view(handler):
    """Language from ?lang= (default German); unknown languages and filters are a 400, never a 500."""

    def view(request, *args, **kwargs):
        language = request.GET.get("lang", settings.LANGUAGE_CODE)
        if language not in LANGUAGES:
            return error("invalid_language", f"Unknown language; use one of {', '.join(LANGUAGES)}.", 400)
        with translation.override(language):
            try:
                return respond({"language": language, **handler(request, *args, **kwargs)})
            except InvalidFilter as invalid:
                return error("invalid_filter", "A filter value does not exist.", 400, invalid.errors)
            except LookupError:
                return error("not_found", "No such object.", 404)

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


@api_view
def handlungsfelder(request):
    rows = [records.field(feld, request) for feld in records.fields_queryset()]
    return {"count": len(rows), "results": rows}


@api_view
def leitlinien(request):
    edition = records.current_leitlinien()
    if edition is None:
        raise LookupError
    return records.leitlinien(edition, request)


@api_view
def massnahmen(request):
    paginator = Paginator(records.measures_queryset(filtered_measures(request)), PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        raise LookupError from None
    return {
        "count": paginator.count, "page": page.number, "pages": paginator.num_pages,
        "results": [records.measure(m, request) for m in page.object_list],
    }


@api_view
def massnahme(request, pk):
    found = records.measures_queryset(records.public_measures().filter(pk=pk)).first()
    if found is None:
        raise LookupError
    return {"result": records.measure(found, request)}


@api_view
def partner(request):
    rows = [records.partner(p, request) for p in records.partners_queryset()]
    return {"count": len(rows), "results": rows}


def openapi(request):
    return respond(document(request.build_absolute_uri("/api/")))

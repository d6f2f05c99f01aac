"""Read-only JSON API under /api/, described by /api/openapi.json.

Every answer is JSON, errors included, in one shape (`errors.body()`): the operations answer
GET, HEAD and OPTIONS and nothing else (405 with Allow), an unknown address under /api/ is a
JSON 404 (`not_found`, the last of the API's URL patterns), and a crash is a JSON 500
(`server_error`, the root URLconf's handler500 for /api/).
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import resolve
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from massnahmen.models import Status

from . import errors, records
from .exports import InvalidFilter, cross_origin, filtered_entries, filtered_measures
from .openapi import document

PAGE_SIZE = 50
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# What every operation answers; everything else is a 405 naming these in Allow (RFC 9110 15.5.6).
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(ALLOWED_METHODS)


def respond(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    return cross_origin(response)


def requested_language(request):
    """The language ?lang= asks for; None for an unknown one."""
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    return language if language in LANGUAGES else None


def error(request, code, status, details=None, **params):
    """The API's error answer, its message in the requested language (German without a valid ?lang=)."""
    try:
        language = requested_language(request)
    except SuspiciousOperation:  # the query string itself is wrong (too many fields): saying so must not fail too
        language = None
    with translation.override(language or settings.LANGUAGE_CODE):
        return respond(errors.body(code, details, **params), status)


def read_only(view):
    """GET and HEAD go to the view, OPTIONS says what is allowed, anything else is a JSON 405 with Allow.

    csrf_exempt: CsrfViewMiddleware checks an unsafe method (POST, PUT, DELETE …) in
    process_view, before the view runs, and would refuse it with an HTML 403 where the answer
    is 405. These views change nothing, whoever asks, and take no cookie-authenticated action
    (the open data is public): there is nothing for a forged request to do, and no unsafe
    method gets past this wrapper.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            # Also the CORS preflight of a browser application (say, one sending If-None-Match).
            response = cross_origin(HttpResponse(status=204))
            response["Allow"] = response["Access-Control-Allow-Methods"] = ALLOW
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = "86400"
            return response
        if request.method not in ("GET", "HEAD"):
            response = error(request, "method_not_allowed", 405, method=request.method, allowed=ALLOW)
            response["Allow"] = ALLOW
            return response
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def api_view(handler):
    """A data operation: language from ?lang= (default German); unknown languages and filters are a 400."""

    @read_only
    @wraps(handler)
    def view(request, *args, **kwargs):
        language = requested_language(request)
        if language is None:
            return error(request, "invalid_language", 400, languages=", ".join(LANGUAGES))
        with translation.override(language):
            try:
                return respond({"language": language, **handler(request, *args, **kwargs)})
            except InvalidFilter as invalid:
                return error(request, "invalid_filter", 400, invalid.errors)
            except LookupError:
                return error(request, "not_found", 404)

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


def paginated(request, queryset, record):
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        raise LookupError from None
    return {
        "count": paginator.count, "page": page.number, "pages": paginator.num_pages,
        "results": [record(row, request) for row in page.object_list],
    }


@api_view
def massnahmen(request):
    return paginated(request, records.measures_queryset(filtered_measures(request)), records.measure)


@api_view
def entries(request):
    return paginated(request, records.entries_queryset(filtered_entries(request)), records.entry)


@api_view
def entry(request, pk):
    found = records.entries_queryset(records.public_entries().filter(pk=pk)).first()
    if found is None:
        raise LookupError
    return {"result": records.entry(found, request)}


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


@api_view
def berichtsrunden(request):
    rows = records.rounds(request)
    return {"count": len(rows), "results": rows}


@api_view
def berichtsrunde(request, slug):
    """A closed round with its counts per status, frozen at closing."""
    runde = records.closed_round(slug)
    counts = dict.fromkeys(Status.values, 0)
    for status in records.snapshots_queryset(runde).values_list("status", flat=True):
        counts[status] += 1
    return {"result": {**records.berichtsrunde(runde, request, runde.previous()), "status_counts": counts,
                       "measures": sum(counts.values())}}


@api_view
def berichtsrunde_massnahmen(request, slug):
    """A closed round's measures as it froze them, 50 a page."""
    runde = records.closed_round(slug)
    paginator = Paginator(records.snapshots_queryset(runde), PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        raise LookupError from None
    return {
        "round": runde.slug, "count": paginator.count, "page": page.number, "pages": paginator.num_pages,
        "results": [records.snapshot(row, request) for row in page.object_list],
    }


@read_only
def openapi(request):
    # The document names the configured address, not the one a request arrived at (the Host header).
    return respond(document(settings.PORTAL_BASE_URL.rstrip("/") + "/api"))


@csrf_exempt  # any method, also an unsafe one, on an address that does not exist is a 404 (see read_only)
def not_found(request, path=""):
    """Any other address under /api/: a JSON 404, whatever the method.

    The last of the API's URL patterns. Since it matches everything, CommonMiddleware no longer
    sees a missing trailing slash (APPEND_SLASH); the redirect it would have made is made here.
    """
    if request.method in ("GET", "HEAD") and settings.APPEND_SLASH and not request.path_info.endswith("/"):
        if resolve(request.path_info + "/").func is not not_found:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return error(request, "not_found", 404)


def is_api_request(request):
    return request.path_info.startswith("/api/")


def bad_request(request, exception=None):
    """handler400 for /api/ (a SuspiciousOperation: malformed request, too many fields …)."""
    return error(request, "bad_request", 400)


def server_error(request):
    """handler500 for /api/: Django has logged the exception (and mailed ADMINS) before this runs."""
    return error(request, "server_error", 500)

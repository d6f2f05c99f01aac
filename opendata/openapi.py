"""The OpenAPI 3.1 description of the read-only API: what it really answers.

Built when it is served, so the allowed filter values are the database's (the district,
partner, project … slugs of the moment; the page cache keys it by the content stamp like
any page). The contract test (tests/opendata/test_api_contract.py) runs Schemathesis with all
its checks against this document.
"""

from django.conf import settings
from django_filters import ChoiceFilter, ModelChoiceFilter

from beteiligung.filters import EntryFilter
from beteiligung.models import State
from massnahmen.filters import MassnahmeFilter
from core.periods import DatePrecision
from massnahmen.models import Herausforderung, Status

from . import errors

STRING_LIST = {"type": "array", "items": {"type": "string"}}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
NULLABLE_DATETIME = {"type": ["string", "null"], "format": "date-time"}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
METHODS = "GET, HEAD, OPTIONS"
# The route of one measure (opendata/urls.py, converter "id") takes exactly these.
ID = {"type": "integer", "minimum": 1}


URI = {"type": "string", "format": "uri"}
ROUND_PROPERTIES = {
    "slug": {"type": "string"}, "title": {"type": "string"}, "url": URI,
    "period_start": {"type": "string", "format": "date"}, "period_end": {"type": "string", "format": "date"},
    "due_date": NULLABLE_DATE, "closed_at": {"type": "string", "format": "date-time"},
    "snapshot_version": {"type": "integer", "minimum": 1,
                         "description": "counts the closings; a reopened and closed again round has a new one"},
    "previous": {"type": ["string", "null"], "description": "slug of the closed round before this one"},
    "report_pdf": URI, "report_xlsx": URI, "measures_csv": URI, "measures_json": URI,
}
SNAPSHOT_PROPERTIES = {
    "measure_id": {"type": ["integer", "null"], "description": "portal id of the measure; null if it no longer exists"},
    "external_id": {"type": ["string", "null"]}, "position": {"type": "integer"}, "title": {"type": "string"},
    "status": {"type": "string", "enum": list(Status.values)}, "status_label": {"type": "string"},
    "status_changed_at": NULLABLE_DATETIME,
    "status_date_precision": {"type": "string", "enum": list(DatePrecision.values)},
    "reported": {"type": "boolean", "description": "whether a report for this round came in"},
    "progress_note": {"type": "string"}, "next_steps": {"type": "string"},
    "last_note": {"type": ["string", "null"], "description": "the last note by the end of the period, as written"},
    "last_note_language": {"type": ["string", "null"], "enum": [*LANGUAGE_CODES, None]},
    "handlungsfelder": {"type": "array", "items": {"type": "integer"}}, "stadtteile": STRING_LIST,
    "partner": STRING_LIST, "partner_names": STRING_LIST,
    "start_date": NULLABLE_DATE, "end_date": NULLABLE_DATE,
}
# The route of a round (opendata/urls.py, converter "slug") takes exactly these.
SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}


def _ref(kind, name):
    return {"$ref": f"#/components/{kind}/{name}"}


def _schemas():
    return {
        "Error": {"type": "object", "additionalProperties": False, "required": ["error", "message"], "properties": {
            "error": {"type": "string", "enum": list(errors.CODES), "description": "stable code"},
            "message": {"type": "string", "description": "the same in the requested language"},
            "details": {"type": "object", "description": "per refused filter, what is wrong with its value",
                        "additionalProperties": STRING_LIST}}},
        "Field": {"type": "object", "additionalProperties": False,
                  "required": ["number", "slug", "url", "title", "short_title", "approaches"], "properties": {
                      "number": {"type": "integer", "minimum": 1, "maximum": 6}, "slug": {"type": "string"},
                      "url": {"type": "string", "format": "uri"}, "title": {"type": "string"},
                      "short_title": {"type": "string"}, "approaches": STRING_LIST}},
        "Measure": {"type": "object", "additionalProperties": False, "required": [
            "id", "external_id", "url", "title", "description", "status", "status_label", "status_changed_at",
            "status_date_precision",
            "progress_note", "next_steps", "handlungsfelder", "stadtteile", "zielgruppen", "partner", "start_date",
            "end_date"], "properties": {
                "id": {"type": "integer"}, "external_id": {"type": ["string", "null"]},
                "url": {"type": "string", "format": "uri"}, "title": {"type": "string"},
                "description": {"type": "string"},
                "status": {"type": "string", "enum": list(Status.values)}, "status_label": {"type": "string"},
                "status_changed_at": NULLABLE_DATETIME,
                "status_date_precision": {"type": "string", "enum": list(DatePrecision.values), "description": (
                    "empty: reported in the portal at status_changed_at; day, month or year: the state a source "
                    "document records, dated only that exactly (status_changed_at is the first day of it)")},
                "progress_note": {"type": "string"},
                "next_steps": {"type": "string"},
                "handlungsfelder": {"type": "array", "items": {"type": "integer"}},
                "stadtteile": STRING_LIST, "zielgruppen": STRING_LIST, "partner": STRING_LIST,
                "start_date": NULLABLE_DATE, "end_date": NULLABLE_DATE}},
        "Partner": {"type": "object", "additionalProperties": False, "required": [
            "slug", "url", "name", "type", "type_label", "network_member", "description", "topics", "working_groups",
            "contact_role", "address", "email", "phone", "website"], "properties": {
                "slug": {"type": "string"}, "url": {"type": "string", "format": "uri"}, "name": {"type": "string"},
                "type": {"type": "string"}, "type_label": {"type": "string"}, "network_member": {"type": "boolean"},
                "description": {"type": "string"}, "topics": STRING_LIST, "working_groups": STRING_LIST,
                "contact_role": {"type": "string"}, "address": {"type": "string"}, "email": {"type": "string"},
                "phone": {"type": "string"}, "website": {"type": "string"}}},
        "Entry": {"type": "object", "additionalProperties": False, "required": [
            "id", "url", "kind", "title", "title_language", "text", "text_language", "source", "handlungsfeld",
            "stadtteile", "state", "state_label", "public_answer", "answer_language", "received_at",
            "state_changed_at", "answered_at", "measures"], "properties": {
                "id": {"type": "integer"}, "url": {"type": "string", "format": "uri"},
                "kind": {"type": "string", "enum": list(Herausforderung.Kind.values)},
                "title": {"type": "string"}, "title_language": {"type": "string", "enum": LANGUAGE_CODES},
                "text": {"type": "string", "description": "as written, in text_language"},
                "text_language": {"type": "string", "enum": LANGUAGE_CODES},
                "source": {"type": "string", "description": "slug of the Beteiligungsformat (online-beteiligung, "
                                                            "zukunftswerkstatt-2020, …)"},
                "handlungsfeld": {"type": ["integer", "null"], "minimum": 1, "maximum": 6},
                "stadtteile": STRING_LIST,
                "state": {"type": "string", "enum": [value for value in State.values if value != State.EINGEGANGEN]},
                "state_label": {"type": "string"},
                "public_answer": {"type": "string"}, "answer_language": {"type": "string", "enum": LANGUAGE_CODES},
                "received_at": {"type": "string", "format": "date-time"},
                "state_changed_at": {"type": "string", "format": "date-time"},
                "answered_at": NULLABLE_DATETIME,
                "measures": {"type": "array", "items": {"type": "integer"},
                             "description": "ids of the public measures that answer it"}}},
        "Round": {"type": "object", "additionalProperties": False, "required": list(ROUND_PROPERTIES),
                  "properties": ROUND_PROPERTIES},
        "RoundDetail": {"type": "object", "additionalProperties": False,
                        "required": [*ROUND_PROPERTIES, "status_counts", "measures"], "properties": {
                            **ROUND_PROPERTIES,
                            "status_counts": {"type": "object", "additionalProperties": False,
                                              "required": list(Status.values),
                                              "properties": {value: {"type": "integer", "minimum": 0}
                                                             for value in Status.values},
                                              "description": "measures per status, as the round froze them"},
                            "measures": {"type": "integer", "minimum": 0}}},
        "Snapshot": {"type": "object", "additionalProperties": False, "required": list(SNAPSHOT_PROPERTIES),
                     "description": "a measure as a closed round froze it; later changes never show here",
                     "properties": SNAPSHOT_PROPERTIES},
        "Leitlinien": {"type": "object", "additionalProperties": False, "required": [
            "language", "title", "resolution_number", "resolution_date", "binding_language", "preamble",
            "target_groups", "fields"], "properties": {
                "language": {"type": "string", "enum": LANGUAGE_CODES}, "title": {"type": "string"},
                "resolution_number": {"type": "string"}, "resolution_date": {"type": "string", "format": "date"},
                "publication_date": NULLABLE_DATE, "series": {"type": "string"}, "volume": {"type": ["integer", "null"]},
                "binding_language": {"type": "string", "const": settings.LANGUAGE_CODE},
                "preamble": {"type": "string"},
                "target_groups": {"type": "array", "items": {"type": "object", "required": ["key", "name", "criteria"],
                                  "properties": {"key": {"type": "string"}, "marker": {"type": "string"},
                                                 "name": {"type": "string"}, "qualifier": {"type": "string"},
                                                 "criteria": STRING_LIST}}},
                "fields": {"type": "array", "items": {"type": "object", "required": ["number", "title", "statements"],
                           "properties": {"number": {"type": "integer"}, "title": {"type": "string"},
                                          "statements": STRING_LIST}}}}},
    }


def _list_of(item, **extra):
    properties = {"language": {"type": "string", "enum": LANGUAGE_CODES},
                  "count": {"type": "integer", "minimum": 0}, **extra,
                  "results": {"type": "array", "items": _ref("schemas", item)}}
    return {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}


def _headers():
    return {
        "AccessControlAllowOrigin": {"description": "Open data: any site may read it (CORS).", "required": True,
                                     "schema": {"type": "string", "const": "*"}},
        "Allow": {"description": "The methods this address answers.", "required": True,
                  "schema": {"type": "string", "const": METHODS}},
    }


CORS_HEADER = {"Access-Control-Allow-Origin": _ref("headers", "AccessControlAllowOrigin")}


def _error(description, headers=CORS_HEADER):
    return {"description": description, "headers": headers,
            "content": {"application/json": {"schema": _ref("schemas", "Error")}}}


def _responses():
    return {
        "BadRequest": _error("Unknown language (`invalid_language`) or filter value (`invalid_filter`, with "
                             "`details`), or a malformed request (`bad_request`)."),
        "NotFound": _error("No such object, page or address (`not_found`)."),
        "MethodNotAllowed": _error("Any method but GET, HEAD and OPTIONS (`method_not_allowed`).",
                                   {**CORS_HEADER, "Allow": _ref("headers", "Allow")}),
        "TooManyRequests": _error("A rate limit in front of the API applies (`too_many_requests`); retry later.",
                                  {}),
        "ServerError": _error("An error of the server (`server_error`); retry later."),
    }


ERROR_RESPONSES = {"400": "BadRequest", "404": "NotFound", "429": "TooManyRequests", "500": "ServerError"}

LANG = {"name": "lang", "in": "query", "required": False, "description": "Language of the texts (German is binding)",
        "schema": {"type": "string", "enum": LANGUAGE_CODES, "default": settings.LANGUAGE_CODE}}
FILTER_DESCRIPTIONS = {
    "handlungsfeld": "slug of a field of action", "stadtteil": "slug of a district", "status": "status value",
    "zielgruppe": "key of a target group", "partner": "slug of a responsible partner",
    "projekt": "slug of a project", "stand": "public moderation state of a challenge or idea",
    "art": "kind: herausforderung (challenge) or idee (idea)", "q": "full-text search (title, description, progress; German and `lang`)",
}


def filter_values(name, filterset=MassnahmeFilter):
    """The values a filter set takes for `name`, from its definition and the database; None for free text."""
    definition = filterset.base_filters[name]
    if isinstance(definition, ModelChoiceFilter):
        field = definition.extra["to_field_name"]
        return list(definition.queryset.order_by(field).values_list(field, flat=True))
    if isinstance(definition, ChoiceFilter):
        return [str(value) for value, _label in definition.extra["choices"]]
    return None


def _filter_schema(name, filterset):
    values = filter_values(name, filterset)
    if values is None:
        definition = filterset.base_filters[name]
        # A form CharField: refuses NUL characters, and longer text than its max_length.
        return {"type": "string", "maxLength": definition.extra["max_length"], "pattern": "^[^\\u0000]*$"}
    # "" is no filter (what the measure list's form sends for "alle"); anything else not listed is a 400.
    return {"type": "string", "enum": ["", *values]}


def filter_parameters(filterset=MassnahmeFilter):
    return [
        {"name": name, "in": "query", "required": False, "schema": _filter_schema(name, filterset),
         "description": FILTER_DESCRIPTIONS.get(name, name) + (
             "" if name == "q" else "; an empty value is no filter, any other value not listed is a 400")}
        for name in filterset.base_filters
    ]


def _operations(operation_id, summary, parameters, ok_schema, errors_returned, path_parameters=()):
    """GET with its documented answers; HEAD the same without bodies; OPTIONS names the methods."""
    ok_headers = dict(CORS_HEADER)
    get_responses = {"200": {"description": summary, "headers": ok_headers,
                             "content": {"application/json": {"schema": ok_schema}}},
                     **{code: _ref("responses", ERROR_RESPONSES[code]) for code in sorted(errors_returned)}}
    head_responses = {code: {"description": f"as GET, without a body ({code})",
                             "headers": {} if code == "429" else ok_headers} for code in get_responses}
    options_responses = {"204": {"description": "The methods this address answers (also the CORS preflight).",
                                 "headers": {"Allow": _ref("headers", "Allow"), **CORS_HEADER}}}
    if path_parameters:
        # An id the route does not take (not a positive integer) is an address that does not exist.
        options_responses["404"] = _ref("responses", "NotFound")
    return {
        "get": {"operationId": operation_id, "summary": summary, "parameters": [*path_parameters, *parameters],
                "responses": get_responses},
        "head": {"operationId": f"{operation_id}Head", "summary": f"{summary} (headers only)",
                 "parameters": [*path_parameters, *parameters], "responses": head_responses},
        "options": {"operationId": f"{operation_id}Options", "summary": "Allowed methods",
                    "parameters": list(path_parameters), "responses": options_responses},
    }


def document(server_url):
    page_list = _list_of("Measure", page={"type": "integer", "minimum": 1}, pages={"type": "integer", "minimum": 1})
    measure = {"type": "object", "additionalProperties": False, "required": ["language", "result"], "properties": {
        "language": {"type": "string", "enum": LANGUAGE_CODES}, "result": _ref("schemas", "Measure")}}
    page = {"name": "page", "in": "query", "required": False, "description": "page number, 50 measures a page; "
            "a page after the last is a 404", "schema": {"type": "integer", "minimum": 1, "default": 1}}
    measure_id = {"name": "id", "in": "path", "required": True, "description": "portal id of a public measure",
                  "schema": ID}
    entry_list = _list_of("Entry", page={"type": "integer", "minimum": 1}, pages={"type": "integer", "minimum": 1})
    entry = {"type": "object", "additionalProperties": False, "required": ["language", "result"], "properties": {
        "language": {"type": "string", "enum": LANGUAGE_CODES}, "result": _ref("schemas", "Entry")}}
    entry_page = {**page, "description": "page number, 50 entries a page; a page after the last is a 404"}
    entry_id = {**measure_id, "description": "portal id of a public challenge or idea"}
    round_slug = {"name": "slug", "in": "path", "required": True, "description": "slug of a closed round",
                  "schema": SLUG}
    round_detail = {"type": "object", "additionalProperties": False, "required": ["language", "result"],
                    "properties": {"language": {"type": "string", "enum": LANGUAGE_CODES},
                                   "result": _ref("schemas", "RoundDetail")}}
    round_measures = _list_of("Snapshot", round={"type": "string"}, page={"type": "integer", "minimum": 1},
                              pages={"type": "integer", "minimum": 1})
    everywhere = ("400", "429", "500")  # an unknown language; a rate limit in front; the server's error
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Integrationsportal Magdeburg – Open Data API",
            "version": "1.2.0",
            "description": "Read-only data of the integration concept of the Landeshauptstadt Magdeburg. "
                           "See docs/open-data.md. Licence: dl-de/by-2-0. Every operation answers GET, HEAD and "
                           "OPTIONS; any other method is a 405 with `Allow` (components/responses/MethodNotAllowed). "
                           "Every error, also for an address under /api/ that does not exist, is JSON with the "
                           "Error schema, its message in the requested language.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/handlungsfelder/": _operations("listFields", "The six fields of action", [LANG],
                                             _list_of("Field"), everywhere),
            "/leitlinien/": _operations("getLeitlinien", "The current edition of the Leitlinien", [LANG],
                                        _ref("schemas", "Leitlinien"), (*everywhere, "404")),
            "/massnahmen/": _operations("listMeasures", "Public measures, filtered and paginated",
                                        [LANG, *filter_parameters(), page], page_list, (*everywhere, "404")),
            "/massnahmen/{id}/": _operations("getMeasure", "One measure", [LANG], measure, (*everywhere, "404"),
                                             path_parameters=(measure_id,)),
            "/beteiligung/": _operations("listEntries", "Public challenges and ideas, filtered and paginated",
                                         [LANG, *filter_parameters(EntryFilter), entry_page], entry_list,
                                         (*everywhere, "404")),
            "/beteiligung/{id}/": _operations("getEntry", "One public challenge or idea", [LANG], entry,
                                              (*everywhere, "404"), path_parameters=(entry_id,)),
            "/partner/": _operations("listPartners", "The network partners", [LANG], _list_of("Partner"),
                                     everywhere),
            "/berichtsrunden/": _operations("listRounds", "The closed reporting rounds, oldest first", [LANG],
                                            _list_of("Round"), everywhere),
            "/berichtsrunden/{slug}/": _operations("getRound", "One closed reporting round", [LANG], round_detail,
                                                   (*everywhere, "404"), path_parameters=(round_slug,)),
            "/berichtsrunden/{slug}/massnahmen/": _operations(
                "listRoundMeasures", "The measures as a closed round froze them, paginated", [LANG, page],
                round_measures, (*everywhere, "404"), path_parameters=(round_slug,)),
        },
        "components": {"schemas": _schemas(), "responses": _responses(), "headers": _headers()},
    }

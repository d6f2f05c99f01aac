"""The OpenAPI 3.1 description of the read-only API (tests validate responses against it)."""

from django.conf import settings

from massnahmen.models import Status

STRING_LIST = {"type": "array", "items": {"type": "string"}}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
NULLABLE_DATETIME = {"type": ["string", "null"], "format": "date-time"}


def _schemas():
    return {
        "Error": {"type": "object", "required": ["error", "message"], "properties": {
            "error": {"type": "string", "enum": ["invalid_language", "invalid_filter", "not_found"]},
            "message": {"type": "string"}, "details": {"type": "object"}}},
        "Field": {"type": "object", "additionalProperties": False,
                  "required": ["number", "slug", "url", "title", "short_title", "approaches"], "properties": {
                      "number": {"type": "integer", "minimum": 1, "maximum": 6}, "slug": {"type": "string"},
                      "url": {"type": "string", "format": "uri"}, "title": {"type": "string"},
                      "short_title": {"type": "string"}, "approaches": STRING_LIST}},
        "Measure": {"type": "object", "additionalProperties": False, "required": [
            "id", "external_id", "url", "title", "description", "status", "status_label", "status_changed_at",
            "progress_note", "next_steps", "handlungsfelder", "stadtteile", "zielgruppen", "partner", "start_date",
            "end_date"], "properties": {
                "id": {"type": "integer"}, "external_id": {"type": ["string", "null"]},
                "url": {"type": "string", "format": "uri"}, "title": {"type": "string"},
                "description": {"type": "string"},
                "status": {"type": "string", "enum": list(Status.values)}, "status_label": {"type": "string"},
                "status_changed_at": NULLABLE_DATETIME, "progress_note": {"type": "string"},
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
        "Leitlinien": {"type": "object", "required": [
            "language", "title", "resolution_number", "resolution_date", "binding_language", "preamble",
            "target_groups", "fields"], "properties": {
                "language": {"type": "string"}, "title": {"type": "string"},
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


def _list_of(item):
    return {"type": "object", "required": ["language", "count", "results"], "properties": {
        "language": {"type": "string"}, "count": {"type": "integer", "minimum": 0},
        "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}}}}


def _ok(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _ok({"$ref": "#/components/schemas/Error"}, "Unknown language or filter value"),
    "404": _ok({"$ref": "#/components/schemas/Error"}, "Not found"),
}
LANG = {"name": "lang", "in": "query", "required": False, "description": "Language of the texts (German is binding)",
        "schema": {"type": "string", "enum": [code for code, _n in settings.LANGUAGES], "default": "de"}}
FILTERS = [
    {"name": name, "in": "query", "required": False, "description": description, "schema": {"type": "string"}}
    for name, description in [
        ("handlungsfeld", "slug of a field of action"), ("stadtteil", "slug of a district"),
        ("status", "status value"), ("zielgruppe", "key of a target group"),
        ("partner", "slug of a responsible partner"), ("projekt", "slug of a project"), ("q", "full-text search"),
    ]
]


def document(server_url):
    page_list = _list_of("Measure")
    page_list["required"] = [*page_list["required"], "page", "pages"]
    page_list["properties"] = {**page_list["properties"], "page": {"type": "integer"}, "pages": {"type": "integer"}}
    measure = {"type": "object", "required": ["language", "result"], "properties": {
        "language": {"type": "string"}, "result": {"$ref": "#/components/schemas/Measure"}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Integrationsportal Magdeburg – Open Data API",
            "version": "1.0.0",
            "description": "Read-only data of the integration concept of the Landeshauptstadt Magdeburg. "
                           "See docs/open-data.md. Licence: dl-de/by-2-0.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/handlungsfelder/": {"get": {"summary": "The six fields of action", "parameters": [LANG],
                                          "responses": {"200": _ok(_list_of("Field"), "Fields"), **ERRORS}}},
            "/leitlinien/": {"get": {"summary": "The current edition of the Leitlinien", "parameters": [LANG],
                                     "responses": {"200": _ok({"$ref": "#/components/schemas/Leitlinien"}, "Edition"),
                                                   **ERRORS}}},
            "/massnahmen/": {"get": {"summary": "Public measures, filtered and paginated",
                                     "parameters": [LANG, *FILTERS, {"name": "page", "in": "query",
                                                                     "schema": {"type": "integer", "minimum": 1}}],
                                     "responses": {"200": _ok(page_list, "A page of measures"), **ERRORS}}},
            "/massnahmen/{id}/": {"get": {"summary": "One measure", "parameters": [
                LANG, {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {"200": _ok(measure, "The measure"), **ERRORS}}},
            "/partner/": {"get": {"summary": "The network partners", "parameters": [LANG],
                                  "responses": {"200": _ok(_list_of("Partner"), "Partners"), **ERRORS}}},
        },
        "components": {"schemas": _schemas()},
    }

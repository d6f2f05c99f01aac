"""The one error shape of the open data (API and downloads): {"error", "message", "details"?}.

`error` is the stable, machine-readable code; `message` is the same in the active language
(the API's ?lang=, a download's URL language); `details` says which filter values were refused.
The OpenAPI document's Error schema is built from CODES, so the two cannot drift apart.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "invalid_language": _("Unbekannte Sprache; möglich sind: %(languages)s."),
    "invalid_filter": _("Ein Filterwert ist unbekannt (siehe details)."),
    "not_found": _("Nicht gefunden."),
    "method_not_allowed": _("Die Methode %(method)s ist hier nicht erlaubt; erlaubt sind: %(allowed)s."),
    "bad_request": _("Die Anfrage ist fehlerhaft."),
    "server_error": _("Interner Fehler des Servers; bitte später erneut versuchen."),
}
# Answered by a rate limit in front of the application (see docs/open-data.md), never by Django.
PROXY_CODES = ("too_many_requests",)
CODES = (*MESSAGES, *PROXY_CODES)


def body(code, details=None, **params):
    """The error's JSON body, its message in the active language."""
    message = str(MESSAGES[code])
    if params:
        message = message % params
    data = {"error": code, "message": message}
    if details:
        data["details"] = details
    return data

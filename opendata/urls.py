from django.urls import path, re_path, register_converter

from . import api, exports, feeds

app_name = "opendata"


class IdConverter:
    """A positive integer: what the OpenAPI document says an id is.

    Django's int would also take 0, which the document (minimum 1) calls invalid: a request
    for it is an address that does not exist, whatever the method, not one OPTIONS describes.
    """

    regex = "0*[1-9][0-9]*"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

# Language-prefixed downloads and feeds (/<lang>/…).
urlpatterns = [
    path("massnahmen/daten.csv", exports.export_view("massnahmen", "csv"), name="massnahmen-csv"),
    path("massnahmen/daten.json", exports.export_view("massnahmen", "json"), name="massnahmen-json"),
    path("massnahmen/statusaenderungen.csv", exports.export_view("statusaenderungen", "csv"), name="statusaenderungen-csv"),
    path("massnahmen/statusaenderungen.json", exports.export_view("statusaenderungen", "json"), name="statusaenderungen-json"),
    path("netzwerk/partner.csv", exports.export_view("partner", "csv"), name="partner-csv"),
    path("netzwerk/partner.json", exports.export_view("partner", "json"), name="partner-json"),
    path("beteiligung/daten.csv", exports.export_view("beteiligung", "csv"), name="entries-csv"),
    path("beteiligung/daten.json", exports.export_view("beteiligung", "json"), name="entries-json"),
    path("beteiligung/feed/", feeds.EntryFeed(), name="entries-feed"),
    path("massnahmen/feed/", feeds.StatusChangeFeed(), name="feed"),
    path("handlungsfelder/<slug:slug>/feed/", feeds.StatusChangeFeed(), name="feed-feld"),
    # Closed reporting rounds (their pages are massnahmen's: berichtsrunden/<slug>/).
    path("berichtsrunden/daten.csv", exports.rounds_export_view("csv"), name="rounds-csv"),
    path("berichtsrunden/daten.json", exports.rounds_export_view("json"), name="rounds-json"),
    path("berichtsrunden/<slug:slug>/massnahmen.csv", exports.round_export_view("csv"), name="round-snapshots-csv"),
    path("berichtsrunden/<slug:slug>/massnahmen.json", exports.round_export_view("json"), name="round-snapshots-json"),
    path("berichtsrunden/feed.atom", feeds.RoundFeed(), name="rounds-feed"),
]

# The API is not language-prefixed: the language is a parameter (?lang=).
api_urlpatterns = [
    path("openapi.json", api.openapi, name="openapi"),
    path("handlungsfelder/", api.handlungsfelder, name="api-handlungsfelder"),
    path("leitlinien/", api.leitlinien, name="api-leitlinien"),
    path("massnahmen/", api.massnahmen, name="api-massnahmen"),
    path("massnahmen/<id:pk>/", api.massnahme, name="api-massnahme"),
    path("partner/", api.partner, name="api-partner"),
    path("beteiligung/", api.entries, name="api-entries"),
    path("beteiligung/<id:pk>/", api.entry, name="api-entry"),
    path("berichtsrunden/", api.berichtsrunden, name="api-berichtsrunden"),
    path("berichtsrunden/<slug:slug>/", api.berichtsrunde, name="api-berichtsrunde"),
    path("berichtsrunden/<slug:slug>/massnahmen/", api.berichtsrunde_massnahmen, name="api-berichtsrunde-massnahmen"),
    # Last: any other address under /api/ (/api/massnahmen/-1.4e-45/, /api/nothing) is a JSON 404.
    re_path(r"^", api.not_found, name="api-not-found"),
]

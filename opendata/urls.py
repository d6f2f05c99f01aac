from django.urls import path

from . import api, exports, feeds

app_name = "opendata"

# Language-prefixed downloads and feeds (/<lang>/…).
urlpatterns = [
    path("massnahmen/daten.csv", exports.export_view("massnahmen", "csv"), name="massnahmen-csv"),
    path("massnahmen/daten.json", exports.export_view("massnahmen", "json"), name="massnahmen-json"),
    path("massnahmen/statusaenderungen.csv", exports.export_view("statusaenderungen", "csv"), name="statusaenderungen-csv"),
    path("massnahmen/statusaenderungen.json", exports.export_view("statusaenderungen", "json"), name="statusaenderungen-json"),
    path("netzwerk/partner.csv", exports.export_view("partner", "csv"), name="partner-csv"),
    path("netzwerk/partner.json", exports.export_view("partner", "json"), name="partner-json"),
    path("massnahmen/feed/", feeds.StatusChangeFeed(), name="feed"),
    path("handlungsfelder/<slug:slug>/feed/", feeds.StatusChangeFeed(), name="feed-feld"),
]

# The API is not language-prefixed: the language is a parameter (?lang=).
api_urlpatterns = [
    path("openapi.json", api.openapi, name="openapi"),
    path("handlungsfelder/", api.handlungsfelder, name="api-handlungsfelder"),
    path("leitlinien/", api.leitlinien, name="api-leitlinien"),
    path("massnahmen/", api.massnahmen, name="api-massnahmen"),
    path("massnahmen/<int:pk>/", api.massnahme, name="api-massnahme"),
    path("partner/", api.partner, name="api-partner"),
]

from django.urls import path

from . import views

app_name = "leichte_sprache"

# Leichte Sprache is German: these addresses exist under /de/ only (integration_portal/urls.py).
urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("woerterbuch/", views.WoerterbuchView.as_view(), name="woerterbuch"),
    path("leitlinien/", views.LeitlinienView.as_view(), name="leitlinien"),
    path("<slug:slug>/", views.SeiteView.as_view(), name="seite"),
]

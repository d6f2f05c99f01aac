from django.urls import path

from core.views import SearchView

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("suche/", SearchView.as_view(), name="search"),
    path("impressum/", views.SeiteView.as_view(key="impressum"), name="impressum"),
    path("datenschutz/", views.SeiteView.as_view(key="datenschutz"), name="datenschutz"),
    path("barrierefreiheit/", views.BarrierefreiheitView.as_view(), name="barrierefreiheit"),
]

from django.urls import path

from . import views

app_name = "netzwerk"

urlpatterns = [
    path("", views.NetzwerkView.as_view(), name="index"),
    path("partner/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner"),
    path("projekte/<slug:slug>/", views.ProjektDetailView.as_view(), name="projekt"),
]

from django.urls import path

from . import views

app_name = "massnahmen"

urlpatterns = [
    path("", views.MassnahmeListView.as_view(), name="list"),
    path("bericht.pdf", views.MassnahmeReportPdfView.as_view(), name="report-pdf"),
    path("<int:pk>/", views.MassnahmeDetailView.as_view(), name="detail"),
]

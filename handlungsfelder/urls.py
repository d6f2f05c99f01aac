from django.urls import path

from . import views

app_name = "handlungsfelder"

urlpatterns = [
    path("handlungsfelder/", views.HandlungsfeldListView.as_view(), name="list"),
    path("handlungsfelder/<slug:slug>/", views.HandlungsfeldDetailView.as_view(), name="detail"),
    path("leitlinien/", views.LeitlinienView.as_view(), name="leitlinien"),
    path("leitlinien/pdf/", views.LeitlinienPdfView.as_view(), name="leitlinien-pdf"),
]

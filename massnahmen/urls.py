from django.urls import path

from . import views

app_name = "massnahmen"

urlpatterns = [
    path("", views.MassnahmeListView.as_view(), name="list"),
    path("<int:pk>/", views.MassnahmeDetailView.as_view(), name="detail"),
]

from django.urls import path

from . import views

app_name = "beteiligung"

urlpatterns = [
    path("beteiligung/", views.EntryListView.as_view(), name="list"),
    path("beteiligung/einbringen/", views.SubmitView.as_view(), name="submit"),
    path("beteiligung/danke/", views.ThanksView.as_view(), name="thanks"),
    path("beteiligung/<int:pk>/", views.EntryDetailView.as_view(), name="entry"),
]

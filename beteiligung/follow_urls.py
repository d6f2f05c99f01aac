from django.urls import path

from . import follow_views

app_name = "following"

urlpatterns = [
    path("folgen/massnahme/<int:pk>/", follow_views.FollowView.as_view(queryset=follow_views.public_measures),
         name="follow-massnahme"),
    path("folgen/beitrag/<int:pk>/",
         follow_views.FollowView.as_view(queryset=follow_views.public_entries, is_entry=True), name="follow-entry"),
    path("folgen/angefragt/", follow_views.RequestedView.as_view(), name="requested"),
    path("folgen/bestaetigen/<str:token>/", follow_views.ConfirmView.as_view(), name="confirm"),
    path("folgen/verwalten/<str:key>/", follow_views.ManageView.as_view(), name="manage"),
]

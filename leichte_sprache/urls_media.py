"""Uploaded files the portal serves itself (outside the language prefixes: a file has no language).

Included from the root URLconf at MEDIA_URL; in production the web server may serve MEDIA_ROOT
instead (docs/deployment.md)."""

from django.urls import path

from . import video_views

urlpatterns = [
    path("dgs/<str:name>", video_views.video_file, name="dgs-video-file"),
]

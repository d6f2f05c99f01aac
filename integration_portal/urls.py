from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from opendata.urls import api_urlpatterns

from . import views

# An error under /api/ is JSON like every other answer there (opendata/api.py); elsewhere the portal's page.
handler400 = views.bad_request
handler500 = views.server_error

urlpatterns = [
    path("admin/", admin.site.urls),
    # For load balancers and as the minimal Django view the benchmarks compare against.
    path("healthz/", views.healthz, name="healthz"),
    # Browsers and crawlers ask for /favicon.ico whatever the page says; the icon is a static file.
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("api/", include((api_urlpatterns, "api"))),
    # Leichte Sprache is German: its pages exist once, under the German prefix (LocaleMiddleware
    # takes the language from it as from every /de/ address).
    path("de/leichte-sprache/", include("leichte_sprache.urls")),
]

# Uploaded DGS videos, with range requests (leichte_sprache/urls_media.py), where the media are
# this site's; a MEDIA_URL on another host (a storage backend's) serves them itself.
if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(path(settings.MEDIA_URL.lstrip("/"), include("leichte_sprache.urls_media")))

# Every public page carries its language: /de/…, /ar/…; "/" follows Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("integration_portal.public_urls")),
    path("", include("handlungsfelder.urls")),
    path("", include("massnahmen.urls")),
    path("", include("beteiligung.urls")),
    path("", include("netzwerk.urls")),
    path("", include("opendata.urls")),
    path("", include("beteiligung.follow_urls")),
)

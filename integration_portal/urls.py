from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
]

# Every public page carries its language: /de/…, /ar/…; "/" follows Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("integration_portal.public_urls")),
    path("", include("handlungsfelder.urls")),
    path("massnahmen/", include("massnahmen.urls")),
    path("netzwerk/", include("netzwerk.urls")),
)

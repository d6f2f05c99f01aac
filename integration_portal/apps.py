from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationPortalConfig(AppConfig):
    name = "integration_portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.conf import settings
        from django.contrib import admin

        from core.content_stamp import track

        from .models import Seite

        admin.site.site_header = settings.ADMIN_SITE_HEADER
        admin.site.site_title = settings.ADMIN_SITE_HEADER
        track(Seite)

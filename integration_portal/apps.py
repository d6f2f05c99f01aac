from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationPortalConfig(AppConfig):
    name = "integration_portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.conf import settings
        from django.contrib import admin

        from . import content_stamp, translation_state

        admin.site.site_header = settings.ADMIN_SITE_HEADER
        admin.site.site_title = settings.ADMIN_SITE_HEADER
        translation_state.connect()
        content_stamp.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationPortalConfig(AppConfig):
    name = "integration_portal"
    verbose_name = _("Portal")

    def ready(self):
        from core.content_stamp import track

        from .models import Seite

        track(Seite)

        from core import search

        search.register(Seite, kind="seite", label=_("Rechtliches"), fields=("title", "body"),
                        queryset=Seite.objects.all, url=Seite.get_absolute_url)

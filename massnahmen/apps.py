from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MassnahmenConfig(AppConfig):
    name = "massnahmen"
    verbose_name = _("Maßnahmen")

    def ready(self):
        from core.content_stamp import track

        track(*self.get_models())

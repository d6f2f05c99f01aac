from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MassnahmenConfig(AppConfig):
    name = "massnahmen"
    verbose_name = _("Maßnahmen")

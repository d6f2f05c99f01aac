from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Read-only representations of the content: CSV/JSON downloads, Atom feeds, the JSON API."""

    name = "opendata"
    verbose_name = _("Offene Daten")

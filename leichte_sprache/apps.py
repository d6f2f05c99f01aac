from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeichteSpracheConfig(AppConfig):
    """The site's Leichte Sprache part and its DGS videos, as BITV 2.0 §4 asks of a public body."""

    name = "leichte_sprache"
    verbose_name = _("Leichte Sprache und Gebärdensprache")

    def ready(self):
        from core.content_stamp import track

        from .models import LeichteLeitlinie, Seite, Wort

        track(Seite, LeichteLeitlinie, Wort)

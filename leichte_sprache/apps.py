from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeichteSpracheConfig(AppConfig):
    """The site's Leichte Sprache part and its DGS videos, as BITV 2.0 §4 asks of a public body."""

    name = "leichte_sprache"
    verbose_name = _("Leichte Sprache und Gebärdensprache")

    def ready(self):
        from core.content_stamp import track

        from .models import DgsVideo, LeichteLeitlinie, Seite, Wort

        # A video (published, replaced) changes the page it stands on, as a text does.
        track(Seite, LeichteLeitlinie, Wort, DgsVideo)
        register_search(Seite, Wort)


def register_search(Seite, Wort):
    from core import search

    # Leichte Sprache is German: found by a German search only.
    search.register(Seite, kind="leichte-sprache", label=_("Leichte Sprache"), fields=("title", "search_text"),
                    queryset=Seite.objects.all, url=Seite.get_absolute_url, languages=("de",))
    search.register(Wort, kind="woerterbuch", label=_("Wörterbuch in Leichter Sprache"),
                    fields=("term", "search_text"), queryset=Wort.objects.all, url=Wort.get_absolute_url,
                    languages=("de",))

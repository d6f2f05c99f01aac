from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeteiligungConfig(AppConfig):
    """Citizens raise challenges and ideas, staff moderate in the open, anyone may follow."""

    name = "beteiligung"
    verbose_name = _("Beteiligung")

    def ready(self):
        from core import search
        from core.content_stamp import track
        from massnahmen.models import Herausforderung

        # A change of state, answer or hiding changes public pages (and the search index).
        Moderation, Hiding = self.get_model("Moderation"), self.get_model("Hiding")
        track(Moderation, self.get_model("ModerationChange"), Hiding)
        # Only public entries are found; a moderation or hiding rebuilds the kind. An entry's
        # text is searched in the language it was written in (its title is a translated field).
        search.register(Herausforderung, kind="herausforderung", label=_("Herausforderungen und Ideen"),
                        fields=("title",), queryset=Herausforderung.objects.public,
                        url=Herausforderung.get_absolute_url, depends_on=(Moderation, Hiding))
        # The receivers that turn committed changes into mails to followers.
        from . import tasks  # noqa: F401

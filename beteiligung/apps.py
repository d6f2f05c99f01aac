from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
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
        # Only public entries are found: a change of an entry's moderation or hiding (also the
        # end of a hiding) re-indexes that entry, which index_object() removes when not public.
        search.register(Herausforderung, kind="herausforderung", label=_("Herausforderungen und Ideen"),
                        fields=("title",), queryset=Herausforderung.objects.public,
                        url=Herausforderung.get_absolute_url)
        for piece in (Moderation, Hiding):
            post_save.connect(reindex_entry, sender=piece, dispatch_uid=f"search-entry-save-{piece.__name__}")
            post_delete.connect(reindex_entry, sender=piece, dispatch_uid=f"search-entry-delete-{piece.__name__}")
        # The receivers that turn committed changes into mails to followers.
        from . import tasks  # noqa: F401


def reindex_entry(sender, instance, raw=False, **kwargs):
    from core import search

    if not raw:
        search.index_object(instance.entry)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MassnahmenConfig(AppConfig):
    name = "massnahmen"
    verbose_name = _("Maßnahmen")

    def ready(self):
        from core.content_stamp import track

        track(*self.get_models())

        from core import search

        # Challenges and ideas are searchable once public: beteiligung registers them with
        # its moderation (beteiligung/apps.py).
        Massnahme = self.get_model("Massnahme")
        search.register(Massnahme, kind="massnahme", label=_("Maßnahmen"),
                        fields=("title", "description", "progress_note", "next_steps"),
                        queryset=Massnahme.objects.public, url=Massnahme.get_absolute_url)
        # Only closed rounds have a public page; closing (a save) indexes a round, reopening takes it out.
        Berichtsrunde = self.get_model("Berichtsrunde")
        search.register(Berichtsrunde, kind="berichtsrunde", label=_("Berichtsrunden"), fields=("title",),
                        queryset=Berichtsrunde.objects.closed, url=round_url)


def round_url(runde):
    from django.urls import reverse

    return reverse("massnahmen:round", args=[runde.slug])


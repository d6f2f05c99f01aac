from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MassnahmenConfig(AppConfig):
    name = "massnahmen"
    verbose_name = _("Maßnahmen")

    def ready(self):
        from core.content_stamp import track

        track(*self.get_models())

        from core import search

        Massnahme = self.get_model("Massnahme")
        Herausforderung = self.get_model("Herausforderung")
        search.register(Massnahme, kind="massnahme", label=_("Maßnahmen"),
                        fields=("title", "description", "progress_note", "next_steps"),
                        queryset=Massnahme.objects.public, url=Massnahme.get_absolute_url)
        search.register(Herausforderung, kind="herausforderung", label=_("Herausforderungen"),
                        fields=("title",), queryset=Herausforderung.objects.all, url=challenge_url)
        # Only closed rounds have a public page; closing (a save) indexes a round, reopening takes it out.
        Berichtsrunde = self.get_model("Berichtsrunde")
        search.register(Berichtsrunde, kind="berichtsrunde", label=_("Berichtsrunden"), fields=("title",),
                        queryset=Berichtsrunde.objects.closed, url=round_url)


def round_url(runde):
    from django.urls import reverse

    return reverse("massnahmen:round", args=[runde.slug])


def challenge_url(challenge):
    """A challenge has no page of its own: the measure answering it, else the list searched for it."""
    from urllib.parse import urlencode

    from django.urls import reverse

    answer = challenge.massnahmen.public().order_by("pk").first()
    if answer:
        return answer.get_absolute_url()
    return reverse("massnahmen:list") + "?" + urlencode({"q": challenge.title})

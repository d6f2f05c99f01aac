from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandlungsfelderConfig(AppConfig):
    name = "handlungsfelder"
    verbose_name = _("Handlungsfelder und Leitlinien")

    def ready(self):
        from core.content_stamp import track

        track(*self.get_models())
        register_search(self)


def register_search(config):
    from django.urls import reverse

    from core import search

    Handlungsfeld = config.get_model("Handlungsfeld")
    Handlungsansatz = config.get_model("Handlungsansatz")
    Leitlinie = config.get_model("Leitlinie")
    LeitlinienEdition = config.get_model("LeitlinienEdition")
    search.register(Handlungsfeld, kind="handlungsfeld", label=_("Handlungsfelder"),
                    fields=("title", "short_title", "description"),
                    queryset=Handlungsfeld.objects.all, url=Handlungsfeld.get_absolute_url)
    search.register(Handlungsansatz, kind="handlungsansatz", label=_("Handlungsansätze"),
                    fields=("title",), queryset=Handlungsansatz.objects.select_related("handlungsfeld").all,
                    url=lambda ansatz: ansatz.handlungsfeld.get_absolute_url() + "#ansaetze")
    # Only the published edition is read; publishing another one rebuilds this kind.
    search.register(Leitlinie, kind="leitlinie", label=_("Leitlinien"), fields=("text",),
                    queryset=lambda: Leitlinie.objects.filter(
                        edition__status=LeitlinienEdition.Status.PUBLISHED).select_related("handlungsfeld"),
                    url=lambda leitlinie: reverse("handlungsfelder:leitlinien") + "#" + leitlinie.anchor,
                    depends_on=(LeitlinienEdition,), heading=False)

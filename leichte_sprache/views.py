"""The Leichte Sprache pages: the start page with the four items of BITV 2.0 §4, the other pages,
the retold Leitlinien and the Wörterbuch. All German (lang="de"), under /de/leichte-sprache/."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import get_script_prefix
from django.views.generic import DetailView, ListView, TemplateView

from .models import DgsVideo, LeichteLeitlinie, Seite, Wort


class LeichteSpracheMixin:
    """What every Leichte Sprache page shows besides its text.

    `woerter` resolves the Wörterbuch links of the texts (one query). The language switcher leads
    to the portal's start page in each language: there is no Leichte Sprache in other languages,
    and so no alternate of this page in them.
    """

    def get_context_data(self, **kwargs):
        base = get_script_prefix().rstrip("/")
        versions = [
            {"code": code, "name": name, "url": self.request.path if code == settings.LANGUAGE_CODE else f"{base}/{code}/",
             "current": code == settings.LANGUAGE_CODE, "dir": "rtl" if code in settings.LANGUAGES_BIDI else "ltr"}
            for code, name in settings.LANGUAGES
        ]
        return super().get_context_data(woerter=Wort.objects.lookup(), language_versions=versions, **kwargs)


class StartView(LeichteSpracheMixin, TemplateView):
    template_name = "leichte_sprache/start.html"

    def get_context_data(self, **kwargs):
        pages = list(Seite.objects.select_related("handlungsfeld"))
        by_platz = {seite.platz: seite for seite in pages if seite.platz}
        return super().get_context_data(
            items=[(platz, by_platz.get(platz)) for platz in Seite.Platz.values],
            pages=[seite for seite in pages if not seite.platz],
            **kwargs,
        )


class SeiteView(LeichteSpracheMixin, DetailView):
    template_name = "leichte_sprache/seite.html"
    context_object_name = "seite"

    def get_queryset(self):
        return Seite.objects.select_related("handlungsfeld").exclude(slug=Seite.LEITLINIEN)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.platz == Seite.Platz.HINWEISE:
            context["pages"] = Seite.objects.exclude(pk=self.object.pk)
        # Any page may have a DGS video of its own, under its address's key (DgsVideo.slot).
        context["video_slot"] = self.object.slug if DgsVideo.objects.published().filter(slot=self.object.slug).exists() else None
        return context


class LeitlinienView(LeichteSpracheMixin, TemplateView):
    template_name = "leichte_sprache/leitlinien.html"

    def get_context_data(self, **kwargs):
        seite = get_object_or_404(Seite, slug=Seite.LEITLINIEN)
        felder, retellings = {}, list(LeichteLeitlinie.objects.published())
        for retold in retellings:
            felder.setdefault(retold.leitlinie.handlungsfeld, []).append(retold)
        return super().get_context_data(seite=seite, felder=list(felder.items()),
                                        unchecked=any(not retold.is_checked for retold in retellings), **kwargs)


class WoerterbuchView(LeichteSpracheMixin, ListView):
    template_name = "leichte_sprache/woerterbuch.html"
    context_object_name = "eintraege"
    queryset = Wort.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unchecked"] = any(not wort.is_checked for wort in context["eintraege"])
        return context

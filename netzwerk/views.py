from copy import copy

from django.http import Http404
from django.views.generic import DetailView, TemplateView

from core.relations import attach, reference_lookup, reference_map

from .models import Arbeitsgruppe, Netzwerk, Netzwerkpartner, Projekt, Thema

# Measures shown on a partner's page; the filtered measure list has them all.
PARTNER_MEASURE_LIMIT = 20


class NetzwerkView(TemplateView):
    template_name = "netzwerk/index.html"

    def get_context_data(self, **kwargs):
        # Topics, working groups, partners and projects are in this worker's reference maps.
        return super().get_context_data(
            netzwerk=Netzwerk.objects.select_related("contact").first(),
            themen=list(reference_map(Thema).values()),
            arbeitsgruppen=list(reference_map(Arbeitsgruppe).values()),
            partner_list=list(reference_map(Netzwerkpartner).values()),
            projekte=list(reference_map(Projekt).values()),
            **kwargs,
        )


class PartnerDetailView(DetailView):
    model = Netzwerkpartner
    template_name = "netzwerk/partner.html"
    context_object_name = "partner"

    def get_object(self, queryset=None):
        # Partners are in this worker's reference map already: the list rows name them.
        partner = reference_lookup(Netzwerkpartner, "slug", self.kwargs["slug"])
        if partner is None:
            raise Http404("Kein Netzwerkpartner unter dieser Adresse.")
        partner = copy(partner)  # this page attaches its relations; the map's object stays as it is
        attach([partner], ["themen", "arbeitsgruppen"])
        return partner

    def get_context_data(self, **kwargs):
        # The reverse relation from massnahmen; this app never imports it.
        measures = self.object.massnahmen.public().for_list()
        return super().get_context_data(
            massnahmen=measures[:PARTNER_MEASURE_LIMIT], measure_total=measures.count(),
            projekte=self.object.projekte.all(), **kwargs
        )


class ProjektDetailView(DetailView):
    model = Projekt
    template_name = "netzwerk/projekt.html"
    context_object_name = "projekt"

    def get_queryset(self):
        return Projekt.objects.with_relations("funding", "stadtteile", "partner")

    def get_context_data(self, **kwargs):
        measures = self.object.massnahmen.public().for_list()
        return super().get_context_data(
            massnahmen=measures[:PARTNER_MEASURE_LIMIT], measure_total=measures.count(), **kwargs
        )

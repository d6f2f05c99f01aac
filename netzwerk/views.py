from django.db.models import Prefetch
from django.views.generic import DetailView, TemplateView

from core.views import MeasurePreviewMixin

from .models import Arbeitsgruppe, Netzwerk, Netzwerkpartner, Projekt, Thema


class NetzwerkView(TemplateView):
    template_name = "netzwerk/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            netzwerk=Netzwerk.objects.select_related("ansprechstelle").first(),
            themen=Thema.objects.all(),
            arbeitsgruppen=Arbeitsgruppe.objects.all(),
            partner_list=Netzwerkpartner.objects.all(),
            projekte=Projekt.objects.all(),
            **kwargs,
        )


class PartnerDetailView(MeasurePreviewMixin, DetailView):
    template_name = "netzwerk/partner.html"
    context_object_name = "partner"
    queryset = Netzwerkpartner.objects.prefetch_related(
        Prefetch("themen", to_attr="themen_list"), Prefetch("arbeitsgruppen", to_attr="arbeitsgruppen_list"),
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(projekte=self.object.projekte.all(), **kwargs)


class ProjektDetailView(MeasurePreviewMixin, DetailView):
    template_name = "netzwerk/projekt.html"
    context_object_name = "projekt"
    queryset = Projekt.objects.prefetch_related(
        Prefetch("finanzierungsquellen", to_attr="finanzierungsquellen_list"), Prefetch("stadtteile", to_attr="stadtteile_list"),
        Prefetch("partner", to_attr="partner_list"),
    )

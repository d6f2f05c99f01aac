from django.db.models import Count, Prefetch
from django.http import Http404
from django.views.generic import DetailView, ListView, TemplateView

from .models import Handlungsfeld, Leitlinie, LeitlinienEdition

# Measures shown on a field's page; the full, filterable list is one link away.
FIELD_MEASURE_LIMIT = 20


def current_edition():
    edition = LeitlinienEdition.objects.current()
    if edition is None:
        raise Http404("Es ist noch keine Fassung der Leitlinien veröffentlicht.")
    return edition


class HandlungsfeldListView(ListView):
    template_name = "handlungsfelder/list.html"
    context_object_name = "handlungsfelder"

    def get_queryset(self):
        return Handlungsfeld.objects.annotate(measure_total=Count("massnahmen", distinct=True)).prefetch_related(
            "handlungsansaetze"
        )


class HandlungsfeldDetailView(DetailView):
    model = Handlungsfeld
    template_name = "handlungsfelder/detail.html"
    context_object_name = "feld"

    def get_context_data(self, **kwargs):
        edition = LeitlinienEdition.objects.current()
        feld = self.object
        measures = feld.massnahmen.public().for_list()
        return super().get_context_data(
            edition=edition,
            leitlinien=edition.leitlinien.filter(handlungsfeld=feld) if edition else Leitlinie.objects.none(),
            massnahmen=measures[:FIELD_MEASURE_LIMIT],
            measure_total=measures.count(),
            **kwargs,
        )


class LeitlinienView(TemplateView):
    template_name = "handlungsfelder/leitlinien.html"

    def get_context_data(self, **kwargs):
        edition = current_edition()
        felder = Handlungsfeld.objects.prefetch_related(
            Prefetch("leitlinien", queryset=Leitlinie.objects.filter(edition=edition), to_attr="statements")
        )
        return super().get_context_data(
            edition=edition, felder=felder, zielgruppen=edition.zielgruppen.all(), **kwargs
        )

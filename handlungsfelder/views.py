from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import get_language, gettext
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from core.pdf import cached_pdf, pdf_response, render_pdf
from core.views import MeasurePreviewMixin

from .models import Handlungsfeld, LeitlinienEdition


def current_edition():
    edition = LeitlinienEdition.objects.current()
    if edition is None:
        raise Http404("Es ist noch keine Fassung der Leitlinien veröffentlicht.")
    return edition


class HandlungsfeldListView(ListView):
    template_name = "handlungsfelder/list.html"
    context_object_name = "handlungsfelder"

    def get_queryset(self):
        # Only published measures count, as on the field page and in the list the card links to.
        # The measure model comes through the reverse relation: this app never imports massnahmen.
        public = Handlungsfeld._meta.get_field("massnahmen").related_model.objects.public()
        return Handlungsfeld.objects.annotate(
            measure_total=Count("massnahmen", filter=Q(massnahmen__in=public.values("pk")))
        )


class HandlungsfeldDetailView(MeasurePreviewMixin, DetailView):
    model = Handlungsfeld
    template_name = "handlungsfelder/detail.html"
    context_object_name = "feld"

    def get_context_data(self, **kwargs):
        edition = LeitlinienEdition.objects.current()
        return super().get_context_data(
            edition=edition,
            leitlinien=self.object.leitlinien.filter(edition=edition) if edition else [],
            handlungsansaetze=self.object.handlungsansaetze.all(),
            **kwargs,
        )


def leitlinien_context(edition):
    """The published `edition` whole: the fields with their statements, in order, and the target groups."""
    return {"edition": edition, "felder": Handlungsfeld.objects.with_statements(edition),
            "zielgruppen": edition.zielgruppen.all()}


class LeitlinienView(TemplateView):
    template_name = "handlungsfelder/leitlinien.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**leitlinien_context(current_edition()), **kwargs)


class LeitlinienPdfView(View):
    """The current edition as a print-ready PDF in the URL's language, cached per content state."""

    def get(self, request):
        edition = current_edition()
        language = get_language()

        def generate():
            context = {
                **leitlinien_context(edition),
                # U+2066/U+2069 isolate the number as left-to-right inside Arabic or Persian text.
                "footer_text": gettext("Stadtratsbeschluss Nr. %(number)s")
                % {"number": f"\u2066{edition.resolution_number}\u2069"},
            }
            return render_pdf("handlungsfelder/leitlinien_print.html", context, request)

        data = cached_pdf("leitlinien", str(edition.pk), generate)
        date = (edition.publication_date or edition.resolution_date).isoformat()
        return pdf_response(data, f"leitlinien-magdeburg-{language}-{date}.pdf")

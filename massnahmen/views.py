from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_bidi, gettext
from django.views import View
from django.views.generic import DetailView, ListView

from core.limits import claim
from core.page_cache import stamp_memo
from core.pdf import cached_pdf, pdf_response, render_pdf

from .charts import stacked_bars
from .filters import MassnahmeFilter
from .models import Massnahme, Status, StatusChange
from .report import report_context
from .statistics import status_table

PAGE_SIZE = 20
# Newest changes the dashboard shows below its counts.
DASHBOARD_CHANGES = 10


def query_string(request):
    """The request's filters as a query string, without the page number, for links to the same selection."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class MassnahmeListView(ListView):
    template_name = "massnahmen/list.html"
    context_object_name = "massnahmen"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filterset = MassnahmeFilter(self.request.GET, queryset=Massnahme.objects.public().for_list())
        return self.filterset.selection

    def get_context_data(self, **kwargs):
        query = query_string(self.request)
        return super().get_context_data(filter=self.filterset, query_string=query, filtered=bool(query),
                                        content_state=stamp_memo.get(), **kwargs)


class DashboardView(View):
    """Implementation status at a glance: per field, per district and overall; the list's filters apply."""

    template_name = "massnahmen/dashboard.html"

    def get(self, request):
        filterset = MassnahmeFilter(request.GET)
        selection = filterset.selection
        rtl = get_language_bidi()
        # Counted only when the template's {% cache %} block for this content state, language
        # and selection is not kept yet: three grouped queries over the whole selection.
        table = SimpleLazyObject(lambda: status_table(selection))
        charts = SimpleLazyObject(lambda: {
            "felder": stacked_bars(table["felder"], rtl=rtl),
            "stadtteile": stacked_bars(table["stadtteile"], rtl=rtl),
            "overall": stacked_bars([table["overall"]], rtl=rtl),
        })
        return render(request, self.template_name, {
            "filter": filterset, "status_table": table, "charts": charts, "statuses": Status.choices,
            "query_string": query_string(request), "content_state": stamp_memo.get(),
            "latest_changes": StatusChange.objects.public_timeline().reported().of(selection)[:DASHBOARD_CHANGES],
        }, status=400 if filterset.errors else 200)


class MassnahmeDetailView(DetailView):
    template_name = "massnahmen/detail.html"
    context_object_name = "massnahme"

    def get_queryset(self):
        return Massnahme.objects.public().for_detail()

    def get_context_data(self, **kwargs):
        contacts, office = self.object.contacts()
        return super().get_context_data(contacts=contacts, contact_is_office=office, **kwargs)


class MassnahmeReportPdfView(View):
    """The measures list's current selection as a dated implementation report (PDF)."""

    def get(self, request):
        filterset = MassnahmeFilter(request.GET)
        if filterset.errors:
            # Never a PDF of something else: an unknown filter value is named, not ignored.
            return render(request, "massnahmen/report_invalid.html", {"filter": filterset}, status=400)
        today = timezone.localdate()
        params = "&".join(f"{key}={value}" for key, value in sorted(filterset.form.cleaned_data.items())
                          if value not in (None, "")) if filterset.is_bound else ""

        def generate():
            # A free-text search makes a new PDF for every new word: rendering costs a second of a
            # worker's CPU, so one client may have only a few rendered a minute. Filters from the
            # form's choices are a small, finite set: every client shares their cached copies.
            if filterset.is_bound and filterset.form.cleaned_data.get("q"):
                claim(request, "report_pdf")
            context = {
                **report_context(filterset.selection),
                "today": today,
                "criteria": filterset.criteria,
                "footer_text": gettext("Umsetzungsbericht, Stand %(date)s") % {"date": today.strftime("%d.%m.%Y")},
            }
            return render_pdf("massnahmen/report_print.html", context, request)

        data = cached_pdf("bericht", f"{today.isoformat()}|{params}", generate)
        return pdf_response(data, f"umsetzungsbericht-magdeburg-{get_language()}-{today.isoformat()}.pdf")

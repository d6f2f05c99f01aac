from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi, gettext
from django.views import View
from django.views.generic import DetailView, ListView

from core.pagination import SearchPaginator
from core.pdf import cached_pdf, pdf_response, render_pdf

from .charts import STATUS_COLOURS, stacked_bars
from .filters import MassnahmeFilter
from .models import Massnahme, latest_public_changes
from .report import report_context
from .statistics import figures, selected_pks

PAGE_SIZE = 20


class MassnahmeListView(ListView):
    template_name = "massnahmen/list.html"
    context_object_name = "massnahmen"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filterset = MassnahmeFilter(self.request.GET or None, queryset=Massnahme.objects.public().for_list())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return Massnahme.objects.none()
        return self.filterset.qs if self.filterset.is_bound else self.filterset.queryset

    def get_paginator(self, queryset, *args, **kwargs):
        # A search matches every row to count them: count in the page's own statement. Other
        # filters count from an index and read their page in list order, stopping after it.
        searched = self.filterset.is_bound and self.filterset.form.cleaned_data.get("q")
        return (SearchPaginator if searched else self.paginator_class)(queryset, *args, **kwargs)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter=self.filterset, query_string=query.urlencode(), filtered=bool(query), **kwargs
        )


class DashboardView(View):
    """Implementation status at a glance: per field, per district and overall; the list's filters apply."""

    template_name = "massnahmen/dashboard.html"

    def get(self, request):
        filterset = MassnahmeFilter(request.GET or None, queryset=Massnahme.objects.public())
        valid = not filterset.is_bound or filterset.is_valid()
        queryset = (filterset.qs if filterset.is_bound else filterset.queryset) if valid else Massnahme.objects.none()
        if filterset.is_bound:
            selected = selected_pks(queryset)  # read once: counted, and the newest changes chosen by it
            counts, changes = figures(selected), latest_public_changes(among=queryset, selected=selected)
        else:  # every published measure: figures and changes kept per content stamp
            counts, changes = figures(), latest_public_changes()
        rtl = get_language_bidi()
        query = request.GET.urlencode()
        return render(request, self.template_name, {
            "filter": filterset, "figures": counts, "query_string": query,
            "charts": {
                "felder": stacked_bars(counts["felder"], [f"{r['object'].number}. {r['object'].short_title}"
                                                           for r in counts["felder"]], rtl=rtl),
                "stadtteile": stacked_bars(counts["stadtteile"], [r["object"].name for r in counts["stadtteile"]], rtl=rtl),
                "overall": stacked_bars([counts["overall"]], [gettext("Alle Maßnahmen")], rtl=rtl),
            },
            "colours": STATUS_COLOURS,
            "latest_changes": changes,
        }, status=200 if valid else 400)


class MassnahmeDetailView(DetailView):
    template_name = "massnahmen/detail.html"
    context_object_name = "massnahme"

    def get_queryset(self):
        return Massnahme.objects.public().for_detail()


class MassnahmeReportPdfView(View):
    """The measures list's current selection as a dated implementation report (PDF)."""

    def get(self, request):
        filterset = MassnahmeFilter(request.GET or None, queryset=Massnahme.objects.public())
        if filterset.is_bound and not filterset.is_valid():
            # Never a PDF of something else: an unknown filter value is named, not ignored.
            return render(request, "massnahmen/report_invalid.html", {"filter": filterset}, status=400)
        queryset = filterset.qs if filterset.is_bound else filterset.queryset
        today = timezone.localdate()
        params = "&".join(f"{key}={value}" for key, value in sorted(filterset.form.cleaned_data.items() if filterset.is_bound else [])
                          if value not in (None, ""))

        def generate():
            context = {
                **report_context(queryset),
                "today": today,
                "criteria": describe_filters(filterset),
                "footer_text": gettext("Umsetzungsbericht, Stand %(date)s") % {"date": today.strftime("%d.%m.%Y")},
            }
            return render_pdf("massnahmen/report_print.html", context, request)

        data = cached_pdf("bericht", f"{today.isoformat()}|{params}", generate)
        return pdf_response(data, f"umsetzungsbericht-magdeburg-{get_language()}-{today.isoformat()}.pdf")


def describe_filters(filterset):
    """[(label, value)] of the active filters, for the report's heading."""
    if not filterset.is_bound:
        return []
    described = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, ""):
            continue
        field = filterset.form.fields[name]
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        described.append((field.label, value))
    return described

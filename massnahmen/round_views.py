"""Public pages of the closed reporting rounds: the list, a round, two rounds compared, the council's files.

Every page shows the rounds' snapshots (round_report.RoundReport), so it stays what it was at
closing. Anonymous answers are kept and revalidated like every public page (core/page_cache.py).
"""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_bidi, gettext, gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from core.page_cache import XLSX_TYPE, stamp_memo
from core.pdf import cached_pdf, pdf_response, render_pdf

from .comparison import compare
from .models import Berichtsrunde, Status
from .round_report import RoundReport, workbook_bytes


# Rows a page lists of each kind of change; the round's files and data hold them all.
LISTED = 100


def closed_round(slug):
    return get_object_or_404(Berichtsrunde.objects.closed(), slug=slug)


class ComparisonForm(forms.Form):
    """Two closed rounds to compare; the view puts them in the order of their periods."""

    von = forms.ModelChoiceField(label=_("Von der Runde"), queryset=Berichtsrunde.objects.none(),
                                 to_field_name="slug", empty_label=None)
    bis = forms.ModelChoiceField(label=_("bis zur Runde"), queryset=Berichtsrunde.objects.none(),
                                 to_field_name="slug", empty_label=None)

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("von", "bis"):
            self.fields[name].queryset = rounds

    def clean(self):
        data = super().clean()
        if data.get("von") and data.get("von") == data.get("bis"):
            raise forms.ValidationError(_("Bitte wählen Sie zwei verschiedene Runden."))
        return data


class RoundListView(ListView):
    template_name = "massnahmen/rounds/list.html"
    context_object_name = "runden"

    def get_queryset(self):
        return Berichtsrunde.objects.closed().reverse()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rounds = list(context["runden"])
        initial = {"von": rounds[1].slug, "bis": rounds[0].slug} if len(rounds) > 1 else {}
        return {**context, "form": ComparisonForm(initial=initial, rounds=Berichtsrunde.objects.closed())}


def choose_comparison(request):
    """The list's form: to the comparison's address, the earlier round first; the list again if invalid."""
    form = ComparisonForm(request.GET, rounds=Berichtsrunde.objects.closed())
    if not form.is_valid():
        return render(request, "massnahmen/rounds/list.html", {
            "runden": Berichtsrunde.objects.closed().reverse(), "form": form}, status=400)
    earlier, later = sorted((form.cleaned_data["von"], form.cleaned_data["bis"]), key=round_order)
    return redirect("massnahmen:round-compare", earlier.slug, later.slug)


def round_order(runde):
    return (runde.period_end, runde.closed_at, runde.pk)


class RoundDetailView(DetailView):
    """The state of the measures at a closed round and what changed since the round before."""

    template_name = "massnahmen/rounds/detail.html"
    context_object_name = "runde"

    def get_object(self, queryset=None):
        return closed_round(self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        report = RoundReport(self.object)
        rtl = get_language_bidi()
        return super().get_context_data(
            report=report, figures=SimpleLazyObject(lambda: report.figures),
            charts=SimpleLazyObject(lambda: report.charts(rtl)), statuses=Status.choices,
            lists=SimpleLazyObject(lambda: report.comparison.listed(LISTED)),
            data_url=reverse("opendata:round-snapshots-csv", args=[self.object.slug]),
            content_state=stamp_memo.get(), **kwargs)


class RoundCompareView(View):
    """Any two closed rounds: how their measures' states differ, earlier → later."""

    template_name = "massnahmen/rounds/compare.html"

    def get(self, request, earlier, later):
        first, second = closed_round(earlier), closed_round(later)
        if first == second:
            raise Http404
        if round_order(first) > round_order(second):
            return redirect("massnahmen:round-compare", second.slug, first.slug, permanent=True)
        return render(request, self.template_name, {
            "earlier": first, "later": second, "data_url": reverse("opendata:round-snapshots-csv", args=[second.slug]),
            # Read only when the template's {% cache %} block for these two closings is not kept yet.
            "changes": SimpleLazyObject(lambda: comparison_context(first, second)),
        })


def comparison_context(first, second):
    """The counts per status of both rounds side by side, and the changes from the first to the second."""
    before, after = RoundReport(first), RoundReport(second)
    comparison = compare(before.snapshots, after.snapshots)
    totals = [{"value": value, "label": label, "before": before_cell["count"], "after": after_cell["count"],
               "difference": after_cell["count"] - before_cell["count"]}
              for (value, label), before_cell, after_cell in zip(
                  Status.choices, before.figures["overall"]["cells"], after.figures["overall"]["cells"])]
    return {"comparison": comparison, "totals": totals, "lists": comparison.listed(LISTED),
            "total_before": before.figures["overall"]["total"], "total_after": after.figures["overall"]["total"]}


class RoundReportPdfView(View):
    """The council's report of a closed round, dated with the round's closing day."""

    def get(self, request, slug):
        runde = closed_round(slug)
        report = RoundReport(runde)

        def generate():
            closed_on = report.closed_on
            context = {"report": report, "runde": runde, "closed_on": closed_on,
                       "footer_text": gettext("Bericht zur Runde „%(title)s“, Stand %(date)s") % {
                           "title": runde.title, "date": closed_on.strftime("%d.%m.%Y")}}
            return render_pdf("massnahmen/rounds/report_print.html", context, request)

        data = cached_pdf("runde", f"{runde.slug}|{runde.snapshot_version}", generate)
        return pdf_response(data, f"bericht-{runde.slug}-{get_language()}.pdf")


class RoundWorkbookView(View):
    """The round as an XLSX workbook for the council, cached like the PDF."""

    def get(self, request, slug):
        runde = closed_round(slug)
        data = cached_pdf("runde-xlsx", f"{runde.slug}|{runde.snapshot_version}",
                          lambda: workbook_bytes(RoundReport(runde)))
        response = HttpResponse(data, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="bericht-{runde.slug}-{get_language()}.xlsx"'
        response["Content-Length"] = str(len(data))
        return response


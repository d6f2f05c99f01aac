from django.utils.translation import get_language
from django.views.generic import TemplateView


class MeasurePreviewMixin:
    """For a DetailView of a field, partner or project: its first published measures and their number.

    The object reaches its measures through the reverse relation `massnahmen` (a Maßnahme's
    manager method `preview()`), so the apps that show them never import massnahmen.
    """

    def get_context_data(self, **kwargs):
        measures = self.object.massnahmen.preview()
        return super().get_context_data(massnahmen=measures, measure_total=measures.paginator.count, **kwargs)


class SearchView(TemplateView):
    """The portal's one search: every kind of public content in the reader's language, grouped."""

    template_name = "core/search.html"
    fetched = 200  # the best documents read in one query; each group shows up to `per_kind`
    per_kind = 10

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        from . import search

        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        context["q"] = raw[: search.MAX_QUERY_LENGTH]
        context["too_long"] = len(raw) > search.MAX_QUERY_LENGTH
        query = search.Query.parse(raw, (get_language() or "de").split("-")[0])
        context["searched"] = bool(raw.strip())
        groups = []
        if query:
            documents = list(query.documents()[: self.fetched])
            totals = dict(
                query.documents().order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
            )
            for searchable in search.kinds():
                hits = [doc for doc in documents if doc.kind == searchable.kind][: self.per_kind]
                if not hits:
                    continue
                for doc in hits:
                    doc.title_html = query.highlight(doc.title)
                    doc.snippet_html = query.snippet(doc.body) if doc.body else ""
                groups.append({"kind": searchable.kind, "label": searchable.label, "hits": hits,
                               "total": totals.get(searchable.kind, len(hits)),
                               "best": hits[0].score})
            # Grouped by kind, the group with the best hit first.
            groups.sort(key=lambda group: -group["best"])
        context["groups"] = groups
        context["total"] = sum(group["total"] for group in groups)
        return context

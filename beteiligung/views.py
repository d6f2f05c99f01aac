from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from core.limits import limited_post
from core.page_cache import stamp_memo
from core.text import reader_language
from massnahmen.models import Herausforderung, Massnahme

from . import spam
from .filters import EntryFilter
from .forms import EntryForm
from .models import ModerationChange, submit
from .tasks import ask_to_follow

PAGE_SIZE = 20


def public_entries():
    """Public entries with what a list row shows (source, field, districts, state) in a few queries."""
    return (
        Herausforderung.objects.public()
        .select_related("beteiligungsformat", "handlungsfeld", "moderation")
        .prefetch_related("stadtteile")
        .order_by("-created_at", "-pk")
    )


class EntryListView(ListView):
    template_name = "beteiligung/list.html"
    context_object_name = "entries"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filterset = EntryFilter(self.request.GET, queryset=public_entries())
        return self.filterset.selection

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(filter=self.filterset, query_string=query.urlencode(),
                                        content_state=stamp_memo.get(), **kwargs)


class EntryDetailView(DetailView):
    """An entry as written, its public state and answer, its history and the measures answering it."""

    template_name = "beteiligung/detail.html"
    context_object_name = "entry"

    def get_queryset(self):
        return public_entries().prefetch_related(
            Prefetch("moderation_changes", queryset=ModerationChange.objects.public(), to_attr="public_history"),
            Prefetch("massnahmen", queryset=Massnahme.objects.public().order_by("position", "pk"),
                     to_attr="public_measures"),
        )


# Each entry is stored and waits for staff: one client may send a few an hour (settings.RATELIMITS).
@method_decorator(limited_post("beteiligung_entry"), name="post")
class SubmitView(View):
    template_name = "beteiligung/submit.html"

    def get(self, request):
        return self.page(EntryForm())

    def page(self, form, status=200):
        return render(request=self.request, template_name=self.template_name,
                      context={"form": form, "pow_bits": spam.pow_bits()}, status=status)

    def post(self, request):
        form = EntryForm(request.POST)
        if not form.is_valid():
            form.keep_challenge()
            return self.page(form, status=400 if form.spam_reason else 200)
        data = form.cleaned_data
        language = reader_language()
        entry = submit(title=data["title"], text=data["text"], kind=data["kind"], handlungsfeld=data["handlungsfeld"],
                       stadtteil=data["stadtteil"], language=language)
        if data["email"]:  # the author follows the entry, once they confirm
            ask_to_follow(data["email"], entry, language, author=True)
        return redirect("beteiligung:thanks")


class ThanksView(TemplateView):
    template_name = "beteiligung/thanks.html"

"""The translation desk's pages in the admin (core/translation_desk.py holds what they do).

`desk_urls(site)` gives the admin site its routes: the desk's start (counts per language), one
language's queue, and one text beside its translation. Staff with the permission
`core.use_translation_desk` use them; the group "Übersetzung" has that permission and nothing else.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_bidi, get_language_info, gettext, override

from .forms import MAX_PK, TranslationForm
from .models import SourceText, TranslationState
from .translation_desk import (DESK_LANGUAGES, OPEN_STATES, STATE_ORDER, DeskText, TranslationConflict, counts,
                               describe, kinds, may_use_desk, next_in_queue, queue)

PAGE_SIZE = 50
# The queue's state filter: open (outdated and missing, the default), one state, or all texts.
STATE_CHOICES = {"offen": OPEN_STATES, **{state.value: [state] for state in STATE_ORDER}, "alle": STATE_ORDER}


def desk_view(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not may_use_desk(request.user):
            raise PermissionDenied
        language = kwargs.get("language")
        if language is not None and language not in DESK_LANGUAGES:
            raise Http404
        return view(request, *args, **kwargs)
    return checked


def language_context(language):
    with override(language):
        direction = "rtl" if get_language_bidi() else "ltr"
    return {"language": language, "language_name": get_language_info(language)["name_translated"],
            "language_dir": direction}


class QueueFilter:
    """The queue's filters from the query string (`art`: a kind's content type id, `stand`);
    anything unknown is the default, never an error."""

    def __init__(self, params):
        known = {str(content_type.pk): (content_type, model) for content_type, model in kinds()}
        self.kind_param = params.get("art", "")
        self.kind = known.get(self.kind_param, (None, None))[0]
        if self.kind is None:
            self.kind_param = ""
        self.state_param = params.get("stand", "offen")
        if self.state_param not in STATE_CHOICES:
            self.state_param = "offen"
        self.kind_choices = [(str(content_type.pk), model._meta.verbose_name_plural) for content_type, model in known.values()]

    def queue(self, language):
        return queue(language, kind=self.kind, states=STATE_CHOICES[self.state_param])

    def query(self):
        params = {"stand": self.state_param} if self.state_param != "offen" else {}
        if self.kind_param:
            params["art"] = self.kind_param
        return f"?{urlencode(params)}" if params else ""


def context(site, request, title, **extra):
    return {**site.each_context(request), "title": title, **extra}


def desk_urls(site):
    """The desk's routes, for the admin site's get_urls(); names stay stable (the staff guide links them)."""

    @desk_view
    def index(request):
        return TemplateResponse(request, "admin/translation_desk/index.html", context(
            site, request, gettext("Übersetzen"), rows=counts(),
        ))

    @desk_view
    def language_queue(request, language):
        filters = QueueFilter(request.GET)
        texts = filters.queue(language).select_related("content_type")
        page = Paginator(texts, PAGE_SIZE).get_page(request.GET.get("seite"))
        describe(page.object_list)
        page_query = filters.query()
        return TemplateResponse(request, "admin/translation_desk/queue.html", context(
            site, request, gettext("Übersetzen: %(language)s") % {"language": language_context(language)["language_name"]},
            **language_context(language), page=page, texts=page.object_list, result_count=page.paginator.count,
            filters=filters, query=page_query, states=[
                ("offen", gettext("offen (veraltet und fehlend)")),
                *[(state.value, state.label) for state in STATE_ORDER], ("alle", gettext("alle")),
            ], counts=counts(language)[0],
        ))

    @desk_view
    def text(request, language, source_id):
        if source_id > MAX_PK:
            raise Http404
        source = get_object_or_404(SourceText.objects.select_related("content_type"), pk=source_id)
        try:
            desk_text = DeskText(source, language)
        except (AttributeError, LookupError):
            raise Http404 from None  # its model or object is gone
        filters = QueueFilter(request.GET)
        query = filters.query()
        ids = list(filters.queue(language).values_list("pk", flat=True))
        following = next_in_queue(ids, source.pk)
        next_url = (reverse("admin:translation_desk_text", args=[language, following]) if following
                    else reverse("admin:translation_desk_language", args=[language])) + query
        form = TranslationForm(desk_text, request.POST or None)
        if request.method == "POST" and form.is_valid():
            action = request.POST.get("action")
            try:
                if action == "confirm" and desk_text.state == TranslationState.VERALTET:
                    desk_text.confirm(request.user, form.seen())
                    messages.success(request, gettext("Als aktuell bestätigt: %(label)s") % {"label": desk_text.label})
                    return HttpResponseRedirect(next_url)
                if action == "save" and form.check_unchanged():
                    if form.cleaned_data["text"] != desk_text.translation:
                        desk_text.save(form.cleaned_data["text"], request.user, form.seen())
                        messages.success(request, gettext("Gespeichert: %(label)s") % {"label": desk_text.label})
                    return HttpResponseRedirect(next_url)
            except TranslationConflict:
                desk_text = DeskText(source, language)
                form.add_conflict(desk_text)
        change_url = None
        if request.user.has_perm(f"{desk_text.model._meta.app_label}.change_{desk_text.model._meta.model_name}"):
            change_url = reverse(f"admin:{desk_text.model._meta.app_label}_{desk_text.model._meta.model_name}_change",
                                 args=[desk_text.object.pk])
        public_url = None
        if hasattr(desk_text.object, "get_absolute_url"):
            with override(language):
                public_url = desk_text.object.get_absolute_url()
        return TemplateResponse(request, "admin/translation_desk/text.html", context(
            site, request, gettext("Übersetzen: %(language)s") % {"language": language_context(language)["language_name"]},
            **language_context(language), text=desk_text, form=form, next_url=next_url, query=query,
            position=(ids.index(source.pk) + 1) if source.pk in ids else None, queue_length=len(ids),
            change_url=change_url, public_url=public_url,
        ), status=409 if form.non_field_errors() and request.method == "POST" else 200)

    return [
        path("uebersetzen/", site.admin_view(index), name="translation_desk"),
        path("uebersetzen/<str:language>/", site.admin_view(language_queue), name="translation_desk_language"),
        path("uebersetzen/<str:language>/<int:source_id>/", site.admin_view(text), name="translation_desk_text"),
    ]

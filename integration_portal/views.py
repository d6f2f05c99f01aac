from django.conf import settings
from django.contrib import messages
from django.core.mail import mail_admins
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language, gettext
from django.views import defaults
from django.views.generic import FormView, TemplateView

from handlungsfelder.models import Handlungsfeld, Integrationskonzept
from massnahmen.models import StatusChange
from opendata import api

from .forms import BarrierenmeldungForm
from .models import Seite

# Newest status changes the start page shows.
START_PAGE_CHANGES = 8


def bad_request(request, exception):
    """handler400: the API's JSON error under /api/, Django's page elsewhere."""
    if api.is_api_request(request):
        return api.bad_request(request, exception)
    return defaults.bad_request(request, exception)


def server_error(request):
    """handler500: the API's JSON error under /api/, Django's page elsewhere."""
    if api.is_api_request(request):
        return api.server_error(request)
    return defaults.server_error(request)


def healthz(request):
    """Liveness check: the application answers; touches neither database nor templates."""
    return HttpResponse("ok", content_type="text/plain")


class StartView(TemplateView):
    template_name = "portal/start.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            konzept=Integrationskonzept.objects.first(),
            handlungsfelder=Handlungsfeld.objects.all(),
            latest_changes=StatusChange.objects.public_timeline()[:START_PAGE_CHANGES],
            **kwargs,
        )


class SeiteView(TemplateView):
    template_name = "portal/seite.html"
    key = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(seite=get_object_or_404(Seite, key=self.key), **kwargs)


class BarrierefreiheitView(FormView, SeiteView):
    key = Seite.Key.BARRIEREFREIHEIT
    form_class = BarrierenmeldungForm

    def form_valid(self, form):
        meldung = form.save(commit=False)
        meldung.language = get_language() or settings.LANGUAGE_CODE
        meldung.save()
        mail_admins(
            "Neue Barrierenmeldung",
            f"{meldung.page_url}\n\n{meldung.description}\n\nAntwort an: {meldung.email or '–'}",
            fail_silently=True,
        )
        messages.success(self.request, gettext("Danke! Ihre Meldung ist eingegangen. Wir kümmern uns darum."))
        return redirect(self.request.path)

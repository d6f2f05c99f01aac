from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext
from django.views import defaults
from django.views.generic import FormView, TemplateView

from core.limits import limited_post
from core.mail import send

from handlungsfelder.models import Handlungsfeld, Integrationskonzept, LeitlinienEdition
from massnahmen.models import Massnahme, StatusChange
from massnahmen.statistics import overall_row
from opendata import api

from .forms import BarrierenmeldungForm
from .models import Seite

# Newest status changes the start page shows.
START_PAGE_CHANGES = 8


# The error pages are the portal's own pages, in the reader's language and direction, with the
# site's header (navigation, language switcher, search). Django's handlers for 400 and 500 render
# without the request, so without language, direction or links; these render with it.

def bad_request(request, exception):
    """handler400: the API's JSON error under /api/, the portal's page elsewhere."""
    if api.is_api_request(request):
        return api.bad_request(request, exception)
    return render(request, "400.html", status=400)


def server_error(request):
    """handler500: the API's JSON error under /api/, the portal's page elsewhere.

    The page needs no database (base.html and its context processor read none). If rendering it
    fails too, Django's plain page is the last resort.
    """
    if api.is_api_request(request):
        return api.server_error(request)
    try:
        return render(request, "500.html", status=500)
    except Exception:
        return defaults.server_error(request)


def too_many_requests(request, exception):
    """RATELIMIT_VIEW: a client over a limit of core/limits.py; nothing of its request was done."""
    response = render(request, "429.html", {"retry_minutes": -(-getattr(exception, "retry_after", 60) // 60)},
                      status=429)
    response["Retry-After"] = str(getattr(exception, "retry_after", 60))
    return response


def favicon(request):
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def healthz(request):
    """Liveness check: the application answers; touches neither database nor templates."""
    return HttpResponse("ok", content_type="text/plain")


class StartView(TemplateView):
    template_name = "portal/start.html"

    def get_context_data(self, **kwargs):
        # What is current leads: the Leitlinien in force and how far their measures are; the
        # concept of 2018 to 2022 they grew out of follows as background.
        return super().get_context_data(
            leitlinien=LeitlinienEdition.objects.published().first(),
            measures_state=overall_row(Massnahme.objects.public()),
            konzept=Integrationskonzept.objects.first(),
            handlungsfelder=Handlungsfeld.objects.all(),
            latest_changes=StatusChange.objects.public_timeline().reported()[:START_PAGE_CHANGES],
            **kwargs,
        )


class SeiteView(TemplateView):
    template_name = "portal/seite.html"
    key = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(seite=get_object_or_404(Seite, key=self.key), **kwargs)


# Each report mails the admins: one client may send a few an hour.
@method_decorator(limited_post("barrier_report"), name="post")
class BarrierefreiheitView(FormView, SeiteView):
    key = Seite.Key.BARRIEREFREIHEIT
    form_class = BarrierenmeldungForm

    def form_valid(self, form):
        meldung = form.save(commit=False)
        meldung.language = get_language() or settings.LANGUAGE_CODE
        meldung.save()
        if settings.ADMINS:  # as mail_admins(), with the kind the mail log shows
            send(
                "barrierenmeldung", f"{settings.EMAIL_SUBJECT_PREFIX}Neue Barrierenmeldung",
                f"{meldung.page_url}\n\n{meldung.description}\n\nAntwort an: {meldung.email or '–'}",
                [address for _name, address in settings.ADMINS], fail_silently=True,
            )
        messages.success(self.request, gettext("Danke! Ihre Meldung ist eingegangen. Wir kümmern uns darum."))
        return redirect(self.request.path)

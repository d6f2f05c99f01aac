"""The partner workspace: each view starts from Massnahme.objects.editable_by(user)."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views import View
from django.views.generic import ListView, TemplateView

from netzwerk.models import Netzwerkpartner

from .forms import PartnerStatusForm, ProposalForm
from .guide import PICTURES, partner_part
from .models import Berichtsrunde, ConcurrentEditError, Massnahme


class WorkspaceView(LoginRequiredMixin, ListView):
    """My measures, the ones not updated for longest first; and my proposals."""

    template_name = "massnahmen/workspace/index.html"
    context_object_name = "massnahmen"
    paginate_by = 50

    def get_queryset(self):
        return (
            Massnahme.objects.editable_by(self.request.user).public()
            .prefetch_related("partner", "handlungsfelder")
            .order_by("status_changed_at", "pk")
        )

    def get_context_data(self, **kwargs):
        stale_before = timezone.now() - timedelta(days=settings.REMINDER_STALE_DAYS)
        return super().get_context_data(
            proposals=Massnahme.objects.editable_by(self.request.user).proposals().order_by("-created_at"),
            partners=Netzwerkpartner.objects.editable_by(self.request.user).order_by("name")[:50],
            stale_before=stale_before, stale_days=settings.REMINDER_STALE_DAYS,
            rounds=open_rounds_of(self.request.user), **kwargs,
        )


def open_rounds_of(user):
    """[(round, {"total", "reported"})] of the open rounds that cover any of the user's measures.

    One query for the rounds and one per open round (there are a few at a time, not one per measure).
    """
    mine = Massnahme.objects.editable_by(user).public()
    rounds = [(runde, runde.report_counts(mine)) for runde in Berichtsrunde.objects.open()]
    return [(runde, counts) for runde, counts in rounds if counts["total"]]


class RoundView(LoginRequiredMixin, ListView):
    """One open round: the user's measures it covers, those without a report first."""

    template_name = "massnahmen/workspace/round.html"
    context_object_name = "massnahmen"
    paginate_by = 50

    def get_queryset(self):
        self.runde = get_object_or_404(Berichtsrunde.objects.open(), slug=self.kwargs["slug"])
        mine = Massnahme.objects.editable_by(self.request.user).public()
        measures = self.runde.with_report_state(self.runde.covered_measures().filter(pk__in=mine.values("pk")))
        # A round that covers none of this person's measures is not theirs: 404, like another partner's measure.
        if not measures.exists():
            raise Http404
        return measures.order_by("reported", "position", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(runde=self.runde, **kwargs)


class StatusUpdateView(LoginRequiredMixin, View):
    template_name = "massnahmen/workspace/status_form.html"

    def get_object(self, pk):
        # A measure of another partner is simply not in this queryset: 404, by construction.
        return get_object_or_404(Massnahme.objects.editable_by(self.request.user).public(), pk=pk)

    def responsible_partners(self, massnahme):
        return Netzwerkpartner.objects.editable_by(self.request.user).filter(massnahmen=massnahme).order_by("name")

    @staticmethod
    def initial(massnahme):
        return {
            "status": massnahme.status, "progress_note_de": massnahme.progress_note_de,
            "next_steps_de": massnahme.next_steps_de, "start_date": massnahme.start_date,
            "end_date": massnahme.end_date, "version": massnahme.version, "seen_at": timezone.now(),
        }

    def get_form(self, massnahme, data=None):
        partners = self.responsible_partners(massnahme)
        rounds = Berichtsrunde.objects.open().covering(massnahme)
        # The round a reminder's link names, else the one due first: a report made while a round
        # is open is that round's report unless the person says otherwise.
        wanted = self.request.GET.get("runde", "")
        chosen = (rounds.filter(slug=wanted).first() if slug_re.fullmatch(wanted) else None) or rounds.first()
        initial = {**self.initial(massnahme), "partner": partners.first(), "berichtsrunde": chosen}
        return PartnerStatusForm(data, initial=initial, massnahme=massnahme, partners=partners, rounds=rounds)

    def render(self, massnahme, form, conflict=None, status=200):
        rounds = form.fields["berichtsrunde"].queryset if "berichtsrunde" in form.fields else []
        return render(self.request, self.template_name, {
            "massnahme": massnahme, "form": form, "conflict": conflict, "rounds": rounds,
            "history": massnahme.status_changes.public_timeline()[:10],
        }, status=status)

    def get(self, request, pk):
        massnahme = self.get_object(pk)
        return self.render(massnahme, self.get_form(massnahme))

    def post(self, request, pk):
        massnahme = self.get_object(pk)
        form = self.get_form(massnahme, request.POST)
        if not form.is_valid():
            return self.render(massnahme, form, status=400)
        data = form.cleaned_data
        try:
            massnahme.report_progress(
                expected_version=data["version"], status=data["status"], note=data["note"],
                by=request.user, partner=data["partner"], berichtsrunde=data.get("berichtsrunde"),
                **form.changed_fields(),
            )
        except ValidationError as error:  # the round was closed after the form was checked
            form.add_error("berichtsrunde", error)
            return self.render(massnahme, form, status=400)
        except ConcurrentEditError as error:
            current = error.current
            # Keep what this person typed; a field they did not touch shows what is stored now,
            # and the form now "showed" the current state: a second save knowingly builds on the
            # current version and writes only this person's own changes.
            post = request.POST.copy()
            now = PartnerStatusForm(initial=self.initial(current), massnahme=current, partners=form.fields["partner"].queryset)
            for name in Massnahme.PARTNER_FIELDS:
                shown = now[name].value()
                shown = "" if shown is None else str(shown)
                post[f"initial-{name}"] = shown
                if name not in form.changed_data:
                    post[name] = shown
            post["version"] = current.version
            post["seen_at"] = timezone.now().isoformat()
            conflict = {"current": current, "changes": current.changes_since(data["seen_at"])}
            return self.render(current, self.get_form(current, post), conflict=conflict, status=409)
        messages.success(request, gettext("Gespeichert. Die Änderung steht im öffentlichen Verlauf."))
        return redirect("massnahmen:workspace")


class ProposalCreateView(LoginRequiredMixin, View):
    template_name = "massnahmen/workspace/proposal_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ProposalForm(partners=Netzwerkpartner.objects.editable_by(request.user))})

    def post(self, request):
        form = ProposalForm(request.POST, partners=Netzwerkpartner.objects.editable_by(request.user))
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        with transaction.atomic():
            form.save(commit=False).propose(by=request.user, note=gettext("Vorschlag eingereicht."))
            form.save_m2m()
        messages.success(request, gettext("Ihr Vorschlag ist eingereicht. Die Stabsstelle prüft ihn."))
        return redirect("massnahmen:workspace")


class ProposalUpdateView(LoginRequiredMixin, View):
    """A partner revises a proposal that is waiting or was sent back; saving resubmits it."""

    template_name = "massnahmen/workspace/proposal_form.html"

    def get_object(self, pk):
        return get_object_or_404(Massnahme.objects.editable_by(self.request.user).proposals(), pk=pk)

    def get(self, request, pk):
        proposal = self.get_object(pk)
        form = ProposalForm(instance=proposal, partners=Netzwerkpartner.objects.editable_by(request.user))
        return render(request, self.template_name, {"form": form, "proposal": proposal})

    def post(self, request, pk):
        proposal = self.get_object(pk)
        form = ProposalForm(request.POST, instance=proposal, partners=Netzwerkpartner.objects.editable_by(request.user))
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "proposal": proposal}, status=400)
        with transaction.atomic():
            form.save(commit=False).resubmit()
            form.save_m2m()
        messages.success(request, gettext("Ihr überarbeiteter Vorschlag ist eingereicht."))
        return redirect("massnahmen:workspace")


class GuideView(LoginRequiredMixin, TemplateView):
    """The partner part of the guide (docs/handbuch.md), in German, for everyone with an account."""

    template_name = "massnahmen/workspace/guide.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(guide=partner_part(), **kwargs)


class GuidePictureView(LoginRequiredMixin, View):
    """A picture of the guide's partner part; the URL admits only names of partner pictures."""

    def get(self, request, name):
        path = PICTURES / f"{name}.png"
        if not path.is_file():
            raise Http404
        return FileResponse(path.open("rb"), content_type="image/png")

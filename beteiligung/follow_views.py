"""Following without an account: ask (form), confirm (link in a mail), see and end (link in every mail).

The form on a measure's page posts here. That page is public and cached for every visitor, so it
carries no CSRF token, and this view does not ask for one (csrf_exempt): it acts on no session
or account, only on the address typed in, and a forged request can do no more than the form
itself: one confirmation mail, limited per client (RATELIMITS["follow"]). The pages behind the
links from mails show an address's follows: never cached (never_cache), and their buttons are
ordinary forms with CSRF protection.
"""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from core.limits import limited_post
from massnahmen.models import Herausforderung, Massnahme

from .follow_forms import FollowForm
from .models import Follow
from .models.following import title_in
from .tasks import ask_to_follow


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(limited_post("follow"), name="post")
class FollowView(FormView):
    """GET: the form with its explanation on a page of its own; POST: from there or the public
    page of what is followed (a measure, or an entry with `is_entry`)."""

    template_name = "beteiligung/follow/follow.html"
    form_class = FollowForm
    queryset = None
    is_entry = False

    def dispatch(self, request, *args, **kwargs):
        self.target = get_object_or_404(self.queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(target=self.target, is_entry=self.is_entry,
                                        title=title_in(self.target, get_language()), **kwargs)

    def form_valid(self, form):
        ask_to_follow(form.cleaned_data["email"], self.target, get_language())
        return redirect("following:requested")

    def form_invalid(self, form):
        # A robot's answer is refused outright (400); a person's typo is the form again to correct.
        return self.render_to_response(self.get_context_data(form=form), status=400 if form.caught_robot else 200)


def public_measures():
    return Massnahme.objects.public()


def public_entries():
    return Herausforderung.objects.public()


class RequestedView(TemplateView):
    """After the form: look in your mailbox. The same page for everyone (it names no address)."""

    template_name = "beteiligung/follow/requested.html"


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """The link of the confirmation mail: a button that confirms.

    Opening the link confirms nothing by itself: mail programs and virus scanners open links to
    look at them, and only a person's click may say yes.
    """

    template_name = "beteiligung/follow/confirm.html"

    def get(self, request, token):
        follow = Follow.from_confirmation_token(token)
        if follow is None:
            return render(request, "beteiligung/follow/link_invalid.html", status=410)
        return render(request, self.template_name, {"follow": follow, "public": follow.target_is_public()})

    def post(self, request, token):
        follow = Follow.from_confirmation_token(token)
        if follow is None:
            return render(request, "beteiligung/follow/link_invalid.html", status=410)
        follow.confirm()
        messages.success(request, gettext("Danke! Sie folgen jetzt „%(title)s“.") % {"title": follow.target_title()})
        return redirect(follow.manage_url())


@method_decorator(never_cache, name="dispatch")
class ManageView(View):
    """Everything one address follows (the key from its mails), each to end, or all at once.

    Ending deletes the row; when nothing is left, the portal holds the address no more.
    """

    template_name = "beteiligung/follow/manage.html"

    def follows(self, key):
        return Follow.objects.filter(address_key=key).with_targets().annotate(
            # An author's entry that staff have not yet looked at has no public page to link to.
            public_entry=Exists(public_entries().filter(pk=OuterRef("herausforderung"))),
        ).order_by("created_at", "pk")

    def get(self, request, key):
        return render(request, self.template_name, {"follows": self.follows(key)})

    def post(self, request, key):
        follows = self.follows(key)
        if request.POST.get("end") != "all":
            follows = follows.filter(pk=request.POST.get("end") if (request.POST.get("end") or "").isdigit() else None)
        ended = [follow.target_title() for follow in follows]
        follows.delete()
        if ended:
            messages.success(request, gettext("Beendet: %(titles)s. Dafür bekommen Sie keine E-Mails mehr.")
                             % {"titles": "; ".join(ended)})
        return redirect(request.path)

"""Accounts of partner editors: login with throttling, password change and reset, invitations."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext
from django.views import View

from core.limits import limited_post

from .forms import PasswordResetForm
from .invitations import accept, invitation_tokens


TEMPLATES = "netzwerk/account/"


class LoginView(auth_views.LoginView):
    template_name = TEMPLATES + "login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        url = super().get_success_url()
        # A next= that leads back to this login page would send a logged-in visitor in a circle
        # (Django refuses that with a ValueError, a 500): take them where a login leads instead.
        if urlsplit(url).path == self.request.path:
            return resolve_url(settings.LOGIN_REDIRECT_URL)
        return url


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = TEMPLATES + "password_change_form.html"
    success_url = reverse_lazy("netzwerk:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = TEMPLATES + "password_change_done.html"


# Each request may mail someone: a few an hour per client.
@method_decorator(limited_post("password_reset"), name="post")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm  # the link at PORTAL_BASE_URL, not at the request's Host
    template_name = TEMPLATES + "password_reset_form.html"
    email_template_name = TEMPLATES + "password_reset_email.txt"
    subject_template_name = TEMPLATES + "password_reset_subject.txt"
    success_url = reverse_lazy("netzwerk:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = TEMPLATES + "password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = TEMPLATES + "password_reset_confirm.html"
    success_url = reverse_lazy("netzwerk:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = TEMPLATES + "password_reset_complete.html"


# Guessing tokens is hopeless anyway; the limit keeps a client from trying at volume.
@method_decorator(limited_post("invitation"), name="dispatch")
class InvitationAcceptView(View):
    """The one-time link from an invitation: set a password, then straight into the workspace."""

    template_name = TEMPLATES + "invitation.html"

    def get_user(self, uidb64):
        try:
            return get_user_model().objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
        except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
            return None

    def dispatch(self, request, uidb64, token):
        user = self.get_user(uidb64)
        if user is None or not invitation_tokens.check_token(user, token):
            return render(request, self.template_name, {"valid": False}, status=410 if user else 404)
        form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            form.save()
            accept(user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, gettext("Willkommen! Ihr Passwort ist gespeichert."))
            return redirect("massnahmen:workspace")
        return render(request, self.template_name, {"valid": True, "form": form, "invited_user": user})

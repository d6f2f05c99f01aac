from django import forms
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.contrib.auth import get_user_model
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from core.base_url import origin
from core.mail import tag

from .models import Invitation, PartnerMembership


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, its link at PORTAL_BASE_URL.

    PasswordResetView hands the request to save(), which would take the link's host from its
    Host header (get_current_site) and the scheme from request.is_secure(): anyone may ask for
    a reset of a known address with a Host of their choosing, and the mail would carry the
    owner's token to that host. domain_override and use_https are the form's own way to say
    where the link goes.
    """

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        # Django's own, with the kind the mail log shows (the message is built the same way).
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(loader.render_to_string(html_email_template_name, context), "text/html")
        try:
            tag(message, "passwort").send()
        except Exception:
            # As Django does: the visitor learns nothing about the address; the log has the error.
            auth_forms.logger.exception("Failed to send password reset email to %s", context["user"].pk)

    def save(self, **kwargs):
        scheme, host = origin()
        return super().save(**{**kwargs, "domain_override": host, "use_https": scheme == "https"})


class InvitationForm(forms.ModelForm):
    """Staff invite a person to edit a partner's measures."""

    class Meta:
        model = Invitation
        fields = ["email", "partner", "language"]

    def clean(self):
        cleaned = super().clean()
        email, partner = cleaned.get("email"), cleaned.get("partner")
        if email and partner:
            user = get_user_model().objects.filter(email__iexact=email).first()
            if user and user.is_staff:
                self.add_error("email", _("Diese Adresse gehört zu einem Konto der Stabsstelle."))
            elif user and user.has_usable_password() and PartnerMembership.objects.filter(user=user, partner=partner).exists():
                self.add_error("email", _("Diese Person hat bereits Zugang für diesen Partner."))
        return cleaned

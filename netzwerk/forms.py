from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Invitation, PartnerMembership


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

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Follow

HONEYPOT = "website"


class FollowForm(forms.Form):
    """An address that wants to follow something, and a field only programs fill in.

    The second field (HONEYPOT) is not shown to anyone, nor read out by screen readers, nor
    reached by keyboard: a person leaves it empty, form-filling robots do not.
    """

    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"), max_length=254,
        error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                        "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org.")},
    )
    website = forms.CharField(label=_("Bitte lassen Sie dieses Feld leer."), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise forms.ValidationError(
                _("Wir haben Ihre Anfrage nicht angenommen: Ein Feld, das Menschen nicht sehen, war ausgefüllt. "
                  "So füllen Programme Formulare aus. Wenn Sie ein Mensch sind, laden Sie die Seite neu und "
                  "senden Sie das Formular noch einmal."),
                code="honeypot",
            )
        return cleaned

    @property
    def caught_robot(self):
        return any(error.code == "honeypot" for error in self.non_field_errors().as_data())

    def request_follow(self, target, language):
        """The follow row for the address and `target`, and whether a confirmation is to be sent."""
        return Follow.request(self.cleaned_data["email"], target, language)

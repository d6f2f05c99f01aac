from django import forms
from django.utils.translation import gettext_lazy as _

from . import spam

HONEYPOT = "website"


class FollowForm(forms.Form):
    """An address that wants to follow something, and a field only programs fill in.

    The second field (HONEYPOT) is not shown to anyone, nor read out by screen readers, nor
    reached by keyboard: a person leaves it empty, form-filling robots do not. It is the
    submission form's honeypot (beteiligung/spam.py); its proof of work does not fit here: the
    form sits on pages cached for everyone, where one signed challenge would serve all visitors.
    """

    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"), max_length=254,
        error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                        "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org.")},
    )
    website = forms.CharField(label=_("Nicht ausfüllen"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise forms.ValidationError(spam.HONEYPOT, code="honeypot")
        return cleaned

    @property
    def caught_robot(self):
        return any(error.code == "honeypot" for error in self.non_field_errors().as_data())

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Barrierenmeldung


class BarrierenmeldungForm(forms.ModelForm):
    class Meta:
        model = Barrierenmeldung
        fields = ["page_url", "description", "email"]
        labels = {
            "page_url": _("Auf welcher Seite? (Adresse oder Titel, freiwillig)"),
            "description": _("Was hat Sie behindert?"),
            "email": _("Ihre E-Mail-Adresse für eine Antwort (freiwillig)"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"description": {"required": _("Bitte beschreiben Sie die Barriere.")}}

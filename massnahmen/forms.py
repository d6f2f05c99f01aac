from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Status

NOTE_REQUIRED = _("Bitte begründen Sie die Statusänderung mit einer Notiz.")


class StatusNoteMixin(forms.Form):
    """Adds the note that every status change must carry."""

    status_note = forms.CharField(
        label=_("Notiz zur Statusänderung"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pflicht bei jeder Statusänderung; wird im Statusverlauf gespeichert. "
                    "Eine Notiz ohne Statusänderung wird als Fortschrittsmeldung festgehalten."),
    )

    def clean(self):
        cleaned = super().clean()
        note = (cleaned.get("status_note") or "").strip()
        cleaned["status_note"] = note
        if self.instance.pk and "status" in self.changed_data and not note:
            self.add_error("status_note", NOTE_REQUIRED)
        return cleaned


class BulkStatusForm(forms.Form):
    """The intermediate page of the admin's bulk status action."""

    status = forms.ChoiceField(label=_("Neuer Status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Notiz"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": NOTE_REQUIRED},
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import IsolatingSelect, SafeModelChoiceField
from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Herausforderung
from netzwerk.models import Stadtteil

from . import spam

TITLE_MAX = 200
TEXT_MAX = 4000


class EntryForm(forms.Form):
    """A citizen's challenge or idea. No account; the only personal datum is the optional e-mail
    address, which is not stored with the entry: it becomes a follow of it (beteiligung/following,
    double opt-in). The spam checks run in clean()."""

    kind = forms.ChoiceField(
        label=_("Was möchten Sie einbringen?"), choices=Herausforderung.Kind.choices, widget=forms.RadioSelect,
        initial=Herausforderung.Kind.IDEE,
        error_messages={"required": _("Bitte wählen Sie: Herausforderung oder Idee.")},
    )
    handlungsfeld = SafeModelChoiceField(
        label=_("Zu welchem Thema?"), queryset=Handlungsfeld.objects.all(), empty_label=_("Bitte wählen"),
        widget=IsolatingSelect(attrs={"class": "form-select"}),
        error_messages={"required": _("Bitte wählen Sie ein Thema aus."),
                        "invalid_choice": _("Bitte wählen Sie ein Thema aus der Liste.")},
    )
    stadtteil = SafeModelChoiceField(
        label=_("Stadtteil (freiwillig)"), queryset=Stadtteil.objects.all(), required=False,
        empty_label=_("ganz Magdeburg oder weiß nicht"), widget=IsolatingSelect(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Bitte wählen Sie einen Stadtteil aus der Liste.")},
    )
    title = forms.CharField(
        label=_("Überschrift: Worum geht es? (kurz)"), max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": _("Bitte schreiben Sie eine kurze Überschrift.")},
    )
    text = forms.CharField(
        label=_("Beschreiben Sie es mit Ihren Worten"), max_length=TEXT_MAX,
        help_text=_("Bitte schreiben Sie keine Namen oder Adressen von anderen Menschen."),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 6}),
        error_messages={"required": _("Bitte beschreiben Sie Ihre Herausforderung oder Idee.")},
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse (freiwillig)"), required=False, max_length=254,
        help_text=_("Dann schreiben wir Ihnen, wenn sich der Stand Ihres Eintrags ändert oder die Stabsstelle "
                    "antwortet. Zuerst kommt eine E-Mail zum Bestätigen. Ihre Adresse ist nie öffentlich."),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org.")},
    )
    # The spam checks (beteiligung/spam.py): a field people never see, and the proof of work.
    website = forms.CharField(label=_("Nicht ausfüllen"), required=False, max_length=200)
    challenge = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    nonce = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # A fresh challenge unless the reader answers one not used up yet (see next_challenge).
        self.fields["challenge"].initial = spam.new_challenge()
        self.spam_reason = None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned  # the spam check uses up the challenge: only for an otherwise valid form
        self.spam_reason = spam.check(cleaned.get("challenge"), cleaned.get("nonce"), cleaned.get("website"))
        if self.spam_reason:
            raise forms.ValidationError(self.spam_reason, code="spam")
        return cleaned

    def keep_challenge(self):
        """When shown again: the submitted challenge still counts if only the wait was too short
        or another field needs correcting, so the time already spent is not lost."""
        submitted = self.data.get("challenge", "")
        if submitted and self.spam_reason in (None, spam.TOO_FAST) and spam.check_signature(submitted):
            self.data = self.data.copy()
            self.data["nonce"] = ""
            return
        self.data = self.data.copy()
        self.data["challenge"], self.data["nonce"] = spam.new_challenge(), ""

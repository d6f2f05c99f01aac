"""Form fields the apps share."""

from django import forms
from django.utils.translation import get_language_bidi, get_language_info, override
from django.utils.translation import gettext_lazy as _

from .models import TranslationState

from .bidi import isolate_runs_text


# Primary keys are 64-bit; a larger number is no key at all and must not reach the database
# (SQLite raises OverflowError on it).
MAX_PK = 2**63 - 1


def _plausible_pk(value):
    try:
        return 0 < int(str(value)) <= MAX_PK
    except (TypeError, ValueError):
        return False


class IsolatingSelect(forms.Select):
    """A select whose option labels keep their order in both directions: a German name in an
    Arabic or Persian label ("… (Neue Neustadt/Neustädter See/Kannenstieg)") is isolated with
    Unicode's isolate controls, as an <option> holds no markup (core/bidi.py)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        return super().create_option(name, value, isolate_runs_text(label), selected, index, subindex, attrs)


class SafeModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name and not _plausible_pk(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not self.to_field_name and not _plausible_pk(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super()._check_values(value)


class TranslationForm(forms.Form):
    """The desk's form for one translation (core.translation_desk.DeskText).

    It carries what the desk showed (the German text's and the translation's hashes, the object's
    version) so a save checks them against what is stored now; on a conflict it comes back with
    the person's input kept and the current values to check against.
    """

    seen_german = forms.CharField(widget=forms.HiddenInput, max_length=32)
    seen_translation = forms.CharField(widget=forms.HiddenInput, max_length=32)
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_PK)

    def __init__(self, text, *args, **kwargs):
        self.desk_text = text
        kwargs.setdefault("initial", {**text.seen(), "text": text.translation})
        super().__init__(*args, **kwargs)
        model_field = text.model._meta.get_field(text.field_name)
        with override(text.language):
            direction = "rtl" if get_language_bidi() else "ltr"
        attrs = {"lang": text.language, "dir": direction, "rows": 14 if model_field.get_internal_type() == "TextField" else 3}
        field = model_field.formfield(widget=forms.Textarea(attrs=attrs))
        field.required = True
        field.label = _("Übersetzung (%(language)s)") % {"language": get_language_info(text.language)["name_translated"]}
        field.error_messages["required"] = _("Bitte geben Sie eine Übersetzung ein. Ohne sie bleibt der Text als "
                                             "fehlend in der Liste.")
        self.fields = {"text": field, **self.fields}

    def seen(self):
        return {name: self.cleaned_data.get(name) for name in ("seen_german", "seen_translation", "seen_version")}

    def check_unchanged(self):
        """A save must change something: an outdated text saved as it was stays outdated."""
        if self.cleaned_data["text"] == self.desk_text.translation.strip() and \
                self.desk_text.state == TranslationState.VERALTET:
            self.add_error("text", _("Sie haben die Übersetzung nicht geändert. Stimmt sie noch, wählen Sie "
                                     "„Unverändert, noch richtig“."))
            return False
        return True

    def add_conflict(self, text):
        """Someone changed what this form showed: say what, keep the input, carry today's values."""
        previous = self.seen()
        now = text.seen()
        self.data = self.data.copy()
        for name, value in now.items():
            self.data[name] = "" if value is None else value
        differences = []
        if previous["seen_german"] != now["seen_german"]:
            differences.append(_("Der deutsche Text wurde geändert; er steht jetzt links."))
        if previous["seen_translation"] != now["seen_translation"]:
            differences.append(_("Jemand hat inzwischen diese Übersetzung gespeichert: „%(text)s“.")
                               % {"text": text.translation or "–"})
        if not differences:
            differences.append(_("%(kind)s wurde inzwischen anderweitig gespeichert; Text und Übersetzung sind "
                                 "unverändert.") % {"kind": text.kind})
        self.add_error(None, [_("Dieser Text wurde geändert, nachdem Sie ihn geöffnet haben. Ihre Eingabe ist "
                                "unten erhalten; speichern Sie erneut, um sie zu übernehmen."), *differences])

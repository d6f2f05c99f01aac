"""The admin form of every Leichte Sprache text: the checker reads each text on every save.

Errors (rules of BITV 2.0 Anlage 2 Teil 2 that the checker is sure of) stop the save, as a
municipal CMS stops a page without a title: the text is what the public body publishes as Leichte
Sprache. The checker is a program, though, and can be wrong about a name or a technical word;
staff who have read the findings can save anyway by saying so (a checkbox), and that is their
decision, not the program's. Hints never stop a save. The findings are shown next to the text on
every view of the form, with each rule's explanation and the offending words marked.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .checker import check
from .models import Wort


class LeichteSpracheForm(forms.ModelForm):
    save_despite_errors = forms.BooleanField(
        label=_("Trotz Fehlern speichern"), required=False,
        help_text=_("Nur wenn Sie die Fehler des Prüfprogramms gelesen haben und sicher sind, dass es sich "
                    "irrt (etwa bei einem Namen). Hinweise halten das Speichern nie auf."),
    )

    def glossary(self):
        """Every Wörterbuch entry as its group of forms; an entry's own explanation need not link itself."""
        entries = Wort.objects.exclude(pk=self.instance.pk) if isinstance(self.instance, Wort) else Wort.objects.all()
        return [(wort.term, *wort.form_list()) for wort in entries]

    def texts(self):
        """{field: text} as the form holds them now: the posted text, or the saved one."""
        names = self._meta.model.text_fields
        if self.is_bound and hasattr(self, "cleaned_data"):
            return {name: self.cleaned_data.get(name) or "" for name in names}
        return {name: getattr(self.instance, name) or "" for name in names}

    @property
    def reports(self):
        """[(field label, report)] of the checker for each text field."""
        if not hasattr(self, "_reports"):
            glossary = self.glossary()
            self._reports = [(self._meta.model._meta.get_field(name).verbose_name, name, check(text, glossary=glossary))
                             for name, text in self.texts().items() if text.strip()]
        return self._reports

    def clean(self):
        cleaned = super().clean()
        if isinstance(self.instance, Wort):
            # Explanations link to each other: checked here, against the Wörterbuch as it stands.
            draft = Wort(explanation=cleaned.get("explanation") or "")
            for name, message in draft.unknown_links(Wort.objects.lookup()).items():
                self.add_error(name, message)
        if hasattr(self, "_reports"):
            del self._reports
        errors = sum(len(report.errors) for _label, _name, report in self.reports)
        if errors and not cleaned.get("save_despite_errors"):
            for _label, name, report in self.reports:
                if report.errors and name in self.fields:
                    self.add_error(name, ngettext(
                        "%(count)d Fehler nach den Regeln der Leichten Sprache (siehe Prüfprogramm unten).",
                        "%(count)d Fehler nach den Regeln der Leichten Sprache (siehe Prüfprogramm unten).",
                        len(report.errors)) % {"count": len(report.errors)})
            raise forms.ValidationError(_(
                "Das Prüfprogramm hat Fehler gefunden. Bitte ändern Sie den Text – oder bestätigen Sie unten "
                "„Trotz Fehlern speichern“, wenn das Programm sich irrt."))
        return cleaned

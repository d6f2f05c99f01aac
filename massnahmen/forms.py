from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_PK, SafeModelChoiceField, SafeModelMultipleChoiceField
from core.periods import PeriodFormMixin

from .models import Massnahme, Status

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


class PartnerStatusForm(PeriodFormMixin, forms.Form):
    """A partner editor's update of one measure: status with a note, progress, next steps, dates."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Notiz zur Änderung"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Was ist geschehen? Erscheint im öffentlichen Verlauf mit dem Namen Ihres Partners."),
        error_messages={"required": _("Bitte schreiben Sie eine kurze Notiz zu dieser Änderung.")},
    )
    progress_note_de = forms.CharField(
        label=_("Stand der Umsetzung (kurz)"), max_length=500, required=False,
        help_text=_("Bitte auf Deutsch; die Stabsstelle veranlasst die Übersetzungen."),
    )
    next_steps_de = forms.CharField(
        label=_("Nächste Schritte"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bitte auf Deutsch; die Stabsstelle veranlasst die Übersetzungen."),
    )
    start_date = forms.DateField(label=_("Beginn"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("Ende"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    partner = SafeModelChoiceField(label=_("Für Partner"), queryset=None, empty_label=None)
    berichtsrunde = SafeModelChoiceField(
        label=_("Bericht zur Berichtsrunde"), queryset=None, required=False,
        empty_label=_("keine – nur den Stand melden"),
        help_text=_("Mit einer Runde zählt diese Meldung als Ihr Bericht für diese Runde."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_PK)
    seen_at = forms.DateTimeField(widget=forms.HiddenInput)

    def __init__(self, *args, massnahme, partners, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.massnahme = massnahme
        for name in Massnahme.PARTNER_FIELDS:
            self.fields[name].show_hidden_initial = True
        self.fields["partner"].queryset = partners
        if partners.count() == 1:
            self.fields["partner"].widget = forms.HiddenInput()
        # The open rounds that cover this measure; without any, there is nothing to choose.
        if rounds is None or not rounds:
            del self.fields["berichtsrunde"]
        else:
            self.fields["berichtsrunde"].queryset = rounds

    def changed_fields(self):
        """The fields this partner changed: a partner's save writes only these.

        Each editable field carries the value the form showed (show_hidden_initial), so "changed"
        means changed by this person, not "differs from what someone else saved since".
        """
        return {name: self.cleaned_data[name] or ("" if name.endswith("_de") else None)
                for name in Massnahme.PARTNER_FIELDS if name in self.changed_data}


class ProposalForm(PeriodFormMixin, forms.ModelForm):
    """A partner proposes a new measure; it stays invisible until staff approve it."""

    class Meta:
        model = Massnahme
        fields = ["title_de", "description_de", "handlungsfelder", "stadtteile", "zielgruppen", "partner",
                  "start_date", "end_date"]
        labels = {"title_de": _("Titel"), "description_de": _("Beschreibung"),
                  "partner": _("Verantwortlicher Partner")}
        help_texts = {"title_de": _("Bitte auf Deutsch."), "description_de": _("Bitte auf Deutsch.")}
        field_classes = {name: SafeModelMultipleChoiceField
                         for name in ("handlungsfelder", "stadtteile", "zielgruppen", "partner")}
        widgets = {
            "handlungsfelder": forms.CheckboxSelectMultiple, "stadtteile": forms.CheckboxSelectMultiple,
            "zielgruppen": forms.CheckboxSelectMultiple, "partner": forms.CheckboxSelectMultiple,
            "description_de": forms.Textarea(attrs={"rows": 5}),
            "start_date": forms.DateInput(attrs={"type": "date"}), "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        self.fields["partner"].queryset = partners
        self.fields["partner"].required = True
        self.fields["handlungsfelder"].required = True


class ReviewedProposalsForm(forms.Form):
    """The version of each proposal as staff were shown it: a decision applies to what they read.

    A partner may revise a proposal while it is on staff's screen; approving or returning then
    refers to a text staff never saw, and is refused for that proposal (Massnahme.approve()).
    """

    def __init__(self, proposals, data=None, *args, **kwargs):
        self.proposals = list(proposals)
        # A proposal without a version in the answer was not on the page staff read (selected in
        # another tab since): shown now, at its current version, and decided only when confirmed.
        self.unseen = [] if data is None else [p for p in self.proposals if self.version_field(p) not in data]
        if self.unseen:
            data = data.copy()
            for proposal in self.unseen:
                data[self.version_field(proposal)] = proposal.version
        super().__init__(data, *args, **kwargs)
        for proposal in self.proposals:
            self.fields[self.version_field(proposal)] = forms.IntegerField(
                widget=forms.HiddenInput, initial=proposal.version, min_value=1, max_value=MAX_PK)

    @staticmethod
    def version_field(proposal):
        return f"version_{proposal.pk}"

    def clean(self):
        if self.unseen:
            raise forms.ValidationError(
                _("Diese Vorschläge standen nicht auf der Seite, die Sie geprüft haben: %(titles)s. Bitte prüfen "
                  "Sie sie unten und bestätigen Sie dann erneut."),
                params={"titles": "; ".join(str(p.title) for p in self.unseen)}, code="unseen")
        return super().clean()

    def reviewed(self):
        """(proposal, the version staff saw) for every proposal of the form."""
        return [(proposal, self.cleaned_data[self.version_field(proposal)]) for proposal in self.proposals]

    def rows(self):
        """The proposals with their hidden version inputs, for the review page."""
        return [(proposal, self[self.version_field(proposal)]) for proposal in self.proposals]


class ReturnProposalForm(ReviewedProposalsForm):
    comment = forms.CharField(
        label=_("Kommentar für den Partner"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Bitte sagen Sie dem Partner, was zu überarbeiten ist.")},
    )

"""The moderation queue: the admin of challenges and ideas (massnahmen.Herausforderung) with the
moderation pieces of this app — state and public answer, internal remark, hiding, history."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ReadOnlyAdminMixin
from massnahmen.admin import HerausforderungAdmin
from massnahmen.models import Herausforderung

from .adoption import adopt_as_measure
from .models import Hiding, HidingReason, InternalRemark, Moderation, ModerationChange, State


class ModerationChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The history, read-only: rows are appended by Moderation.change_state() only."""

    model = ModerationChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "old_state", "new_state", "public_answer", "changed_by"]
    readonly_fields = fields
    verbose_name_plural = _("Moderationsverlauf")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


class InternalRemarkInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Remarks staff wrote (new ones come with a state change, in the form above)."""

    model = InternalRemark
    extra = 0
    can_delete = False
    fields = ["written_at", "text", "written_by"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("written_by")


class EntryAdminForm(forms.ModelForm):
    """The entry, and in the same form its moderation: state, public answer, internal remark, hiding."""

    new_state = forms.ChoiceField(label=_("Stand"), choices=State.choices, required=False)
    public_answer = forms.CharField(
        label=_("Öffentliche Antwort"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Erscheint auf der Seite des Eintrags. Pflicht bei „nicht aufgenommen“."),
    )
    answer_language = forms.ChoiceField(label=_("Sprache der Antwort"), choices=settings.LANGUAGES,
                                        initial=settings.LANGUAGE_CODE, required=False)
    internal_remark = forms.CharField(
        label=_("Interne Bemerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nur für die Stabsstelle; nie öffentlich."),
    )
    hide_reason = forms.ChoiceField(
        label=_("Ausblenden wegen"), required=False, choices=[("", "—"), *HidingReason.choices],
        help_text=_("Ein ausgeblendeter Eintrag verschwindet von allen öffentlichen Seiten. Die einsendende "
                    "Person wird benachrichtigt, wenn sie eine E-Mail-Adresse angegeben hat."),
    )
    hide_explanation = forms.CharField(label=_("Erläuterung zur Ausblendung"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    show_again = forms.BooleanField(label=_("Wieder öffentlich zeigen"), required=False,
                                    help_text=_("Hebt die Ausblendung auf."))

    class Meta:
        model = Herausforderung
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        moderation = Moderation.objects.filter(entry_id=self.instance.pk).first() if self.instance.pk else None
        self.moderation = moderation
        self.fields["new_state"].initial = moderation.state if moderation else State.EINGEGANGEN
        if moderation:
            self.fields["public_answer"].initial = moderation.public_answer
            self.fields["answer_language"].initial = moderation.answer_language
        if self.instance.pk and Hiding.objects.filter(entry_id=self.instance.pk).exists():
            # Hidden already: showing it again is deleting the Ausblendung (below the form).
            self.fields["hide_reason"].disabled = True
            self.fields["hide_explanation"].disabled = True
        else:
            self.fields["show_again"].disabled = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_state") == State.NICHT_AUFGENOMMEN and not (cleaned.get("public_answer") or "").strip():
            self.add_error("public_answer", ValidationError(
                _("Bitte begründen Sie öffentlich, warum der Eintrag nicht aufgenommen wird.")))
        return cleaned

    def moderation_changed(self):
        current = self.moderation
        state = self.cleaned_data.get("new_state") or (current.state if current else State.EINGEGANGEN)
        answer = (self.cleaned_data.get("public_answer") or "").strip()
        if current is None:
            return True
        return (state != current.state or answer != current.public_answer
                or bool((self.cleaned_data.get("internal_remark") or "").strip()))


class StateFilter(admin.SimpleListFilter):
    title = _("Stand")
    parameter_name = "stand"

    def lookups(self, request, model_admin):
        return [*State.choices, ("ausgeblendet", _("ausgeblendet"))]

    def queryset(self, request, queryset):
        if self.value() == "ausgeblendet":
            return queryset.filter(hiding__isnull=False)
        if self.value() in State.values:
            return queryset.filter(moderation__state=self.value(), hiding__isnull=True)
        return queryset


admin.site.unregister(Herausforderung)


@admin.register(Herausforderung)
class EntryAdmin(HerausforderungAdmin):
    """The moderation queue: newest first, per field, district, state and source."""

    form = EntryAdminForm
    list_display = ["__str__", "kind", "state", "handlungsfeld", "beteiligungsformat", "created_at", "measure_count"]
    list_filter = [StateFilter, "handlungsfeld", "stadtteile", "kind", "beteiligungsformat"]
    ordering = ["-created_at", "-pk"]
    search_fields = ["title", "text"]
    readonly_fields = ["created_at", "language", "hiding_shown"]
    inlines = [ModerationChangeInline, InternalRemarkInline, *HerausforderungAdmin.inlines]
    actions = ["adopt"]
    fieldsets = [
        (None, {"fields": ["title", "kind", "text", "language", "handlungsfeld", "stadtteile", "beteiligungsformat",
                           "position", "created_at"]}),
        (_("Moderation"), {"fields": ["new_state", "public_answer", "answer_language", "internal_remark"]}),
        (_("Ausblenden"), {"fields": ["hiding_shown", "hide_reason", "hide_explanation", "show_again"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderation", "handlungsfeld", "hiding")

    @admin.display(description=_("Stand"), ordering="moderation__state")
    def state(self, entry):
        if getattr(entry, "hiding", None):
            return gettext("ausgeblendet")
        moderation = getattr(entry, "moderation", None)
        return moderation.get_state_display() if moderation else "–"

    @admin.display(description=_("Ausgeblendet"))
    def hiding_shown(self, entry):
        hiding = Hiding.objects.filter(entry_id=entry.pk).first() if entry.pk else None
        if not hiding:
            return gettext("nein")
        return f"{hiding.get_reason_display()} ({hiding.hidden_at:%d.%m.%Y})"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        entry, data = form.instance, form.cleaned_data
        with transaction.atomic():
            moderation, _created = Moderation.objects.get_or_create(entry=entry)
            if form.moderation_changed():
                moderation.change_state(
                    data.get("new_state") or moderation.state, data.get("public_answer", ""), by=request.user,
                    answer_language=data.get("answer_language") or settings.LANGUAGE_CODE,
                    internal_remark=data.get("internal_remark", ""),
                )
            if data.get("hide_reason"):
                Hiding.hide(entry, data["hide_reason"], data.get("hide_explanation", ""), by=request.user)
            elif data.get("show_again"):
                Hiding.objects.filter(entry=entry).delete()

    @admin.action(description=_("Als Maßnahme aufnehmen (als Vorschlag)"), permissions=["change"])
    def adopt(self, request, queryset):
        if not request.user.has_perm("massnahmen.add_massnahme"):
            self.message_user(request, gettext("Sie dürfen keine Maßnahmen anlegen."), messages.ERROR)
            return
        measures = [adopt_as_measure(entry, by=request.user) for entry in queryset]
        self.message_user(request, ngettext(
            "%(count)d Maßnahme als Vorschlag angelegt. Bitte prüfen und ergänzen Sie sie unter „Maßnahmen“ und geben Sie sie frei.",
            "%(count)d Maßnahmen als Vorschläge angelegt. Bitte prüfen und ergänzen Sie sie unter „Maßnahmen“ und geben Sie sie frei.",
            len(measures)) % {"count": len(measures)}, messages.SUCCESS)

# Following by e-mail and the DSGVO page (beteiligung/admin_following.py).
from . import admin_following  # noqa: E402, F401

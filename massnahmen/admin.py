from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin

from core.admin import LanguageGroupsMixin, ReadOnlyAdminMixin
from core.forms import MAX_PK

from .forms import BulkStatusForm, ReturnProposalForm, ReviewedProposalsForm, StatusNoteMixin
from .models import (
    Berichtsrunde, Beteiligungsformat, ConcurrentEditError, Herausforderung, Massnahme, Reminder, Reopening,
    Snapshot, StatusChange,
)
from .proposals import approve, send_back
from .reminders import due, send_reminders, send_round_reminders
from .resources import IMPORT_FORMATS, ImportFileError, MassnahmeResource


CONCRETE_FIELDS = {field.name for field in Massnahme._meta.concrete_fields}
CONFLICT = _("Diese Maßnahme wurde gespeichert, nachdem Sie das Formular geöffnet haben. Ihre Eingaben "
             "sind unten erhalten. Unterschiede zwischen Ihrem Formular und dem jetzt gespeicherten Stand:")
CONFLICT_ROW = _("%(field)s: %(yours)s (Ihr Formular) → %(now)s (jetzt gespeichert)")


class StaleFilter(admin.SimpleListFilter):
    title = _("Aktualisierung")
    parameter_name = "ohne_aktualisierung"

    def lookups(self, request, model_admin):
        default = settings.REMINDER_STALE_DAYS
        return [(str(days), _("seit mehr als %(days)d Tagen keine") % {"days": days})
                for days in sorted({30, default, 180, 365})]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if self.value() not in {value for value, _label in self.lookup_choices}:
            # Only the offered periods: a made-up number (99999999999999 days) overflows the date.
            raise IncorrectLookupParameters(f"ohne_aktualisierung={self.value()!r}")
        return queryset.stale(int(self.value()))


class MissingRoundReportFilter(admin.SimpleListFilter):
    """The measures an open reporting round still waits for (Berichtsrunde.missing_reports())."""

    title = _("Bericht fehlt für Berichtsrunde")
    parameter_name = "bericht_fehlt"

    def lookups(self, request, model_admin):
        return [(str(runde.pk), runde.title) for runde in Berichtsrunde.objects.open()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        runde = Berichtsrunde.objects.open().filter(pk=self.value()).first() if self.value().isdigit() else None
        if runde is None:
            raise IncorrectLookupParameters(f"bericht_fehlt={self.value()!r}")
        return queryset.filter(pk__in=runde.missing_reports().values("pk"))


class ReminderDueFilter(admin.SimpleListFilter):
    """What the reminder action would remind now (massnahmen.reminders.due)."""

    title = _("Erinnerung")
    parameter_name = "erinnerung"

    def lookups(self, request, model_admin):
        return [("faellig", _("fällig"))]

    def queryset(self, request, queryset):
        if self.value() == "faellig":
            return due(queryset, settings.REMINDER_STALE_DAYS)
        return queryset


class StatusChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The measure's history, read-only: rows are appended by change_status() only."""

    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "date_precision", "old_status", "new_status", "note", "changed_by", "partner"]
    readonly_fields = fields
    ordering = ["-changed_at", "-pk"]
    verbose_name_plural = _("Statusverlauf")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by", "partner")


def shown(field, value):
    """A form value as staff read it: names of related objects, text as it is."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(obj) for obj in value or [])
    if isinstance(field, forms.ModelChoiceField) and value is not None and not hasattr(value, "pk"):
        value = field.queryset.filter(pk=value).first()
    return "" if value is None else str(value)


class MassnahmeAdminForm(StatusNoteMixin, forms.ModelForm):
    # The version this form was opened at; the save claims the next one (see Massnahme.version).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_PK)
    # Not required for a new measure (it has no version yet); an existing one needs it.

    class Meta:
        model = Massnahme
        exclude = ["version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("handlungsfelder"):
            self.add_error("handlungsfelder", _("Eine Maßnahme gehört zu mindestens einem Handlungsfeld."))
        seen = cleaned.get("seen_version")
        if self.instance.pk and seen is None:
            self.add_error(None, CONFLICT)  # a form without the version it was opened at cannot be checked
        elif self.instance.pk and seen != self.instance.version:
            self.add_conflict()
        return cleaned

    def add_conflict(self):
        """Someone saved since this form was opened: name each difference, keep this person's input.

        The form comes back with what was typed; its version moves to the current one, so saving
        again knowingly replaces what is listed here.
        """
        differences = []
        for name in self.changed_data:
            if name in ("seen_version", "status_note"):
                continue
            field = self.fields[name]
            differences.append(CONFLICT_ROW % {
                "field": field.label, "yours": shown(field, self.cleaned_data.get(name)) or "–",
                "now": shown(field, self.initial.get(name)) or "–",
            })
        self.data = self.data.copy()
        self.data["seen_version"] = self.instance.version
        raise forms.ValidationError([CONFLICT, *differences], code="conflict")


class BoundedDateChangeList(ChangeList):
    """A change list whose date hierarchy refuses dates Python cannot count past (year 9999, year 0).

    Django computes the end of the chosen year as year + 1, which fails for 9999 with a ValueError
    that reached the visitor as a 500; Django turns IncorrectLookupParameters into its own
    "invalid lookup" answer instead.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class MassnahmeImportMixin:
    """The spreadsheet import: CSV and XLSX only, and a German answer to every file, never a traceback."""

    resource_classes = [MassnahmeResource]
    import_formats = IMPORT_FORMATS
    import_template_name = "admin/massnahmen/massnahme/import.html"

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, ImportFileError):
            form.add_error("import_file", str(error))
        else:
            form.add_error("import_file", gettext(
                "Die Datei ließ sich nicht lesen. Erwartet: eine CSV-Datei (UTF-8, durch Kommas getrennt) oder eine "
                "Excel-Arbeitsmappe (XLSX), wie sie „Exportieren“ schreibt."))

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except (FileNotFoundError, ValueError, IndexError):
            # The uploaded file is kept only from the preview to its confirmation (a second click
            # finds it gone); a confirmation form with a made-up format number lands here too.
            self.message_user(request, gettext(
                "Die hochgeladene Datei liegt nicht mehr vor (schon importiert oder zu lange gewartet). Laden Sie sie "
                "bitte erneut hoch."), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:massnahmen_massnahme_import"))

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Between preview and confirmation someone changed what the file touches: nothing was written.
            form = self.get_import_form_class(request)(self.get_import_formats(),
                                                       self.get_import_resource_classes(request))
            return TemplateResponse(request, [self.import_template_name], {
                **self.admin_site.each_context(request), "title": gettext("Importieren"), "form": form,
                "opts": self.model._meta, "media": self.media + form.media, "result": result,
                "import_error_display": self.import_error_display,
            })
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        self.message_user(request, gettext(
            "Import abgeschlossen: %(new)d Maßnahmen neu, %(update)d geändert, %(skip)d unverändert.") % {
            "new": totals["new"], "update": totals["update"], "skip": totals["skip"]}, messages.SUCCESS)


@admin.register(Massnahme)
class MassnahmeAdmin(MassnahmeImportMixin, ImportExportModelAdmin, LanguageGroupsMixin, TranslationAdmin):
    form = MassnahmeAdminForm
    list_display = ["title", "status", "status_changed_at", "field_numbers", "partner_names", "external_id"]
    list_filter = ["status", "freigabe", StaleFilter, ReminderDueFilter, MissingRoundReportFilter, "handlungsfelder", "stadtteile", "partner", "zielgruppen",
                   "herausforderung", "projekt"]
    search_fields = ["title", "description", "progress_note", "external_id"]
    date_hierarchy = "status_changed_at"
    filter_horizontal = ["handlungsfelder", "stadtteile", "zielgruppen", "partner", "finanzierungsquellen"]
    autocomplete_fields = ["herausforderung"]
    readonly_fields = ["status_changed_at", "created_at", "updated_at"]
    inlines = [StatusChangeInline]
    actions = ["change_status_bulk", "approve_proposals", "return_proposals", "remind_partners"]
    list_select_related = True
    fieldsets = [
        (None, {"fields": ["title", "description", "external_id", "seen_version"]}),
        (_("Freigabe"), {"fields": ["freigabe", "review_comment"]}),
        (_("Stand"), {"fields": ["status", "status_note", "progress_note", "next_steps", "status_changed_at"]}),
        (_("Zuordnung"), {"fields": ["handlungsfelder", "stadtteile", "zielgruppen", "partner"]}),
        (_("Herkunft und Finanzierung"), {
            "fields": ["herausforderung", "beteiligungsformat", "projekt", "finanzierungsquellen", "start_date", "end_date"]
        }),
        (_("Verwaltung"), {"fields": ["position", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_changelist(self, request, **kwargs):
        return BoundedDateChangeList

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConcurrentEditError:
            # Someone saved between this form's check and its save (the form's own check catches
            # the usual case): nothing was written; say so and show the measure as it is now.
            self.message_user(request, CONFLICT, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("handlungsfelder", "partner")

    @admin.display(description=_("Handlungsfelder"))
    def field_numbers(self, obj):
        return ", ".join(str(feld.number) for feld in obj.handlungsfelder.all())

    @admin.display(description=_("Verantwortlich"))
    def partner_names(self, obj):
        return ", ".join(partner.name for partner in obj.partner.all())

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("status_note", "")
        if not change:
            obj.save(status_note=note or gettext("Maßnahme angelegt."), changed_by=request.user)
            return
        # Only what this person changed is written, claiming the version the form was opened at.
        obj.version = form.cleaned_data["seen_version"]
        changed = [name for name in form.changed_data
                   if name in CONCRETE_FIELDS and name not in ("status", "status_changed_at")]
        new_status = obj.status
        if new_status != obj._stored_status or note:
            obj.status = obj._stored_status
            obj.change_status(new_status, note=note, by=request.user, fields=changed)
        elif changed:
            obj.save(update_fields=changed)

    def has_delete_permission(self, request, obj=None):
        # A measure with history is kept; stop it with the status "eingestellt" instead.
        return False

    @admin.action(description=_("Status der ausgewählten Maßnahmen ändern"))
    def change_status_bulk(self, request, queryset):
        if "apply" in request.POST:
            form = BulkStatusForm(request.POST)
            if form.is_valid():
                with transaction.atomic():
                    for massnahme in queryset:
                        massnahme.change_status(form.cleaned_data["status"], note=form.cleaned_data["note"], by=request.user)
                count = queryset.count()
                self.message_user(
                    request,
                    ngettext("Status von %(count)d Maßnahme geändert.", "Status von %(count)d Maßnahmen geändert.", count)
                    % {"count": count},
                    messages.SUCCESS,
                )
                return None
        else:
            form = BulkStatusForm()
        return TemplateResponse(request, "admin/massnahmen/massnahme/change_status.html", {
            **self.admin_site.each_context(request),
            "title": gettext("Status ändern"),
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "action": "change_status_bulk",
        })


    @admin.action(description=_("Vorschläge freigeben (veröffentlichen)"))
    def approve_proposals(self, request, queryset):
        return self.decide_proposals(
            request, queryset, ReviewedProposalsForm, "approve_proposals", gettext("Vorschläge freigeben"),
            gettext("Freigeben"), decide=lambda form: approve(form.reviewed()),
            done_message=lambda count: ngettext("%(count)d Vorschlag freigegeben.",
                                                "%(count)d Vorschläge freigegeben.", count))

    @admin.action(description=_("Vorschläge mit Kommentar zurückgeben"))
    def return_proposals(self, request, queryset):
        return self.decide_proposals(
            request, queryset, ReturnProposalForm, "return_proposals", gettext("Vorschläge zurückgeben"),
            gettext("Zurückgeben"), decide=lambda form: send_back(form.reviewed(), form.cleaned_data["comment"]),
            done_message=lambda count: ngettext("%(count)d Vorschlag zurückgegeben.",
                                                "%(count)d Vorschläge zurückgegeben.", count))

    def decide_proposals(self, request, queryset, form_class, action, title, button, decide, done_message):
        """Show the selected proposals as they are now, then approve or return what staff read.

        The review page carries each proposal's version; a proposal a partner revised in the
        meantime is left as it is and named, so staff can read the new text first.
        """
        proposals = queryset.proposals().select_related("proposed_by").prefetch_related("partner", "handlungsfelder")
        form = form_class(proposals, request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            done, revised = decide(form)
            self.message_user(request, done_message(len(done)) % {"count": len(done)}, messages.SUCCESS)
            if revised:
                self.message_user(request, gettext(
                    "Nicht bearbeitet, weil der Partner den Vorschlag geändert hat, während Sie ihn geprüft haben: "
                    "%(titles)s. Bitte lesen Sie die neue Fassung und entscheiden Sie dann erneut."
                ) % {"titles": "; ".join(f"„{proposal.title}“" for proposal in revised)}, messages.WARNING)
            return None
        return TemplateResponse(request, "admin/massnahmen/massnahme/review_proposals.html", {
            **self.admin_site.each_context(request), "title": title, "button": button,
            "opts": self.model._meta, "form": form, "action_checkbox_name": ACTION_CHECKBOX_NAME, "action": action,
        })

    @admin.action(description=_("Verantwortliche Partner an die Aktualisierung erinnern"))
    def remind_partners(self, request, queryset):
        reminded, mails = send_reminders(queryset, by=request.user)
        self.message_user(request, gettext(
            "%(reminded)d Maßnahmen erinnert, %(mails)d E-Mails gesendet. Maßnahmen ohne Rückstand oder mit "
            "Erinnerung im laufenden Zeitraum wurden übersprungen.") % {"reminded": reminded, "mails": mails})


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "massnahme", "recipients", "sent_by"]
    search_fields = ["massnahme__title", "recipients"]
    date_hierarchy = "sent_at"
    list_select_related = ["massnahme", "sent_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """All status changes across measures, read-only."""

    list_display = ["changed_at", "date_precision", "massnahme", "old_status", "new_status", "note", "changed_by",
                    "partner"]
    list_filter = ["new_status", "date_precision", "partner", "massnahme__handlungsfelder"]
    search_fields = ["massnahme__title", "note"]
    date_hierarchy = "changed_at"
    list_select_related = ["massnahme", "changed_by", "partner"]


class ReopeningInline(ReadOnlyAdminMixin, admin.TabularInline):
    """A reopened round says so: each earlier closing, when it was undone, by whom and why."""

    model = Reopening
    fields = ["snapshot_version", "closed_at", "reopened_at", "reopened_by", "reason"]
    readonly_fields = fields
    extra = 0


@admin.register(Berichtsrunde)
class BerichtsrundeAdmin(LanguageGroupsMixin, TranslationAdmin):
    """Staff open a round (period, scope, due date), follow who reported, close it, reopen it with a reason.

    An open round is edited like any content; a closed one is read-only (its snapshot is a record).
    Closing and reopening are pages of their own: a confirmation, and a form with the reason.
    """

    list_display = ["title", "period_start", "period_end", "due_date", "state", "closed_at", "snapshot_version"]
    list_filter = ["state"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["handlungsfelder", "stadtteile", "projekte", "partner"]
    readonly_fields = ["state", "snapshot_version", "closed_at", "closed_by", "source", "report_progress"]
    inlines = [ReopeningInline]
    actions = ["remind_missing_reports"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # The scope is a section of its own, with a word on what "empty" means.
        scope = ("handlungsfelder", "stadtteile", "projekte", "partner")
        fieldsets = [(name, {**options, "fields": [f for f in options["fields"] if f not in scope]})
                     for name, options in fieldsets]
        fieldsets.insert(1, (_("Umfang"), {
            "fields": scope,
            "description": _("Leer gelassen heißt: alle. Eine Maßnahme gehört zur Runde, wenn sie zu jeder "
                             "ausgefüllten Auswahl passt (z. B. einem der Handlungsfelder und einem der Partner)."),
        }))
        return fieldsets

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_closed)

    def has_delete_permission(self, request, obj=None):
        # A round that was ever closed is a record; an open one without reports can go.
        if obj and (obj.is_closed or obj.snapshot_version or obj.reports.exists()):
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("Berichte"))
    def report_progress(self, obj):
        if obj.pk is None:
            return "–"
        if obj.is_closed:
            rows = obj.current_snapshots().only("external_id", "status", "reported", "data")
            reported = [(row.text("title", "de"), row.reported) for row in rows]
        else:
            rows = obj.with_report_state().order_by("position", "pk").only("title_de")
            reported = [(row.title_de, row.reported) for row in rows]
        done = sum(1 for _title, flag in reported if flag)
        summary = gettext("%(done)d von %(total)d Maßnahmen berichtet.") % {"done": done, "total": len(reported)}
        # Who reported: each report for the round, newest first, with its partner and person.
        reports = obj.reports.select_related("massnahme", "partner", "changed_by").order_by("-changed_at", "-pk")
        parts = [summary]
        if reports:
            parts.append(format_html("{}<ul>{}</ul>", gettext("Berichte:"), format_html_join("", "<li>{}: {} – {} ({})</li>", (
                (date_format(timezone.localtime(row.changed_at), "SHORT_DATETIME_FORMAT"), row.massnahme.title_de,
                 row.get_new_status_display(), row.partner.name_de if row.partner else row.changed_by or "–")
                for row in reports))))
        missing = [title for title, flag in reported if not flag]
        if missing:
            parts.append(format_html("{}<ul>{}</ul>", gettext("Noch kein Bericht:"),
                                     format_html_join("", "<li>{}</li>", ((title,) for title in missing))))
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts))

    def get_urls(self):
        own = [
            path("<int:pk>/abschliessen/", self.admin_site.admin_view(self.close_view), name="massnahmen_berichtsrunde_close"),
            path("<int:pk>/wieder-oeffnen/", self.admin_site.admin_view(self.reopen_view),
                 name="massnahmen_berichtsrunde_reopen"),
        ]
        return own + super().get_urls()

    def _round_or_404(self, request, pk):
        runde = get_object_or_404(Berichtsrunde, pk=pk)
        if not request.user.has_perm("massnahmen.change_berichtsrunde"):
            raise PermissionDenied
        return runde

    def _page(self, request, runde, template, **context):
        return TemplateResponse(request, f"admin/massnahmen/berichtsrunde/{template}", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": runde, **context,
        })

    def close_view(self, request, pk):
        """A confirmation page (what will be frozen, who has not reported), then close."""
        runde = self._round_or_404(request, pk)
        change_url = reverse("admin:massnahmen_berichtsrunde_change", args=[runde.pk])
        if runde.is_closed:
            self.message_user(request, gettext("Diese Runde ist bereits abgeschlossen."), messages.WARNING)
            return HttpResponseRedirect(change_url)
        if request.method == "POST":
            snapshots = runde.close(by=request.user)
            self.message_user(request, gettext(
                "Die Runde ist abgeschlossen. Der Stand von %(count)d Maßnahmen ist festgehalten.")
                % {"count": len(snapshots)}, messages.SUCCESS)
            return HttpResponseRedirect(change_url)
        return self._page(request, runde, "close_confirmation.html",
                          title=gettext("Runde „%(title)s“ abschließen") % {"title": runde.title},
                          covered=runde.covered_measures().count(),
                          missing=runde.missing_reports().order_by("position", "pk").only("title_de"))

    def reopen_view(self, request, pk):
        """Reopen a closed round with a reason; the snapshot written so far stays as a version."""
        runde = self._round_or_404(request, pk)
        change_url = reverse("admin:massnahmen_berichtsrunde_change", args=[runde.pk])
        if not runde.is_closed:
            self.message_user(request, gettext("Diese Runde ist offen."), messages.WARNING)
            return HttpResponseRedirect(change_url)
        form = ReopenRoundForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            runde.reopen(by=request.user, reason=form.cleaned_data["reason"])
            self.message_user(request, gettext(
                "Die Runde ist wieder offen. Die bisherige Momentaufnahme (Fassung %(version)d) bleibt erhalten.")
                % {"version": runde.snapshot_version}, messages.SUCCESS)
            return HttpResponseRedirect(change_url)
        return self._page(request, runde, "reopen_form.html", form=form,
                          title=gettext("Runde „%(title)s“ wieder öffnen") % {"title": runde.title})

    @admin.action(description=_("An fehlende Berichte erinnern"))
    def remind_missing_reports(self, request, queryset):
        reminded = mails = 0
        for runde in queryset.open():
            counts = send_round_reminders(runde, by=request.user)
            reminded, mails = reminded + counts[0], mails + counts[1]
        self.message_user(request, gettext(
            "%(reminded)d fehlende Berichte erinnert, %(mails)d E-Mails gesendet. Abgeschlossene Runden und "
            "kürzlich erinnerte Maßnahmen wurden übersprungen.") % {"reminded": reminded, "mails": mails})


class ReopenRoundForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wird mit der Runde gespeichert und bei der Runde angezeigt."),
        error_messages={"required": _("Bitte begründen Sie, warum die Runde wieder geöffnet wird.")},
    )


@admin.register(Reopening)
class ReopeningAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every reopening of a closed round, read-only (also shown on the round's page)."""

    list_display = ["runde", "snapshot_version", "closed_at", "reopened_at", "reopened_by", "reason"]
    list_filter = ["runde"]
    search_fields = ["reason"]
    list_select_related = ["runde", "reopened_by"]


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What closed rounds recorded, per measure: read-only."""

    list_display = ["runde", "version", "external_id", "title", "status", "reported"]
    list_filter = ["runde", "version", "status", "reported"]
    search_fields = ["external_id"]
    list_select_related = ["runde"]
    fields = ["runde", "version", "massnahme", "external_id", "position", "status", "reported",
              "handlungsfeld_ids", "stadtteil_ids", "partner_ids", "data"]

    @admin.display(description=_("Titel"))
    def title(self, obj):
        return obj.text("title", "de")


class MassnahmeInline(admin.TabularInline):
    model = Massnahme
    fields = ["title", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class OpenChallengeFilter(admin.SimpleListFilter):
    title = _("Bearbeitung")
    parameter_name = "offen"

    def lookups(self, request, model_admin):
        return [("ja", _("offen (noch keine Maßnahme)")), ("nein", _("mit Maßnahmen"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(massnahmen__isnull=True)
        if self.value() == "nein":
            return queryset.filter(massnahmen__isnull=False).distinct()
        return queryset


@admin.register(Herausforderung)
class HerausforderungAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["title", "beteiligungsformat", "measure_count"]
    list_filter = [OpenChallengeFilter, "beteiligungsformat", "stadtteile"]
    search_fields = ["title"]
    filter_horizontal = ["stadtteile"]
    inlines = [MassnahmeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_total=Count("massnahmen")).select_related("beteiligungsformat")

    @admin.display(description=_("Maßnahmen"), ordering="measure_total")
    def measure_count(self, obj):
        return obj.measure_total


@admin.register(Beteiligungsformat)
class BeteiligungsformatAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["title", "start_date", "end_date", "projekt"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["stadtteile"]

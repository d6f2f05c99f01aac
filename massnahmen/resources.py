"""Spreadsheet import and export of measures (django-import-export): the same columns both ways."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from handlungsfelder.models import Handlungsfeld, Zielgruppe
from netzwerk.models import Netzwerkpartner, Stadtteil

from core.content_stamp import one_bump
from core.spreadsheets import safe_cell, unescaped_cell

from .models import Massnahme

SEPARATOR = "|"


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Like ManyToManyWidget, but an unknown value is an error instead of being dropped silently."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.model.objects.none()
        wanted = [part.strip() for part in str(value).split(self.separator) if part.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": wanted})
        known = {str(getattr(obj, self.field)) for obj in found}
        unknown = [part for part in wanted if part not in known]
        if unknown:
            raise ValueError(_("Unbekannte Werte: %(values)s") % {"values": ", ".join(unknown)})
        return found


def many(column, model, field):
    return fields.Field(column_name=column, attribute=column,
                        widget=StrictManyToManyWidget(model, separator=SEPARATOR, field=field))


TEXT_ATTRIBUTES = {"description_de", "progress_note_de", "next_steps_de"}


class MassnahmeResource(resources.ModelResource):
    """Columns with German names; lists separated by "|"; the external id identifies a measure."""

    externe_id = fields.Field(column_name="externe_id", attribute="external_id")
    titel = fields.Field(column_name="titel", attribute="title_de")
    beschreibung = fields.Field(column_name="beschreibung", attribute="description_de")
    status = fields.Field(column_name="status", attribute="status")
    stand = fields.Field(column_name="stand", attribute="progress_note_de")
    naechste_schritte = fields.Field(column_name="naechste_schritte", attribute="next_steps_de")
    handlungsfelder = many("handlungsfelder", Handlungsfeld, "number")
    stadtteile = many("stadtteile", Stadtteil, "slug")
    zielgruppen = many("zielgruppen", Zielgruppe, "key")
    partner = many("partner", Netzwerkpartner, "slug")
    beginn = fields.Field(column_name="beginn", attribute="start_date", widget=widgets.DateWidget("%Y-%m-%d"))
    ende = fields.Field(column_name="ende", attribute="end_date", widget=widgets.DateWidget("%Y-%m-%d"))

    class Meta:
        model = Massnahme
        fields = ("externe_id", "titel", "beschreibung", "status", "stand", "naechste_schritte", "handlungsfelder",
                  "stadtteile", "zielgruppen", "partner", "beginn", "ende")
        import_id_fields = ("externe_id",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def import_data(self, *args, **kwargs):
        # A whole file is one new content state: one bump of the content stamp, not one per row.
        with one_bump():
            return super().import_data(*args, **kwargs)

    def get_queryset(self):
        return Massnahme.objects.prefetch_related("handlungsfelder", "stadtteile", "zielgruppen", "partner")

    def export_field(self, field, instance, **kwargs):
        # Text that looks like a formula is exported as text, in CSV and XLSX alike (core/spreadsheets.py).
        return safe_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        """Check what the model cannot: required columns and the list columns' values, per column."""
        for column, value in list(row.items()):
            row[column] = unescaped_cell(value)  # a file the portal exported imports unchanged
        errors = {}
        if not str(row.get("externe_id") or "").strip():
            errors["externe_id"] = _("Die externe ID ist Pflicht: sie macht einen erneuten Import eindeutig.")
        if not str(row.get("handlungsfelder") or "").strip():
            errors["handlungsfelder"] = _("Mindestens ein Handlungsfeld (Nummer 1–6) angeben.")
        for name in ("handlungsfelder", "stadtteile", "zielgruppen", "partner"):
            try:
                self.fields[name].widget.clean(row.get(name))
            except ValueError as error:
                errors.setdefault(name, str(error))
        if errors:
            raise ValidationError(errors)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An empty cell and an empty text are the same, whether stored as NULL or "".
        if not is_m2m and field.attribute in TEXT_ATTRIBUTES and not row.get(field.column_name) \
                and not getattr(instance, field.attribute):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def save_instance(self, instance, is_create, row, **kwargs):
        """Every status change goes through change_status(), so an import writes history too."""
        user = kwargs.get("user")
        note = _("Import aus Tabelle")
        self.before_save_instance(instance, row, **kwargs)
        if is_create:
            instance.save(status_note=note, changed_by=user)
        else:
            new_status = instance.status
            instance.status = instance._stored_status
            instance.save()
            if new_status != instance.status:
                instance.change_status(new_status, note=note, by=user)
        self.after_save_instance(instance, row, **kwargs)

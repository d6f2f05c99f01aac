import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from handlungsfelder.models import Handlungsfeld, Zielgruppe
from core.page_cache import stamp_memo
from core.relations import reference_lookup
from netzwerk.models import Netzwerkpartner, Projekt, Stadtteil

from .models import Massnahme, Status


class ReferenceChoiceField(django_filters.fields.ModelChoiceField):
    """A choice from a small related table, checked against the worker's reference map: no query per filter."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        obj = reference_lookup(self.queryset.model, self.to_field_name or "pk", value)
        if obj is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return obj


class ReferenceChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of one object of `model`, a small related table, through ReferenceChoiceField; "alle" for none."""

    field_class = ReferenceChoiceField

    def __init__(self, model, **kwargs):
        # The queryset goes in as a callable: a FilterSet deep-copies its filters for every
        # request, and a QuerySet there was copied down to its Query.
        super().__init__(queryset=lambda request: model._default_manager.all(), empty_label=_("alle"), **kwargs)


class MassnahmeFilter(django_filters.FilterSet):
    """The measure list's filters; values are slugs so that filter URLs are readable and shareable.

    The many-to-many filters take one value each, and a join table holds a (measure, object)
    pair at most once, so their joins cannot repeat a measure: no DISTINCT, which made
    PostgreSQL sort the whole selection by every selected column before counting or paging.
    """

    q = django_filters.CharFilter(label=_("Suche"), method="search", max_length=200)
    handlungsfeld = ReferenceChoiceFilter(
        Handlungsfeld, label=_("Handlungsfeld"), field_name="handlungsfelder", distinct=False, to_field_name="slug",
    )
    stadtteil = ReferenceChoiceFilter(
        Stadtteil, label=_("Stadtteil"), field_name="stadtteile", distinct=False, to_field_name="slug",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("alle"))
    zielgruppe = ReferenceChoiceFilter(
        Zielgruppe, label=_("Zielgruppe"), field_name="zielgruppen", distinct=False, to_field_name="key",
    )
    partner = ReferenceChoiceFilter(
        Netzwerkpartner, label=_("Verantwortlicher Partner"), field_name="partner", distinct=False, to_field_name="slug",
    )
    projekt = ReferenceChoiceFilter(
        Projekt, label=_("Projekt"), field_name="projekt", to_field_name="slug",
    )

    class Meta:
        model = Massnahme
        fields = []

    def get_form_class(self):
        # The form's fields follow from the filters alone (labels are lazy, choices come from the
        # reference maps): build the class once, not for every request.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def select_options(self):
        """[(bound field, options)] for the filter form, options as (value, label, selected); None for the search box.

        The choices (fields, districts, target groups, partners) change only with the content,
        so they are kept per language until the content stamp moves on.
        """
        choices = stamp_memo.derived(("massnahme-filter-choices", get_language()), self._choices)
        rows = []
        for bound in self.form:
            if bound.name == "q":
                rows.append((bound, None))
                continue
            current = "" if bound.value() is None else str(bound.value())
            rows.append((bound, [(value, label, value == current) for value, label in choices[bound.name]]))
        return rows

    def _choices(self):
        return {
            name: [(str(value), str(label)) for value, label in field.choices]
            for name, field in self.form.fields.items() if name != "q"
        }

    def search(self, queryset, name, value):
        """Full-text search over title, description and progress in German and the reader's language."""
        terms = value.split()[:8]
        languages = {"de", (get_language() or "de").split("-")[0]}
        for term in terms:
            condition = Q()
            for language in languages:
                for field in ("title", "description", "progress_note"):
                    condition |= Q(**{f"{field}_{language}__icontains": term})
            queryset = queryset.filter(condition)
        return queryset

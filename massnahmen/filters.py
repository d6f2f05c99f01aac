import django_filters

from core import search
from core.models import SearchDocument
from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.filters import SelectionFilterSet
from core.forms import IsolatingSelect
from handlungsfelder.models import Handlungsfeld, Zielgruppe
from netzwerk.models import Netzwerkpartner, Projekt, Stadtteil

from .models import Massnahme, Status


SELECT = IsolatingSelect(attrs={"class": "form-select"})


class MassnahmeFilter(SelectionFilterSet):
    """The measure list's filters; values are slugs so that filter URLs are readable and shareable.

    The list, the dashboard, the report and the open data all filter through `selection`.
    The many-to-many filters take one value each, and a join table holds a (measure, object)
    pair at most once, so their joins cannot repeat a measure: no DISTINCT.
    """

    q = django_filters.CharFilter(label=_("Suche"), method="search", max_length=200,
                                  widget=forms.SearchInput(attrs={"class": "form-control"}))
    handlungsfeld = django_filters.ModelChoiceFilter(
        queryset=Handlungsfeld.objects.all(), label=_("Handlungsfeld"), field_name="handlungsfelder",
        to_field_name="slug", distinct=False, empty_label=_("alle"), widget=SELECT,
    )
    stadtteil = django_filters.ModelChoiceFilter(
        queryset=Stadtteil.objects.all(), label=_("Stadtteil"), field_name="stadtteile",
        to_field_name="slug", distinct=False, empty_label=_("alle"), widget=SELECT,
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("alle"), widget=SELECT)
    zielgruppe = django_filters.ModelChoiceFilter(
        queryset=Zielgruppe.objects.all(), label=_("Zielgruppe"), field_name="zielgruppen",
        to_field_name="key", distinct=False, empty_label=_("alle"), widget=SELECT,
    )
    partner = django_filters.ModelChoiceFilter(
        queryset=Netzwerkpartner.objects.all(), label=_("Verantwortlicher Partner"), field_name="partner",
        to_field_name="slug", distinct=False, empty_label=_("alle"), widget=SELECT,
    )
    projekt = django_filters.ModelChoiceFilter(
        queryset=Projekt.objects.all(), label=_("Projekt"), field_name="projekt", to_field_name="slug",
        empty_label=_("alle"), widget=SELECT,
    )

    class Meta:
        model = Massnahme
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset if queryset is not None else Massnahme.objects.public(), **kwargs)

    def search(self, queryset, name, value):
        """The portal's search (core.search) in the reader's language, limited to measures."""
        query = search.Query.parse(value, (get_language() or "de").split("-")[0])
        if not query:
            return queryset
        found = query.documents(SearchDocument.objects.filter(kind="massnahme"), every_word=True)
        return queryset.filter(pk__in=found.values("object_id"))

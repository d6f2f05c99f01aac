import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import SelectionFilterSet
from core.forms import IsolatingSelect
from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Herausforderung
from netzwerk.models import Stadtteil

from .models import State

SELECT = IsolatingSelect(attrs={"class": "form-select"})
PUBLIC_STATE_CHOICES = [(value, label) for value, label in State.choices if value != State.EINGEGANGEN]


class EntryFilter(SelectionFilterSet):
    """The public list's filters (slugs in the address, as the measure list's); also the dashboard's."""

    handlungsfeld = django_filters.ModelChoiceFilter(
        queryset=Handlungsfeld.objects.all(), label=_("Handlungsfeld"), to_field_name="slug",
        empty_label=_("alle"), widget=SELECT,
    )
    stadtteil = django_filters.ModelChoiceFilter(
        queryset=Stadtteil.objects.all(), label=_("Stadtteil"), field_name="stadtteile", to_field_name="slug",
        distinct=False, empty_label=_("alle"), widget=SELECT,
    )
    stand = django_filters.ChoiceFilter(label=_("Stand"), field_name="moderation__state",
                                        choices=PUBLIC_STATE_CHOICES, empty_label=_("alle"), widget=SELECT)
    art = django_filters.ChoiceFilter(label=_("Art"), field_name="kind", choices=Herausforderung.Kind.choices,
                                      empty_label=_("alle"), widget=SELECT)

    class Meta:
        model = Herausforderung
        fields = []

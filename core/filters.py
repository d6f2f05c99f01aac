"""What the portal's filtered lists share (django-filter): an empty query is no filter, a wrong
value selects nothing, and the active filters can be named."""

import django_filters


class SelectionFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, queryset=None, **kwargs):
        # An empty query string is no filter at all (a bare list address is unbound).
        super().__init__(data or None, queryset=queryset, **kwargs)

    @property
    def selection(self):
        """The rows the filters select: all without filters, none when a value is unknown.

        Never the unfiltered list for an invalid filter: a reader who asked for a district that
        does not exist must not get every row (nor a report or download of them).
        """
        if not self.is_bound:
            return self.queryset
        return self.qs if self.is_valid() else self.queryset.none()

    @property
    def criteria(self):
        """[(label, value)] of the active, valid filters (a report's heading, the filter count)."""
        if not self.is_bound or not self.is_valid():
            return []
        described = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            if hasattr(field, "choices") and not hasattr(value, "pk"):
                value = dict(field.choices).get(value, value)
            described.append((field.label, value))
        return described

"""A list row's Handlungsfelder and partners, taken from per-process reference maps.

Both tables are small and change only with the content. Prefetching them for every page
of every list instantiated the same few objects again and again, which cost more than the
list query itself; now a page costs one narrow query per relation on the join tables.
"""

from django.conf import settings

from handlungsfelder.models import Handlungsfeld
from integration_portal.page_cache import stamp_memo
from netzwerk.models import Netzwerkpartner

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# (attribute on the measure, m2m field, related model, the columns a row shows)
RELATIONS = [
    ("felder_list", "handlungsfelder", Handlungsfeld, ["pk", "number", "slug", *[f"short_title_{c}" for c in LANGUAGES]]),
    ("partner_list", "partner", Netzwerkpartner, ["pk", "slug", *[f"name_{c}" for c in LANGUAGES]]),
]


def reference_map(model, columns):
    """{pk: object} in the model's own ordering, kept until the content changes."""
    return stamp_memo.derived(
        ("reference-map", model._meta.label),
        lambda: {obj.pk: obj for obj in model._default_manager.only(*columns)},
    )


def attach(measures):
    """Set felder_list and partner_list on each measure (lists in the related model's ordering)."""
    by_pk = {measure.pk: measure for measure in measures}
    for attribute, field_name, model, columns in RELATIONS:
        for measure in measures:
            setattr(measure, attribute, [])
        if not by_pk:
            continue
        objects = reference_map(model, columns)
        field = measures[0]._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        pairs = through.objects.filter(**{f"{source}__in": list(by_pk)}).values_list(f"{source}_id", f"{target}_id")
        for measure_pk, object_pk in pairs:
            getattr(by_pk[measure_pk], attribute).append(objects[object_pk])
        order = {pk: index for index, pk in enumerate(objects)}
        for measure in measures:
            getattr(measure, attribute).sort(key=lambda obj: order[obj.pk])

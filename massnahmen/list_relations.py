"""A measure's fields, districts, target groups and partners, taken from per-process reference maps.

These four tables are small and change only with the content. Prefetching them for every
page of every list (and every API page) instantiated the same few objects again and again,
which cost more than the list query itself; now each relation costs one narrow query on its
join table, and the related objects come from a map kept until the content stamp moves on.
"""

from integration_portal.page_cache import stamp_memo

# The many-to-many fields of Massnahme that the measure page and the open data show.
RELATIONS = ("handlungsfelder", "stadtteile", "zielgruppen", "partner")


def reference_map(model, refresh=False):
    """{pk: object} of a small related table, in the model's own ordering."""
    return stamp_memo.derived(("reference-map", model._meta.label),
                              lambda: {obj.pk: obj for obj in model._default_manager.all()}, refresh=refresh)


def attach(measures, relations):
    """Set <relation>_list on each measure: the related objects, in the related model's ordering."""
    by_pk = {measure.pk: measure for measure in measures}
    for name in relations:
        for measure in measures:
            setattr(measure, f"{name}_list", [])
        if not by_pk:
            continue
        field = next(iter(by_pk.values()))._meta.get_field(name)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        pairs = list(field.remote_field.through.objects.filter(**{f"{source}_id__in": list(by_pk)})
                     .values_list(f"{source}_id", f"{target}_id"))
        objects = reference_map(field.related_model)
        if any(object_pk not in objects for _measure_pk, object_pk in pairs):
            # Created by another worker since this one last read the content stamp.
            objects = reference_map(field.related_model, refresh=True)
        order = {pk: index for index, pk in enumerate(objects)}
        for measure_pk, object_pk in sorted((pair for pair in pairs if pair[1] in objects), key=lambda pair: order[pair[1]]):
            getattr(by_pk[measure_pk], f"{name}_list").append(objects[object_pk])

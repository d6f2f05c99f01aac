"""A measure's fields, districts, target groups, partners and funding, taken from per-process reference maps.

These related tables are small and change only with the content. Prefetching them for every
page of every list (and every API page) instantiated the same few objects again and again,
which cost more than the list query itself; now all relations together cost one narrow query
on their join tables, and the related objects come from a map kept until the content stamp
moves on.
"""

from django.db import connection

from integration_portal.page_cache import stamp_memo

# The many-to-many fields of Massnahme that the measure page and the open data show.
RELATIONS = ("handlungsfelder", "stadtteile", "zielgruppen", "partner")

# Measures per join-table query: keeps the bound parameters (one per measure and relation)
# well below SQLite's limit when an export attaches the relations of thousands of measures.
CHUNK = 500


def reference_map(model, refresh=False):
    """{pk: object} of a small related table, in the model's own ordering."""
    return stamp_memo.derived(("reference-map", model._meta.label),
                              lambda: {obj.pk: obj for obj in model._default_manager.all()}, refresh=refresh)


def _pairs(fields, measure_pks):
    """(relation index, measure pk, related pk) of every join row, from one UNION ALL query.

    Written as SQL from the join tables' metadata, values as parameters: the ORM took about
    2.4 ms to build and compile the four narrow queries of a measure page (3.1 ms as one
    union), the database about 0.2 ms to answer them; this costs 0.7 ms in all.
    """
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(measure_pks))
    selects = []
    for index, field in enumerate(fields):
        through = field.remote_field.through._meta
        source = quote(through.get_field(field.m2m_field_name()).column)
        target = quote(through.get_field(field.m2m_reverse_field_name()).column)
        selects.append(f"SELECT {index}, {source}, {target} FROM {quote(through.db_table)} WHERE {source} IN ({placeholders})")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), list(measure_pks) * len(fields))
        return cursor.fetchall()


def attach(measures, relations):
    """Set <relation>_list on each measure: the related objects, in the related model's ordering."""
    for name in relations:
        for measure in measures:
            setattr(measure, f"{name}_list", [])
    if not measures or not relations:
        return
    by_pk = {measure.pk: measure for measure in measures}
    fields = [measures[0]._meta.get_field(name) for name in relations]
    pks = list(by_pk)
    pairs = [pair for start in range(0, len(pks), CHUNK) for pair in _pairs(fields, pks[start:start + CHUNK])]
    for index, (name, field) in enumerate(zip(relations, fields)):
        objects = reference_map(field.related_model)
        mine = [(measure_pk, object_pk) for relation, measure_pk, object_pk in pairs if relation == index]
        if any(object_pk not in objects for _measure_pk, object_pk in mine):
            # Created by another worker since this one last read the content stamp.
            objects = reference_map(field.related_model, refresh=True)
        order = {pk: position for position, pk in enumerate(objects)}
        for measure_pk, object_pk in sorted((pair for pair in mine if pair[1] in objects), key=lambda pair: order[pair[1]]):
            getattr(by_pk[measure_pk], f"{name}_list").append(objects[object_pk])

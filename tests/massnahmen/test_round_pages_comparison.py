"""The comparison of two rounds (massnahmen/comparison.py) against hand-made snapshot rows.

The expected transitions are written out by hand here, not computed with the module.
"""

from types import SimpleNamespace

from massnahmen.comparison import compare, figures


def row(massnahme_id, status, position=0, reported=True, external_id=None, felder=(), stadtteile=()):
    return SimpleNamespace(massnahme_id=massnahme_id, external_id=external_id, status=status, position=position,
                           reported=reported, handlungsfeld_ids=list(felder), stadtteil_ids=list(stadtteile))


EARLIER = [
    row(1, "geplant", 1), row(2, "geplant", 2), row(3, "in_bearbeitung", 3), row(4, "laufend", 4),
    row(5, "geplant", 5), row(None, "geplant", 6, external_id="zw2020-99"), row(7, "geplant", 7),
]
LATER = [
    row(7, "umgesetzt", 0),  # first in the later round's order
    row(1, "in_bearbeitung", 1), row(2, "geplant", 2, reported=False), row(3, "umgesetzt", 3),
    row(4, "laufend", 4), row(None, "eingestellt", 6, external_id="zw2020-99"), row(8, "geplant", 8, reported=False),
]


def test_moved_new_dropped_unreported_and_unchanged():
    result = compare(EARLIER, LATER)
    assert [(t.after.massnahme_id, t.old_status, t.new_status) for t in result.moved] == [
        (7, "geplant", "umgesetzt"), (1, "geplant", "in_bearbeitung"), (3, "in_bearbeitung", "umgesetzt"),
        (None, "geplant", "eingestellt"),  # matched by its external id: its measure no longer exists
    ]
    assert [s.massnahme_id for s in result.new] == [8]
    assert [s.massnahme_id for s in result.dropped] == [5]
    assert [s.massnahme_id for s in result.unreported] == [2, 8]
    assert result.unchanged == 2  # 2 and 4
    assert result.has_changes


def test_transitions_are_counted_in_the_order_of_the_status_vocabulary():
    earlier = [row(i, "geplant") for i in range(1, 4)] + [row(4, "in_bearbeitung"), row(5, "laufend")]
    later = [row(1, "umgesetzt"), row(2, "in_bearbeitung"), row(3, "umgesetzt"), row(4, "umgesetzt"),
             row(5, "geplant")]
    assert compare(earlier, later).transitions == [
        ("geplant", "in_bearbeitung", 1), ("geplant", "umgesetzt", 2), ("in_bearbeitung", "umgesetzt", 1),
        ("laufend", "geplant", 1),
    ]


def test_the_first_round_has_only_new_measures_and_the_same_round_no_changes():
    first = compare([], LATER)
    assert len(first.new) == len(LATER) and not first.moved and not first.dropped
    same = compare(LATER, LATER)
    assert not same.has_changes and same.unchanged == len(LATER)
    assert [s.massnahme_id for s in same.unreported] == [2, 8]  # "no report" is the later round's own


def test_figures_count_each_measure_once_overall_and_once_per_field_and_district():
    rows = [row(1, "geplant", felder=[1, 2], stadtteile=[10]), row(2, "geplant", felder=[1, 1]),
            row(3, "umgesetzt", felder=[2], stadtteile=[10, 11])]
    table = figures(rows, [(1, "1. Bildung"), (2, "2. Arbeit"), (3, "3. Wohnen")], [(10, "Nord"), (11, "Süd")])
    assert table["overall"]["total"] == 3
    assert {cell["status"]: cell["count"] for cell in table["overall"]["cells"] if cell["count"]} == {
        "geplant": 2, "umgesetzt": 1}
    assert [(line["text"], line["total"]) for line in table["felder"]] == [("1. Bildung", 2), ("2. Arbeit", 2),
                                                                           ("3. Wohnen", 0)]
    assert [(line["text"], line["total"]) for line in table["stadtteile"]] == [("Nord", 2), ("Süd", 1)]


def test_a_page_lists_the_first_rows_of_each_change_and_counts_the_rest():
    later = [row(i, "geplant", i, reported=i % 2 == 0) for i in range(1, 8)]
    lists = compare([], later).listed(3)
    assert [s.massnahme_id for s in lists["new"].items] == [1, 2, 3] and lists["new"].more == 4
    assert [s.massnahme_id for s in lists["unreported"].items] == [1, 3, 5] and lists["unreported"].more == 1
    assert lists["moved"].items == [] and lists["moved"].more == 0

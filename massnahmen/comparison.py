"""What changed between two reporting rounds, and the figures of one round, from their snapshots only.

Everything here reads snapshot rows (`Snapshot`: massnahme_id, external_id, position, status,
reported, handlungsfeld_ids, stadtteil_ids, …) and nothing that can change after a round is
closed: a round's page, its report PDF and workbook and the open data show what the round froze.
The functions take any iterable of rows, so the comparison is checked against hand-made rows too.
"""

from collections import Counter
from dataclasses import dataclass, field

from .models import Status
from .statistics import row as figures_row


def measure_key(snapshot):
    """Which measure a snapshot row is about, the same in every round.

    The portal's id while the measure exists; its external id (the sources' "zw2020-04") for a
    row whose measure was deleted since or that a source described before the portal knew it.
    A row with neither is a measure of its own.
    """
    if snapshot.massnahme_id is not None:
        return ("massnahme", snapshot.massnahme_id)
    if snapshot.external_id:
        return ("external", snapshot.external_id)
    return ("row", id(snapshot))


@dataclass(frozen=True)
class Transition:
    """A measure in both rounds whose status moved: `before` and `after` are its two snapshot rows."""

    before: object
    after: object

    @property
    def old_status(self):
        return self.before.status

    @property
    def new_status(self):
        return self.after.status


@dataclass
class Comparison:
    """The changes from an earlier round's snapshot to a later one's.

    moved: measures in both whose status differs (from → to), in the later round's order;
    new: measures only the later round covers; dropped: measures only the earlier one covered
    (no longer covered); unreported: measures of the later round without a report for it;
    unchanged: how many measures are in both with the same status.
    """

    moved: list = field(default_factory=list)
    new: list = field(default_factory=list)
    dropped: list = field(default_factory=list)
    unreported: list = field(default_factory=list)
    unchanged: int = 0

    @property
    def transitions(self):
        """[(old status, new status, count)] of the moved measures, in the order of the status vocabulary."""
        order = {value: index for index, value in enumerate(Status.values)}
        counts = Counter((t.old_status, t.new_status) for t in self.moved)
        return [(old, new, count) for (old, new), count in
                sorted(counts.items(), key=lambda item: (order.get(item[0][0], 99), order.get(item[0][1], 99)))]

    @property
    def has_changes(self):
        return bool(self.moved or self.new or self.dropped)

    def listed(self, limit):
        """Each list (moved, new, dropped, unreported) cut to its first `limit` rows, with how many more it has.

        For a page: a list of thousands of measures is read by nobody and costs seconds to render;
        the report PDF, the workbook and the open data list them all.
        """
        return {name: Listing(getattr(self, name)[:limit], max(0, len(getattr(self, name)) - limit))
                for name in ("moved", "new", "dropped", "unreported")}


@dataclass(frozen=True)
class Listing:
    items: list
    more: int


def _in_order(rows):
    return sorted(rows, key=lambda snapshot: (snapshot.position, snapshot.external_id or "", snapshot.massnahme_id or 0))


def compare(earlier, later):
    """The Comparison of two rounds' snapshot rows (earlier → later); `earlier` may be empty (the first round)."""
    before = {measure_key(snapshot): snapshot for snapshot in earlier}
    after = {measure_key(snapshot): snapshot for snapshot in later}
    result = Comparison()
    for key, snapshot in ((measure_key(s), s) for s in _in_order(after.values())):
        if not snapshot.reported:
            result.unreported.append(snapshot)
        previous = before.get(key)
        if previous is None:
            result.new.append(snapshot)
        elif previous.status != snapshot.status:
            result.moved.append(Transition(previous, snapshot))
        else:
            result.unchanged += 1
    result.dropped = [snapshot for snapshot in _in_order(before.values()) if measure_key(snapshot) not in after]
    return result


def figures(snapshots, felder, stadtteile):
    """The round's counts per status overall, per field and per district, as massnahmen.statistics rows.

    `felder` and `stadtteile` are [(id, label)] in the order to show them; a row's `object` is
    the id and its `text` the label (the round's own titles, not today's). The same shape as
    statistics.status_table(), so the dashboard's charts (charts.stacked_bars) and tables draw it.
    """
    overall, per_field, per_district = Counter(), Counter(), Counter()
    for snapshot in snapshots:
        overall[snapshot.status] += 1
        for feld_id in set(snapshot.handlungsfeld_ids or ()):
            per_field[feld_id, snapshot.status] += 1
        for stadtteil_id in set(snapshot.stadtteil_ids or ()):
            per_district[stadtteil_id, snapshot.status] += 1

    def rows(groups, counts):
        return [{**figures_row(label, {status: counts[pk, status] for status in Status.values if counts[pk, status]},
                               pk), "text": label} for pk, label in groups]

    return {
        "felder": rows(felder, per_field),
        "stadtteile": rows(stadtteile, per_district),
        "overall": figures_row(None, dict(overall)),
        "statuses": list(Status.choices),
    }

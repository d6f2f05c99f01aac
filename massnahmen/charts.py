"""Geometry of the dashboard's stacked bar charts, drawn as SVG by a template (no JavaScript)."""

# Status colours with at least 3:1 contrast against white (WCAG 1.4.11, graphics).
STATUS_COLOURS = {
    "geplant": "#5f5f5f",
    "in_bearbeitung": "#0b4f9c",
    "umgesetzt": "#1d6b2f",
    "laufend": "#0f5e63",
    "zurueckgestellt": "#8a5200",
    "eingestellt": "#8a1c1c",
}
WIDTH = 600
BAR_HEIGHT = 22


def stacked_bars(rows, rtl=False, colours=STATUS_COLOURS):
    """Bars for rows from massnahmen.statistics; each bar spans the row's share of the largest total.

    Each bar is drawn in a box WIDTH wide that the page stretches to its column; its label is text
    beside or above it (the template). In right-to-left layouts bars grow from the right. The chart
    keeps its rows: the table that gives its figures as text shows them. `colours` maps each
    cell's "status" to its colour (another app's states bring their own).
    """
    largest = max((row["total"] for row in rows), default=0) or 1
    bars = []
    for row in rows:
        x, segments = 0.0, []
        for cell in row["cells"]:
            if not cell["count"]:
                continue
            width = WIDTH * cell["count"] / largest
            start = WIDTH - x - width if rtl else x
            segments.append({**cell, "x": round(start, 2), "width": round(width, 2),
                             "colour": colours[cell["status"]]})
            x += width
        bars.append({"row": row, "segments": segments})
    return {"rows": rows, "bars": bars, "width": WIDTH, "bar_height": BAR_HEIGHT}

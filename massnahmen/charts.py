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
LABEL_WIDTH = 270
BAR_HEIGHT = 22
GAP = 12


def stacked_bars(rows, labels, rtl=False):
    """Bars for rows from massnahmen.statistics; each bar spans the row's share of the largest total.

    `labels` name the rows. In right-to-left layouts labels stand on the right and bars grow
    from the right. The chart keeps its rows: the table that gives its figures as text shows them.
    """
    largest = max((row["total"] for row in rows), default=0) or 1
    bar_start = 0 if rtl else LABEL_WIDTH
    bars = []
    for index, (row, label) in enumerate(zip(rows, labels)):
        x, segments = 0.0, []
        for cell in row["cells"]:
            if not cell["count"]:
                continue
            width = WIDTH * cell["count"] / largest
            start = bar_start + (WIDTH - x - width if rtl else x)
            segments.append({**cell, "x": round(start, 2), "width": round(width, 2),
                             "colour": STATUS_COLOURS[cell["status"]]})
            x += width
        bars.append({"row": row, "label": label, "y": index * (BAR_HEIGHT + GAP), "segments": segments})
    return {
        "rows": rows, "bars": bars, "width": WIDTH + LABEL_WIDTH, "bar_start": bar_start, "bar_width": WIDTH,
        "height": max(len(rows) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT), "bar_height": BAR_HEIGHT,
        "label_x": WIDTH + LABEL_WIDTH - 6 if rtl else LABEL_WIDTH - 6, "text_y": BAR_HEIGHT - 6,
        "text_anchor": "start" if rtl else "end",
    }

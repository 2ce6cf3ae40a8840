"""Geometry for the HTML report's pictures: a number line per disputed quantity and a source × source matrix.

Everything here is plain data (numbers, strings, lists) computed from the view model; the template draws it.
No markup is built in Python, so every string that reaches the page goes through the template's autoescape.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

# Calm, distinguishable colours for sources (red is kept for disagreement, so it is not among them).
SOURCE_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2",
    "#9c755f", "#edc948", "#86bcb6", "#8cd17d", "#d4a6c8",
)

LOG_RATIO = 20.0  # values spanning more than this factor are drawn on a log scale

# Number line layout, in SVG user units.
CHART_WIDTH = 760
PLOT_LEFT = 230
PLOT_RIGHT = 740
ROW_HEIGHT = 34
ROW_TOP = 10
AXIS_HEIGHT = 30
ARROW = 9

MAX_LABEL = 30


def source_colours(source_ids: list[str]) -> dict[str, str]:
    """A colour per source id, by the sources' order in the report, so a source looks the same everywhere."""
    return {sid: SOURCE_COLOURS[i % len(SOURCE_COLOURS)] for i, sid in enumerate(source_ids)}


def short(text: str, limit: int = MAX_LABEL) -> str:
    """`text` cut to `limit` characters with an ellipsis (SVG text cannot wrap; the full text goes in a title)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_number(x: float) -> str:
    """A figure as an analyst writes it: 6,000 / 1.5M / 0.25."""
    ax = abs(x)
    for size, suffix in ((1e9, "B"), (1e6, "M")):
        if ax >= size:
            return f"{x / size:.3g}{suffix}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def format_interval(value: dict[str, Any] | None) -> str:
    """How a side's interval reads: "540 – 660 (600)", "more than 6,000", "exactly 15,000"."""
    if not value:
        return ""
    low, high, point = value.get("low"), value.get("high"), value.get("point")
    if low is not None and high is not None:
        if low == high:
            return format_number(low)
        text = f"{format_number(low)} – {format_number(high)}"
        return f"{text} (≈ {format_number(point)})" if point is not None else text
    if low is not None:
        return f"more than {format_number(low)}" if value.get("excludes_low") else f"{format_number(low)} or more"
    if high is not None:
        return f"less than {format_number(high)}" if value.get("excludes_high") else f"up to {format_number(high)}"
    return format_number(point) if point is not None else ""


@dataclass(frozen=True)
class Scale:
    """Maps a value to an x position: linear, or log when the figures span more than LOG_RATIO."""

    lo: float
    hi: float
    log: bool

    def x(self, value: float) -> float:
        if self.log:
            t = (math.log10(value) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        else:
            t = (value - self.lo) / (self.hi - self.lo)
        return round(PLOT_LEFT + t * (PLOT_RIGHT - PLOT_LEFT), 1)

    def ticks(self) -> list[float]:
        if self.log:
            first, last = math.ceil(math.log10(self.lo)), math.floor(math.log10(self.hi))
            ticks = [10.0**k for k in range(first, last + 1)]
            if len(ticks) < 3:
                ticks = sorted(t * m for t in [10.0 ** (first - 1)] + ticks for m in (1, 2, 5))
            return [t for t in ticks if self.lo <= t <= self.hi]
        raw = (self.hi - self.lo) / 5
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
        start = math.ceil(self.lo / step) * step
        return [start + i * step for i in range(int((self.hi - start) // step) + 1)]


def _scale(values: list[float]) -> Scale:
    lo, hi = min(values), max(values)
    if lo > 0 and hi / lo > LOG_RATIO:
        return Scale(lo / 2, hi * 2, log=True)
    if lo >= 0:
        # Start at zero: a 7% gap should look like 7%, not like the width of the chart.
        return Scale(0.0, (hi * 1.15) or 1.0, log=False)
    pad = (hi - lo) * 0.12 or abs(hi) * 0.2 or 1.0
    return Scale(lo - pad, hi + pad, log=False)


def _mark(value: dict[str, Any], scale: Scale, y: float) -> dict[str, Any]:
    """The shapes for one interval on one row: a line, end caps, arrows for open ends, a dot for the point."""
    low, high, point = value.get("low"), value.get("high"), value.get("point")
    x1 = scale.x(low) if low is not None else PLOT_LEFT
    x2 = scale.x(high) if high is not None else PLOT_RIGHT
    caps = [x for x, bound in ((x1, low), (x2, high)) if bound is not None and x1 != x2]
    arrows = []
    if high is None:
        arrows.append(f"{x2},{y} {x2 - ARROW},{y - ARROW / 2} {x2 - ARROW},{y + ARROW / 2}")
    if low is None:
        arrows.append(f"{x1},{y} {x1 + ARROW},{y - ARROW / 2} {x1 + ARROW},{y + ARROW / 2}")
    if point is None and low is not None and low == high:
        point = low
    return {
        "x1": x1, "x2": x2, "caps": caps, "arrows": arrows,
        "dot": scale.x(point) if point is not None else None,
    }


def _reference(value: dict[str, Any]) -> float:
    for key in ("point", "low", "high"):
        if value.get(key) is not None:
            return float(value[key])
    return 0.0


def number_lines(
    findings: list[dict[str, Any]], colours: dict[str, str], *, max_rows: int | None = None
) -> list[dict[str, Any]]:
    """One chart per disputed quantity (a numeric finding's `label`), each source's figure on its own row.

    Returns charts with the most disputed quantity (highest finding score) first. With `max_rows`, a chart draws
    the figures of its highest-scoring findings up to that many rows and counts the others in `more`.
    """
    entries: dict[str, dict[tuple, dict[str, Any]]] = defaultdict(dict)
    top_score: dict[str, float] = defaultdict(float)
    for finding in sorted(findings, key=lambda f: -float(f.get("score") or 0)):
        if finding.get("kind") != "numeric":
            continue
        label = finding.get("label") or "figure"
        top_score[label] = max(top_score[label], float(finding.get("score") or 0))
        for side in (finding["a"], finding["b"]):
            value = side.get("value")
            if not value or all(value.get(k) is None for k in ("low", "high", "point")):
                continue
            key = (side["source"], side.get("span", ""), value.get("low"), value.get("high"), value.get("point"))
            entries[label].setdefault(key, {"source": side["source"], "span": side.get("span", ""), "value": value})

    charts = []
    for label in sorted(entries, key=lambda name: (-top_score[name], name)):
        drawn = list(entries[label].values())[:max_rows]
        rows = sorted(drawn, key=lambda e: (_reference(e["value"]), e["source"], e["span"]))
        finite = [float(e["value"][k]) for e in rows for k in ("low", "high", "point") if e["value"].get(k) is not None]
        scale = _scale(finite)
        height = ROW_TOP + len(rows) * ROW_HEIGHT + AXIS_HEIGHT
        axis_y = ROW_TOP + len(rows) * ROW_HEIGHT + 4
        charts.append(
            {
                "label": label,
                "log": scale.log,
                "more": len(entries[label]) - len(rows),
                "width": CHART_WIDTH,
                "height": height,
                "plot_left": PLOT_LEFT,
                "plot_right": PLOT_RIGHT,
                "axis_y": axis_y,
                "ticks": [{"x": scale.x(t), "text": format_number(t)} for t in scale.ticks()],
                "rows": [
                    {
                        "y": ROW_TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2,
                        "source": e["source"],
                        "source_label": short(e["source"]),
                        "span": e["span"],
                        "span_label": short(e["span"]),
                        "reads": format_interval(e["value"]),
                        "colour": colours.get(e["source"], "#666"),
                        "mark": _mark(e["value"], scale, ROW_TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2),
                    }
                    for i, e in enumerate(rows)
                ],
            }
        )
    return charts


def _heat(t: float) -> tuple[str, str]:
    """Cell background and text colour for a disagreement strength t in [0, 1]: paper to terracotta."""
    paper, strong = (250, 243, 236), (178, 62, 40)
    t = min(max(t, 0.0), 1.0)
    r, g, b = (round(p + (s - p) * (0.15 + 0.85 * t)) for p, s in zip(paper, strong))
    return f"#{r:02x}{g:02x}{b:02x}", ("#ffffff" if t > 0.55 else "#2b1d16")


def source_matrix(
    source_ids: list[str], findings: list[dict[str, Any]], *, max_sources: int | None = None
) -> dict[str, Any]:
    """A symmetric source × source table: per pair, the strongest finding's score and how many findings.

    Only sources that take part in a finding get a row; `left_out` counts the others. With `max_sources`, only
    that many sources get a row, those in the most findings, and `not_shown` counts the other sources in findings.
    """
    pairs: dict[tuple[str, str], list[float]] = defaultdict(list)
    involved: Counter[str] = Counter()
    for finding in findings:
        a, b = finding["a"]["source"], finding["b"]["source"]
        pairs[(a, b)].append(float(finding.get("score") or 0))
        involved.update((a, b))
        if a != b:
            pairs[(b, a)].append(float(finding.get("score") or 0))
    shown = {s for s, _ in sorted(involved.items(), key=lambda item: (-item[1], item[0]))[:max_sources]}
    order = [s for s in source_ids if s in shown] + sorted(shown - set(source_ids))
    rows = []
    for a in order:
        cells = []
        for b in order:
            scores = pairs.get((a, b), [])
            cell: dict[str, Any] = {"a": a, "b": b, "self": a == b, "count": len(scores)}
            if scores:
                cell["max"] = max(scores)
                cell["background"], cell["ink"] = _heat(max(scores))
            cells.append(cell)
        rows.append({"source": a, "cells": cells})
    return {"sources": order, "rows": rows, "left_out": len([s for s in source_ids if s not in involved]),
            "not_shown": len(involved) - len(order)}

"""The HTML report: one self-contained page an analyst can open from disk, offline, and share.

It renders the view model (`report_to_dict`'s dict) with a Jinja2 template kept as package data, autoescape
on: article text is untrusted and every piece of it reaches the page through the template's escaping. The finding
cards are drawn by the page's script from the data embedded once as JSON (`page_data`), a page at a time as they
scroll into view, so a report of 10,000 findings stays a few megabytes and opens at once; the script puts text in
the page only as text (`textContent`), never as markup.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from contradictions.report.charts import format_interval, number_lines, source_colours, source_matrix
from contradictions.report.view import atomic_write_text, side_credit

KIND_ORDER = ("numeric", "attribution", "assertion")
VERDICTS = ("confirmed", "unsure", "dismissed")
# A large report draws the most disputed quantities and the sources in the most findings; the cards hold them all.
MAX_CHARTS = 12
MAX_CHART_ROWS = 24
MAX_MATRIX_SOURCES = 40
WIDE_MATRIX = 8  # a matrix of more sources than this takes the page's width (beside the charts it would scroll)

__all__ = ["render_html", "write_html"]

Verdicts = dict[str, dict[str, Any]]


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("contradictions", "report/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # The page's data: same input, same bytes (sorted keys); no spaces between items and UTF-8 as is (smaller).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    env.filters["id_parts"] = id_parts
    env.filters["web_url"] = web_url
    return env


def web_url(url: object) -> str | None:
    """`url` when it is an http(s) address (a source title links to it), else None: never a `javascript:` link."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def id_parts(source_id: str) -> tuple[str, str]:
    """A source id split for compact display: "002_89a78c87df518bb5" → ("002", "_89a78c87df518bb5").

    The short head is shown strong and the hash muted, so ids stay whole but read at a glance.
    """
    head, sep, tail = source_id.partition("_")
    if sep and 0 < len(head) <= 6:
        return head, sep + tail
    return source_id, ""


def split_span(sentence: str, start: int, end: int, span: str = "") -> tuple[str, str, str]:
    """The sentence as (before, disputed words, after), from the side's span offsets.

    Offsets out of range are clamped; when they don't point at `span` but the span occurs in the sentence,
    its first occurrence is used, so a stale offset never highlights the wrong words.
    """
    start = min(max(int(start or 0), 0), len(sentence))
    end = min(max(int(end or 0), start), len(sentence))
    if span and sentence[start:end] != span and span in sentence:
        start = sentence.index(span)
        end = start + len(span)
    return sentence[:start], sentence[start:end], sentence[end:]


def _paragraph(source: dict[str, Any] | None, side: dict[str, Any]) -> tuple[list[str], int]:
    """The texts of the side's paragraph in reading order, and the position of the finding's own sentence in it."""
    sentences = (source or {}).get("sentences") or []
    same = sorted(
        (s for s in sentences if s.get("paragraph") == side.get("paragraph")), key=lambda s: s.get("index", 0)
    )
    focus = [k for k, s in enumerate(same) if s.get("index") == side.get("sentence_index")]
    if not focus:
        return [side["sentence"]], 0
    return [s.get("text", "") for s in same], focus[0]


class _Table:
    """Values stored once in the page's data and referred to by position (a sentence shown by many cards)."""

    def __init__(self) -> None:
        self.rows: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        return self.rows.setdefault(value, len(self.rows))

    def __iter__(self):
        return iter(self.rows)


def _side(side: dict[str, Any], source_number: int, source: dict[str, Any] | None, texts: _Table,
          paragraphs: _Table) -> list[Any]:
    """One side of a card as the page's script reads it (a list, to keep a 10,000-finding page small):

    [source (position in `sources`), sentence (position in `texts`), start and end of the disputed words in it,
    paragraph (position in `paragraphs`), the sentence's position in that paragraph, paragraph number or null,
    how the figure reads ("" if none), who is credited (null if no one), 1 if the side says it credits no one].
    """
    before, span, _ = split_span(
        side["sentence"], side.get("span_start", 0), side.get("span_end", 0), side.get("span", "")
    )
    in_paragraph, focus = _paragraph(source, side)
    credit = side_credit(side)
    unattributed = "attribution" in side and not credit  # schema 1 sides say nothing either way
    return [
        source_number, texts(side["sentence"]), len(before), len(before) + len(span),
        paragraphs(tuple(texts(text) for text in in_paragraph)), focus, side.get("paragraph"),
        format_interval(side.get("value")), credit, int(unattributed),
    ]


def _factors(finding: dict[str, Any]) -> list[tuple[str, Any]]:
    """What went into the score, by name, with the pair's similarity always among them."""
    factors = dict(finding.get("factors") or {})
    if finding.get("similarity") is not None:
        factors.setdefault("similarity", finding["similarity"])
    return sorted(factors.items())


def _verdict(finding_id: str, verdicts: Verdicts | None) -> dict[str, Any]:
    """The analyst's verdict on a finding as card fields ({} when there is none or it is not a known verdict)."""
    entry = (verdicts or {}).get(finding_id)
    if not entry or entry.get("verdict") not in VERDICTS:
        return {}
    shown = {"verdict": entry["verdict"], "verdict_note": entry.get("note"), "verdict_time": entry.get("time")}
    return {key: value for key, value in shown.items() if value}


def _kinds(data: dict[str, Any]) -> list[tuple[str, int]]:
    """Finding counts by kind, known kinds first in a fixed order (counted from the findings themselves)."""
    counts = Counter(finding["kind"] for finding in data.get("findings", []))
    ordered = [k for k in KIND_ORDER if k in counts] + sorted(k for k in counts if k not in KIND_ORDER)
    return [(k, counts[k]) for k in ordered]


def _script_hash(script: str) -> str:
    """The CSP hash of the page's one script, so the browser runs it and nothing injected beside it."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def page_data(data: dict[str, Any], verdicts: Verdicts | None = None) -> dict[str, Any]:
    """Everything the page's script needs to draw, filter and sort the finding cards, each text stored once.

    The cards are drawn in the browser from this (a page at a time, as they scroll into view), so the page holds
    each finding once however many there are. `sources`, `titles`, `links` and `colours` run in parallel (a
    source's position is its rank when sorting by source); `texts` holds every sentence a card shows and
    `paragraphs` each paragraph a card opens (positions in `texts`); a finding's `sides` are `_side` lists and
    its position in `findings` is its rank. Fields with nothing to show are left out.
    """
    source_list = data.get("sources", [])
    sources = {s["id"]: s for s in source_list}
    findings = data.get("findings", [])
    named = {f[k]["source"] for f in findings for k in ("a", "b")}
    named |= {c["source"] for f in findings for c in f.get("copies") or ()}
    ids = list(sources) + sorted(named - sources.keys())
    number = {source_id: n for n, source_id in enumerate(ids)}
    colours = source_colours(list(sources))
    texts, paragraphs = _Table(), _Table()
    cards = []
    for finding in findings:
        card = {
            "id": finding["id"],
            "kind": finding["kind"],
            "relation": finding.get("relation"),
            "label": finding.get("label"),
            "score": float(finding.get("score") or 0),
            "explanation": finding.get("explanation"),
            "factors": _factors(finding),
            "story": finding.get("story"),
            "sides": [
                _side(finding[key], number[finding[key]["source"]], sources.get(finding[key]["source"]), texts,
                      paragraphs)
                for key in ("a", "b")
            ],
            "copies": [[("a", "b").index(c["side"]), number[c["source"]], int(c.get("exact", True))]
                       for c in finding.get("copies") or ()],
            **_verdict(finding["id"], verdicts),
        }
        cards.append({key: value for key, value in card.items() if value or key == "score"})
    return {
        "sources": ids,
        "titles": [(sources.get(i) or {}).get("title") or "" for i in ids],
        "links": [web_url((sources.get(i) or {}).get("url")) for i in ids],
        "colours": [colours.get(i, "#666") for i in ids],
        "texts": list(texts),
        "paragraphs": [list(p) for p in paragraphs],
        "findings": cards,
    }


def _context(data: dict[str, Any], verdicts: Verdicts | None) -> dict[str, Any]:
    """Everything the template shows, derived from the view model: summary, charts, matrix and the page's data."""
    source_list = data.get("sources", [])
    source_ids = [s["id"] for s in source_list]
    colours = source_colours(source_ids)
    findings = data.get("findings", [])
    involved = Counter(finding[key]["source"] for finding in findings for key in ("a", "b"))
    involved.update(copy["source"] for finding in findings for copy in finding.get("copies") or ())
    charts = number_lines(findings, colours, max_rows=MAX_CHART_ROWS)
    return {
        "data": data,
        "summary": data.get("summary") or {},
        "kinds": _kinds(data),
        "findings": findings,
        "sources": [dict(s, colour=colours[s["id"]], findings=involved[s["id"]]) for s in source_list],
        "stories": [story for story in data.get("stories") or [] if story["sources"] > 1],
        "settings": sorted((k, v) for k, v in (data.get("settings") or {}).items() if v is not None),  # unset: default
        "charts": charts[:MAX_CHARTS],
        "charts_left_out": len(charts[MAX_CHARTS:]),
        "matrix": source_matrix(source_ids, findings, max_sources=MAX_MATRIX_SOURCES),
        "has_verdicts": bool(verdicts),
        "js_data": page_data(data, verdicts),
    }


def render_html(data: dict[str, Any], *, verdicts: Verdicts | None = None) -> str:
    """The report as one self-contained HTML page (CSS, JS, data and pictures inline; no network use).

    `verdicts` maps finding id → {"verdict": "confirmed"|"dismissed"|"unsure", "note", "time"}; when given,
    each card shows its verdict and the filters can hide dismissed findings. Same input, same bytes.
    """
    env = _environment()
    # The page's own script is static (no data in it), so its hash can go in the page's CSP.
    script = env.loader.get_source(env, "report.js")[0].strip()  # type: ignore[union-attr]
    return env.get_template("report.html.j2").render(
        **_context(data, verdicts), script=Markup(script), script_hash=_script_hash(script), WIDE_MATRIX=WIDE_MATRIX
    )


def write_html(
    data: dict[str, Any],
    path: str | os.PathLike[str],
    *,
    verdicts: Verdicts | None = None,
    force: bool = False,
) -> Path:
    """Write the HTML report to `path` atomically; refuses to replace a file this tool didn't write unless `force`."""
    return atomic_write_text(path, render_html(data, verdicts=verdicts), force=force)

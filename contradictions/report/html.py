"""The HTML report: one self-contained page an analyst can open from disk, offline, and share.

It renders the view model (`report_to_dict`'s dict) with a Jinja2 template kept as package data, autoescape
on: article text is untrusted and every piece of it reaches the page through the template's escaping.
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

from .charts import format_interval, number_lines, source_colours, source_matrix
from .view import atomic_write_text, credit_text

KIND_ORDER = ("numeric", "attribution", "assertion")
VERDICTS = ("confirmed", "unsure", "dismissed")

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


def _paragraph(source: dict[str, Any] | None, side: dict[str, Any]) -> list[dict[str, Any]]:
    """The sentences of the side's paragraph in reading order, the finding's own sentence marked `focus`."""
    sentences = (source or {}).get("sentences") or []
    same = sorted(
        (s for s in sentences if s.get("paragraph") == side.get("paragraph")), key=lambda s: s.get("index", 0)
    )
    if not any(s.get("index") == side.get("sentence_index") for s in same):
        same = [{"index": side.get("sentence_index"), "text": side["sentence"]}]
    return [
        {"text": s.get("text", ""), "focus": s.get("index") == side.get("sentence_index")} for s in same
    ]


def _side(side: dict[str, Any], sources: dict[str, dict[str, Any]], colours: dict[str, str]) -> dict[str, Any]:
    before, span, after = split_span(
        side["sentence"], side.get("span_start", 0), side.get("span_end", 0), side.get("span", "")
    )
    credit = credit_text(side.get("attribution"))
    source = sources.get(side["source"])
    return {
        "source": side["source"],
        "title": (source or {}).get("title") or "",
        "colour": colours.get(side["source"], "#666"),
        "before": before,
        "span": span,
        "after": after,
        "reads": format_interval(side.get("value")),
        "credit": credit,
        "unattributed": "attribution" in side and not credit,  # schema 1 sides say nothing either way
        "paragraph_number": side.get("paragraph"),
        "paragraph": _paragraph(source, side),
    }


def _factors(finding: dict[str, Any]) -> list[tuple[str, Any]]:
    """What went into the score, by name, with the pair's similarity always among them."""
    factors = dict(finding.get("factors") or {})
    if finding.get("similarity") is not None:
        factors.setdefault("similarity", finding["similarity"])
    return sorted(factors.items())


def _verdict(finding_id: str, verdicts: Verdicts | None) -> dict[str, Any] | None:
    entry = (verdicts or {}).get(finding_id)
    if not entry or entry.get("verdict") not in VERDICTS:
        return None
    return {"verdict": entry["verdict"], "note": entry.get("note"), "time": entry.get("time")}


def _kinds(data: dict[str, Any]) -> list[tuple[str, int]]:
    """Finding counts by kind, known kinds first in a fixed order (counted from the findings themselves)."""
    counts = Counter(finding["kind"] for finding in data.get("findings", []))
    ordered = [k for k in KIND_ORDER if k in counts] + sorted(k for k in counts if k not in KIND_ORDER)
    return [(k, counts[k]) for k in ordered]


def _script_hash(script: str) -> str:
    """The CSP hash of the page's one script, so the browser runs it and nothing injected beside it."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _context(data: dict[str, Any], verdicts: Verdicts | None) -> dict[str, Any]:
    """Everything the template shows, derived from the view model: cards, charts, matrix and the JS data."""
    source_list = data.get("sources", [])
    source_ids = [s["id"] for s in source_list]
    sources = {s["id"]: s for s in source_list}
    colours = source_colours(source_ids)
    findings = data.get("findings", [])
    involved = Counter(finding[key]["source"] for finding in findings for key in ("a", "b"))
    cards = [
        {
            "index": index,
            "id": finding["id"],
            "kind": finding["kind"],
            "relation": finding.get("relation") or "",
            "label": finding.get("label") or "",
            "score": float(finding.get("score") or 0),
            "explanation": finding.get("explanation") or "",
            "factors": _factors(finding),
            "verdict": _verdict(finding["id"], verdicts),
            "story": finding.get("story"),
            "sides": [_side(finding[key], sources, colours) for key in ("a", "b")],
        }
        for index, finding in enumerate(findings)
    ]
    js_data = {
        "sources": source_ids,
        "findings": [
            {
                "index": card["index"],
                "id": card["id"],
                "kind": card["kind"],
                "score": card["score"],
                "sources": [side["source"] for side in card["sides"]],
                "verdict": card["verdict"]["verdict"] if card["verdict"] else None,
            }
            for card in cards
        ],
    }
    return {
        "data": data,
        "summary": data.get("summary") or {},
        "kinds": _kinds(data),
        "sources": [dict(s, colour=colours[s["id"]], findings=involved[s["id"]]) for s in source_list],
        "settings": sorted((data.get("settings") or {}).items()),
        "cards": cards,
        "charts": number_lines(findings, colours),
        "matrix": source_matrix(source_ids, findings),
        "has_verdicts": bool(verdicts),
        "js_data": js_data,
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
        **_context(data, verdicts), script=Markup(script), script_hash=_script_hash(script)
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

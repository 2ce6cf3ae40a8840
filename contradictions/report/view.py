"""The view model: the report as plain data, which is also the JSON export's documented schema."""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Attribution, ContradictionsError, Finding, Interval, Quote, Report, Side

SCHEMA_VERSION = 5  # what each version added: the README's schema history
GENERATOR = "contradictions"


def _number(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(float(x), 6)


def interval_to_dict(value: Interval | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"low": _number(value.low), "high": _number(value.high), "point": _number(value.point),
            "excludes_low": value.excludes_low, "excludes_high": value.excludes_high}


def attribution_to_dict(att: Attribution | None) -> dict[str, Any]:
    """Who a side credits: {"speaker", "channel", "cue"}, all null when the sentence credits no one."""
    if att is None:
        return {"speaker": None, "channel": None, "cue": None}
    return {"speaker": att.speaker, "channel": att.channel, "cue": att.cue}


def credit_text(att: dict[str, Any] | None) -> str | None:
    """An attribution dict as one line: "Kim Jong-un, via KCNA", "South Korean lawmakers, citing intelligence
    briefings"; None when no one is credited."""
    if not att or not (att.get("speaker") or att.get("channel")):
        return None
    if att.get("speaker") and att.get("channel"):
        return f"{att['speaker']}, {'citing' if att.get('cue') == 'citing' else 'via'} {att['channel']}"
    return att.get("speaker") or att.get("channel")


def side_credit(side: dict[str, Any]) -> str | None:
    """Who a side credits, as one line; every credit of its sentence with its cue when they name several speakers
    ("South Korea (accused); Pyongyang and Moscow (denied by)"). None when no one is credited."""
    credits = side.get("credits") or []
    if len({credit_text(c) for c in credits}) > 1:
        return "; ".join(f"{credit_text(c)} ({c['cue']})" if c.get("cue") else credit_text(c) for c in credits
                         if credit_text(c))
    return credit_text(side.get("attribution"))


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "start": quote.start, "end": quote.end, "speaker": quote.speaker,
            "channel": quote.channel}


def side_to_dict(side: Side) -> dict[str, Any]:
    return {
        "source": side.source,
        "sentence": side.sentence,
        "sentence_index": side.sentence_index,
        "paragraph": side.paragraph,
        "start": side.start,
        "end": side.end,
        "span": side.span,
        "span_start": side.span_start,
        "span_end": side.span_end,
        "value": interval_to_dict(side.value),
        "hedge": side.hedge,
        "counts": side.counts,
        "time": side.time,
        "attribution": attribution_to_dict(side.attribution),
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "kind": finding.kind,
        "relation": finding.relation,
        "label": finding.label,
        "score": round(finding.score, 4),
        "similarity": round(finding.similarity, 4),
        "explanation": finding.explanation,
        "factors": {k: round(v, 4) for k, v in sorted(finding.factors.items())},
        "a": side_to_dict(finding.a),
        "b": side_to_dict(finding.b),
        "story": finding.story,
        "verdict": None,  # an analyst's verdict, filled in by `run --verdicts` (see verdicts.apply_verdicts)
    }


def report_to_dict(report: Report, *, generated_at: str | None = None) -> dict[str, Any]:
    by_source: dict[str, list[dict[str, Any]]] = {s.id: [] for s in report.sources}
    for i, sentence in enumerate(report.sentences):
        by_source[sentence.source].append(
            {
                "index": sentence.index,
                "start": sentence.start,
                "end": sentence.end,
                "paragraph": sentence.paragraph,
                "text": sentence.text,
                "attributions": [
                    {**attribution_to_dict(a), "start": a.start, "end": a.end} for a in report.attributions.get(i, ())
                ],
                "quotes": [quote_to_dict(q) for q in report.quotes.get(i, ())],
            }
        )
    credits = {(sentence.source, sentence.index): [attribution_to_dict(a) for a in report.attributions.get(i, ())]
               for i, sentence in enumerate(report.sentences) if report.attributions.get(i)}
    kinds = Counter(f.kind for f in report.findings)
    return {
        "schema": SCHEMA_VERSION,
        "generator": f"{GENERATOR} {__version__}",
        "generated_at": generated_at,
        "summary": {
            "sources": len(report.sources),
            "sentences": len(report.sentences),
            "sentences_compared": report.sentences_compared,
            "pairs_compared": report.pairs_compared,
            "findings": len(report.findings),
            "stories": len(set(report.stories.values())) or None,
            "by_kind": dict(sorted(kinds.items())),
            "pairs_not_compared": dict(report.not_compared),
        },
        "settings": report.settings,
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "path": s.path,
                "outlet": s.outlet,
                "published": s.published,
                "url": s.url,
                "story": report.stories.get(s.id),
                "places": list(s.places),
                "sentences": by_source[s.id],
            }
            for s in report.sources
        ],
        "stories": story_summaries(report),
        "findings": [_with_credits(finding_to_dict(f), credits) for f in report.findings],
    }


def _with_credits(finding: dict[str, Any], credits: dict[tuple[str, int], list[dict[str, Any]]]) -> dict[str, Any]:
    """Each side with every credit its sentence gives ("South Korea", accused; "Pyongyang and Moscow", denied by)."""
    for key in ("a", "b"):
        side = finding[key]
        side["credits"] = credits.get((side["source"], side["sentence_index"]), [])
    return finding


MAIN_PLACES = 3


def story_summaries(report: Report) -> list[dict[str, Any]]:
    """Each story (when the corpus was grouped): its number, how many sources, its publication date range and the
    places its sources name most often."""
    members: dict[int, list] = {}
    for source in report.sources:
        if source.id in report.stories:
            members.setdefault(report.stories[source.id], []).append(source)
    out = []
    for story, sources in sorted(members.items()):
        dates = sorted(s.published[:10] for s in sources if s.published)
        places = Counter(p for s in sources for p in s.places)
        out.append({"story": story, "sources": len(sources), "first": dates[0] if dates else None,
                    "last": dates[-1] if dates else None,
                    "places": [p for p, _ in sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))[:MAIN_PLACES]]})
    return out


def is_own_output(path: Path) -> bool:
    """True when `path` holds a file this tool wrote (so replacing it loses nothing the user made)."""
    try:
        head = path.read_bytes()[:4096].decode("utf-8", "replace")
    except OSError:
        return False
    return f'"generator": "{GENERATOR} ' in head or f"<meta name=\"generator\" content=\"{GENERATOR} " in head


def atomic_write_text(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write `text` to `path` via a temporary file and a rename, refusing to replace a file the user made."""
    target = Path(path)
    if target.is_dir():
        raise ContradictionsError(f"{target} is a folder; give a file name for the output")
    if target.exists() and not force and not is_own_output(target):
        raise ContradictionsError(
            f"{target} exists and was not written by contradictions; refusing to overwrite it (use --force)"
        )
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ContradictionsError(f"cannot write {target}: folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an export should get the usual permissions
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_json(data: dict[str, Any], path: str | os.PathLike[str], *, force: bool = False) -> Path:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return atomic_write_text(path, text, force=force)


FRAME_COLUMNS = [
    "id", "kind", "relation", "label", "score", "similarity", "explanation",
    "source_a", "span_a", "sentence_a", "source_b", "span_b", "sentence_b",
]


def findings_frame(data: dict[str, Any]):
    """One row per finding, in rank order, with both sides flattened (`source_a`, `span_a`, ...)."""
    import pandas as pd

    rows = []
    for f in data["findings"]:
        row = {k: f[k] for k in ("id", "kind", "relation", "label", "score", "similarity", "explanation")}
        for side in ("a", "b"):
            s = f[side]
            row[f"source_{side}"] = s["source"]
            row[f"span_{side}"] = s["span"]
            row[f"sentence_{side}"] = s["sentence"]
            value = s.get("value") or {}
            row[f"low_{side}"] = value.get("low")
            row[f"high_{side}"] = value.get("high")
            row[f"counts_{side}"] = s.get("counts")
            row[f"credited_{side}"] = credit_text(s.get("attribution"))
        rows.append(row)
    columns = FRAME_COLUMNS + [f"{k}_{s}" for s in ("a", "b") for k in ("low", "high", "counts", "credited")]
    return pd.DataFrame(rows, columns=columns)


ATTRIBUTION_COLUMNS = ["source", "sentence_index", "kind", "speaker", "channel", "cue", "text", "sentence"]


def attributions_frame(data: dict[str, Any]):
    """Who is credited with what: one row per attribution phrase or quote, by source and sentence."""
    import pandas as pd

    rows = []
    for source in data["sources"]:
        for sentence in source["sentences"]:
            for att in sentence.get("attributions", []):
                rows.append({"source": source["id"], "sentence_index": sentence["index"], "kind": "attribution",
                             "speaker": att["speaker"], "channel": att["channel"], "cue": att["cue"],
                             "text": sentence["text"][att["start"]:att["end"]], "sentence": sentence["text"]})
            for quote in sentence.get("quotes", []):
                rows.append({"source": source["id"], "sentence_index": sentence["index"], "kind": "quote",
                             "speaker": quote["speaker"], "channel": quote["channel"], "cue": None,
                             "text": quote["text"], "sentence": sentence["text"]})
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)

"""The view model: the report as plain data, which is also the JSON export's documented schema."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from contradictions.aliases import PRONOUNS
from contradictions.model import (
    Attribution,
    ContradictionsError,
    Finding,
    Interval,
    Quote,
    ReportData,
    Side,
    credit_line,
)
from contradictions.version import __version__

SCHEMA_VERSION = 6  # what each version added: docs/json.md, "Schema history"
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
    briefings"; a pronoun the article does not name says so ("a speaker the text does not name (“it”)"); None
    when no one is credited."""
    if not att:
        return None
    speaker = att.get("speaker")
    if speaker and not att.get("channel") and speaker.casefold() in PRONOUNS:
        return f"a speaker the text does not name (\u201c{speaker}\u201d)"
    return credit_line(speaker, att.get("channel"), att.get("cue"))


def side_credit(side: dict[str, Any]) -> str | None:
    """Who a side credits, as one line; every credit of its sentence with its cue when they name several speakers
    ("South Korea (accused); Pyongyang and Moscow (denied by)"), or when the sentence names a speaker none of
    whose phrases carries its main claim ("Syrian National Coalition (said)": inside a clause, after a list of
    figures). A credit that names no one shows how the claim came ("Security Council (said); unnamed sources
    (reports)" for "seeking clarity on reports suggesting that ..."). None when the sentence credits no one."""
    credits = side.get("credits") or []
    primary = _credit_or_unnamed(side.get("attribution"))
    if len({_credit_or_unnamed(c) for c in credits}) > 1 or (credits and not primary):
        return "; ".join(f"{credit_text(c)} ({c['cue']})" if credit_text(c) and c.get("cue") else _credit_or_unnamed(c)
                         for c in credits if _credit_or_unnamed(c)) or None
    return primary


def _credit_or_unnamed(att: dict[str, Any] | None) -> str | None:
    """`credit_text`, or for a credit that names no one but says how the claim came ("reports", "reportedly"):
    "unnamed sources (reports)"."""
    return credit_text(att) or (f"unnamed sources ({att['cue']})" if att and att.get("cue") else None)


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
        "copies": [{"side": c.side, "source": c.source, "sentence_index": c.sentence_index, "exact": c.exact}
                   for c in finding.copies],
        "verdict": None,  # an analyst's verdict, filled in by `run --verdicts` (see verdicts.apply_verdicts)
    }


def report_to_dict(report: ReportData, *, generated_at: str | None = None) -> dict[str, Any]:
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


def story_summaries(report: ReportData) -> list[dict[str, Any]]:
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


def check_output(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """`path` as a `Path`, once it is known that an output can be written there; else `ContradictionsError`.

    Called before a run's analysis (so a missing or read-only folder is reported at once) and again at the write.
    Refuses a folder, a file the user made (unless `force`), and a folder that is missing or not writable.
    """
    if not isinstance(path, (str, os.PathLike)) or "\0" in os.fspath(path):
        raise ContradictionsError(f"an output path must be a file name, not {path!r:.60}")
    target = Path(path)
    if target.is_dir():
        raise ContradictionsError(f"{target} is a folder; give a file name for the output")
    if target.exists() and not force and not is_own_output(target):
        raise ContradictionsError(
            f"{target} exists and was not written by contradictions; refusing to overwrite it (use --force)"
        )
    parent = target.parent  # Path("x").parent is Path(".")
    if not parent.is_dir():
        raise ContradictionsError(f"cannot write {target}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ContradictionsError(f"cannot write {target}: folder {parent} is not writable")
    return target


def check_outputs(outputs: dict[str, str | os.PathLike[str] | None], *, force: bool = False) -> None:
    """Check every output path before a run (`check_output`); two outputs named on one path are refused.

    `outputs` maps how each output was asked for ("--json") to its path, or None when it was not asked for.
    """
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        check_output(path, force=force)
        key = Path(path).resolve()
        if key in seen:
            raise ContradictionsError(f"{seen[key]} and {option} name the same file ({path}); give each its own")
        seen[key] = option


_TEMPORARY = ".{name}.{pid}."  # + mkstemp's 8 random characters + ".tmp": the writer's pid names its leftovers
_OLD_TEMPORARY_SECONDS = 3600  # leftovers named without a pid (written before pids were in the name)


def _writer_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, but someone else's
        return True
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files an interrupted write of `target` left beside it (its writer is gone); returns them.

    Each write goes through `.NAME.PID.XXXXXXXX.tmp`; a `kill -9` mid-write leaves that file behind. Files of a
    writer still running (a concurrent run) are left alone.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp")
    removed = []
    try:
        candidates = list(target.parent.iterdir())
    except OSError:
        return removed
    for candidate in candidates:
        match = pattern.fullmatch(candidate.name)
        if match is None:
            continue
        try:
            stale = (not _writer_alive(int(match.group(1))) if match.group(1)
                     else time.time() - candidate.stat().st_mtime > _OLD_TEMPORARY_SECONDS)
            if stale:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


def atomic_write_text(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write `text` to `path` via a temporary file and a rename, refusing to replace a file the user made.

    Raises `ContradictionsError` (naming `path`, never the temporary file) when it cannot be written.
    """
    target = check_output(path, force=force)
    remove_stale_temporaries(target)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=_TEMPORARY.format(name=target.name, pid=os.getpid()), suffix=".tmp",
                                   dir=target.parent)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an export should get the usual permissions
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as err:
        _discard(tmp)
        raise ContradictionsError(f"cannot write {target}: {err.strerror or err}") from None
    except BaseException:
        _discard(tmp)
        raise
    return target


def _discard(tmp: str | None) -> None:
    if tmp is not None:
        Path(tmp).unlink(missing_ok=True)


def write_json(data: dict[str, Any], path: str | os.PathLike[str], *, force: bool = False) -> Path:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return atomic_write_text(path, text, force=force)


FRAME_COLUMNS = [
    "id", "kind", "relation", "label", "score", "similarity", "explanation",
    "source_a", "span_a", "sentence_a", "source_b", "span_b", "sentence_b",
]


def copies_text(copies: list[dict[str, Any]]) -> str:
    """The other articles carrying a side, for a reader: "nna (word for word), manar (reworded)"."""
    return ", ".join(f"{c['source']} ({'word for word' if c.get('exact', True) else 'reworded'})" for c in copies)


def findings_frame(data: dict[str, Any]):
    """One row per finding, in rank order, with both sides flattened (`source_a`, `span_a`, ...; `copies_a`: the
    other sources carrying side a's sentence word for word)."""
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
            row[f"copies_{side}"] = [c["source"] for c in f.get("copies") or () if c["side"] == side]
        rows.append(row)
    columns = FRAME_COLUMNS + [f"{k}_{s}" for s in ("a", "b") for k in ("low", "high", "counts", "credited", "copies")]
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

"""Analyst verdicts on findings: an append-only store, stratified samples to review, and precision.

The verdicts file is JSON Lines, one record per verdict, appended as each is given and never rewritten:
``{"id", "verdict", "note", "at", "kind", "score", "tool"}``. The last record for an id wins, so judging a
finding again only appends. Review state lives here, apart from the pipeline.
"""

from __future__ import annotations

import json
import math
import os
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from contradictions.model import ContradictionsError
from contradictions.version import __version__

VERDICTS = ("confirmed", "dismissed", "unsure")
BANDS = ((0.0, 0.4, "0.0-0.4"), (0.4, 0.7, "0.4-0.7"), (0.7, 1.0, "0.7-1.0"))
TARGET_PRECISION = 0.9
MIN_DECIDED = 5

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Verdict:
    """An analyst's judgement of one finding: confirmed, dismissed or unsure, with an optional note."""

    id: str
    verdict: str
    note: str | None = None
    at: str = ""
    kind: str | None = None
    score: float | None = None
    tool: str = f"contradictions {__version__}"

    @classmethod
    def now(cls, finding: Mapping[str, Any], verdict: str, note: str | None = None) -> Verdict:
        """A verdict on `finding` (a finding dict of the JSON export) given now, in UTC."""
        at = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
        return cls(id=finding["id"], verdict=verdict, note=note or None, at=at,
                   kind=finding.get("kind"), score=finding.get("score"))


def default_verdicts_path(findings_path: str | os.PathLike[str]) -> Path:
    """Where a review of FINDINGS.json keeps its verdicts: FINDINGS.verdicts.jsonl beside it."""
    return Path(findings_path).with_suffix(".verdicts.jsonl")


def _record(line: str) -> Verdict | None:
    try:
        raw = json.loads(line)
    except ValueError:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or raw.get("verdict") not in VERDICTS:
        return None
    score = raw.get("score")
    return Verdict(
        id=raw["id"], verdict=raw["verdict"], note=raw.get("note") if isinstance(raw.get("note"), str) else None,
        at=str(raw.get("at") or ""), kind=raw.get("kind") if isinstance(raw.get("kind"), str) else None,
        score=float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None,
        tool=str(raw.get("tool") or ""),
    )


_RECORD_START = '{"id": "'  # how every record `append_verdict` writes begins


def _cut_short(line: str) -> bool:
    """Whether `line` can be the start of a record `append_verdict` was writing when it was cut short."""
    return line.startswith(_RECORD_START) or _RECORD_START.startswith(line)


def load_verdicts(path: str | os.PathLike[str], warn: Warn | None = None, *, missing_ok: bool = True
                  ) -> dict[str, Verdict]:
    """The latest verdict per finding id in the verdicts file at `path` (empty when it doesn't exist yet).

    A torn last line (an append cut short) and any line that is not a verdict are skipped with a warning;
    a file in which no line is a verdict is refused, so nothing is ever appended to someone else's file.
    """
    target = Path(path)
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return {}
        raise ContradictionsError(f"no such verdicts file: {target}") from None
    except OSError as err:
        raise ContradictionsError(f"cannot read verdicts file {target}: {err.strerror or err}") from None
    lines = raw.decode("utf-8", "replace").split("\n")
    torn = lines.pop()  # text after the last newline: "" unless the last append was cut short
    latest: dict[str, Verdict] = {}
    bad = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = _record(line)
        if record is None:
            bad.append(number)
        else:
            latest[record.id] = record
    last = _record(torn) if torn.strip() else None
    if last is not None:  # complete but for its newline; the next append adds one first
        latest[last.id] = last
    if not latest and (bad or (torn.strip() and not _cut_short(torn))):
        where = f"line {bad[0]}" if bad else "its last line"
        raise ContradictionsError(f"{target} is not a verdicts file ({where} is not a verdict record)")
    if bad and warn:
        shown = ", ".join(map(str, bad[:5])) + (" ..." if len(bad) > 5 else "")
        warn(f"{target}: skipped {len(bad)} line(s) that are not verdict records (line {shown})")
    if torn.strip() and last is None and warn:
        warn(f"{target}: ignored an incomplete last line (a verdict cut short): {torn[:60]!r}")
    return latest


def append_verdict(path: str | os.PathLike[str], verdict: Verdict) -> None:
    """Append one verdict to the file at `path` durably: one write of a whole line, then fsync.

    The file is opened for appending only; when it doesn't end with a newline (a torn last line) the record
    starts on a fresh line, so the earlier lines stay intact whatever happened before.
    """
    target = Path(path)
    line = json.dumps(asdict(verdict), ensure_ascii=False) + "\n"
    created = not target.exists()
    try:
        fd = os.open(target, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
    except OSError as err:
        raise ContradictionsError(f"cannot write verdicts file {target}: {err.strerror or err}") from None
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = "\n" + line
        data = line.encode("utf-8")
        while data:
            data = data[os.write(fd, data):]
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:  # make the new file's name durable too
        try:
            dir_fd = os.open(target.parent if str(target.parent) else ".", os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            pass


def report_verdicts(verdicts: Mapping[str, Verdict]) -> dict[str, dict[str, Any]]:
    """Verdicts in the shape the terminal and HTML renderers take: id -> {"verdict", "note", "time"}."""
    return {key: {"verdict": v.verdict, "note": v.note, "time": v.at} for key, v in verdicts.items()}


def apply_verdicts(data: dict[str, Any], verdicts: Mapping[str, Verdict], hide_dismissed: bool = False,
                   *, top: int | None = None) -> dict[str, Any]:
    """A copy of the view model with each finding's analyst verdict (`"verdict"`, null when none).

    `hide_dismissed` leaves out the findings an analyst dismissed (and recounts the summary); `top` then
    keeps at most that many, so `--top 5 --hide-dismissed` still shows five.
    """
    findings = [dict(f, verdict=verdicts[f["id"]].verdict if f["id"] in verdicts else None)
                for f in data["findings"]]
    if hide_dismissed:
        findings = [f for f in findings if f["verdict"] != "dismissed"]
    if top is not None:
        findings = findings[:top]
        data = dict(data, settings=dict(data.get("settings") or {}, top=top))
    by_kind: dict[str, int] = defaultdict(int)
    for f in findings:
        by_kind[f["kind"]] += 1
    summary = dict(data["summary"], findings=len(findings), by_kind=dict(sorted(by_kind.items())))
    return dict(data, summary=summary, findings=findings)


# --- findings files --------------------------------------------------------------------------------------


def load_findings(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A FINDINGS.json written by `contradictions run --json`, checked enough to review it safely."""
    from contradictions.report.view import SCHEMA_VERSION

    target = Path(path)
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContradictionsError(f"no such findings file: {target}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ContradictionsError(f"cannot read findings file {target}: {getattr(err, 'strerror', None) or err}"
                                  ) from None
    try:
        data = json.loads(text)
    except ValueError as err:
        raise ContradictionsError(f"{target} is not JSON ({err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list) or "schema" not in data:
        raise ContradictionsError(f"{target} is not a contradictions findings file (no schema and findings)")
    schema = data["schema"]
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise ContradictionsError(f"{target} has an unknown schema version: {schema!r}")
    if schema > SCHEMA_VERSION:
        raise ContradictionsError(f"{target} uses schema {schema}, newer than this contradictions reads "
                                  f"(up to {SCHEMA_VERSION}); upgrade contradictions")
    for number, f in enumerate(data["findings"], start=1):
        ok = isinstance(f, dict) and isinstance(f.get("id"), str) and isinstance(f.get("kind"), str)
        ok = ok and isinstance(f.get("score"), (int, float)) and all(
            isinstance(f.get(k), dict) and isinstance(f[k].get("sentence"), str) and "source" in f[k]
            for k in ("a", "b"))
        if not ok:
            raise ContradictionsError(f"{target}: finding {number} lacks an id, kind, score or both sides")
    if not isinstance(data.get("sources", []), list):
        raise ContradictionsError(f"{target}: 'sources' is not a list")
    return data


# --- sampling --------------------------------------------------------------------------------------------


def score_band(score: float | None) -> str | None:
    """The score band a score falls in: "0.0-0.4", "0.4-0.7" or "0.7-1.0" (None for no score)."""
    if score is None:
        return None
    for low, high, name in BANDS:
        if score < high:
            return name
    return BANDS[-1][2] if score >= BANDS[-1][0] else None


def stratified_sample(findings: list[dict[str, Any]], n: int, seed: int = 0) -> list[dict[str, Any]]:
    """A reproducible random sample of `n` findings, stratified by kind × score band.

    Proportional allocation, but every non-empty stratum gets at least one when `n` is at least the number
    of strata. Returned highest score first (ties by id), the order the report ranks them in.
    """
    if n >= len(findings):
        return sorted(findings, key=lambda f: (-f["score"], f["id"]))
    strata: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        strata[(f["kind"], score_band(f["score"]) or "")].append(f)
    keys = sorted(strata)
    quota = {k: n * len(strata[k]) / len(findings) for k in keys}
    take = {k: 1 if n >= len(keys) else 0 for k in keys}
    while sum(take.values()) < n:  # largest shortfall against the proportional quota first
        open_keys = [k for k in keys if take[k] < len(strata[k])]
        take[max(open_keys, key=lambda k: (quota[k] - take[k], len(strata[k])))] += 1
    rng = random.Random(seed)
    chosen = []
    for k in keys:
        chosen += rng.sample(sorted(strata[k], key=lambda f: f["id"]), take[k])
    return sorted(chosen, key=lambda f: (-f["score"], f["id"]))


# --- precision -------------------------------------------------------------------------------------------


def _judged(verdicts: Mapping[str, Verdict] | Iterable[Verdict], findings: Mapping[str, Any] | None
            ) -> list[tuple[str, str | None, float | None]]:
    """(verdict, kind, score) per judged finding; kind and score from `findings` when it lists the id."""
    records = list(verdicts.values()) if isinstance(verdicts, Mapping) else list(verdicts)
    known = {f["id"]: f for f in (findings or {}).get("findings", [])}
    out = []
    for v in records:
        f = known.get(v.id, {})
        out.append((v.verdict, f.get("kind", v.kind), f.get("score", v.score)))
    return out


def _precision(confirmed: int, dismissed: int) -> float:
    return confirmed / (confirmed + dismissed) if confirmed + dismissed else math.nan


def precision_table(verdicts: Mapping[str, Verdict] | Iterable[Verdict], findings: Mapping[str, Any] | None = None):
    """Precision (confirmed / (confirmed + dismissed)) overall, per kind and per score band, as a DataFrame.

    Columns: group ("all", "kind", "band"), value, reviewed, confirmed, dismissed, unsure, precision (NaN
    when nothing in the row was decided). `findings` is a FINDINGS.json dict that supplies kind and score.
    """
    import pandas as pd

    judged = _judged(verdicts, findings)
    groups: dict[tuple[str, str], dict[str, int]] = {("all", "all"): defaultdict(int)}
    for name in sorted({kind or "unknown" for _, kind, _ in judged}):
        groups[("kind", name)] = defaultdict(int)
    for _, _, name in BANDS:
        groups[("band", name)] = defaultdict(int)
    for verdict, kind, score in judged:
        for key in (("all", "all"), ("kind", kind or "unknown"), ("band", score_band(score) or "no score")):
            groups.setdefault(key, defaultdict(int))[verdict] += 1
    rows = []
    for (group, value), counts in groups.items():
        c, d, u = counts["confirmed"], counts["dismissed"], counts["unsure"]
        rows.append({"group": group, "value": value, "reviewed": c + d + u, "confirmed": c, "dismissed": d,
                     "unsure": u, "precision": _precision(c, d)})
    return pd.DataFrame(rows, columns=["group", "value", "reviewed", "confirmed", "dismissed", "unsure",
                                       "precision"])


def precision_curve(verdicts: Mapping[str, Verdict] | Iterable[Verdict], findings: Mapping[str, Any] | None = None
                    ) -> list[tuple[float, float, int]]:
    """(threshold, precision, decided) for each distinct score of a decided finding, highest first.

    Each row is the precision over the decided findings scoring at or above that threshold.
    """
    decided = sorted(((score, verdict) for verdict, _, score in _judged(verdicts, findings)
                      if verdict != "unsure" and score is not None), reverse=True)
    curve: list[tuple[float, float, int]] = []
    confirmed = 0
    for i, (score, verdict) in enumerate(decided):
        confirmed += verdict == "confirmed"
        if i + 1 == len(decided) or decided[i + 1][0] != score:
            curve.append((score, confirmed / (i + 1), i + 1))
    return curve


def precision_threshold(verdicts: Mapping[str, Verdict] | Iterable[Verdict], findings: Mapping[str, Any] | None = None,
                        *, target: float = TARGET_PRECISION, min_decided: int = MIN_DECIDED) -> float | None:
    """The lowest score at and above which reviewed findings reach `target` precision, or None if none does.

    Only thresholds with at least `min_decided` confirmed or dismissed findings at or above them count, so
    a single lucky verdict does not set it. This is the `--min-score` that keeps precision at the target.
    """
    passing = [t for t, precision, n in precision_curve(verdicts, findings) if n >= min_decided
               and precision >= target - 1e-12]
    return min(passing) if passing else None

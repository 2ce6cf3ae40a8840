"""Numeric judgement on labelled sentence pairs: precision, recall and F1 of "these two figures contradict".

    .venv/bin/python benchmarks/quality.py                      # both sets in ../shared/dev (about 3 minutes)
    .venv/bin/python benchmarks/quality.py --limit 300          # a quick look
    .venv/bin/python benchmarks/quality.py --errors /tmp/q.csv  # every error, for reading

Each labelled pair (premise, hypothesis) becomes a two-source corpus run through `contradictions.analyze`; the
pair is predicted a contradiction when a numeric finding scores at least 0.5 (the threshold is also scanned for
the best F1). Sets, from `../shared/dev/` (its README): `equate-stresstest-dev.csv` (labels entailment, neutral,
contradiction: one figure changed or wrapped in "more/less than") and `equate-rte-quant.csv` (news-style pairs
with no contradiction: every flagged pair is a false alarm).

Each error is put in one class, the first that fits, after the figures that differ between the two sentences
(pattern reading, `quantities.find_figures`, in order of appearance):
  dropped    the figure that differs was not read on one side (a unit, an age, a fraction, a number word ...)
  bounds     the figures that differ share a number and differ by a hedge ("more than 25" vs "25")
  alignment  a finding set figures against each other that are not counterparts, or the sentences hold several
             figures and the differing ones were not compared
  gate       the differing figures were read on both sides but not compared (not taken as the same measure)
  other      anything else (e.g. a labelled contradiction between identifiers, which are not figures)
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line  # noqa: E402

import contradictions  # noqa: E402
from contradictions.embed.onnx import load_fast_encoder  # noqa: E402
from contradictions.extract.numbers import find_figures
from contradictions.settings import Settings  # noqa: E402

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev"
THRESHOLD = 0.5


def read_pairs(path: Path, limit: int | None) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows[:limit] if limit else rows


def numeric_findings(premise: str, hypothesis: str, encoder, settings: Settings):
    report = contradictions.analyze({"a": premise, "b": hypothesis}, settings=settings, encoder=encoder)
    return [f for f in report.findings if f.kind == "numeric"]


def _figures(text: str) -> list[tuple[str, int, int]]:
    return [(text[f.start : f.end], f.start, f.end) for f in find_figures(text)]


def _number(span: str) -> str:
    import re

    return " ".join(re.findall(r"\d[\d,.]*|[a-z]+", span.lower().split("than")[-1]))


def error_class(premise: str, hypothesis: str, findings, predicted: bool) -> str:
    """The error's class (module docstring), from the figures that differ between the two sentences."""
    fa, fb = _figures(premise), _figures(hypothesis)
    ta, tb = [f[0] for f in fa], [f[0] for f in fb]
    diff_a = [f for f in fa if f[0] not in tb]
    diff_b = [f for f in fb if f[0] not in ta]
    if not diff_a and not diff_b:
        return "dropped" if not predicted else "other"
    if len(fa) != len(fb) or not diff_a or not diff_b:
        return "dropped"
    if any(_number(x[0]) == _number(y[0]) for x in diff_a for y in diff_b):
        return "bounds"
    if predicted:
        strong = [f for f in findings if f.score >= THRESHOLD]
        differing = {(x[1], y[1]) for x in diff_a for y in diff_b}
        if any((f.a.span_start, f.b.span_start) not in differing for f in strong):
            return "alignment"
        return "other"
    if len(fa) > 1:
        compared = {(f.a.span_start, f.b.span_start) for f in findings}
        if not compared & {(x[1], y[1]) for x in diff_a for y in diff_b}:
            return "alignment" if findings else "gate"
    return "gate"


def evaluate(rows, encoder, settings: Settings, errors: list[dict], set_name: str) -> dict:
    scores, labels = [], []
    classes: Counter[str] = Counter()
    for row in rows:
        findings = numeric_findings(row["premise"], row["hypothesis"], encoder, settings)
        top = max((f.score for f in findings), default=0.0)
        scores.append(top)
        gold = row["label"] == "contradiction"
        labels.append(gold)
        predicted = top >= THRESHOLD
        if predicted != gold:
            cls = error_class(row["premise"], row["hypothesis"], findings, predicted)
            classes[("false alarm " if predicted else "missed ") + cls] += 1
            best = max(findings, key=lambda f: f.score, default=None)
            errors.append({
                "set": set_name, "label": row["label"], "predicted": "contradiction" if predicted else "none",
                "class": cls, "score": f"{top:.3f}", "premise": row["premise"], "hypothesis": row["hypothesis"],
                "finding": best.explanation if best else "",
            })
    return {"scores": scores, "labels": labels, "classes": classes}


def prf(scores: list[float], labels: list[bool], threshold: float) -> tuple[float, float, float]:
    tp = sum(s >= threshold and g for s, g in zip(scores, labels))
    fp = sum(s >= threshold and not g for s, g in zip(scores, labels))
    fn = sum(s < threshold and g for s, g in zip(scores, labels))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEV, help="folder holding the labelled CSV files")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pairs of each set")
    parser.add_argument("--errors", type=Path, default=None, help="write every error to this CSV")
    args = parser.parse_args()
    print(machine_line())
    print(f"contradictions {contradictions.__version__}; predicted contradiction = a numeric finding >= {THRESHOLD}")
    encoder = load_fast_encoder()
    settings = Settings(progress=False, cache=False, stories=False, all_sentences=True)
    errors: list[dict] = []
    started = time.perf_counter()
    stress = evaluate(read_pairs(args.data / "equate-stresstest-dev.csv", args.limit), encoder, settings, errors,
                      "stresstest")
    p, r, f1 = prf(stress["scores"], stress["labels"], THRESHOLD)
    n = len(stress["labels"])
    print(f"\nequate-stresstest-dev.csv: {n} pairs, {sum(stress['labels'])} contradictions")
    print(f"  at {THRESHOLD}: precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    best = max((prf(stress["scores"], stress["labels"], t) + (t,) for t in [x / 100 for x in range(5, 100, 5)]),
               key=lambda x: x[2])
    print(f"  best threshold {best[3]:.2f}: precision {best[0]:.3f}  recall {best[1]:.3f}  F1 {best[2]:.3f}")
    negatives = [s for s, g in zip(stress["scores"], stress["labels"]) if not g]
    print(f"  false alarms on its entailment+neutral pairs: {sum(s >= THRESHOLD for s in negatives)} of "
          f"{len(negatives)} ({sum(s >= THRESHOLD for s in negatives) / max(1, len(negatives)):.1%})")
    rte = evaluate(read_pairs(args.data / "equate-rte-quant.csv", args.limit), encoder, settings, errors, "rte-quant")
    alarms = sum(s >= THRESHOLD for s in rte["scores"])
    print(f"\nequate-rte-quant.csv: {len(rte['scores'])} pairs, none a contradiction")
    print(f"  false alarms at {THRESHOLD}: {alarms} ({alarms / max(1, len(rte['scores'])):.1%})")
    print("\nerrors by class:")
    for name, classes in (("stresstest", stress["classes"]), ("rte-quant", rte["classes"])):
        for cls, count in sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {name:10} {cls:24} {count}")
    print(f"\n{time.perf_counter() - started:.1f} s")
    if args.errors:
        with args.errors.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(errors[0]) if errors else ["set"])
            writer.writeheader()
            writer.writerows(errors)
        print(f"{len(errors)} errors written to {args.errors}")


if __name__ == "__main__":
    main()

"""Same event or not, on real text: do findings pair two reports of one incident, and do stories hold one incident?

    .venv/bin/python benchmarks/events.py                       # ../shared/dev/fa-kes-dev.csv (a few minutes)
    .venv/bin/python benchmarks/events.py --findings /tmp/f.csv # every finding with its two articles' labels
    .venv/bin/python benchmarks/events.py --label-stories       # stories set to the labelled incidents (a ceiling)
    .venv/bin/python benchmarks/events.py --threshold 0.35 --top-k 16   # wider pairing (more candidates)

The feed is run through `contradictions.analyze` as a user would run it (`contradictions run fa-kes-dev.csv`):
the tool reads `id, outlet, title, text` and never the label columns `label_event_date` and `label_event_place`,
which this script reads afterwards. Two articles report the same incident when both labels are equal.

Prints: findings, how many (and what share) pair two reports of one labelled incident, by kind and among the top
20 and 50; the stories' B-cubed precision, recall and F1 against the labelled incidents (each article an item; an
article in no story is a story of its own).

`--label-stories` hands the run stories made from the labels (one story per labelled incident) instead of grouping
them itself: not something the tool can do, but it shows what grouping costs: the findings the tool's extraction
and pairing would make if every story were exactly one incident.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line  # noqa: E402

import contradictions  # noqa: E402
import contradictions.engine.run as engine_run  # noqa: E402
from contradictions.model import Source  # noqa: E402
from contradictions.settings import Settings  # noqa: E402

FEED = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "fa-kes-dev.csv"


def incident_labels(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["id"]: (row["label_event_date"], row["label_event_place"]) for row in csv.DictReader(handle)}


def bcubed(clusters: dict[str, object], truth: dict[str, object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of `clusters` (item -> cluster) against `truth` (item -> class)."""
    by_cluster, by_class = defaultdict(set), defaultdict(set)
    for item in truth:
        by_cluster[clusters.get(item, ("alone", item))].add(item)
        by_class[truth[item]].add(item)
    precision = recall = 0.0
    for item in truth:
        cluster, cls = by_cluster[clusters.get(item, ("alone", item))], by_class[truth[item]]
        both = len(cluster & cls)
        precision += both / len(cluster)
        recall += both / len(cls)
    precision, recall = precision / len(truth), recall / len(truth)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def labelled_stories(labels: Mapping[str, tuple[str, str]]):
    """A stand-in for `group_stories` that makes one story per labelled incident, numbered in source-id order."""

    def group(sources: Sequence[Source], *_args: object, **_kwargs: object) -> dict[str, int]:
        number: dict[tuple[str, str] | str, int] = {}
        return {s.id: number.setdefault(labels.get(s.id, s.id), len(number) + 1) for s in sorted(sources, key=lambda s: s.id)}

    return group


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feed", type=Path, default=FEED, help="the labelled feed (CSV)")
    parser.add_argument("--findings", type=Path, default=None, help="write every finding with its labels to this CSV")
    parser.add_argument("--label-stories", action="store_true",
                        help="stories from the labelled incidents instead of the tool's grouping (a ceiling)")
    parser.add_argument("--threshold", type=float, default=Settings.threshold,
                        help="lowest cosine at which two sentences are compared (default %(default)s)")
    parser.add_argument("--top-k", type=int, default=Settings.top_k,
                        help="most-similar sentences each sentence is compared with (default %(default)s)")
    args = parser.parse_args()
    print(machine_line())
    labels = incident_labels(args.feed)
    if args.label_stories:
        engine_run.group_stories = labelled_stories(labels)
    started = time.perf_counter()
    report = contradictions.analyze(args.feed, settings=Settings(progress=False, threshold=args.threshold,
                                                                            top_k=args.top_k))
    elapsed = time.perf_counter() - started
    same = [labels.get(f.a.source) == labels.get(f.b.source) and f.a.source in labels for f in report.findings]
    n = len(report.findings)
    print(f"\n{args.feed.name}: {len(report.sources)} sources, {n} findings ({elapsed:.1f} s)")
    print(f"  pairing two reports of one labelled incident: {sum(same)} ({sum(same) / max(1, n):.1%})")
    for top in (20, 50):
        print(f"  among the top {top}: {sum(same[:top])} of {min(top, n)}")
    kinds = Counter(f.kind for f in report.findings)
    for kind, count in sorted(kinds.items()):
        hits = sum(s for s, f in zip(same, report.findings) if f.kind == kind)
        print(f"  {kind:12} {hits} of {count}")
    pairs = [(a, b) for f in report.findings
             for a in [f.a.source] + [c.source for c in f.copies if c.side == "a"]
             for b in [f.b.source] + [c.source for c in f.copies if c.side == "b"]]
    same_pairs = sum(a in labels and labels.get(a) == labels.get(b) for a, b in pairs)
    print(f"  article pairs they cover (with wire copies): {len(pairs)}, of one labelled incident: {same_pairs}")
    outlets = {s.id: s.outlet for s in report.sources}
    same_outlet = sum(outlets.get(f.a.source) == outlets.get(f.b.source) for f in report.findings)
    print(f"  both sides from one outlet: {same_outlet}")
    p, r, f1 = bcubed(report.stories, labels)
    print(f"\nstories: {len(set(report.stories.values()))}; B-cubed precision {p:.2f}, recall {r:.2f}, F1 {f1:.2f}")
    incidents = Counter(labels.values())
    print(f"labelled incidents: {len(incidents)}, {sum(c > 1 for c in incidents.values())} reported by 2+ articles")
    if args.findings:
        with args.findings.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["rank", "id", "kind", "relation", "score", "same_incident", "a", "b", "label_a", "label_b",
                             "explanation"])
            for rank, (f, s) in enumerate(zip(report.findings, same), start=1):
                writer.writerow([rank, f.id, f.kind, f.relation, f.score, s, f.a.source, f.b.source,
                                 labels.get(f.a.source), labels.get(f.b.source), f.explanation])
        print(f"findings written to {args.findings}")


if __name__ == "__main__":
    main()

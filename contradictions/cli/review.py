"""The `review` and `stats` commands: an analyst's spot-check of a FINDINGS.json, and the precision it shows.

Like the rest of the CLI these only parse options and call the library (`review.py`, `verdicts.py`).
"""

from __future__ import annotations

import argparse
import math

from rich.table import Table
from rich.text import Text

from contradictions.cli.options import fraction, positive_int, warner
from contradictions.review.verdicts import MIN_DECIDED, TARGET_PRECISION

REVIEW_EPILOG = """\
keys: c confirm · d dismiss · u unsure · n note · s skip · b back · p paragraph · q quit · ? help

examples:
  contradictions run seeds --json findings.json
  contradictions review findings.json                  # verdicts go to findings.verdicts.jsonl
  contradictions review findings.json --sample 30 --seed 1
  contradictions review findings.json --kind numeric --min-score 0.5
  contradictions review findings.json --all            # judge again the ones already judged

Each verdict is appended to the verdicts file the moment it is given; quitting (or a crash) loses
nothing, and the next review resumes with the findings not judged yet."""

STATS_EPILOG = """\
examples:
  contradictions stats findings.verdicts.jsonl
  contradictions stats findings.verdicts.jsonl --findings findings.json

precision = confirmed / (confirmed + dismissed); unsure verdicts are counted but not in precision."""


def register(commands) -> None:
    """Add the `review` and `stats` subcommands to the CLI's subparsers."""
    review = commands.add_parser(
        "review", help="spot-check findings one at a time and record a verdict on each",
        description="Show the findings of FINDINGS.json (written by `run --json`) one at a time, both sentences "
        "side by side, and record a verdict on each with one key. Verdicts are appended to a JSON Lines file "
        "as they are given; a later review resumes where this one stopped.",
        epilog=REVIEW_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    review.add_argument("findings", metavar="FINDINGS.json", help="a findings file written by `run --json`")
    review.add_argument("--verdicts", metavar="FILE",
                        help="the verdicts file to append to (default: FINDINGS.verdicts.jsonl beside FINDINGS.json)")
    review.add_argument("--sample", type=positive_int, metavar="N",
                        help="review a random sample of N findings, stratified by kind and score band")
    review.add_argument("--seed", type=int, default=0, metavar="S",
                        help="random seed for --sample (default 0; the same seed draws the same sample)")
    review.add_argument("--kind", action="append", metavar="K",
                        help="review only findings of this kind (numeric, attribution, assertion); repeatable")
    review.add_argument("--min-score", type=fraction, default=0.0, metavar="X",
                        help="review only findings scoring at least X (0-1; default 0)")
    review.add_argument("--all", action="store_true",
                        help="also show findings that already have a verdict (a new verdict replaces the old)")
    review.set_defaults(func=_review)

    stats = commands.add_parser(
        "stats", help="precision of the findings from the analyst's verdicts",
        description="Precision of reviewed findings per kind and per score band, and the lowest score at "
        f"and above which precision reaches {TARGET_PRECISION:.0%} (over at least {MIN_DECIDED} decided findings).",
        epilog=STATS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    stats.add_argument("verdicts", metavar="VERDICTS", help="a verdicts file written by `review`")
    stats.add_argument("--findings", metavar="FINDINGS.json",
                       help="take each finding's kind and score from this findings file instead of the verdicts")
    stats.set_defaults(func=_stats)


def _review(args: argparse.Namespace, console, err_console) -> int:
    from contradictions.review.session import ReviewSession, key_reader, select_findings
    from contradictions.review.verdicts import default_verdicts_path, load_findings, load_verdicts

    data = load_findings(args.findings)
    path = args.verdicts or default_verdicts_path(args.findings)
    judged = load_verdicts(path, warn=warner(err_console))
    chosen = select_findings(data, kinds=args.kind, min_score=args.min_score, sample=args.sample, seed=args.seed)
    queue = chosen if args.all else [f for f in chosen if f["id"] not in judged]
    if len(queue) < len(chosen):
        console.print(f"{len(chosen) - len(queue)} of {len(chosen)} selected finding(s) already judged; "
                      "skipping them (--all to include them)", style="dim")
    keys = key_reader()
    try:
        ReviewSession(console, keys, data, queue, path, judged).run()
    finally:
        getattr(keys, "close", lambda: None)()
    return 0


def _stats(args: argparse.Namespace, console, err_console) -> int:
    from contradictions.model import ContradictionsError
    from contradictions.review.verdicts import (
        load_findings,
        load_verdicts,
        precision_curve,
        precision_table,
        precision_threshold,
    )

    verdicts = load_verdicts(args.verdicts, warn=warner(err_console), missing_ok=False)
    if not verdicts:
        raise ContradictionsError(f"{args.verdicts} holds no verdicts yet")
    findings = load_findings(args.findings) if args.findings else None
    frame = precision_table(verdicts, findings)
    console.print(precision_view(frame))
    if findings is not None:
        missing = len(set(verdicts) - {f["id"] for f in findings["findings"]})
        if missing:
            console.print(f"{missing} verdict(s) are for findings not in {args.findings}; "
                          "their kind and score come from the verdicts file", style="dim")
    threshold = precision_threshold(verdicts, findings)
    if threshold is None:
        console.print(f"{TARGET_PRECISION:.0%} precision: not reached (at any score threshold with at least "
                      f"{MIN_DECIDED} decided findings)")
    else:
        precision, decided = next((p, n) for t, p, n in precision_curve(verdicts, findings) if t == threshold)
        console.print(f"{TARGET_PRECISION:.0%} precision: reached at score ≥ {threshold:.2f} "
                      f"({precision:.0%} of {decided} decided findings)")
    return 0


def precision_view(frame) -> Table:
    """The precision DataFrame as a rich table, a section per grouping (all, kind, score band)."""
    table = Table(title="precision of reviewed findings", title_justify="left", header_style="bold")
    for column in ("group", "", "reviewed", "confirmed", "dismissed", "unsure", "precision"):
        table.add_column(column, justify="left" if column in ("group", "") else "right")
    last = None
    for row in frame.itertuples(index=False):
        precision = "—" if math.isnan(row.precision) else f"{row.precision:.0%}"
        group = Text(row.group if row.group != last else "", style="bold")
        if last is not None and row.group != last:
            table.add_section()
        last = row.group
        table.add_row(group, row.value, str(row.reviewed), str(row.confirmed), str(row.dismissed),
                      str(row.unsure), precision)
    return table

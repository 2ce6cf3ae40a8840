"""The command line: a thin layer over the Python API. Errors become one line and a non-zero exit."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from contradictions.cli.options import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    Parser,
    count,
    fraction,
    positive_int,
    warner,
)
from contradictions.cli.review import register
from contradictions.model import ContradictionsError
from contradictions.settings import ENGINES, Settings
from contradictions.version import __version__
from contradictions.weights import CORPUS

DEFAULTS = Settings()  # the CLI's defaults and the defaults its help names are the Python API's
SHOW = 50  # findings printed in the terminal by default: a day's feed can have thousands

DESCRIPTION = """\
Find where news sources reporting the same event disagree. Point it at a folder of articles
(one .txt or .md file or saved .html page per source; the file name is the source id) or at
feeds (.jsonl, .csv or .parquet, one article per row) and it shows, side by side, the figures
the sources disagree on, ranked by score, each with both sentences and a reason."""

RUN_EPILOG = """\
examples:
  contradictions run seeds
  contradictions run seeds --top 5 --json findings.json --html report.html
  contradictions run a.txt b.txt c.md --min-score 0.3 --model ./my-sbert-model
  contradictions run saved-pages/ feed.jsonl
  contradictions run export.csv --columns text=body,outlet=publication

exit status: 0 ok, 2 bad input or usage, 1 unexpected failure, 130 interrupted."""


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="contradictions", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"contradictions {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    run = commands.add_parser(
        "run", help="find disagreements between the sources in PATH... and print them",
        description="Find disagreements between sources and print them side by side, highest score first.",
        epilog=RUN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("paths", nargs="+", metavar="PATH",
                     help="folders or files of articles: .txt/.md text, .html/.htm saved web pages, "
                     ".jsonl/.ndjson/.csv/.parquet feeds with one article per row (columns: source, title, date, "
                     "url, text; id optional)")
    run.add_argument("--columns", metavar="MAP",
                     help="for feeds whose columns are named otherwise: FIELD=COLUMN pairs separated by commas, "
                     "e.g. text=body,outlet=publication (fields: id, source/outlet, title, date, url, text)")
    run.add_argument("--json", metavar="FILE", help="also write the findings as JSON (schema: docs/json.md)")
    run.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    run.add_argument("--top", type=positive_int, metavar="N", help="show and export at most N findings")
    run.add_argument("--show", type=count, default=SHOW, metavar="N",
                     help=f"print at most N findings in the terminal (default {SHOW}; 0: all), and above 20 "
                     "sources list only those findings' sources; --json and --html keep every finding")
    run.add_argument("--min-score", type=fraction, default=DEFAULTS.min_score, metavar="X",
                     help=f"leave out findings scoring below X (0-1; default {DEFAULTS.min_score:g})")
    run.add_argument("--threshold", type=fraction, default=DEFAULTS.threshold, metavar="X",
                     help="lowest sentence similarity (cosine) at which sentences are compared "
                     f"(default {DEFAULTS.threshold:g})")
    run.add_argument("--top-k", type=positive_int, default=DEFAULTS.top_k, metavar="K",
                     help="compare each sentence with its K most similar sentences in other sources "
                     f"(default {DEFAULTS.top_k})")
    run.add_argument("--model", metavar="PATH",
                     help="a local sentence-transformers model folder (default: the packaged all-MiniLM-L6-v2)")
    run.add_argument("--aliases", metavar="FILE", help="extra name aliases (JSON) merged over the packaged table")
    run.add_argument("--nli-model", metavar="PATH",
                     help="a local sentence-transformers CrossEncoder trained for NLI: its contradiction probability "
                     "for each finding is shown and nudges the score (default: none)")
    run.add_argument("--fast", action=argparse.BooleanOptionalAction, default=DEFAULTS.fast,
                     help="embed with an int8 ONNX export of the model (prepared once, kept in the cache folder); "
                     f"--no-fast uses the plain sentence-transformers torch path (default: {'--fast' if DEFAULTS.fast else '--no-fast'})")
    run.add_argument("--stories", action=argparse.BooleanOptionalAction, default=DEFAULTS.stories,
                     help="group articles into stories and pair sentences only within a story "
                     f"(default: on above {CORPUS.stories_above} sources)")
    checkable = run.add_mutually_exclusive_group()
    checkable.add_argument("--all-sentences", dest="all_sentences", action="store_const", const=True, default=DEFAULTS.all_sentences,
                           help=f"embed and compare every sentence (the default up to {CORPUS.all_sentences_up_to} sources)")
    checkable.add_argument("--checkable-only", dest="all_sentences", action="store_const", const=False,
                           help="embed and compare only sentences stating a figure, an attribution, a quote or a "
                           f"denial or confirmation (the default above {CORPUS.all_sentences_up_to} sources; about 30%% fewer to embed)")
    run.add_argument("--engine", choices=ENGINES, default=DEFAULTS.engine,
                     help="where the steps run: local (this process, the default) or dask (a Dask cluster: "
                     "articles prepared in partitions on the workers, each story scored as one task; "
                     "needs pip install 'contradictions[dask]')")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 "
                     "(default: start a local cluster for this run)")
    run.add_argument("--workers", type=positive_int, metavar="N",
                     help="with --engine dask and no --scheduler: workers in the local cluster (default: one a core)")
    run.add_argument("--no-cache", action="store_true",
                     help="embed and parse every sentence afresh and leave the caches untouched")
    run.add_argument("--force", action="store_true",
                     help="replace --json/--html files even if they were not written by contradictions")
    run.add_argument("--quiet", action="store_true", help="print nothing but errors (use with --json/--html)")
    run.add_argument("--verdicts", metavar="FILE",
                     help="mark findings an analyst already judged with `review` (a verdicts .jsonl file)")
    run.add_argument("--hide-dismissed", action="store_true",
                     help="leave out findings dismissed in the --verdicts file")
    run.set_defaults(func=_run)

    cache = commands.add_parser(
        "cache", help="show or clear the embedding and extraction caches",
        description="Show where the caches are and what they hold, or clear them: sentence vectors (one file per "
        "model) and what each sentence states, its figures, claims and attributions (one file per extraction "
        "fingerprint: the extraction code, its data files, spaCy and the alias table). The caches live in "
        "$XDG_CACHE_HOME/contradictions (default ~/.cache/contradictions).",
    )
    cache.add_argument("--clear", action="store_true",
                       help="delete the cached vectors of every model and every cached extraction result")
    cache.set_defaults(func=_cache)

    register(commands)
    return parser


def _cache(args: argparse.Namespace, console, err_console) -> int:
    from contradictions.embed.cache import (
        EXTRACTION_FOLDER,
        cache_entries,
        clear_cache,
        default_cache_dir,
        extraction_entries,
    )

    folder = default_cache_dir()
    if args.clear:
        removed = clear_cache(folder) if folder.is_dir() else 0
        console.print(f"cleared the embedding and extraction caches in {folder} ({removed} file(s) removed)",
                      highlight=False)
        return 0
    for title, where, entries, what in (
        ("embedding cache", folder, cache_entries(folder) if folder.is_dir() else [], "sentence vectors"),
        ("extraction cache", folder / EXTRACTION_FOLDER, extraction_entries(folder) if folder.is_dir() else [],
         "sentence results"),
    ):
        console.print(f"{title}: {where}", highlight=False)
        if not entries:
            console.print("  empty", highlight=False)
        for entry in entries:
            console.print(f"  {entry.model}: {entry.vectors} {what}, {entry.bytes / 2**20:.1f} MiB", highlight=False)
    return 0


def embedding_line(report) -> str:
    """How many sentences were compared, and how many of those the model embedded rather than the cache."""
    compared = report.sentences_compared
    embedded = report.embedded or 0
    head = f"{compared} of {len(report.sentences)} sentences compared (the others state no figure, attribution, " \
        "quote or denial); " if compared < len(report.sentences) else ""
    return f"{head}{embedded} embedded, {compared - embedded} from the cache"


def _run(args: argparse.Namespace, console, err_console) -> int:
    from contradictions.engine.run import analyze
    from contradictions.io.formats import parse_columns
    from contradictions.report import terminal
    from contradictions.report.view import check_outputs
    from contradictions.review.verdicts import apply_verdicts, load_verdicts, report_verdicts

    if args.hide_dismissed and not args.verdicts:
        raise ContradictionsError("--hide-dismissed needs --verdicts FILE")
    warn = warner(err_console)
    check_outputs({"--json": args.json, "--html": args.html}, force=args.force)  # before the analysis, not after
    columns = parse_columns(args.columns) if args.columns is not None else None
    verdicts = load_verdicts(args.verdicts, warn=warn, missing_ok=False) if args.verdicts else {}
    top = None if args.hide_dismissed else args.top  # hide first, then keep the top N
    settings = Settings(
        model=args.model, threshold=args.threshold, top_k=args.top_k, min_score=args.min_score, top=top,
        aliases=args.aliases, nli_model=args.nli_model, fast=args.fast, stories=args.stories,
        all_sentences=args.all_sentences,
        progress=not args.quiet and err_console.is_terminal, cache=not args.no_cache,
        engine=args.engine, scheduler=args.scheduler, workers=args.workers,
    )
    report = analyze(args.paths, settings=settings, console=err_console, warn=warn, columns=columns)
    data = apply_verdicts(report.to_dict(), verdicts, args.hide_dismissed,
                          top=args.top if args.hide_dismissed else None)
    if args.json:
        from contradictions.report.view import write_json

        write_json(data, args.json, force=args.force)
    if args.html:
        from contradictions.report.html import write_html

        write_html(data, args.html, verdicts=report_verdicts(verdicts), force=args.force)
    if not args.quiet:
        terminal.render(console, data, verdicts=report_verdicts(verdicts), show=args.show or None)
        console.print(embedding_line(report), style="dim", highlight=False)
        for label, path in (("JSON", args.json), ("HTML", args.html)):
            if path:
                console.print(f"{label} written to {path}", highlight=False)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from rich.console import Console

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    console = Console(highlight=False)
    err_console = Console(stderr=True, highlight=False)
    try:
        return args.func(args, console, err_console)
    except ContradictionsError as err:
        err_console.print(f"contradictions: error: {err}", highlight=False, markup=False, soft_wrap=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        err_console.print("contradictions: interrupted", highlight=False, markup=False, soft_wrap=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as err:  # never a traceback for the user; CONTRADICTIONS_DEBUG=1 shows it
        if os.environ.get("CONTRADICTIONS_DEBUG"):
            raise
        err_console.print(
            f"contradictions: internal error: {type(err).__name__}: {err} (set CONTRADICTIONS_DEBUG=1 for details)",
            highlight=False, markup=False, soft_wrap=True,
        )
        return EXIT_FAILURE

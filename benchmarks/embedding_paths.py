"""Embedding paths side by side, in one run, on one generated corpus of real-length articles.

    .venv/bin/python benchmarks/embedding_paths.py            # full: 1,000 articles (about 6 minutes idle)
    .venv/bin/python benchmarks/embedding_paths.py --quick    # 150 articles (about a minute)
    .venv/bin/python benchmarks/embedding_paths.py --feed ../shared/dev/fa-kes-dev.csv   # real text (409 reports)
    options: --articles N --events E --distinct (every sentence unique: no saving from embedding a text once)

Measures: sentences/s of the default sentence-transformers (torch) path and of the int8 ONNX path, both called
as `embed()` calls them on every sentence of the corpus; the one-time ONNX preparation (fresh interpreter, fresh
folder); whole cold runs of `analyze` in fresh interpreters (imports, model load, fresh embedding cache):
the CLI's two engines (`--no-fast`: torch; `--fast`, the default: ONNX int8, with its one-time export already
in the cache folder, as after a first run), and a warm rerun of the default path with that run's caches (same
finding ids?); and whether the findings on seeds/ are the same on each path.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SEEDS, generate  # noqa: E402
from machine import machine_line  # noqa: E402

import contradictions  # noqa: E402
from contradictions.embed.encoders import SentenceTransformerEncoder, embed  # noqa: E402
from contradictions.embed.onnx import RUN_BATCH, OnnxInt8Encoder  # noqa: E402
from contradictions.extract.sentences import split_sources  # noqa: E402
from contradictions.io.load import load_sources  # noqa: E402
from contradictions.settings import Settings  # noqa: E402

LOAD = {
    "torch": "from contradictions.embed.encoders import SentenceTransformerEncoder as E; e = E()",
    "onnx-int8": "from contradictions.embed.onnx import OnnxInt8Encoder as E; e = E(cache_dir={prepared!r})",
}
RUN = ("import contradictions; from contradictions.settings import Settings; "
       "r = contradictions.analyze({corpus!r}, settings=Settings(progress=False, fast={fast}, cache_dir={cache!r})); "
       "import hashlib; ids = hashlib.sha1(' '.join(sorted(f.id for f in r.findings)).encode()).hexdigest()[:10]; "
       "print(len(r.sentences), len(r.findings), r.embedded, ids)")


def timed_python(code: str) -> tuple[float, str]:
    """Wall seconds of a fresh interpreter running `code` (start-up and imports included), and what it printed."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - started, out.strip()


def finding_keys(report) -> list[tuple[str, str, str]]:
    return sorted((f.id, f.kind, f.relation) for f in report.findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="150 articles instead of 1,000")
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--distinct", action="store_true", help="make every sentence unique")
    parser.add_argument("--feed", type=Path, default=None, help="a real feed or folder instead of a generated corpus")
    args = parser.parse_args()
    articles = args.articles or (150 if args.quick else 1000)
    print(machine_line())
    with tempfile.TemporaryDirectory(prefix="embedding-paths-") as tmp:
        run(Path(tmp), articles, args.events, args.distinct, args.feed)
    print(f"\nat the end: {machine_line().split('; ')[-1]}")


def run(tmp: Path, articles: int, events: int, distinct: bool, feed: Path | None = None) -> None:
    corpus, prepared = (feed.resolve() if feed else tmp / "corpus"), tmp / "prepared"
    if feed is None:
        generate(corpus, articles, events=events, distinct=distinct)
    sources = load_sources(corpus)
    texts = [s.text for s in split_sources(sources)]
    what = f"{feed.name}: {len(sources)} articles" if feed else f"{articles} generated articles over {events} events"
    print(f"corpus: {what}, {len(texts):,} sentences "
          f"({len(set(texts)):,} distinct), {np.mean([len(t) for t in texts]):.0f} characters on average\n")

    preparation, _ = timed_python(LOAD["onnx-int8"].format(prepared=str(prepared)))
    encoders = {"torch": SentenceTransformerEncoder(), "onnx-int8": OnnxInt8Encoder(cache_dir=prepared, batch_size=RUN_BATCH)}
    bare: dict[str, float] = {}
    for name, encoder in encoders.items():
        encoder.encode(texts[:32])
        started = time.perf_counter()
        embed(texts, encoder, batch_size=64)
        bare[name] = time.perf_counter() - started
    baseline = bare["torch"]
    print("| path | sentences embedded | seconds | sentences/s | vs torch |")
    print("|---|---|---|---|---|")
    for name, seconds in bare.items():
        print(f"| {name}, every sentence, in process | {len(texts):,} | {seconds:.1f} | {len(texts) / seconds:.0f} | "
              f"{baseline / seconds:.2f}× |")
    print(f"\none-time ONNX preparation (export + fusion + int8 quantisation, fresh interpreter): {preparation:.1f} s")

    print(f"\nwhole cold `analyze` in a fresh interpreter, fresh embedding cache; target: at most a third of the "
          f"torch bare embedding ({baseline:.1f} s / 3 = {baseline / 3:.1f} s)\n")
    print("| path | run s | share of torch bare embedding | sentences | findings | embedded by the model | ids |")
    print("|---|---|---|---|---|---|---|")
    runs = (("torch (--no-fast), cold", False), ("onnx-int8 (--fast, the default), cold", True),
            ("onnx-int8 (--fast, the default), warm rerun", True))
    for name, fast in runs:
        cache = tmp / f"cache-{fast}"
        if fast and not cache.exists():  # the one-time export is excluded from "cold": made once per cache folder
            shutil.copytree(prepared / "models", cache / "models")
        seconds, out = timed_python(RUN.format(corpus=str(corpus), fast=fast, cache=str(cache)))
        n_sentences, n_findings, embedded, ids = out.split()
        print(f"| {name} | {seconds:.1f} | {seconds / baseline:.2f} | {n_sentences} | {n_findings} | {embedded} | "
              f"{ids} |", flush=True)

    print("\nfindings on seeds/ (ids, kinds, relations) against the default torch path:\n")
    print("| path | findings | same as torch | mean cosine with torch on seed sentences |")
    print("|---|---|---|---|")
    seed_texts = [s.text for s in split_sources(load_sources(SEEDS))]
    reference = encoders["torch"].encode(seed_texts)
    paths = {"torch": encoders["torch"], "onnx-int8": encoders["onnx-int8"]}
    expected = None
    for name, encoder in paths.items():
        keys = finding_keys(contradictions.analyze(SEEDS, encoder=encoder, settings=Settings(cache=False, progress=False)))
        expected = keys if expected is None else expected
        vectors = encoder.encode(seed_texts)
        kept = np.linalg.norm(vectors, axis=1) > 0
        cosine = float((vectors[kept] * reference[kept]).sum(axis=1).mean())
        print(f"| {name} | {len(keys)} | {'yes' if keys == expected else 'NO'} | {cosine:.4f} "
              f"({kept.sum()} of {len(seed_texts)} embedded) |")


if __name__ == "__main__":
    main()

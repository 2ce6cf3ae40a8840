"""Time and peak memory of each pipeline stage, on seeds/ and on generated corpora of growing size.

    .venv/bin/python benchmarks/stages.py [--sizes 100 300 1000] [--events 1]

Prints a Markdown table (the README's benchmark section is pasted from it). Peak memory is the highest
resident set size seen while the stage ran, above what the process held before it (sampled every 5 ms).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SEEDS, generate  # noqa: E402

from contradictions.embed import embed, load_encoder  # noqa: E402
from contradictions.load import load_sources  # noqa: E402
from contradictions.pairing import pair_sentences  # noqa: E402
from contradictions.quantities import extract_all, load_parser  # noqa: E402
from contradictions.scoring import score_pair  # noqa: E402
from contradictions.sentences import split_sources  # noqa: E402


class Peak:
    """Context manager measuring wall time and the peak RSS increase while it is open."""

    def __enter__(self):
        self.process = psutil.Process()
        self.base = self.peak = self.process.memory_info().rss
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        self.start = time.perf_counter()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.005)

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)
        self.mib = (self.peak - self.base) / 2**20


def run_stages(path: Path, encoder, nlp) -> dict[str, Peak]:
    stages: dict[str, Peak] = {}
    with Peak() as stages["load"]:
        sources = load_sources(path)
    with Peak() as stages["sentences"]:
        sentences = split_sources(sources)
    texts = [s.text for s in sentences]
    with Peak() as stages["quantities"]:
        quantities = extract_all(texts, nlp=nlp)
    with Peak() as stages["embed"]:
        vectors = embed(texts, encoder, batch_size=64)
    with Peak() as stages["pair"]:
        pairs = pair_sentences(vectors, np.array([s.source for s in sentences]))
    with Peak() as stages["score"]:
        findings = [f for p in pairs if quantities[p.a] and quantities[p.b]
                    for f in score_pair(sentences[p.a], sentences[p.b], quantities[p.a], quantities[p.b], p.similarity)]
    stages["_counts"] = (len(sources), len(sentences), len(pairs), len(findings))  # type: ignore[assignment]
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--events", type=int, default=1)
    args = parser.parse_args()
    with Peak() as model_load:
        encoder = load_encoder()
        nlp = load_parser()
        encoder.encode(["warm up"])
        list(nlp.pipe(["Warm up 3 soldiers."]))
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB; python {platform.python_version()}")
    print(f"model + parser load: {model_load.seconds:.1f} s, +{model_load.mib:.0f} MiB\n")
    names = ["load", "sentences", "quantities", "embed", "pair", "score"]
    print("| corpus | sources | sentences | pairs | findings | " + " | ".join(f"{n} s (MiB)" for n in names)
          + " | total s | sentences/s |")
    print("|" + "---|" * (len(names) + 7))
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [("seeds", SEEDS)]
        for size in args.sizes:
            folder = Path(tmp) / f"gen{size}"
            generate(folder, size, events=args.events)
            corpora.append((f"generated {size}", folder))
        for label, path in corpora:
            stages = run_stages(path, encoder, nlp)
            n_sources, n_sentences, n_pairs, n_findings = stages.pop("_counts")
            total = sum(p.seconds for p in stages.values())
            cells = " | ".join(f"{stages[n].seconds:.2f} ({stages[n].mib:.0f})" for n in names)
            print(f"| {label} | {n_sources} | {n_sentences} | {n_pairs} | {n_findings} | {cells} | {total:.1f} | "
                  f"{n_sentences / total:.0f} |", flush=True)


if __name__ == "__main__":
    main()

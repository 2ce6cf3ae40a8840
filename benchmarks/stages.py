"""Time and peak memory of each pipeline stage, end-to-end runs on seeds/, and stories on a mixed corpus.

    .venv/bin/python benchmarks/stages.py            # full: corpora of 100, 300, 1,000 articles (about 8 minutes)
    .venv/bin/python benchmarks/stages.py --quick    # 100 articles (about a minute)
    options: --sizes N ... --events E (events in the generated corpora, default 20)

Prints Markdown tables (the README's benchmark section is pasted from them). Peak memory is the highest
resident set size seen while the stage ran, above what the process held before it (sampled every 5 ms).
End to end on seeds/: `analyze` with the model already loaded, and whole cold runs in a fresh interpreter
(imports, model load, a fresh embedding cache), on the torch and the int8 ONNX path. Stories: the largest
corpus grouped into stories (`stories.group_stories`, with the generated publication dates) and paired within
them, against pairing across the whole corpus.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SEEDS, generate, published  # noqa: E402
from machine import machine_line  # noqa: E402

import contradictions  # noqa: E402
from contradictions.embed.encoders import embed, load_encoder  # noqa: E402
from contradictions.embed.pairing import pair_sentences  # noqa: E402
from contradictions.embed.stories import group_stories, story_members  # noqa: E402
from contradictions.extract.quantities import extract_all, load_parser  # noqa: E402
from contradictions.extract.sentences import split_sources  # noqa: E402
from contradictions.findings.numeric import score_pair  # noqa: E402
from contradictions.io.load import load_sources  # noqa: E402
from contradictions.settings import Settings  # noqa: E402


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


COLD = ("import contradictions; from contradictions.settings import Settings; {load}"
        "contradictions.analyze({seeds!r}, {encoder}settings=Settings(progress=False, cache_dir={cache!r}))")
ONNX = "from contradictions.embed.onnx import OnnxInt8Encoder; e = OnnxInt8Encoder(cache_dir={prepared!r}); "


def end_to_end(encoder, tmp: Path) -> None:
    """`analyze` on seeds/ with the model loaded, and cold in a fresh interpreter, on both embedding paths."""
    from contradictions.embed.onnx import OnnxInt8Encoder

    prepared = str(tmp / "prepared")
    fast = OnnxInt8Encoder(cache_dir=prepared)  # the one-time preparation, outside every timing below
    print("\n| seeds/ end to end | torch s | onnx-int8 s |")
    print("|---|---|---|")
    warm = {}
    for name, model in [("torch", encoder), ("onnx-int8", fast)]:
        contradictions.analyze(SEEDS, encoder=model, settings=Settings(cache=False, progress=False))
        with Peak() as warm[name]:
            contradictions.analyze(SEEDS, encoder=model, settings=Settings(cache=False, progress=False))
    print(f"| model loaded, embedding cache off | {warm['torch'].seconds:.2f} | {warm['onnx-int8'].seconds:.2f} |")
    cold = {}
    for name, load, passed in [("torch", "", ""), ("onnx-int8", ONNX.format(prepared=prepared), "encoder=e, ")]:
        code = COLD.format(load=load, encoder=passed, seeds=str(SEEDS), cache=str(tmp / f"cold-{name}"))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        cold[name] = time.perf_counter() - started
    print(f"| cold: fresh interpreter, imports, model load, fresh cache | {cold['torch']:.2f} | {cold['onnx-int8']:.2f} |")


def stories(path: Path, paths: list[Path], encoder) -> None:
    """Stories on a mixed corpus: how they match the generated events, and pairing within them."""
    sources = load_sources(path)
    sentences = split_sources(sources)
    texts = [s.text for s in sentences]
    distinct = sorted(set(texts))
    by_text = dict(zip(distinct, embed(distinct, encoder)))
    vectors = np.stack([by_text[t] for t in texts])
    owners = [s.source for s in sentences]
    with Peak() as grouping:
        story = group_stories(sources, vectors, owners, published=published(paths))
    with Peak() as within:
        pairs_within = [p for members in story_members(story).values()  # each story paired alone, as the engine does
                        for p in pair_sentences(vectors[np.isin(owners, members)], np.array(owners)[np.isin(owners, members)])]
    with Peak() as everywhere:
        pairs_all = pair_sentences(vectors, np.array(owners))
    event = {p.stem: p.stem.rsplit("event", 1)[1] for p in paths}
    mixed = sum(1 for s in set(story.values()) if len({event[k] for k in story if story[k] == s}) > 1)
    crossing = sum(1 for p in pairs_all if event[owners[p.a]] != event[owners[p.b]])
    print("\n| mixed corpus | sources | events | stories | stories mixing events | group s | pairs within stories "
          "(s) | pairs across the corpus (s) | of which across events |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {path.name} | {len(sources)} | {len(set(event.values()))} | {len(set(story.values()))} | {mixed} | "
          f"{grouping.seconds:.2f} | {len(pairs_within):,} ({within.seconds:.2f}) | {len(pairs_all):,} "
          f"({everywhere.seconds:.2f}) | {crossing:,} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one corpus of 100 articles")
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--events", type=int, default=20)
    args = parser.parse_args()
    sizes = args.sizes or ([100] if args.quick else [100, 300, 1000])
    with Peak() as model_load:
        encoder = load_encoder()
        nlp = load_parser()
        encoder.encode(["warm up"])
        list(nlp.pipe(["Warm up 3 soldiers."]))
    print(machine_line())
    print(f"model + parser load: {model_load.seconds:.1f} s, +{model_load.mib:.0f} MiB\n")
    names = ["load", "sentences", "quantities", "embed", "pair", "score"]
    print("| corpus | sources | sentences | pairs | findings | " + " | ".join(f"{n} s (MiB)" for n in names)
          + " | total s | sentences/s |")
    print("|" + "---|" * (len(names) + 7))
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [("seeds", SEEDS)]
        for size in sizes:
            folder = Path(tmp) / f"gen{size}"
            last = generate(folder, size, events=args.events)
            corpora.append((f"generated {size}", folder))
        for label, path in corpora:
            stages = run_stages(path, encoder, nlp)
            n_sources, n_sentences, n_pairs, n_findings = stages.pop("_counts")
            total = sum(p.seconds for p in stages.values())
            cells = " | ".join(f"{stages[n].seconds:.2f} ({stages[n].mib:.0f})" for n in names)
            print(f"| {label} | {n_sources} | {n_sentences} | {n_pairs} | {n_findings} | {cells} | {total:.1f} | "
                  f"{n_sentences / total:.0f} |", flush=True)
        end_to_end(encoder, Path(tmp))
        stories(corpora[-1][1], last, encoder)
        print("\nat the end: " + machine_line().split("; ")[-1])


if __name__ == "__main__":
    main()

"""The Dask engine on a generated feed: in process vs a local cluster of 1 and of 2 workers, and what crosses the network.

    .venv/bin/python benchmarks/dask_workers.py            # 5,000 articles over 100 events (about 25 minutes)
    .venv/bin/python benchmarks/dask_workers.py --quick    # 300 articles over 10 events (about 2 minutes)
    options: --articles N --events E --no-fast (torch instead of the int8 ONNX path)

Each run is a fresh interpreter (imports, cluster start, model load on each worker: all included) with a fresh
embedding cache (each partition embeds each of its distinct sentences once, as a first run on a new feed would);
the fast model's one-time export is made beforehand and copied into each run's cache folder.
Every worker has one thread. Also prints how many bytes of vectors reach the client (one per article) against
what the sentence vectors would be, and whether the runs' findings agree (ids; scores to 3 decimals).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate, published  # noqa: E402
from machine import machine_line  # noqa: E402

RUN = """
import json, sys
import contradictions
from contradictions.settings import Settings
if __name__ == "__main__":
    s = Settings(progress=False, fast={fast}, cache_dir={cache!r}, engine={engine!r}, workers={workers})
    r = contradictions.analyze({feed!r}, settings=s)
    json.dump({{"sentences": len(r.sentences), "pairs": r.pairs_compared, "stories": len(set(r.stories.values())),
               "findings": {{f.id: round(f.score, 3) for f in r.findings}}}}, sys.stdout)
"""


def write_feed(folder: Path, n: int, events: int) -> Path:
    paths = generate(folder / "articles", n, events=events)
    dates = published(paths)
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for i, path in enumerate(paths):
            row = {"id": path.stem, "source": f"outlet {i % 97}", "date": dates[path.stem],
                   "text": path.read_text(encoding="utf-8")}
            out.write(json.dumps(row) + "\n")
    return feed


def timed(code: str) -> tuple[float, dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(code)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, script.name], check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - started, json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--events", type=int, default=None)
    parser.add_argument("--no-fast", action="store_true")
    args = parser.parse_args()
    n = args.articles or (300 if args.quick else 5000)
    events = args.events or (10 if args.quick else 100)
    fast = not args.no_fast
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = write_feed(folder, n, events)
        prepared = folder / "prepared"
        if fast:  # the one-time export, outside the timings
            seeds = str(Path(__file__).resolve().parent.parent / "seeds")
            timed(RUN.format(fast=True, cache=str(prepared), engine="local", workers=None, feed=seeds))
        runs = {}
        for label, engine, workers in (("in process", "local", None), ("dask, 1 worker", "dask", 1),
                                       ("dask, 2 workers", "dask", 2)):
            cache = folder / f"cache-{engine}-{workers}"
            if fast:
                shutil.copytree(prepared / "models", cache / "models")
            seconds, result = timed(RUN.format(fast=fast, cache=str(cache), engine=engine, workers=workers, feed=str(feed)))
            runs[label] = (seconds, result)
            print(f"{label}: {seconds:.1f} s", flush=True)
        base = runs["in process"][1]
        print(f"\n{n:,} articles over {events} events, {base['sentences']:,} sentences, {base['stories']} stories, "
              f"{base['pairs']:,} pairs, {len(base['findings']):,} findings; {'int8 ONNX' if fast else 'torch'} path\n")
        print("| run | seconds | sentences/s | findings | same ids as in process | scores equal (3 decimals) |")
        print("|---|---|---|---|---|---|")
        for label, (seconds, result) in runs.items():
            same_ids = set(result["findings"]) == set(base["findings"])
            common = set(result["findings"]) & set(base["findings"])
            equal = sum(result["findings"][i] == base["findings"][i] for i in common)
            print(f"| {label} | {seconds:.1f} | {base['sentences'] / seconds:.0f} | {len(result['findings']):,} | "
                  f"{'yes' if same_ids else 'no'} | {equal:,} of {len(common):,} |")
        dims = 384
        print(f"\nvectors to the client: {n:,} article vectors = {n * dims * 4 / 2**20:.1f} MiB; the sentence vectors "
              f"would be {base['sentences'] * dims * 4 / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()

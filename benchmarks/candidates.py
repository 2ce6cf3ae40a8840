"""What the claim-key candidate pairs cost: cold runs of `analyze` with and without them, side by side, alternating.

    .venv/bin/python benchmarks/candidates.py              # 1,000 generated articles over 20 events, 2 rounds
    .venv/bin/python benchmarks/candidates.py --quick      # 150 articles, 1 round
    .venv/bin/python benchmarks/candidates.py --feed ../shared/dev/fa-kes-dev.csv

Beside the pairs of similar sentences, each denied or unconfirmed claim meets the most similar asserted claims of
other sources under the same claim key (`embed/candidates.py`). Each run is a fresh interpreter with a fresh
embedding and extraction cache (the one-time ONNX export made beforehand, as after a first run); "without" replaces
`candidate_pairs` by one that adds nothing. Prints seconds per run, the extra share, and the findings each adds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402
from machine import machine_line  # noqa: E402

RUN = (
    "import contradictions, json; from contradictions.settings import Settings\n"
    "if not {candidates}:\n"
    "    import contradictions.engine.score as score; score.candidate_pairs = lambda *args, **kwargs: []\n"
    "r = contradictions.analyze({corpus!r}, settings=Settings(progress=False, cache_dir={cache!r}))\n"
    "print(json.dumps({{'pairs': r.pairs_compared, 'findings': sorted(f.id + ' ' + f.kind for f in r.findings)}}))"
)
PREPARE = "from contradictions.embed.onnx import OnnxInt8Encoder; OnnxInt8Encoder(cache_dir={prepared!r})"


def timed(code: str) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - started, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="150 articles and one round")
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--feed", type=Path, default=None, help="a real feed or folder instead of a generated corpus")
    args = parser.parse_args()
    articles = args.articles or (150 if args.quick else 1000)
    rounds = args.rounds or (1 if args.quick else 2)
    print(machine_line())
    with tempfile.TemporaryDirectory(prefix="candidates-") as tmp:
        tmp = Path(tmp)
        corpus = args.feed.resolve() if args.feed else tmp / "corpus"
        if args.feed is None:
            generate(corpus, articles, events=args.events)
        print(f"corpus: {args.feed.name if args.feed else f'{articles} generated articles over {args.events} events'}")
        timed(PREPARE.format(prepared=str(tmp / "prepared")))
        seconds: dict[bool, list[float]] = {True: [], False: []}
        found: dict[bool, dict] = {}
        for k in range(rounds):
            for candidates in (False, True) if k % 2 == 0 else (True, False):
                cache = tmp / f"cache-{k}-{candidates}"
                shutil.copytree(tmp / "prepared" / "models", cache / "models")
                took, out = timed(RUN.format(candidates=candidates, corpus=str(corpus), cache=str(cache)))
                seconds[candidates].append(took)
                found[candidates] = json.loads(out)
                print(f"  round {k + 1}, {'with' if candidates else 'without'} candidate pairs: {took:.1f} s", flush=True)
    with_, without = statistics.median(seconds[True]), statistics.median(seconds[False])
    print("\n| run | median s | pairs compared | findings |\n|---|---|---|---|")
    for name, key, value in (("without candidate pairs", False, without), ("with (the default)", True, with_)):
        print(f"| {name} | {value:.1f} | {found[key]['pairs']:,} | {len(found[key]['findings'])} |")
    added = sorted(set(found[True]["findings"]) - set(found[False]["findings"]))
    print(f"\nextra time: {with_ - without:+.1f} s ({(with_ / without - 1) * 100:+.1f}%; goal: at most +20%)")
    kinds = Counter(a.split()[1] for a in added)
    print(f"findings only with candidate pairs: {len(added)} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items())) or 'none'})")
    print(f"at the end: {machine_line().split('; ')[-1]}")


if __name__ == "__main__":
    main()

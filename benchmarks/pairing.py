"""Pairing time and peak memory at 1k, 10k and 100k sentences.

    .venv/bin/python benchmarks/pairing.py            # full: 1k, 10k, 100k (about 8 minutes idle)
    .venv/bin/python benchmarks/pairing.py --quick    # 1k and 10k (seconds)
    options: --sizes N ... --profile (cProfile of the current pairing at the largest size)

Vectors are random unit vectors (384 dims), 20 sentences per source, source ids as strings (as the pipeline
passes them), threshold 0.2 (random vectors rarely reach the pipeline's 0.45). Memory must grow with n, not n².
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line  # noqa: E402
from stages import Peak  # noqa: E402

from contradictions.embed.pairing import pair_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only")
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--profile", action="store_true", help="cProfile the current pairing at the largest size")
    args = parser.parse_args()
    sizes = args.sizes or ([1000, 10000] if args.quick else [1000, 10000, 100000])
    print(machine_line())
    rng = np.random.default_rng(0)
    print("\n| sentences | vectors MiB | pairs | pair s | peak MiB above vectors | n×n float32 would be MiB |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        vectors = rng.normal(size=(n, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        groups = np.array([f"source-{i // 20:05d}" for i in range(n)])
        with Peak() as peak:
            pairs = pair_sentences(vectors, groups, top_k=8, threshold=0.2)
        print(f"| {n:,} | {vectors.nbytes / 2**20:.0f} | {len(pairs):,} | {peak.seconds:.2f} | {peak.mib:.0f} | "
              f"{n * n * 4 / 2**20:,.0f} |", flush=True)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        pair_sentences(vectors, groups, top_k=8, threshold=0.2)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(8)
        print(f"\ncProfile of the current pair_sentences at {n:,} sentences (by own time):\n")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:3000])


if __name__ == "__main__":
    main()

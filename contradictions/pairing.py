"""Pairing: each sentence with its most similar sentences in *other* sources, in chunks (never n x n)."""

from __future__ import annotations

import numpy as np

from .model import Pair

# At most this many similarity values are held at once (float32: 256 MiB), whatever chunk_size says.
MAX_BLOCK_VALUES = 64 * 1024 * 1024


def pair_sentences(
    vectors: np.ndarray,
    groups: np.ndarray,
    *,
    top_k: int = 8,
    threshold: float = 0.45,
    chunk_size: int = 2048,
    progress=None,
) -> list[Pair]:
    """Cross-source pairs among unit `vectors` whose cosine is at least `threshold`.

    `groups[i]` is the source of row i; rows of the same source are never paired. Each row keeps its
    `top_k` best partners; a pair found from both ends is returned once, as `Pair(a, b)` with a < b,
    sorted by (a, b). Memory is O(chunk x n), not O(n^2).
    """
    n = len(vectors)
    if n < 2:
        return []
    groups = np.asarray(groups)
    vectors = np.asarray(vectors, dtype=np.float32)
    k = min(top_k, n - 1)
    rows_per_chunk = max(1, min(chunk_size, MAX_BLOCK_VALUES // n))
    best: dict[tuple[int, int], float] = {}
    task = progress.add_task("Pairing sentences", total=n) if progress is not None and n > 20000 else None
    for begin in range(0, n, rows_per_chunk):
        end = min(n, begin + rows_per_chunk)
        sims = vectors[begin:end] @ vectors.T
        sims[groups[begin:end, None] == groups[None, :]] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n else np.argsort(-sims, axis=1)
        top_sims = np.take_along_axis(sims, top, axis=1)
        rows, cols = np.nonzero(top_sims >= threshold)
        for row, col in zip(rows.tolist(), cols.tolist()):
            i, j = begin + row, int(top[row, col])
            key = (i, j) if i < j else (j, i)
            if key not in best:
                best[key] = float(top_sims[row, col])
        if task is not None:
            progress.update(task, completed=end)
    return [Pair(a, b, min(1.0, sim)) for (a, b), sim in sorted(best.items())]

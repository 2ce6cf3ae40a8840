"""Pairing: each sentence with its most similar sentences in *other* sources, in chunks (never n x n)."""

from __future__ import annotations

import numpy as np

from contradictions.model import Pair

# At most this many similarity values are held at once (float32: 256 MiB), whatever chunk_size says.
MAX_BLOCK_VALUES = 64 * 1024 * 1024
# A chunk with more values above the threshold than this many per row and partner is ranked densely.
DENSE_PER_ROW = 8


def _sources_as_slices(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """An order that makes each source a contiguous run, each row's source number, and the runs' bounds."""
    order = np.argsort(groups, kind="stable")
    ordered = groups[order]
    first = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    run = np.cumsum(np.r_[False, ordered[1:] != ordered[:-1]])
    return order, run, first, np.r_[first[1:], len(groups)]


def _top_k_above(sims: np.ndarray, k: int, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, values) of each row's best `k` values that reach `threshold`."""
    above = sims >= threshold
    if int(above.sum()) > DENSE_PER_ROW * k * len(sims):  # most values qualify: partition every row
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < sims.shape[1] else np.argsort(-sims, axis=1)
        values = np.take_along_axis(sims, top, axis=1)
        rows, at = np.nonzero(values >= threshold)
        return rows, top[rows, at], values[rows, at]
    rows, cols = np.nonzero(above)  # usually few: rank only those
    values = sims[rows, cols]
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = rank < k
    return rows[keep], cols[keep], values[keep]


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
    sorted by (a, b). Memory is O(chunk x n), not O(n^2): rows are compared a chunk at a time, a source's
    own rows are masked as slices, and only values above the threshold are ranked.
    """
    n = len(vectors)
    if n < 2:
        return []
    order, run, first, last = _sources_as_slices(np.asarray(groups))
    vectors = np.asarray(vectors, dtype=np.float32)[order]
    k = min(top_k, n - 1)
    rows_per_chunk = max(1, min(chunk_size, MAX_BLOCK_VALUES // n))
    found_a, found_b, found_sim = [], [], []
    task = progress.add_task("Pairing sentences", total=n) if progress is not None and n > 20000 else None
    for begin in range(0, n, rows_per_chunk):
        end = min(n, begin + rows_per_chunk)
        sims = vectors[begin:end] @ vectors.T
        for source in range(run[begin], run[end - 1] + 1):
            lo, hi = first[source], last[source]
            sims[max(lo, begin) - begin : min(hi, end) - begin, lo:hi] = -np.inf
        rows, cols, values = _top_k_above(sims, k, threshold)
        i, j = order[rows + begin], order[cols]
        found_a.append(np.minimum(i, j))
        found_b.append(np.maximum(i, j))
        found_sim.append(values)
        if task is not None:
            progress.update(task, completed=end)
    a, b, sim = np.concatenate(found_a), np.concatenate(found_b), np.concatenate(found_sim)
    keys, at = np.unique(a.astype(np.int64) * n + b, return_index=True)  # sorted by (a, b); each pair once
    return [Pair(int(x), int(y), min(1.0, float(s))) for x, y, s in zip(keys // n, keys % n, sim[at])]

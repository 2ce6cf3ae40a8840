"""Pairing against brute force on random vectors: same pairs, same similarities, never within a source."""

from __future__ import annotations

import numpy as np
import pytest

from contradictions.embed.pairing import pair_sentences


def brute_force(vectors, groups, top_k, threshold):
    sims = vectors @ vectors.T
    n = len(vectors)
    found = {}
    for i in range(n):
        candidates = [(sims[i, j], j) for j in range(n) if groups[j] != groups[i]]
        candidates.sort(key=lambda c: -c[0])
        for sim, j in candidates[:top_k]:
            if sim >= threshold:
                found[(min(i, j), max(i, j))] = sim
    return found


@pytest.mark.parametrize("seed, n, dims, sources, top_k, threshold, chunk",
                         [(0, 200, 16, 7, 5, 0.3, 17), (1, 150, 8, 3, 3, 0.5, 1000), (2, 64, 4, 64, 10, -1.0, 5)])
def test_matches_brute_force(seed, n, dims, sources, top_k, threshold, chunk):
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, dims)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = rng.integers(0, sources, size=n)
    pairs = pair_sentences(vectors, groups, top_k=top_k, threshold=threshold, chunk_size=chunk)
    expected = brute_force(vectors, groups, top_k, threshold)
    assert {(p.a, p.b) for p in pairs} == set(expected)
    for p in pairs:
        assert p.a < p.b and groups[p.a] != groups[p.b]
        assert p.similarity == pytest.approx(expected[(p.a, p.b)], abs=1e-5)
    assert len(pairs) == len({(p.a, p.b) for p in pairs})


def test_one_source_gives_no_pairs():
    vectors = np.eye(4, dtype=np.float32)
    assert pair_sentences(vectors, np.zeros(4), top_k=3, threshold=-1) == []


def test_source_ids_as_strings_in_any_order_match_brute_force():
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(120, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = np.array([f"source-{g}" for g in rng.integers(0, 9, size=120)])
    for threshold in (0.6, -1.0):  # few values above the threshold, and all of them
        pairs = pair_sentences(vectors, groups, top_k=4, threshold=threshold, chunk_size=25)
        assert {(p.a, p.b) for p in pairs} == set(brute_force(vectors, groups, 4, threshold))

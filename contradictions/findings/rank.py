"""The order of findings: highest score first, each disagreement once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from contradictions.model import Copy, Finding, Side
from contradictions.weights import COPIES


def rank(findings: Iterable[Finding], min_score: float = 0.0, top: int | None = None) -> tuple[Finding, ...]:
    """Highest score first (ties by id, so the order is stable); below `min_score` left out, at most `top` kept."""
    kept = sorted((f for f in findings if f.score >= min_score), key=lambda f: (-f.score, f.id))
    return tuple(kept[:top] if top else kept)


def distinct_figures(findings: list[Finding]) -> list[Finding]:
    """The findings with each numeric disagreement once: two sources setting the same two figures against each other
    in several sentence pairs (a headline and its body, "50" in one and "at least 50" in another) give one
    finding, the best scored."""
    best: dict[tuple, Finding] = {}
    rest = []
    for f in findings:
        if f.kind != "numeric" or f.a.value is None or f.b.value is None:
            rest.append(f)
            continue
        key = tuple(sorted([(f.a.source, f.a.value.reference), (f.b.source, f.b.value.reference)], key=repr))
        if key not in best or (f.score, f.id) > (best[key].score, best[key].id):
            best[key] = f
    return rest + list(best.values())


def _words(sentence: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", sentence.casefold()))


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x | y else 1.0


def _sides_match(f: Finding, g: Finding) -> list[tuple[Side, Side]] | None:
    """g's sides matched to f's (same disputed words, sentences of one story), or None when they are another
    disagreement."""
    for pairs in ([(f.a, g.a), (f.b, g.b)], [(f.a, g.b), (f.b, g.a)]):
        if all(x.span.casefold() == y.span.casefold()
               and _overlap(_words(x.sentence), _words(y.sentence)) >= COPIES.overlap for x, y in pairs):
            return pairs
    return None


def wire_copies(findings: list[Finding]) -> list[Finding]:
    """The findings with each disagreement once where outlets run one wire story: findings of one kind and label
    whose sides hold the same disputed words in sentences of one story (word for word, or reworded with most words
    kept: `COPIES.overlap`) are one, the best scored, which lists the other articles carrying either side in
    `copies` ("six civilians" of a wire story in two outlets against an activist network's eight)."""
    buckets: dict[tuple, list[Finding]] = {}
    for f in findings:
        key = (f.kind, f.label, frozenset((f.a.span.casefold(), f.b.span.casefold())))
        buckets.setdefault(key, []).append(f)
    kept = []
    for bucket in buckets.values():
        groups: list[list[Finding]] = []
        for f in sorted(bucket, key=lambda f: (-f.score, f.id)):  # each group led by its best
            group = next((g for g in groups if _sides_match(g[0], f)), None)
            if group is None:
                groups.append([f])
            else:
                group.append(f)
        for best, *others in groups:
            copies = {}
            for other in others:
                for own, side in _sides_match(best, other):
                    if (side.source, side.sentence_index) != (own.source, own.sentence_index):
                        label = "a" if own is best.a else "b"
                        exact = _words(side.sentence) == _words(own.sentence)
                        copies.setdefault((label, side.source, side.sentence_index), exact)
            listed = tuple(Copy(label, source, index, exact) for (label, source, index), exact in sorted(copies.items()))
            kept.append(replace(best, copies=listed) if listed else best)
    return kept

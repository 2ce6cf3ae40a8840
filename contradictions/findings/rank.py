"""The order of findings: highest score first, each numeric disagreement once."""

from __future__ import annotations

from collections.abc import Iterable

from contradictions.model import Finding


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

"""Candidate pairs from what sentences state, not only from how alike they read.

Sentence similarity is the wrong key for a claim buried in a long sentence: "..., allegations denied by both
Pyongyang and Moscow" and "in April North Korea confirmed for the first time that it had sent soldiers" are about
one claim, yet each sentence carries other clauses and their cosine stays under the threshold. So the sentences
already parsed (those with a figure or a polarity cue, `assertion.parse_figures_and_claims`) are indexed by key:

- a claim by its verb class, object class and each actor through the alias table ("send"/"dispatch"/"deploy" are
  one class; "Pyongyang" is North Korea), and by verb and object alone when it names an object (an actor left
  implicit still matches, as `assertion` allows);
- a figure by its measure: unit, counted class, event class and scope ("troops deployed", "people killed").

For every negated or unconfirmed claim the few most similar asserted claims of other sources under one of its keys
become candidates (`CANDIDATES.per_key`), and for every figure the few most similar figures of other sources with
the same measure and another value. The fan-out is bounded per claim or figure, so the extra pairs grow with the
corpus, not with its square. A candidate is an ordinary pair: it passes the same frame gate and finders, with its
own cosine as its similarity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .aliases import AliasTable
from .claims_parse import Claim, ClaimInfo
from .model import Pair, Quantity
from .weights import CANDIDATES

OPPOSING = ("negated", "unconfirmed")


def claim_keys(claim: Claim, aliases: AliasTable) -> list[tuple[str, ...]]:
    """The keys a claim is indexed under: (verb class, object class, actor) for each actor, and (verb class,
    object class, "") when it names an object; an actorless claim without an object has no key."""
    obj = (claim.object_class or "").casefold()
    keys = [("claim", claim.verb_class, obj, aliases.resolve(actor).casefold()) for actor in claim.actors]
    if obj:
        keys.append(("claim", claim.verb_class, obj, ""))
    return keys


def measure_key(quantity: Quantity) -> tuple[str, ...] | None:
    """What a figure measures, as a key; None for a figure that names neither what it counts nor what happened."""
    if quantity.counts_class is None or quantity.event_class is None:
        return None
    return ("measure", quantity.unit or "", quantity.counts_class, quantity.event_class, quantity.scope)


def _best(vectors: np.ndarray, groups: np.ndarray, left: np.ndarray, right: np.ndarray, floor: float,
          per_row: int, known: set[tuple[int, int]], differ: np.ndarray | None = None) -> Iterable[tuple[int, int, float]]:
    """For each row in `left`, its `per_row` most similar rows in `right` of another source at `floor` or above,
    leaving out the pairs in `known` (already compared).

    `differ[i, j]` False also rules a pair out (two figures of the same value). Computed a block of rows at a time.
    """
    block = max(1, CANDIDATES.block_values // max(1, len(right)))
    for begin in range(0, len(left), block):
        rows = left[begin:begin + block]
        sims = vectors[rows] @ vectors[right].T
        sims[groups[rows][:, None] == groups[right][None, :]] = -np.inf
        if differ is not None:
            sims[~differ[begin:begin + block]] = -np.inf
        for r, row in enumerate(rows):
            chosen = 0
            for c in np.argsort(-sims[r]):
                if chosen == per_row or sims[r, c] < floor:
                    break
                if (min(row, right[c]), max(row, right[c])) not in known:
                    chosen += 1
                    yield int(row), int(right[c]), float(sims[r, c])


def candidate_pairs(
    rows: Sequence[int], groups: Sequence[str], vectors: np.ndarray, claims: Mapping[int, ClaimInfo],
    quantities: Sequence[list[Quantity]], aliases: AliasTable, known: Iterable[Pair] = (),
) -> list[Pair]:
    """Cross-source pairs of `rows` that share a claim key or a figure's measure (module docstring) and are not
    among the `known` pairs, as `Pair(a, b)` with a < b, sorted, each once. `groups[i]` is row i's source;
    `vectors` are unit vectors by row."""
    compared = set(int(i) for i in rows)
    opposing: dict[tuple, set[int]] = {}
    asserted: dict[tuple, set[int]] = {}
    figures: dict[tuple, list[tuple[int, float | None]]] = {}
    for i in sorted(compared):
        for claim in claims.get(i, ClaimInfo()).claims:
            side = opposing if claim.stance in OPPOSING else asserted if claim.stance == "asserted" else None
            if side is not None:
                for key in claim_keys(claim, aliases):
                    side.setdefault(key, set()).add(i)
        for q in quantities[i]:
            key = measure_key(q)
            if key is not None:
                figures.setdefault(key, []).append((i, q.value.reference))
    group_of = np.asarray(groups)
    seen = {(p.a, p.b) for p in known}
    found: dict[tuple[int, int], float] = {}

    def add(pairs: Iterable[tuple[int, int, float]]) -> None:
        for x, y, sim in pairs:
            found[(min(x, y), max(x, y))] = min(1.0, sim)

    for key, denied in opposing.items():
        if key in asserted:
            add(_best(vectors, group_of, np.array(sorted(denied)), np.array(sorted(asserted[key])),
                      CANDIDATES.claim_floor, CANDIDATES.per_key, seen))
    for entries in figures.values():
        if len(entries) > 1:
            at = np.array([i for i, _ in entries])
            values = np.array([np.nan if v is None else v for _, v in entries], dtype=float)
            known = ~np.isnan(values)
            differ = ~np.isclose(values[:, None], values[None, :]) & known[:, None] & known[None, :]
            add(_best(vectors, group_of, at, at, CANDIDATES.measure_floor, CANDIDATES.per_key, seen, differ))
    return [Pair(a, b, s) for (a, b), s in sorted(found.items()) if a != b]

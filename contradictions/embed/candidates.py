"""Candidate pairs from what sentences state, not only from how alike they read.

Sentence similarity is the wrong key for a claim buried in a long sentence: "..., allegations denied by both
Pyongyang and Moscow" and "in April North Korea confirmed for the first time that it had sent soldiers" are about
one claim, yet each sentence carries other clauses and their cosine stays under the threshold. So the sentences
already parsed (those with a figure or a polarity cue, `extract.parse.parse_figures_and_claims`) are indexed by key:

a claim by its verb class, object class and each actor through the alias table ("send"/"dispatch"/"deploy" are
one class; "Pyongyang" is North Korea), and by verb and object alone when it names an object (an actor left
implicit still matches, as `assertion` allows).

For every negated or unconfirmed claim the few most similar asserted claims of other sources under one of its keys,
not already paired, become candidates (`CANDIDATES.per_key`). The fan-out is bounded per claim, so the extra pairs
grow with the corpus, not with its square. A candidate is an ordinary pair: it passes the same frame gate and
finders, with its own cosine as its similarity. A plain sentence with neither a figure nor a cue is not parsed
ahead, so it is not indexed: the asserted side is a sentence that confirms, or states a figure.

Figures are not keyed by their measure: on fa-kes-dev, pairing each figure with the most similar figures of the
same counted noun and event ("people killed") added 13 numeric findings of which 2 paired one incident (the
similarity pairs: 40%). Without a place of its own a measure is too common a key in coverage of one war.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from contradictions.aliases import AliasTable
from contradictions.model import Claim, ClaimInfo, Pair
from contradictions.weights import CANDIDATES

OPPOSING = ("negated", "unconfirmed")


def claim_keys(claim: Claim, aliases: AliasTable) -> list[tuple[str, ...]]:
    """The keys a claim is indexed under: (verb class, object class, actor) for each actor, and (verb class,
    object class, "") when it names an object; an actorless claim without an object has no key."""
    obj = (claim.object_class or "").casefold()
    keys = [("claim", claim.verb_class, obj, aliases.resolve(actor).casefold()) for actor in claim.actors]
    if obj:
        keys.append(("claim", claim.verb_class, obj, ""))
    return keys


def _best(vectors: np.ndarray, groups: np.ndarray, left: np.ndarray, right: np.ndarray,
          known: set[tuple[int, int]]) -> Iterable[tuple[int, int, float]]:
    """For each row in `left`, its `CANDIDATES.per_key` most similar rows in `right` of another source, at
    `CANDIDATES.claim_floor` or above, leaving out the pairs in `known` (already compared). A block of rows at a
    time."""
    block = max(1, CANDIDATES.block_values // max(1, len(right)))
    for begin in range(0, len(left), block):
        rows = left[begin:begin + block]
        sims = vectors[rows] @ vectors[right].T
        sims[groups[rows][:, None] == groups[right][None, :]] = -np.inf
        for r, row in enumerate(rows):
            chosen = 0
            for c in np.argsort(-sims[r]):
                if chosen == CANDIDATES.per_key or sims[r, c] < CANDIDATES.claim_floor:
                    break
                if (min(row, right[c]), max(row, right[c])) not in known:
                    chosen += 1
                    yield int(row), int(right[c]), float(sims[r, c])


def candidate_pairs(
    rows: Sequence[int], groups: Sequence[str], vectors: np.ndarray, claims: Mapping[int, ClaimInfo],
    aliases: AliasTable, known: Iterable[Pair] = (),
) -> list[Pair]:
    """Cross-source pairs of `rows` whose claims share a key (module docstring), one side denying or doubting, and not
    among the `known` pairs, as `Pair(a, b)` with a < b, sorted, each once. `groups[i]` is row i's source;
    `vectors` are unit vectors by row."""
    compared = set(int(i) for i in rows)
    opposing: dict[tuple, set[int]] = {}
    asserted: dict[tuple, set[int]] = {}
    for i in sorted(compared):
        for claim in claims.get(i, ClaimInfo()).claims:
            side = opposing if claim.stance in OPPOSING else asserted if claim.stance == "asserted" else None
            if side is not None:
                for key in claim_keys(claim, aliases):
                    side.setdefault(key, set()).add(i)
    group_of = np.asarray(groups)
    seen = {(p.a, p.b) for p in known}
    found: dict[tuple[int, int], float] = {}

    for key, denied in opposing.items():
        if key in asserted:
            for x, y, sim in _best(vectors, group_of, np.array(sorted(denied)), np.array(sorted(asserted[key])), seen):
                found[(min(x, y), max(x, y))] = min(1.0, sim)
    return [Pair(a, b, s) for (a, b), s in sorted(found.items())]

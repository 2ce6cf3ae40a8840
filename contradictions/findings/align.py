"""Figure alignment: which figure of one sentence is the counterpart of which figure of the other.

Two reports of one event rarely state their figures in the same order or words, and a sentence often holds
several figures of one kind ("8 dead and about 60 hurt"). Setting each against each compares a death toll with
an injury count. So figures are first aligned one to one, by role, and only aligned figures are compared
(`findings.numeric.score_pair`); a figure left without a counterpart is no finding.

A pair of figures can be counterparts only when nothing rules it out: the same dimension (a count, a currency,
"%", a length, a duration, an age ...), the same scope (a part, "19 of the dead", is not the whole; a running
total, "since March", is not one incident), no two different counted nouns ("soldiers" vs "civilians") and no
two different events ("killed" vs "wounded"). Among those pairs, evidence that they play the same role:

- parallel position: the two sentences aligned word by word (figures as one placeholder token), the figures fall
  in the same matched stretch ("Ana scored # and Ben #" vs "Ana scored # and Ben #");
- the same counted noun or event class; the same words next to the figure;
- identical figures, which anchor the rest ("90" and "90").

The assignment maximising the total evidence (scipy's `linear_sum_assignment`) is kept, pair by pair, when the
evidence reaches `ALIGN.min_evidence`. Weights live in `weights.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
from scipy.optimize import linear_sum_assignment

from contradictions.lexicon import same_word, unit_dimension
from contradictions.model import Quantity
from contradictions.weights import ALIGN

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d[\d,.]*|\S")
_STOP = frozenset("the a an of and or to in on at by for with as is are was were be been has have had that this "
                  "its their his her it they he she".split())


@dataclass(frozen=True)
class Aligned:
    """Figure `i` of the first sentence is the counterpart of figure `j` of the second; `evidence` says how sure
    (at least `ALIGN.min_evidence`), `reasons` why, in words ("same place in parallel wording", "both count
    soldiers"); `parallel`: the two stand at matching places of the sentences' word-by-word alignment."""

    i: int
    j: int
    evidence: float
    reasons: tuple[str, ...]
    parallel: bool = False


def compatible(a: Quantity, b: Quantity, *, parallel: bool = False) -> str | None:
    """None when two figures may measure the same thing, else why not (for the explanation of a non-finding).

    `parallel`: the two figures stand at the same place in word-for-word parallel wording, so what the parse says
    of a part is the same role read twice: only the unit, the scope
    read from the words (a running total, a change, a rate), the unit and the words' own classes can still part them.
    """
    if unit_dimension(a.unit)[0] != unit_dimension(b.unit)[0]:
        return "different units"
    if a.counts_class and b.counts_class and a.counts_class != b.counts_class:
        return "different things counted"
    if a.event_class and b.event_class and a.event_class != b.event_class:
        return "different events"
    if not parallel and _one_sided_event(a, b) and not _same_value(a, b):
        return "one says what happened to them, the other does not"
    if {a.scope, b.scope} == {"total", "whole"}:
        whole = a if a.scope == "whole" else b
        return "a running total vs one day's figure" if whole.time and _ONE_DAY.search(whole.time) else None
    if parallel and "part" in (a.scope, b.scope) and {a.scope, b.scope} <= {"part", "whole"}:
        return None  # the parse read a part on one side of word-for-word parallel wording: the same role twice
    if a.scope != b.scope:
        return f"different scope ({a.scope} vs {b.scope})"
    if a.scope in ("part", "rate") and (a.part or "").casefold() != (b.part or "").casefold() and not parallel:
        return "different parts"
    if a.holder and b.holder and not any(same_word(x, y) for x in a.holder.split() for y in b.holder.split()):
        return f"different holders ({a.holder} vs {b.holder})"
    return None


# A time anchor that pins a figure to one day or night: such a figure is one incident's, not a running total.
_ONE_DAY = re.compile(r"(?i)\b(?:overnight|yesterday|today|tonight|this\s+(?:morning|afternoon|evening)|"
                      r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}\s+[a-z]{3,9}|[a-z]{3,9}\.?\s+\d{1,2}\b)")


def _one_sided_event(a: Quantity, b: Quantity) -> bool:
    """One figure says what happened to what it counts and the other says nothing: "some 20,000 people" under siege
    is not a toll of "400,000 people killed", nor are "20 other languages" the documents will be churned out in
    "21 official languages". (The caller keeps parallel wording and identical figures: the anchors.)"""
    return bool(a.event_class) != bool(b.event_class)


def _tokens(text: str, figures: list[Quantity]) -> tuple[list[str], list[int]]:
    """The sentence as lower-case tokens with each figure (hedge, number and unit) one placeholder; and the
    placeholder's token position for each figure."""
    tokens: list[str] = []
    where: list[int] = []
    cursor = 0
    for q in sorted(range(len(figures)), key=lambda k: figures[k].start):
        fig = figures[q]
        tokens += [t.lower() for t in _WORD.findall(text[cursor : fig.start])]
        where.append((q, len(tokens)))
        tokens.append("\x00#")
        cursor = fig.end
    tokens += [t.lower() for t in _WORD.findall(text[cursor:])]
    positions = [0] * len(figures)
    for q, pos in where:
        positions[q] = pos
    return tokens, positions


def _context(tokens: list[str], pos: int, width: int) -> tuple[set[str], str | None, str | None]:
    """Content words within `width` tokens of a figure, and its immediate neighbours."""
    left = [t for t in tokens[max(0, pos - width) : pos] if t.isalpha() and t not in _STOP]
    right = [t for t in tokens[pos + 1 : pos + 1 + width] if t.isalpha() and t not in _STOP]
    before = tokens[pos - 1] if pos > 0 else None
    after = tokens[pos + 1] if pos + 1 < len(tokens) else None
    return set(left) | set(right), before, after


def _parallel(tokens_a: list[str], tokens_b: list[str]) -> tuple[dict[int, int], bool]:
    """Token positions of the first sentence matched to the second's by a monotone alignment (difflib), kept only
    in matched stretches of at least `ALIGN.parallel_run` tokens (a lone placeholder matched is no evidence); and
    whether the two sentences are parallel as wholes (at least `ALIGN.parallel_share` of their tokens matched)."""
    matcher = SequenceMatcher(None, tokens_a, tokens_b, autojunk=False)
    mapping: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        if block.size < ALIGN.parallel_run:
            continue
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return mapping, matcher.ratio() >= ALIGN.parallel_share


def _same_value(a: Quantity, b: Quantity) -> bool:
    return a.value == b.value and a.hedge == b.hedge and a.unit == b.unit


def _evidence(a: Quantity, b: Quantity, ctx_a, ctx_b, parallel: bool, whole: bool) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    if parallel:
        score += ALIGN.parallel if whole else ALIGN.parallel_stretch
        reasons.append("same place in parallel wording" if whole else "same wording around it")
    if a.counts_class and a.counts_class == b.counts_class:
        score += ALIGN.counted
        reasons.append(f"both count {a.counts_class}")
    if a.event_class and a.event_class == b.event_class:
        score += ALIGN.event
        reasons.append(f"both {a.event or a.event_class}")
    if a.unit and unit_dimension(a.unit)[0] == unit_dimension(b.unit)[0]:
        score += ALIGN.unit
    words_a, before_a, after_a = ctx_a
    words_b, before_b, after_b = ctx_b
    union = words_a | words_b
    if union:
        overlap = len(words_a & words_b) / len(union)
        score += ALIGN.context * overlap
        if overlap >= 0.5 and not parallel:
            reasons.append("same words around it")
    if before_a and before_a == before_b and before_a.isalpha():
        score += ALIGN.neighbour
    if after_a and after_a == after_b and after_a.isalpha():
        score += ALIGN.neighbour
    if _same_value(a, b):
        score += ALIGN.identical
    return score, reasons


def align(text_a: str, text_b: str, qa: list[Quantity], qb: list[Quantity]) -> list[Aligned]:
    """The one-to-one counterparts among two sentences' figures (module docstring), in the first's order."""
    if not qa or not qb:
        return []
    tokens_a, pos_a = _tokens(text_a, qa)
    tokens_b, pos_b = _tokens(text_b, qb)
    mapping, whole = _parallel(tokens_a, tokens_b)
    ctx_a = [_context(tokens_a, p, ALIGN.window) for p in pos_a]
    ctx_b = [_context(tokens_b, p, ALIGN.window) for p in pos_b]
    evidence = np.full((len(qa), len(qb)), -1e6)
    reasons: dict[tuple[int, int], list[str]] = {}
    for i, a in enumerate(qa):
        for j, b in enumerate(qb):
            parallel = mapping.get(pos_a[i]) == pos_b[j]
            if compatible(a, b, parallel=parallel and whole) is not None:
                continue
            score, why = _evidence(a, b, ctx_a[i], ctx_b[j], parallel, whole)
            evidence[i, j] = score
            reasons[i, j] = why
    rows, cols = linear_sum_assignment(-evidence)
    return [Aligned(int(i), int(j), float(evidence[i, j]), tuple(reasons[i, j]), mapping.get(pos_a[i]) == pos_b[j])
            for i, j in sorted(zip(rows, cols)) if evidence[i, j] >= ALIGN.min_evidence]

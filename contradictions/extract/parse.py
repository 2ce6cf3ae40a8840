"""One spaCy parse for the sentences that need it: each sentence with a figure or a polarity cue is parsed once for
its quantities (`extract.quantities`) and its claims (`extract.claims`); sentences of pairs that need claims and
were not parsed on the way are parsed when the pair is compared (`claims_for_pairs`)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence

from contradictions.extract.claims import claims_of
from contradictions.extract.cues import has_polarity_cue
from contradictions.extract.numbers import has_figure
from contradictions.extract.quantities import extract as extract_quantities
from contradictions.extract.quantities import for_parser, load_parser
from contradictions.model import ClaimInfo, Pair, Quantity


def analyse_claims(texts: Sequence[str], nlp=None, *, indices: Iterable[int] | None = None,
                   batch_size: int = 256) -> list[ClaimInfo]:
    """Claims for many sentences, parsed in one batch; only `indices` are parsed when given (others empty)."""
    results = [ClaimInfo() for _ in texts]
    todo = sorted(set(range(len(texts)) if indices is None else indices))
    if not todo:
        return results
    nlp = nlp or load_parser()
    for i, doc in zip(todo, nlp.pipe(for_parser((texts[i] for i in todo), nlp), batch_size=batch_size)):
        results[i] = claims_of(doc)
    return results


def claims_needed(texts: Sequence[str], pairs: Iterable[Pair]) -> set[int]:
    """The sentences whose claims comparing `pairs` needs: both sides of each pair with a polarity cue."""
    cued = [has_polarity_cue(t) for t in texts]
    return {i for p in pairs if cued[p.a] or cued[p.b] for i in (p.a, p.b)}


def claims_for_pairs(texts: Sequence[str], pairs: Iterable[Pair], nlp=None, *,
                     known: Mapping[int, ClaimInfo] | None = None) -> list[ClaimInfo]:
    """Claims for the sentences of pairs where at least one side has a polarity cue (the rest stay empty).

    `known` holds claims already read (by `parse_figures_and_claims`); only the other sentences are parsed.
    """
    known = known or {}
    wanted = claims_needed(texts, pairs)
    results = analyse_claims(texts, nlp, indices=wanted - known.keys())
    for i in wanted & known.keys():
        results[i] = known[i]
    return results


def parse_figures_and_claims(
    texts: Sequence[str], nlp=None, *, batch_size: int = 256, stop: threading.Event | None = None,
    done: Callable[[int, int], None] | None = None,
) -> tuple[list[list[Quantity]], dict[int, ClaimInfo]]:
    """One parse for each sentence holding a figure or a polarity cue: its quantities and its claims.

    Returns the quantities of every sentence (as `quantities.extract_all`) and the claims of the sentences parsed,
    for `claims_for_pairs(known=...)`; a sentence with a figure and a cue is parsed once, not once per stage.
    `stop`, once set, ends the parse early (the caller failed and discards the result); `done(parsed, total)` is
    called as the parse goes (for a progress bar).
    """
    rows: dict[str, list[int]] = {}  # each distinct text is parsed once, however often it occurs
    for i, text in enumerate(texts):
        rows.setdefault(text, []).append(i)
    todo = [text for text in rows if has_figure(text) or has_polarity_cue(text)]
    quantities: list[list[Quantity]] = [[] for _ in texts]
    claims: dict[int, ClaimInfo] = {}
    if todo:
        nlp = nlp or load_parser()
        for n, (text, doc) in enumerate(zip(todo, nlp.pipe(for_parser(todo, nlp), batch_size=batch_size)), start=1):
            if stop is not None and stop.is_set():
                break
            found = extract_quantities(text, doc) if has_figure(text) else []
            claim = claims_of(doc)
            for i in rows[text]:
                quantities[i], claims[i] = found, claim
            if done is not None and (n % 64 == 0 or n == len(todo)):
                done(n, len(todo))
    return quantities, claims

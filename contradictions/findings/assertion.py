"""Assertion findings: one source asserts a claim that another negates, denies, or holds unconfirmed.

`analyse_claims` parses sentences in a batch (only those of pairs where a side has a polarity cue, for
`claims_for_pairs`; `parse_figures_and_claims` reads the figure and cue sentences in the same parse as their
quantities, so `claims_for_pairs` parses only the rest) and reads each into claims with `claims_parse.claims_of` (verb and class, actors, object,
destination, who reports it, and its stance: asserted, negated, unconfirmed, alleged or hedged).
`assertion_findings` compares the claims of two paired sentences. Two claims are the same claim when
their verb classes match, their objects match where both name one, their destinations don't differ, and
their actors overlap (names compared through the alias table: "Pyongyang" = "North Korea"); when both
sentences report the claim through a reporting verb, the reporters must be the same too ("Russia denied" vs
"Ukraine confirmed" is two true reports, not a contradiction; "denied by Pyongyang and Moscow" vs "North Korea
confirmed" shares a reporter). Asserted vs negated is a *contradiction* (0.6-0.9), asserted vs unconfirmed is
*unconfirmed* (0.35-0.55): the base times how clean the alignment is (x0.9 for each side that leaves the actor
or the object implicit) and how similar the sentences are. A claim that was only hedged when it was denied or
confirmed ("accused X of potentially sending ..., allegations denied by Y") scores x0.7 (a contradiction then
from 0.5) and the explanation says so. An accusation ("alleged") or a hedge alone is never a finding.
"""

from __future__ import annotations

import threading

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from contradictions.aliases import AliasTable
from contradictions.model import Claim, ClaimInfo
from contradictions.extract.claims import claims_of, cue_gate
from contradictions.model import Finding, Pair, Quantity, Sentence, Side, finding_id
from contradictions.extract.quantities import extract as extract_quantities
from contradictions.extract.quantities import for_parser, load_parser
from contradictions.extract.numbers import has_figure
from contradictions.lexicon import lexicon
from contradictions.weights import ASSERTION

__all__ = ["Claim", "ClaimInfo", "analyse_claims", "assertion_findings", "claims_for_pairs", "claims_of",
           "describe_claim", "has_polarity_cue", "parse_figures_and_claims"]



@lru_cache(maxsize=1)
def _default_aliases() -> AliasTable:
    return AliasTable.load()


# --- parsing the sentences that need it -------------------------------------------------------------------


def has_polarity_cue(text: str) -> bool:
    """Cheap test: could this sentence negate, deny, confirm or doubt a claim? (Only such pairs need a parse.)"""
    return bool(cue_gate().search(text))


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


# --- comparing two sentences ---------------------------------------------------------------------------------


def _actors_match(a: tuple[str, ...], b: tuple[str, ...], aliases: AliasTable) -> float | None:
    """1.0 when the actors overlap, 0.9 when one side names none or only loosely, None when they differ."""
    if not a or not b:
        return 0.9
    relations = {aliases.relate(x, y) for x in a for y in b}
    if relations & {"same", "overlap"}:
        return 1.0
    return 0.9 if "unknown" in relations else None


def _align(ca: Claim, cb: Claim, aliases: AliasTable) -> tuple[float, list[str]] | None:
    """How cleanly two claims are the same claim (0.7-1.0, with notes), or None when they are not."""
    if ca.verb_class != cb.verb_class:
        return None
    if ca.object_class and cb.object_class and ca.object_class != cb.object_class:
        return None
    if ca.destination and cb.destination and aliases.relate(ca.destination, cb.destination) == "different":
        return None
    if ca.reporters and cb.reporters and all(aliases.relate(x, y) == "different" for x in ca.reporters for y in cb.reporters):
        return None  # two reporters who say different things: both reports may be true
    denied, stated = (ca, cb) if ca.stance == "negated" else (cb, ca)
    if denied.stance == "negated" and set(denied.qualifiers) - set(stated.qualifiers):
        return None  # "not deployed in combat" negates the circumstance, not the deployment
    actors = _actors_match(ca.actors, cb.actors, aliases)
    if actors is None or (actors < 1 and not (ca.object_class and cb.object_class)):
        return None  # an unnamed actor needs the object to anchor the claim
    notes, alignment = [], actors
    if actors < 1:
        notes.append("one side leaves who acted implicit")
    if (ca.object_class is None) != (cb.object_class is None):
        alignment *= 0.9
        notes.append("one side leaves the object implicit")
    return max(0.7, alignment), notes


def _gerund(lemma: str) -> str:
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", lemma):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


def describe_claim(ca: Claim, cb: Claim, aliases: AliasTable) -> str:
    """The shared claim in words: "North Korea sending troops to Russia", "the presence of North Korean soldiers"
    (two wordings of the object by their class: "personnel" and "soldiers" are "troops")."""
    main, other = (cb, ca) if ca.nominal and not cb.nominal else (ca, cb)
    actor = main.subject or other.subject or next(iter(main.actors or other.actors), None)
    obj = (main.object or other.object or "").lower()
    if main.object and other.object and obj != other.object.lower() and main.object_class in set(lexicon()[0].values()):
        obj = main.object_class  # "personnel" and "soldiers": "troops"
    dest = main.destination or other.destination
    if main.nominal:
        words = [f"the {main.lemma} of", actor, obj]
    else:
        words = [aliases.resolve(actor) if actor else None, _gerund(main.lemma), obj]
    return " ".join(w for w in [*words, f"to {dest}" if dest else None] if w)


def _side(sentence: Sentence, claim: Claim) -> Side:
    return Side(
        source=sentence.source, sentence=sentence.text, sentence_index=sentence.index,
        paragraph=sentence.paragraph, start=sentence.start, end=sentence.end, span=claim.cue,
        span_start=claim.cue_start, span_end=claim.cue_end,
    )


def _finding(a: Sentence, b: Sentence, ca: Claim, cb: Claim, similarity: float, alignment: float,
             notes: list[str], aliases: AliasTable) -> Finding:
    relation = "contradiction" if {ca.stance, cb.stance} == {"asserted", "negated"} else "unconfirmed"
    base = ASSERTION.contradiction if relation == "contradiction" else ASSERTION.unconfirmed
    sim_factor = ASSERTION.similarity.factor(similarity)
    if ASSERTION.similarity.noted(sim_factor):
        notes = [*notes, f"sentences only {similarity:.2f} similar"]
    floor = ASSERTION.contradiction_floor if relation == "contradiction" else ASSERTION.unconfirmed_floor
    factors = {"base": base, "alignment": alignment, "similarity": sim_factor,
               "actors_named": 0.0 if "one side leaves who acted implicit" in notes else 1.0}
    hedged = next((c for c in (ca, cb) if c.hedge), None)
    if hedged is not None:
        factors["hedge"], floor = ASSERTION.hedged, floor - 0.1
        verdict = "denied" if hedged.stance == "negated" else hedged.stance
        notes = [f'the {verdict} claim was hedged ("{hedged.hedge}")', *notes]
    score = max(floor, base * alignment * sim_factor * factors.get("hedge", 1.0))
    label = describe_claim(ca, cb, aliases)
    explanation = f'"{ca.cue}" vs "{cb.cue}": both about {label}'
    if relation == "unconfirmed":
        explanation += ", stated as fact in one and unconfirmed in the other"
    if notes:
        explanation += " (" + "; ".join(notes) + ")"
    side_a, side_b = _side(a, ca), _side(b, cb)
    return Finding(
        id=finding_id("assertion", side_a, side_b), kind="assertion", score=round(score, 4),
        similarity=similarity, explanation=explanation, a=side_a, b=side_b, relation=relation, label=label,
        factors=factors,
    )


_OPPOSED = ({"asserted", "negated"}, {"asserted", "unconfirmed"})


def assertion_findings(a: Sentence, b: Sentence, similarity: float, doc_a=None, doc_b=None, *, nlp=None,
                       aliases: AliasTable | None = None) -> list[Finding]:
    """The assertion finding between two paired sentences, if any (at most one: the best-aligned claim).

    `doc_a`/`doc_b` are each sentence's `ClaimInfo` (from `analyse_claims`) or spaCy `Doc`; when None the
    sentence is parsed here with `nlp` (default: `quantities.load_parser()`).
    """
    infos = []
    for sentence, doc in ((a, doc_a), (b, doc_b)):
        if doc is None:
            doc = (nlp or load_parser())(sentence.text)
        infos.append(doc if isinstance(doc, ClaimInfo) else claims_of(doc))
    aliases = aliases or _default_aliases()
    best = None
    for ca in infos[0].claims:
        for cb in infos[1].claims:
            if {ca.stance, cb.stance} not in _OPPOSED:
                continue
            aligned = _align(ca, cb, aliases)
            if aligned is None:
                continue
            finding = _finding(a, b, ca, cb, similarity, aligned[0], aligned[1], aliases)
            if best is None or (finding.score, finding.relation == "contradiction") > (best.score, best.relation == "contradiction"):
                best = finding
    return [best] if best else []

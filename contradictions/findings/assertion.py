"""Assertion findings: one source asserts a claim that another negates, denies, or holds unconfirmed.

The claims come from the parse (`extract.parse`, `extract.claims`): verb and class, actors, object, destination,
who reports it, and its stance (asserted, negated, unconfirmed, alleged or hedged).
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

import re
from functools import lru_cache

from contradictions.aliases import AliasTable
from contradictions.findings.context import Context, credited
from contradictions.lexicon import lexicon
from contradictions.model import Claim, ClaimInfo, Finding, Record, Sentence, Side, finding_id
from contradictions.weights import ASSERTION


@lru_cache(maxsize=1)
def _default_aliases() -> AliasTable:
    return AliasTable.load()


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


def find(a: Record, b: Record, context: Context) -> list[Finding]:
    """The finder (`findings.FINDERS`): the assertion finding between two records' claims, credited."""
    if not (a.claims and a.claims.claims and b.claims and b.claims.claims):
        return []
    found = assertion_findings(a.sentence, b.sentence, context.similarity, a.claims, b.claims, aliases=context.aliases)
    return credited(found, a, b)


def assertion_findings(a: Sentence, b: Sentence, similarity: float, claims_a: ClaimInfo, claims_b: ClaimInfo, *,
                       aliases: AliasTable | None = None) -> list[Finding]:
    """The assertion finding between two paired sentences, if any (at most one: the best-aligned claim).

    `claims_a`/`claims_b` are each sentence's claims (`extract.parse`).
    """
    aliases = aliases or _default_aliases()
    best = None
    for ca in claims_a.claims:
        for cb in claims_b.claims:
            if {ca.stance, cb.stance} not in _OPPOSED:
                continue
            aligned = _align(ca, cb, aliases)
            if aligned is None:
                continue
            finding = _finding(a, b, ca, cb, similarity, aligned[0], aligned[1], aliases)
            if best is None or (finding.score, finding.relation == "contradiction") > (best.score, best.relation == "contradiction"):
                best = finding
    return [best] if best else []

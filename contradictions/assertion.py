"""Assertion findings: one source asserts a claim that another negates, denies, or holds unconfirmed.

`analyse_claims` reads each sentence's parse (spaCy, once per sentence, batched) into `Claim`s: the claim's
verb and its class (send = dispatch = deploy, from the numeric lexicon and `data/polarity.json`), who does it
(subject or passive agent, a pronoun read as the reporting subject above it, proper-name modifiers such as
"North Korean troops"), what it is done to (object), where to ("to Russia"), who reports it (the subject of a
reporting verb above it), and its stance with the words that carry it:

- "asserted": stated ("sent"), or confirmed by a reporting verb ("confirmed", "admitted", "acknowledged");
- "negated": "did not send", "never sent", "no troops were sent", or denied ("denied", "rejected", "dismissed");
- "unconfirmed": "unconfirmed", "alleged", "could not be verified", "neither confirmed nor denied",
  "did not confirm", "declined to confirm";
- "hedged": "may have sent", "agreed to send", "did not deny", "if ... sent" (never a finding).

`assertion_findings` then compares the claims of two paired sentences. Two claims are the same claim when
their verb classes match, their objects match where both name one, their destinations don't differ, and
their actors overlap (names compared through the alias table: "Pyongyang" = "North Korea"); when both
sentences report the claim through a reporting verb, the reporters must be the same too ("Russia denied" vs
"Ukraine confirmed" is two true reports, not a contradiction). Asserted vs negated is a *contradiction*
(0.6-0.9), asserted vs unconfirmed is *unconfirmed* (0.35-0.55): the base times how clean the alignment is
(x0.9 for each side that leaves the actor or the object implicit) and how similar the sentences are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .aliases import PRONOUNS, AliasTable
from .model import Finding, Pair, Sentence, Side, finding_id
from .quantities import REPORTING, lexicon, load_parser

CONTRADICTION_BASE = 0.9
UNCONFIRMED_BASE = 0.55


@lru_cache(maxsize=1)
def cues() -> dict:
    """The cue lexicon (`data/polarity.json`), lists turned into sets, plus a lemma -> verb-class map."""
    data = json.loads(resources.files("contradictions").joinpath("data/polarity.json").read_text("utf-8"))
    out = {key: set(value) for key, value in data.items() if isinstance(value, list)}
    classes = dict(lexicon()[1])
    classes.update({lemma: cls for cls, lemmas in data["verb_classes"].items() for lemma in lemmas})
    out["classes"] = classes
    return out


@lru_cache(maxsize=1)
def _default_aliases() -> AliasTable:
    return AliasTable.load()


_CUE_WORDS = re.compile(r"(?i)\b(?:not|n't|never|no|none|nobody|neither|nor|without|confirm\w*|admit\w*|acknowledg\w*|"
                        r"conced\w*|verif\w*|den(?:y|ies|ied|ying|ial)|reject\w*|dismiss\w*|refut\w*|rebut\w*|disput\w*|"
                        r"unconfirmed|unverified|alleged\w*|purported\w*|unsubstantiated|uncorroborated|unproven|unclear|uncertain|"
                        r"unknown|rumou?red|supposed\w*)\b|n't")


def has_polarity_cue(text: str) -> bool:
    """Cheap test: could this sentence negate, deny, confirm or doubt a claim? (Only such pairs need a parse.)"""
    return bool(_CUE_WORDS.search(text))


@dataclass(frozen=True)
class Claim:
    """One claim in a sentence: its verb, actors, object, stance, and where the stance words are."""

    lemma: str
    verb_class: str
    subject: str | None
    actors: tuple[str, ...]
    object: str | None
    object_class: str | None
    destination: str | None
    reporter: str | None
    stance: str  # asserted, negated, unconfirmed, hedged
    cue: str
    cue_start: int
    cue_end: int
    nominal: bool = False
    qualifiers: tuple[str, ...] = ()  # where, how or when ("in combat", "during the mission")


@dataclass(frozen=True)
class ClaimInfo:
    """The claims of one sentence (empty when it was not parsed)."""

    claims: tuple[Claim, ...] = field(default_factory=tuple)


# --- reading the parse ---------------------------------------------------------------------------------------


def _phrase(token) -> str:
    """A name as written: the token with its compound and proper-adjective modifiers ("North Korea")."""
    words = [t for t in token.subtree if t.dep_ in ("compound", "flat") and t.head == token or t == token]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _proper_modifiers(token, *, names: bool = True) -> list[str]:
    """Capitalised modifiers naming who a noun belongs to: "North Korean troops", "Russia's forces".

    `names=False` leaves out compounds (for a subject, whose compounds are part of its own name)."""
    out = []
    deps = ("amod", "compound", "poss", "nmod") if names else ("amod", "poss", "nmod")
    for child in token.children:
        if child.dep_ in deps and (child.text[:1].isupper() and child.i > 0 or child.pos_ == "PROPN"):
            words = [t for t in child.subtree if t.dep_ in ("amod", "compound") or t == child]
            out.append(" ".join(t.text for t in sorted(words, key=lambda t: t.i) if t.dep_ != "case"))
    return out


def _is_negated(token) -> list:
    """The negation tokens on a verb (its `neg` child) or on its subject/object ("no troops", "none")."""
    lex = cues()["negation"]
    found = [c for c in token.children if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")]
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if child.lower_ in ("none", "nobody", "nothing"):
                found.append(child)
            found += [d for d in child.children if d.dep_ == "det" and d.lower_ == "no"]
    return [t for t in found if t.lower_ in lex or t.dep_ == "neg"]


def _hedged(token, *, framed: bool = False) -> bool:
    """Whether a verb is only possible: a modal, a hedging adverb, or "if"/"whether" (unless a reporting verb
    governs it: "could not confirm whether ..." is a refusal to confirm, not a hedge)."""
    c = cues()
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in c["modal"]:
            return True
        if child.dep_ in ("advmod", "mark") and child.lower_ in c["hedge"] and not (framed and child.dep_ == "mark"):
            return True
    return False


def _subject(token, depth: int = 0):
    """(subject token, passive object token) of a verb; an xcomp or conj verb borrows its head's subject."""
    subj = obj = None
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj"):
            subj = child
        elif child.dep_ == "nsubjpass":
            obj = child
        elif child.dep_ == "agent":
            subj = next((g for g in child.children if g.dep_ == "pobj"), subj)
    if subj is None and depth < 2 and token.dep_ in ("xcomp", "conj", "pcomp") and token.head is not token:
        subj = _subject(token.head if token.dep_ != "pcomp" else token.head.head, depth + 1)[0]
    return subj, obj


def _span(doc, first: int, last: int) -> tuple[str, int, int]:
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return doc.text[start:end], start, end


def _negation_cue(doc, verb, negs) -> tuple[str, int, int]:
    first = min(t.i for t in negs)
    if doc[first].dep_ == "neg" and first > 0 and doc[first - 1].dep_ in ("aux", "auxpass") and doc[first - 1].head == verb:
        first -= 1  # "did not", "has not", "were not"
    if abs(verb.i - first) <= 4:
        return _span(doc, min(first, verb.i), max(first, verb.i))
    return _span(doc, first, max(t.i for t in negs))


def _frame_stance(doc, frame, claim_polarity: str) -> tuple[str, tuple[str, int, int]]:
    """The stance a reporting verb gives the claim under it, with the words that say so."""
    c = cues()
    frames = c["affirm"] | c["deny"]
    partner = frame.head if frame.dep_ == "conj" and frame.head.lemma_.lower() in frames else None
    group = [t for t in (partner, frame) if t is not None]
    group += [t for t in frame.children if t.dep_ == "conj" and t.lemma_.lower() in frames]  # "confirmed nor denied"
    partner = partner or (group[1] if len(group) > 1 else None)
    neither = [t for g in group for t in g.children if t.lower_ in ("neither", "nor")]
    negs = [t for g in group for t in _is_negated(g)]
    refused = frame.head if frame.dep_ == "xcomp" and frame.head.lemma_.lower() in c["refuse"] else None
    if neither or negs or refused is not None:
        first = min([t.i for t in neither + negs] + [g.i for g in group] + ([refused.i] if refused is not None else []))
        if doc[first].dep_ == "neg" and first > 0 and doc[first - 1].dep_ in ("aux", "auxpass"):
            first -= 1
        cue = _span(doc, first, max(g.i for g in group))
        if frame.lemma_.lower() in c["deny"] and partner is None and not neither and refused is None:
            return "hedged", cue  # "did not deny"
        return "unconfirmed", cue
    cue = _span(doc, frame.i, frame.i)
    if frame.lemma_.lower() in c["deny"]:
        return ("negated" if claim_polarity == "asserted" else "hedged"), cue
    return claim_polarity, cue


_CLAUSE_LINKS = {"ccomp", "xcomp", "pcomp", "dobj", "nsubjpass", "nsubj", "acl", "pobj", "prep", "conj"}


def _governing(token):
    """Walk up from a claim to its reporting verb: (frame or None, reporter token or None, hedged, unconfirmed)."""
    c = cues()
    node, reporter, hedged, unconfirmed = token, None, False, None
    for _ in range(5):
        if node.dep_ not in _CLAUSE_LINKS or node.head is node:
            break
        if node.dep_ == "conj" and node.head.pos_ == "VERB" and node.head.lemma_.lower() not in c["affirm"] | c["deny"]:
            break  # "sent troops and denied ...": a claim of its own
        if node.dep_ in ("acl", "prep", "pobj") and node.head.pos_ in ("NOUN", "PROPN") and \
                node.head.lemma_.lower() not in c["report_nouns"]:
            break  # "the number of troops deployed": a description, not a reported claim
        if node.dep_ == "prep" and node.lower_ not in ("of", "about", "on"):
            break
        head = node.head
        lemma = head.lemma_.lower()
        for child in [*head.children, *(g for t in head.children if t.dep_ in ("nsubj", "nsubjpass") for g in t.children)]:
            if child.dep_ in ("amod", "acomp", "advmod", "oprd") and child.lower_ in c["unconfirmed"]:
                unconfirmed = child  # "unconfirmed reports (say) that ..."
        if head.pos_ in ("VERB", "AUX") and lemma in c["affirm"] | c["deny"]:
            return head, _subject(head)[0], hedged, unconfirmed
        if head.pos_ in ("VERB", "AUX"):
            if lemma in c["intention"] or _hedged(head) or _is_negated(head):
                hedged = True
            if lemma in REPORTING and reporter is None:
                reporter = _subject(head)[0]
        node = head
    return None, reporter, hedged, unconfirmed


def _main_subject(doc):
    """The subject of the sentence's main verb when it is a name: what a pronoun most likely stands for."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = _subject(root)[0] if root is not None else None
    return subj if subj is not None and subj.pos_ == "PROPN" else None


def _claim(doc, token, nominal: bool) -> Claim | None:
    c = cues()
    lemma = token.lemma_.lower()
    subj, obj = (None, None) if nominal else _subject(token)
    if not nominal:
        obj = next((t for t in token.children if t.dep_ == "dobj"), obj)
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN") and (
                obj is None or obj.lower_ in ("that", "which", "whom")):
            obj = token.head  # "soldiers sent to Russia", "troops that North Korea sent"
    else:
        of = next((t for t in token.children if t.dep_ == "prep" and t.lower_ == "of"), None)
        obj = next((t for t in of.children if t.dep_ == "pobj"), None) if of is not None else None
        subj = next((t for t in token.children if t.dep_ == "poss"), None)
        if subj is not None and subj.pos_ != "PROPN" and obj is None:
            subj, obj = None, subj  # "North Korean soldiers' presence"
    dest = next((g for t in token.children if t.dep_ in ("prep", "dative") and t.lower_ in ("to", "into")
                 for g in t.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
    frame, reporter, hedged, unconfirmed_word = _governing(token)
    if subj is not None and subj.lower_ in PRONOUNS and reporter is None and frame is not None:
        reporter = _subject(frame)[0]
    if subj is not None and subj.lower_ in PRONOUNS:
        subj = reporter if reporter is not None and reporter.lower_ not in PRONOUNS else _main_subject(doc)
    if subj is None and frame is not None and token.dep_ == "xcomp" and token.head == frame:
        subj = _subject(frame)[0]  # "Pyongyang denied sending troops"
    negs = [] if nominal else _is_negated(token)
    polarity = "negated" if negs else "asserted"
    cue = _negation_cue(doc, token, negs) if negs else _span(doc, token.i, token.i)
    own_unconfirmed = next((t for t in token.children if t.lower_ in c["unconfirmed"]), None)
    if hedged or (not nominal and _hedged(token, framed=frame is not None or unconfirmed_word is not None)):
        stance = "hedged"
    elif own_unconfirmed is not None or unconfirmed_word is not None:
        stance, word = "unconfirmed", own_unconfirmed or unconfirmed_word
        cue = _span(doc, word.i, word.i)
    elif frame is not None:
        stance, cue = _frame_stance(doc, frame, polarity)
    elif nominal:
        return None
    else:
        stance = polarity
    if subj is not None and (subj.lower_ in PRONOUNS or subj.pos_ not in ("NOUN", "PROPN")):
        subj = None
    actors = [_phrase(subj)] if subj is not None else []
    for noun in (subj, obj):
        if noun is not None:
            actors += [m for m in _proper_modifiers(noun, names=noun is not subj) if m not in actors]
    counts = lexicon()[0]
    qualifiers = {g.lemma_.lower() for t in token.children if t.dep_ == "prep" and t.lower_ not in ("to", "into", "of")
                  for g in t.children if g.dep_ == "pobj"}
    reporter_name = _phrase(reporter) if reporter is not None and reporter.lower_ not in PRONOUNS else None
    return Claim(
        lemma=lemma, verb_class=c["classes"].get(lemma, lemma), subject=actors[0] if subj is not None and actors else None,
        actors=tuple(actors),
        object=obj.text if obj is not None else None,
        object_class=counts.get(obj.lemma_.lower(), obj.lemma_.lower()) if obj is not None else None,
        destination=_phrase(dest) if dest is not None else None, reporter=reporter_name,
        stance=stance, cue=cue[0], cue_start=cue[1], cue_end=cue[2], nominal=nominal,
        qualifiers=tuple(sorted(qualifiers)),
    )


def claims_of(doc) -> ClaimInfo:
    """The claims of one parsed sentence."""
    c = cues()
    skip = c["affirm"] | c["deny"] | c["intention"] | REPORTING | {"be", "have", "do"}
    claims = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma not in skip:
            claim = _claim(doc, token, nominal=False)
        elif token.pos_ == "NOUN" and lemma in c["event_nouns"] and (token.dep_ in ("dobj", "nsubjpass", "nsubj") or (
                token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in c["report_nouns"])):
            claim = _claim(doc, token, nominal=True)
        else:
            continue
        if claim is not None:
            claims.append(claim)
    return ClaimInfo(tuple(claims))


def analyse_claims(texts: Sequence[str], nlp=None, *, indices: Iterable[int] | None = None,
                   batch_size: int = 256) -> list[ClaimInfo]:
    """Claims for many sentences, parsed in one batch; only `indices` are parsed when given (others empty)."""
    results = [ClaimInfo() for _ in texts]
    todo = sorted(set(range(len(texts)) if indices is None else indices))
    if not todo:
        return results
    nlp = nlp or load_parser()
    for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=batch_size)):
        results[i] = claims_of(doc)
    return results


def claims_for_pairs(texts: Sequence[str], pairs: Iterable[Pair], nlp=None) -> list[ClaimInfo]:
    """Claims for the sentences of pairs where at least one side has a polarity cue (the rest stay empty)."""
    cued = [has_polarity_cue(t) for t in texts]
    wanted = {i for p in pairs if cued[p.a] or cued[p.b] for i in (p.a, p.b)}
    return analyse_claims(texts, nlp, indices=wanted)


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
    if ca.reporter and cb.reporter and aliases.relate(ca.reporter, cb.reporter) == "different":
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
    """The shared claim in words: "North Korea sending troops to Russia", "the presence of North Korean soldiers"."""
    main, other = (cb, ca) if ca.nominal and not cb.nominal else (ca, cb)
    actor = main.subject or other.subject or next(iter(main.actors or other.actors), None)
    obj = (main.object or other.object or "").lower()
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
    base = CONTRADICTION_BASE if relation == "contradiction" else UNCONFIRMED_BASE
    sim_factor = 0.8 + 0.2 * min(1.0, max(0.0, (similarity - 0.4) / 0.4))
    if sim_factor < 0.9:
        notes = [*notes, f"sentences only {similarity:.2f} similar"]
    floor = 0.6 if relation == "contradiction" else 0.35
    score = max(floor, base * alignment * sim_factor)
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
        factors={"base": base, "alignment": alignment, "similarity": sim_factor},
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

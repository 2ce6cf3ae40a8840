"""Reading claims from a sentence's parse, for assertion findings (`extract.parse` parses, `findings.assertion` compares).

`claims_of` reads one sentence's spaCy parse into `Claim`s: the claim's verb and its class (send = dispatch =
deploy, from the numeric lexicon and `data/polarity.json`), who does it (subject or passive agent; the accused in
"accused North Korea of sending"; a pronoun read as the subject of the reporting verb above it, "North Korea
confirmed that it had sent"; proper-name modifiers such as "North Korean troops"), what it is done to (object),
where to ("to Russia"), who reports it (the subject of a reporting verb above it, or whoever gives the verdict
on it: "denied by both Pyongyang and Moscow"), and its stance with the words that carry it:

- "asserted": stated ("sent"), or confirmed by a reporting verb ("confirmed", "admitted", "acknowledged");
- "negated": "did not send", "never sent", "no troops were sent", or denied ("denied", "rejected", "dismissed"),
  also after the claim: "accused X of sending troops, allegations denied by Y", "..., which Y denied";
- "unconfirmed": "unconfirmed", "alleged", "could not be verified", "neither confirmed nor denied",
  "did not confirm", "declined to confirm";
- "alleged": an accusation, "Seoul accused North Korea of sending troops" (not a finding on its own);
- "hedged": "may have sent", "agreed to send", "did not deny", "if ... sent" (never a finding).

A verdict given after the claim overrides a hedge on the claim itself ("accused X of potentially sending ...,
allegations denied by Y" is a denial); the hedge is kept in `Claim.hedge` so that the finding can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contradictions.aliases import NOT_NAMES, PRONOUNS
from contradictions.extract.cues import cues
from contradictions.extract.quantities import REPORTING
from contradictions.lexicon import lexicon
from contradictions.model import Claim, ClaimInfo

# --- words around a verb -------------------------------------------------------------------------------------


def _phrase(token) -> str:
    """A name as written: the token with its compound modifiers ("North Korea"; not "April" in "in April North Korea")."""
    words = [t for t in token.subtree if t == token or (
        t.dep_ in ("compound", "flat") and t.head == token and t.lower_ not in NOT_NAMES)]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _names(token) -> tuple[str, ...]:
    """A name and those coordinated with it: "both Pyongyang and Moscow" -> ("Pyongyang", "Moscow")."""
    if token is None or token.lower_ in PRONOUNS:
        return ()
    return (_phrase(token), *(n for c in token.children if c.dep_ == "conj" for n in _names(c)))


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


def _hedge(token, *, framed: bool = False):
    """The word that makes a verb only possible: a modal, a hedging adverb, or "if"/"whether" (unless a reporting
    verb governs it: "could not confirm whether ..." is a refusal to confirm, not a hedge); None if none."""
    c = cues()
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in c["modal"]:
            return child
        if child.dep_ in ("advmod", "mark") and child.lower_ in c["hedge"] and not (framed and child.dep_ == "mark"):
            return child
    return None


def _accusing(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues()["accuse"]


def _accused_of(token):
    """The accusing verb when the parser hung "of VERB-ing" on the accused ("accused [rebels of using]"), else None."""
    if token.dep_ == "pcomp" and token.head.lower_ in ("of", "for") and token.head.head.dep_ == "dobj" \
            and _accusing(token.head.head.head):
        return token.head.head.head
    return None


def _subject(token, depth: int = 0):
    """(subject token, passive object token) of a verb; an xcomp or conj verb borrows its head's subject, and the
    verb of an accusation ("accused North Korea of sending") has the accused as its subject."""
    subj = obj = None
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj"):
            subj = child
        elif child.dep_ == "nsubjpass":
            obj = child
        elif child.dep_ == "agent":
            subj = next((g for g in child.children if g.dep_ == "pobj"), subj)
    if subj is None and token.dep_ == "pcomp" and token.head.lower_ in ("of", "for") and _accusing(token.head.head):
        accuser = token.head.head  # "accused North Korea of", "is suspected of", "North Korea, accused of", "blamed X for"
        accused = next((c for c in accuser.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return (accused if accused is not None or accuser.dep_ != "acl" else accuser.head), obj
    if subj is None and _accused_of(token) is not None:
        return token.head.head, obj  # "accused rebels of using", the parser hanging "of" on the accused
    if subj is None and depth < 2 and token.dep_ in ("xcomp", "conj", "pcomp") and token.head != token:
        subj = _subject(token.head if token.dep_ != "pcomp" else token.head.head, depth + 1)[0]
    return subj, obj


def _giver(verb):
    """Who gives a verdict: the verb's subject or agent (or a name the parser hung on it, "a claim Pyongyang rejects")."""
    subj = _subject(verb)[0]
    if subj is None:
        subj = next((c for c in verb.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"), None)
    return subj


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


# --- the verb above a claim ----------------------------------------------------------------------------------


def _frame_stance(doc, frame, claim_polarity: str) -> tuple[str, tuple[str, int, int]]:
    """The stance a reporting or accusing verb gives the claim under it, with the words that say so."""
    c = cues()
    frames = c["verdict"]
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
        if frame.lemma_.lower() in c["deny"] | c["accuse"] and partner is None and not neither and refused is None:
            return "hedged", cue  # "did not deny", "did not accuse"
        return "unconfirmed", cue
    cue = _span(doc, frame.i, frame.i)
    if frame.lemma_.lower() in c["accuse"]:
        return ("alleged" if claim_polarity == "asserted" else "hedged"), cue
    if frame.lemma_.lower() in c["deny"]:
        return ("negated" if claim_polarity == "asserted" else "hedged"), cue
    return claim_polarity, cue


_SPEAKING = {"say", "add", "insist", "argue", "stress", "note", "explain"}  # "saying that": whose words, the denier's?
_CLAUSE_LINKS = {"ccomp", "xcomp", "pcomp", "dobj", "nsubjpass", "nsubj", "acl", "pobj", "prep", "conj"}


def _misread_complement(node):
    """The verb a "that" clause really complements when the parser hung it on a time noun as a relative clause:
    "confirmed for the first time that it had sent", "admitted last week that they had". None otherwise."""
    if node.dep_ != "relcl" or node.head.dep_ not in ("pobj", "npadvmod"):
        return None
    if not any(c.lower_ == "that" and c.dep_ in ("advmod", "mark") for c in node.children):
        return None  # "that" is an argument of the clause: a true relative clause ("troops that it sent")
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
        return None
    verb = node.head.head.head if node.head.dep_ == "pobj" else node.head.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


@dataclass
class _Governing:
    frame: object = None  # the confirming, denying or accusing verb above the claim
    reporter: object = None  # the subject of a reporting verb above it
    hedged: bool = False  # a verb above it plans, intends or only may ("agreed to send")
    unconfirmed: object = None  # "unconfirmed reports say that ..."
    path: list = field(default_factory=list)  # the claim and the words above it, up to the frame


def _governing(token) -> _Governing:
    """Walk up from a claim to its reporting verb, noting what on the way hedges or doubts it."""
    c = cues()
    out = _Governing(path=[token])
    node, said_in_passing = token, False  # through "saying" hung on a noun: "claims ... saying that"
    for _ in range(5):
        head = _misread_complement(node) or _accused_of(node)
        if head is None:
            if node.dep_ not in _CLAUSE_LINKS or node.head == node:
                break
            if node.dep_ == "conj" and node.head.pos_ == "VERB" and node.head.lemma_.lower() not in c["verdict"]:
                out.path.append(node.head)  # a verdict on both ("sent troops and supplied arms, claims denied")
                break  # "sent troops and denied ...": a claim of its own
            if node.dep_ in ("acl", "prep", "pobj") and node.head.pos_ in ("NOUN", "PROPN") and \
                    node.head.lemma_.lower() not in c["report_nouns"]:
                break  # "the number of troops deployed": a description, not a reported claim
            if node.dep_ == "prep" and node.lower_ not in ("of", "about", "on") and not _accusing(node.head):
                break
            if node.dep_ == "ccomp" and any(c.dep_ == "dobj" and node.head.i < c.i < node.i for c in node.head.children):
                break  # "Russia denies involvement [Erdogan and Putin discussed ...]": the verb's object is what it
                # denies; a clause after it is another sentence glued on (a subhead without its full stop)
            said_in_passing = said_in_passing or (node.dep_ == "ccomp" and node.head.tag_ == "VBG" and (
                node.head.dep_ == "acl" and node.head.lemma_.lower() in _SPEAKING))
            head = node.head
        out.path.append(head)
        lemma = head.lemma_.lower()
        for child in [*head.children, *(g for t in head.children if t.dep_ in ("nsubj", "nsubjpass") for g in t.children)]:
            if child.dep_ in ("amod", "acomp", "advmod", "oprd") and child.lower_ in c["unconfirmed"]:
                out.unconfirmed = child  # "unconfirmed reports (say) that ..."
        if head.pos_ in ("VERB", "AUX") and lemma in c["verdict"] | c["accuse"]:
            out.frame, out.reporter = head, _subject(head)[0]
            # "denied claims by the opposition saying rebels have used such weapons", its comma stripped: what the
            # denier says or what the claims say, the text cannot tell; neither side holds it
            out.hedged = out.hedged or (said_in_passing and lemma in c["deny"])
            return out
        if head.pos_ in ("VERB", "AUX"):
            if lemma in c["intention"] or _hedge(head) is not None or _is_negated(head):
                out.hedged = True
            if lemma in REPORTING and out.reporter is None:
                out.reporter = _subject(head)[0]
        node = head
    return out


_BREAKS = {",", ";", "—", "–", "-", "("}


def _within(token, root) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i


def _verdicts(doc) -> list[tuple]:
    """Verdicts given on a sentence's claims after the fact, as (verdict verb, the word the claims hang from):
    "accused X of sending troops, allegations denied by Pyongyang" (or "allegations Pyongyang denies", "a claim
    Pyongyang rejects"), "said X sent troops, reports Moscow dismissed", "..., which Pyongyang denied"."""
    c = cues()
    out = []
    for verb in doc:
        if verb.lemma_.lower() not in c["verdict"] or verb.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        head = verb.head
        noun = next((n for n in verb.children if n.dep_ in ("dobj", "nsubjpass") and n.lemma_.lower() in c["report_nouns"]
                     and n.left_edge.i > 0 and doc[n.left_edge.i - 1].text in _BREAKS), None)
        clause = next((k for k in verb.children if k.dep_ == "ccomp" and noun is not None and k.i < noun.i), None)
        if clause is not None:  # "Seoul accused X of ..., allegations Pyongyang denies": the parser made "denies" the root
            out.append((verb, clause))
            continue
        if verb.dep_ in ("acl", "relcl", "appos", "ccomp") and head.lemma_.lower() in c["report_nouns"]:
            if any(k.dep_ in ("dobj", "ccomp") and k.lower_ not in ("that", "which") for k in verb.children):
                continue  # "reports that Pyongyang denied the deal": a report's content, not a verdict on it
            carrier = head
        elif verb.dep_ in ("relcl", "appos", "acl") and verb.left_edge.i > 0 and doc[verb.left_edge.i - 1].text in _BREAKS \
                and any(k.i < verb.i and (k.lower_ == "which" and k.dep_ in ("dobj", "nsubjpass") or
                                          k.lemma_.lower() in c["report_nouns"]) for k in verb.children):
            carrier = verb  # "..., which Pyongyang denied" (or "a charge Pyongyang rejects" misparsed): the clause before
        else:
            continue
        anchor = carrier.head
        while anchor.pos_ not in ("VERB", "AUX") and anchor.head != anchor:
            anchor = anchor.head
        out.append((verb, anchor))
    return out


# --- claims --------------------------------------------------------------------------------------------------


def _main_subject(doc):
    """The subject of the sentence's main verb when it is a name: what a pronoun most likely stands for."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = _subject(root)[0] if root is not None else None
    return subj if subj is not None and subj.pos_ == "PROPN" else None


def _claim(doc, token, nominal: bool, verdicts: list[tuple]) -> Claim | None:
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
    gov = _governing(token)
    frame, reporter = gov.frame, gov.reporter
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
    own_hedge = None if nominal else _hedge(token, framed=frame is not None or gov.unconfirmed is not None)
    verdict = None if gov.hedged else next((v for v, anchor in verdicts if anchor in gov.path and (
        _within(token, anchor) or not _within(token, v))), None)  # not a claim inside the verdict ("..., who said")
    hedge = ""
    if verdict is not None:
        stance, cue = _frame_stance(doc, verdict, polarity)
        reporter = _giver(verdict)
        hedge = own_hedge.text if own_hedge is not None else ""
    elif gov.hedged or own_hedge is not None:
        stance = "hedged"
    elif own_unconfirmed is not None or gov.unconfirmed is not None:
        stance, word = "unconfirmed", own_unconfirmed or gov.unconfirmed
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
    return Claim(
        lemma=lemma, verb_class=c["classes"].get(lemma, lemma), subject=actors[0] if subj is not None and actors else None,
        actors=tuple(actors),
        object=obj.text if obj is not None else None,
        object_class=counts.get(obj.lemma_.lower(), obj.lemma_.lower()) if obj is not None else None,
        destination=_phrase(dest) if dest is not None else None, reporters=_names(reporter),
        stance=stance, cue=cue[0], cue_start=cue[1], cue_end=cue[2], nominal=nominal,
        qualifiers=tuple(sorted(qualifiers)), hedge=hedge,
    )


def claims_of(doc) -> ClaimInfo:
    """The claims of one parsed sentence."""
    c = cues()
    skip = c["verdict"] | c["accuse"] | c["intention"] | REPORTING | {"be", "have", "do"}
    verdicts = _verdicts(doc)
    claims = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma not in skip and token.dep_ != "amod":  # "banned weapons": a modifier
            claim = _claim(doc, token, False, verdicts)
        elif token.pos_ == "NOUN" and lemma in c["event_nouns"] and (token.dep_ in ("dobj", "nsubjpass", "nsubj") or (
                token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in c["report_nouns"])):
            claim = _claim(doc, token, True, verdicts)
        else:
            continue
        if claim is not None:
            claims.append(claim)
    return ClaimInfo(tuple(claims))

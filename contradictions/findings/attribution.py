"""Attribution findings: two sources that credit the same words or the same claim to different sources.

For a pair of similar sentences from different sources, in order:
(a) "quote credited differently": the same quote (case, punctuation, quote style and editorial "[...]"
    ignored; difflib ratio or word overlap >= 0.85, or one quote inside the other, which counts from three
    words on: "warm militant encouragement"; other quotes under four words only when identical and at least
    two words) credited to different speakers (0.6-0.85), to overlapping
    speakers (0.45-0.6), to different bodies of one group (0.35-0.5), or by one speaker through different
    outlets (0.45-0.6) or different outlets of one group, e.g. KCNA vs Rodong Sinmun (0.3-0.45).
(b) "claim credited differently": the same claim (a figure both state identically, or similarity >= 0.8)
    whose main attributions differ (0.35-0.6) or only overlap (0.35-0.5), scaled by similarity.
(c) "attributed vs stated as fact": the same claim, attributed by one source to someone it names and stated
    plainly by the other, which credits no one anywhere in the sentence and does not name the credited source
    (0.2-0.35), scaled by similarity; a shared figure alone does not make two sentences this same claim.
A pair with a quote finding gets no claim finding: the quote is the sharper evidence. Nor does a pair whose figures
disagree and share none ("around 45" vs "more than 400"): two sentences stating different figures are two claims,
not one claim credited twice, and the numeric finding already shows who each side credits. Names are compared
after alias resolution, so "Kim" vs "Kim Jong Un" or "KCNA" vs "Korean Central News Agency" is never a
finding, nor is a speaker on one side against a bare outlet on the other (outlets relay speakers).
Numeric contradictions score 0.6-1.0, so only (a) with different speakers can outrank one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from contradictions.aliases import BODY_HEADS, CHANNEL_HEADS, PRONOUNS, AliasTable, who_knows
from contradictions.findings.context import Context
from contradictions.findings.numeric import same_measure
from contradictions.model import (
    Attribution,
    Finding,
    Quantity,
    Quote,
    Record,
    Sentence,
    SentenceAttribution,
    Side,
    credit_line,
    finding_id,
)
from contradictions.weights import ATTRIBUTION

LABEL_WORDS = 8


def quote_words(text: str) -> list[str]:
    """A quote's words, normalised: case, punctuation, quote style and "[...]" insertions dropped."""
    text = re.sub(r"\[[^\]]*\]", " ", text.casefold().replace("\u2019", "'").replace("\u2018", "'"))
    return re.findall(r"[^\W_]+(?:'[^\W_]+)?", text)


def quote_match(a: str, b: str) -> float:
    """How surely two quotes are the same words: 0 when they are not, else 0.85-1 (1 when identical)."""
    wa, wb = quote_words(a), quote_words(b)
    if wa == wb:
        return 1.0 if len(wa) >= 2 else 0.0
    ja, jb = " ".join(wa), " ".join(wb)
    shorter, longer = sorted((ja, jb), key=len)
    contained = 0.9 if f" {shorter} " in f" {longer} " else 0.0
    if contained and min(len(wa), len(wb)) >= ATTRIBUTION.min_contained_words:
        return contained  # a phrase quoted inside a longer quote: "warm militant encouragement"
    if min(len(wa), len(wb)) < ATTRIBUTION.min_quote_words:
        return 0.0
    overlap = len(set(wa) & set(wb)) / len(set(wa) | set(wb))
    ratio = SequenceMatcher(None, ja, jb).ratio() if overlap >= 0.5 else 0.0
    best = max(contained, min(overlap, 0.95), ratio)  # only the same words in the same order are a sure match
    return best if best >= ATTRIBUTION.quote_match else 0.0


# Role words that only point back at a party named elsewhere ("the group said"): unresolved, they name no one.
_POINTING = frozenset("group monitor agency organisation organization source sources official officials statement "
                      "spokesman spokeswoman spokesperson body watchdog ministry observatory".split())


def _named(speaker: str | None) -> str | None:
    """The speaker when it names someone: a pronoun or a bare role word left unresolved ("the group", "a source")
    names no one."""
    if not speaker or speaker.lower() in PRONOUNS:
        return None
    unresolved = speaker == speaker.lower() and speaker.split()[-1] in _POINTING
    return None if unresolved else speaker


# People spoken of as a kind, not named: "rebels", "activists", "residents". Two such credits, unless told apart by
# whose they are ("US officials" vs "Russian officials"), are no two identified sources: "Rebels say" and "The
# opposition says" may be the same people.
_KINDS_OF_PEOPLE = frozenset(
    "rebels rebel opposition activists activist residents resident witnesses witness militants insurgents fighters "
    "locals medics doctors rescuers analysts diplomats experts observers critics protesters villagers survivors "
    "relatives officials official officers soldiers troops police people civilians sources source".split())
_UNNAMED_ON_PURPOSE = frozenset("source sources official officials".split())  # kept unnamed, so described loosely
_NOT_WHOSE = frozenset("the a an some many several local other".split())


def _kind_of_people(speaker: str) -> tuple[str, ...] | None:
    """For a speaker that is a kind of people ("Rebels", "the opposition", "Kurdish officials"), whose they are
    (the words before the kind: ("kurdish",)); None for a named body ("Free Syrian Army rebels": named words past
    the first) or a name."""
    words = [w for w in re.findall(r"[\w'-]+", who_knows(speaker)) if w.casefold() not in _NOT_WHOSE]
    if not words or words[-1].casefold() not in _KINDS_OF_PEOPLE:
        return None
    if len(words) > 2 and (words[-1].casefold() not in _UNNAMED_ON_PURPOSE or len(words) > 4
                           or any(w[:1].isupper() for w in words[1:-1])):
        return None
    if words[-1].casefold() in _UNNAMED_ON_PURPOSE:  # "a Syrian military source", "a Syrian regime source": whose
        return tuple(w.casefold() for w in words[:-1] if w[:1].isupper())  # is only the country, if any
    return tuple(w.casefold() for w in words[:-1])


def _unnamed_kinds(a: str, b: str) -> bool:
    """Two credits to kinds of people, not told apart by whose they are."""
    ka, kb = _kind_of_people(a), _kind_of_people(b)
    return ka is not None and kb is not None and (not ka or not kb or ka == kb)


def _quote_credit(qa: Quote, qb: Quote, aliases: AliasTable) -> tuple[str, float, float] | None:
    """(reason, base score, range) when two matching quotes are credited differently, else None."""
    sa, sb = _named(qa.speaker), _named(qb.speaker)
    same_speaker = False
    if sa and sb and _unnamed_kinds(sa, sb):
        return None
    if sa and sb:
        relation = aliases.relate(sa, sb)
        if relation == "different":
            return "different speakers", 0.6, 0.25
        if relation == "overlap":
            return "overlapping but not the same speakers", 0.45, 0.15
        if relation == "unknown":
            return None
        if aliases.group(sa) and aliases.resolve(sa) != aliases.resolve(sb):
            return f"different voices of one group ({aliases.group(sa)})", 0.35, 0.15
        same_speaker = True
    if not (qa.channel and qb.channel) or aliases.resolve(qa.channel) == aliases.resolve(qb.channel):
        return None
    prefix = "same speaker, " if same_speaker else ""
    relation = aliases.relate(qa.channel, qb.channel)
    if relation == "same":
        group = aliases.group(qa.channel)
        if not group:
            return None  # one outlet, its name spelled two ways ("Hezbollah's" and "Hezballah's")
        outlet = "state outlet" if "state media" in group else f"outlet of {group}"
        return f"{prefix}different {outlet}", 0.3, 0.15
    if relation in ("different", "overlap"):
        return f"{prefix}different outlets", 0.45, 0.15
    return None


def describe(att: Attribution | None) -> str:
    """The analyst-facing line: "Kim Jong-un, via KCNA", "unnamed sources (reportedly)", "unattributed"."""
    if att is None:
        return "unattributed"
    return credit_line(att.speaker, att.channel, att.cue) or f"unnamed sources ({att.cue or 'reportedly'})"


def _credit(att: Attribution | None) -> str:
    return describe(att).replace(", via ", " via ")


def compatible(a: Attribution | None, b: Attribution | None, aliases: AliasTable) -> str:
    """Whether two sentences credit the same source.

    "none": neither credits anyone; "unattributed": exactly one does. Otherwise the speakers are compared
    when both name one (pronouns name no one), else the channels when both name one:
    "same": one canonical name, or one group (KCNA and "state media"; Russia and the Kremlin);
    "overlap": related but not the same body: names that share a place ("South Korean assessments" vs
    "South Korean, Ukrainian and Western officials"); two names the table knows never overlap;
    "different": everything else;
    "unknown": nothing comparable: a speaker against a bare outlet (an outlet relays what speakers say),
    "reportedly", a pronoun or a bare role word ("the group"), one name a mere part of the other
    ("Observatory" vs "Syrian Observatory"), two kinds of people, neither named ("rebels" vs "the opposition"), a
    person named in full or by title against a body (`_person`: the person may speak for it), or an outlet's
    unresolved role word ("the broadcaster").
    """
    if a is None or b is None:
        return "none" if a is None and b is None else "unattributed"
    sa, sb = _named(a.speaker), _named(b.speaker)
    if sa and sb:
        if _unnamed_kinds(sa, sb) or (_person(sa) != _person(sb) and not (aliases.known(sa) and aliases.known(sb))):
            return "unknown"
        return aliases.relate(sa, sb)
    if a.channel and b.channel:
        bare = any((c == c.lower() and c.split()[-1] in CHANNEL_HEADS | {"agency"} and not aliases.known(c))
                   or _NO_COUNTRY.fullmatch(c) for c in (a.channel, b.channel))  # "the broadcaster", "the agency":
        # unresolved; "state media" as written: a country's the article never names (`extract.speakers`)
        return "unknown" if bare else aliases.relate(a.channel, b.channel)
    return "unknown"


_NO_COUNTRY = re.compile(r"(?:state(?:-run)?|official) (?:media|broadcaster)")
# Words that make a name a body's ("Syrian Observatory for Human Rights monitor", "state media"), not a person's.
_BODY_WORDS = BODY_HEADS | frozenset("army government media television tv office department brigade forces union "
                                     "institute authority authorities watch rights nations".split())


def _person(name: str) -> bool:
    """Whether a credit surely names a person, titled or in three capitalised words ("Observatory director Rami
    Abdel Rahman", "Rami Abdel Rahman"; not "South Korea"), not a body: a person may speak for a body, so the two
    are never told apart as different sources."""
    words = name.split()
    titled = re.search(r"\b(?:director|head|chief|founder|spokes(?:man|woman|person)|minister|leader|commander|president)"
                       r"\s+[A-Z]\w*\s+[A-Z]", name)
    return titled is not None or (len(words) >= 3 and all(w[:1].isupper() and not w.isupper() for w in words)
                                  and not any(w.casefold() in _BODY_WORDS for w in words))


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:LABEL_WORDS]) + ("\u2026" if len(words) > LABEL_WORDS else "")


def _side(sentence: Sentence, start: int, end: int, attribution: Attribution | None) -> Side:
    return Side(
        source=sentence.source, sentence=sentence.text, sentence_index=sentence.index,
        paragraph=sentence.paragraph, start=sentence.start, end=sentence.end, span=sentence.text[start:end],
        span_start=start, span_end=end, attribution=attribution,
    )


def _words_in(text: str, quote: Quote, other: Quote) -> tuple[int, int]:
    """The span to highlight for `quote`: only the shared words when `other` is a phrase quoted inside it."""
    inner = re.sub(r"^\W+|\W+$", "", other.text)
    found = text.lower().find(inner.lower(), quote.start, quote.end) if len(inner) < quote.end - quote.start else -1
    return (found, found + len(inner)) if inner and found >= 0 else (quote.start, quote.end)


def _quote_attribution(quote: Quote, att: SentenceAttribution) -> Attribution:
    """The attribution phrase behind a quote's credit (the quote's own offsets when none is found)."""
    for candidate in (*att.attributions, att.primary):
        if candidate is not None and (candidate.speaker, candidate.channel) == (quote.speaker, quote.channel):
            return candidate
    return Attribution(quote.speaker, quote.channel, quote.start, quote.end)


def _finding(relation: str, score: float, similarity: float, explanation: str, label: str, a: Side, b: Side,
             factors: dict[str, float]) -> Finding:
    return Finding(
        id=finding_id("attribution", a, b), kind="attribution", score=round(min(1.0, score), 4),
        similarity=similarity, explanation=explanation, a=a, b=b, relation=relation, label=label,
        factors=factors,
    )


def _quote_findings(a: Sentence, b: Sentence, similarity: float, att_a: SentenceAttribution,
                    att_b: SentenceAttribution, aliases: AliasTable) -> list[Finding]:
    matches = sorted(((quote_match(qa.text, qb.text), i, j) for i, qa in enumerate(att_a.quotes)
                      for j, qb in enumerate(att_b.quotes)), reverse=True)
    findings, used_a, used_b = [], set(), set()
    for match, i, j in matches:
        if match == 0.0 or i in used_a or j in used_b:
            continue
        qa, qb = att_a.quotes[i], att_b.quotes[j]
        credit = _quote_credit(qa, qb, aliases)
        if credit is None:
            continue
        used_a.add(i)
        used_b.add(j)
        reason, base, spread = credit
        strength = min(1.0, (match - ATTRIBUTION.quote_match) / (1 - ATTRIBUTION.quote_match))
        length = min(1.0, 0.5 + len(quote_words(qa.text)) / 16)
        side_a = _side(a, *_words_in(a.text, qa, qb), _quote_attribution(qa, att_a))
        side_b = _side(b, *_words_in(b.text, qb, qa), _quote_attribution(qb, att_b))
        findings.append(_finding(
            "quote credited differently", base + spread * strength * length, similarity,
            f"same quote credited to {_credit(side_a.attribution)} vs {_credit(side_b.attribution)} \u2014 {reason}",
            f"quote: \u201c{_short(qa.text)}\u201d", side_a, side_b,
            {"base": base, "match": round(match, 4), "strength": round(strength, 4), "length": round(length, 4)},
        ))
    return findings


def _fact_span(sentence: Sentence, figure: str | None) -> tuple[int, int]:
    found = sentence.text.lower().find(figure.lower()) if figure else -1
    return (found, found + len(figure)) if figure and found >= 0 else (0, len(sentence.text))


# A word that credits someone, read or not by the attribution patterns ("... chlorine said Mounzer Khalil", "IS also
# claimed"): a sentence holding one is not stated as fact, whatever the patterns made of it.
_CREDITING = re.compile(r"(?i)\b(?:said|says|say|saying|told|tells|claimed|claims|claim|reported|reports|"
                        r"according|announced|stated|added|quoted|cited|citing|alleged|reportedly)\b")


def _states_bare(fact: SentenceAttribution, said: Attribution, similarity: float, text: str = "") -> bool:
    """Whether "attributed vs stated as fact" holds: the fact side credits no one anywhere in its sentence (no
    phrase, not even "he said" or "reportedly", no quote, and no crediting word at all), the other names whom it
    credits, the two sentences are the same claim by their wording (`ATTRIBUTION.stated_similarity`), not only by a
    shared figure ("two"), and the fact side does not name whom the other credits: "the OPCW has launched an
    investigation" tells what the OPCW did, not "it is seriously concerned" (what the OPCW said) stated bare."""
    credited = _named(said.speaker or said.channel)
    return (not fact.attributions and not fact.quotes and credited is not None
            and similarity >= ATTRIBUTION.stated_similarity and not _CREDITING.search(text)
            and not _mentions(text, credited))


def _mentions(text: str, name: str) -> bool:
    """Whether `text` names `name`: at least half the capitalised words of three letters or more in the name (an
    acronym in brackets counts as one), whatever their case in the text."""
    words = {w for w in re.findall(r"\b[A-Z][\w-]{2,}", name) if w != "The"}
    hits = sum(bool(re.search(rf"(?i)\b{re.escape(w)}\b", text)) for w in words)
    return bool(words) and 2 * hits >= len(words)


def credited_elsewhere(finding: Finding, qa: Sequence[Quantity], qb: Sequence[Quantity],
                       stated: dict[str, list[tuple[int, Quantity, str | None]]]) -> bool:
    """Whether an "attributed vs stated as fact" finding's plain side credits the claim in another sentence of its
    own article: a headline drops the credit its body gives ("Suicide bomber kills 4 in ..." over "... killed four
    people ... a monitoring group said"), so that outlet states nothing as fact. Read by a figure both sides give:
    the plain side's article gives it elsewhere on the credit the other side names (`stated`: each source's figures
    with their sentence index and canonical credit, as `findings.numeric.stated_elsewhere` reads them)."""
    if finding.relation != "attributed vs stated as fact":
        return False
    said, fact, fact_figures, said_figures = ((finding.a, finding.b, qb, qa) if finding.a.attribution is not None
                                              else (finding.b, finding.a, qa, qb))
    credit = (said.attribution.speaker or said.attribution.channel or "").casefold() if said.attribution else ""
    shared = {q.value.point for q in fact_figures} & {q.value.point for q in said_figures} - {None}
    return bool(credit) and any(index != fact.sentence_index and q.value.point in shared and by == credit
                                for index, q, by in stated.get(fact.source, ()))


def shared_figure(qa: Sequence[Quantity], qb: Sequence[Quantity]) -> str | None:
    """A figure both sentences state identically (same value and hedge, same measure), as written in `qa`."""
    for a in qa:
        for b in qb:
            if a.value == b.value and a.hedge == b.hedge and same_measure(a, b):
                return a.text
    return None


def find(a: Record, b: Record, context: Context) -> list[Finding]:
    """The finder (`findings.FINDERS`): a quote or claim two records credit differently. A pair whose figures
    already disagree (`context.found`) states two different claims: only its quotes are compared."""
    att_a, att_b = a.attribution, b.attribution
    if not (att_a.attributions or att_b.attributions or att_a.quotes or att_b.quotes):
        return []
    return attribution_findings(a.sentence, b.sentence, context.similarity, att_a, att_b, context.aliases,
                                shared_figure=shared_figure(a.figures, b.figures),
                                figures_disagree=any(f.kind == "numeric" for f in context.found))


def attribution_findings(
    a: Sentence, b: Sentence, similarity: float, att_a: SentenceAttribution, att_b: SentenceAttribution,
    aliases: AliasTable, shared_figure: str | None = None, figures_disagree: bool = False,
) -> list[Finding]:
    """Attribution findings for two paired sentences from different sources (side a is sentence `a`).

    `shared_figure` is a figure both sentences state identically ("15,000 troops"), found by the caller;
    it makes the two sentences the same claim whatever their similarity. `figures_disagree`: the pair has a
    numeric finding; without a shared figure the two sentences are then different claims (quotes still count).
    """
    if a.source == b.source:
        return []
    quotes = _quote_findings(a, b, similarity, att_a, att_b, aliases)
    if quotes or (shared_figure is None and (figures_disagree or similarity < ATTRIBUTION.claim_similarity)):
        return quotes
    pa, pb = att_a.primary, att_b.primary
    relation = compatible(pa, pb, aliases)
    scale = ATTRIBUTION.similarity.factor(similarity)
    claim = shared_figure or _short(a.text)
    label = f"claim: {claim}"
    factors = {"similarity": round(similarity, 4), "scale": round(scale, 4),
               "shared_figure": 1.0 if shared_figure else 0.0}
    if relation in ("different", "overlap"):
        weight = 1.0 if relation == "different" else 0.6
        how = "different sources" if relation == "different" else "overlapping but not the same sources"
        return [_finding(
            "claim credited differently", 0.35 + 0.25 * scale * weight, similarity,
            f"same claim ({claim}) credited to {_credit(pa)} vs {_credit(pb)} \u2014 {how}", label,
            _side(a, pa.start, pa.end, pa), _side(b, pb.start, pb.end, pb), {**factors, "weight": weight},
        )]
    if relation == "unattributed":
        (said, said_att), (fact, fact_att) = ((a, pa), (b, att_b)) if pa is not None else ((b, pb), (a, att_a))
        if not _states_bare(fact_att, said_att, similarity, fact.text):
            return []
        sides = {said.source: _side(said, said_att.start, said_att.end, said_att),
                 fact.source: _side(fact, *_fact_span(fact, shared_figure), None)}
        return [_finding(
            "attributed vs stated as fact", 0.2 + 0.15 * scale, similarity,
            f"claim ({claim}) credited to {_credit(said_att)} in {said.source}, stated as fact in {fact.source}", label,
            sides[a.source], sides[b.source], factors,
        )]
    return []

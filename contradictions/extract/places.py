"""Where an article is: the specific places its title and lead name, read by the entity recogniser of the spaCy
pipeline the parse already loaded (GPE, LOC and FAC entities); places most of a corpus names are too general."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from contradictions.extract.quantities import load_parser
from contradictions.lexicon import (
    ACTOR_USE,
    AREA_WORD,
    IN_A_NAME,
    NAMING_NO_PLACE,
    name_pattern,
    named_where,
    same_word,
)
from contradictions.model import Source
from contradictions.weights import EVENT

LEAD_CHARS = EVENT.lead_chars  # the title and this much of the text are read for places
PLACE_LABELS = ("GPE", "LOC", "FAC")


def _entities(texts: Sequence[str]):
    """Docs with named entities: the entity recogniser of the pipeline already loaded for the parse (disabled
    there, and with its own token vectors), run on its own: no second copy of the pipeline is loaded."""
    nlp = load_parser()
    return nlp.get_pipe("ner").pipe((nlp.make_doc(t) for t in texts), batch_size=64)


def _place(text: str) -> str:
    words = text.casefold().replace("'s", "").replace(".", "").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def lead(source: Source) -> str:
    """An article's title and lead, where its places are read. A lead is cut at a word's end, and where the text
    goes on with a name ("... on Wedne|sday", "... in East| Ghouta"), before the name's words, so that no name cut
    short ("wedne", "east") is read as a place."""
    text, rest = source.text[:LEAD_CHARS], source.text[LEAD_CHARS:]
    if rest:
        cut_word = re.match(r"\S*", rest).group()
        last = re.search(r"\S*$", text)
        if cut_word and last.start() > 0:  # (a text without spaces, in a script that writes none, is kept whole)
            text, going_on = text[:last.start()], last.group() + cut_word
        else:
            going_on = "" if cut_word else rest.split(maxsplit=1)[0] if rest.strip() else ""
        if _NAME_WORD.match(going_on):
            text = _NAME_END.sub("", text)
    return f"{source.title}. {text}"


_NAME_WORD = re.compile(r"(?:[a-z]{1,3}-)?[A-Z]")  # "Ghouta", "ez-Zor", "al-Bab"
_NAME_END = re.compile(r"(?:\s+(?:[a-z]{1,3}-)?[A-Z][\w'\u2019-]*)+\s*$")  # not past a sentence's end


def lead_places(leads: Sequence[str]) -> list[list[str]]:
    """The places (spaCy's GPE, LOC and FAC entities) each text names, lower case, sorted. Not where anything
    happened, and so left out: a place that says where a body sits or who leads or holds ("a Britain-based
    monitor", "US-led strikes", "Daesh-held town"); a country or city named as the one who acts ("US air strikes",
    "Damascus government", but not "Idlib strikes"); and a name the small model took for a place that holds a word
    of a body or a report ("Syrian Observatory for Human Rights", "White Helmets", "barrel bomb attack") or stands
    inside a body's name ("Islamic State in Iraq and the Levant")."""
    return [sorted({_place(e.text) for e in _where(doc)} - {""}) for doc in _entities(leads)]


def _where(doc) -> list:
    """The entities of a doc that name where something happened (`lead_places`)."""
    return [e for e in doc.ents if e.label_ in PLACE_LABELS and not (
        _has_digit(e.text) or IN_A_NAME.search(doc.text, 0, e.start_char) or ACTOR_USE.match(doc.text, e.end_char)
        or (_INITIALS.fullmatch(e.text) and _INITIALS_ACTING.match(doc.text, e.end_char))
        or _BODY_WORDS & set(_place(e.text).split()))]


_INITIALS = re.compile(r"(?:[A-Z]\.?){2,3}")  # "US", "U.S.", "UK", "UAE"


_INITIALS_ACTING = re.compile(r"(?i)\s+(?:air\s*strikes?|airstrikes?|air\s+raids?|raids?|strikes?|missiles?|cruise|"
                              r"drones?|aid)\b")
# Words of a body, a report or a weapon: an "entity" holding one is no place ("Syrian Observatory for Human
# Rights", "White Helmets", "Homs NGO AFP", "barrel bomb attack").
_BODY_WORDS = frozenset("observatory council committee helmets front ministry agency ngo afp monitor online news tv "
                        "attack attacks bomb bombing coalition organization organisation army forces brigade "
                        "brigades".split())


def article_places(sources: Sequence[Source], read: Callable[[list[str]], list[list[str]]] = lead_places,
                   ) -> list[tuple[str, ...]]:
    """The specific places each article's title and lead name, lower case, sorted; places named by more than
    `EVENT.general_share` of the articles (when there are at least `EVENT.general_min` of them) are dropped, and
    there a place the recogniser read in another lead counts where this lead names it as where (`named_where`).
    `read` reads the places of leads (`lead_places`, or a cached reading of it)."""
    leads = [lead(s) for s in sources]
    found = read(leads)
    if len(sources) >= EVENT.general_min:
        counts = Counter(p for places in found for p in places)
        general = {p for p, n in counts.items() if n > EVENT.general_share * len(sources)}
        found = [sorted({_without(general, p) for p in places if p not in general}) for places in found]
        known = sorted({p for places in found for p in places})
        found = [sorted(set(places) | set(named_where(text, known))) for places, text in zip(found, leads)]
    return [tuple(places) for places in found]


def _without(general: set[str], place: str) -> str:
    """A place named with a general one, without it: "syrias idlib", "syrian idlib" and "idlib syria" are "idlib"
    where most of the corpus names Syria; the place as it is when no word naming a place is left ("western syria",
    "old damascus")."""
    words = place.split()
    kept = [w for w in words if not any(same_word(w, g) for g in general if " " not in g)]
    return " ".join(kept) if kept != words and any(w not in NAMING_NO_PLACE for w in kept) else place


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)  # "Jul 172015": a date stamp the entity recogniser took for a place


_AREA = r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?"  # lower-case words only: "the south of rebel-held", not "Syria and"
# Between a place and the wider one it lies in: "Khan Sheikhoun in Idlib", "the town of Jisreen in the eastern
# Ghouta", "Urum al-Joz in the south of rebel-held Idlib". Not a list ("Aleppo, Idlib and Hama") nor a neighbour
# ("Idlib near Aleppo"): "in" or "of" is needed.
_WITHIN = re.compile(rf"\s*,?\s+(?:in|of)\s+{_AREA}(?:{AREA_WORD}\s+of\s+{_AREA})?$")


def regions(texts: Sequence[str], known: Sequence[str]) -> dict[str, frozenset[str]]:
    """The wider places each of `known` lies in, as the corpus's own texts place them: a place named, capitalised,
    right before "in" or "of" and another of `known` ("the town of Khan Sheikhoun in Idlib"). No
    gazetteer: only what some article says, and only where the wider place is named in more of the texts than the
    place inside it."""
    names = sorted((p for p in known if len(p) >= 4), key=len, reverse=True)
    if not names:
        return {}
    pattern = re.compile(r"(?i)(?<![\w-])(" + "|".join(map(name_pattern, names)) + r")(?![\w-])")
    canonical = {" ".join(p.split()): p for p in names}
    inside: set[tuple[str, str]] = set()
    named: Counter[str] = Counter()  # in how many texts each is named
    for text in texts:
        found = [m for m in pattern.finditer(text) if any(w[0].isupper() for w in m.group(1).split())]
        places = [canonical.get(" ".join(m.group(1).lower().split())) for m in found]
        named.update(set(places) - {None})
        for (inner, a), (outer, b) in zip(zip(found, places), zip(found[1:], places[1:])):
            if a and b and a != b and _WITHIN.match(text[inner.end():outer.start()]):
                inside.add((a, b))
    within: dict[str, set[str]] = {}
    for a, b in inside:
        if named[b] > named[a]:  # the wider place is the more often named: not "rebels from Idlib in Aleppo"
            within.setdefault(a, set()).add(b)
    return {a: frozenset(b) for a, b in within.items()}

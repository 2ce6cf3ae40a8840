"""Where an article is: the specific places its title and lead name, read by the entity recogniser of the spaCy
pipeline the parse already loaded (GPE, LOC and FAC entities); places most of a corpus names are too general."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from contradictions.extract.quantities import load_parser
from contradictions.model import Source
from contradictions.weights import EVENT

LEAD_CHARS = 400  # the title and this much of the text are read for places
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
    """An article's title and lead, where its places are read."""
    return f"{source.title}. {source.text[:LEAD_CHARS]}"


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
        _has_digit(e.text) or _IN_A_NAME.search(doc.text, 0, e.start_char) or _ACTOR_USE.match(doc.text, e.end_char)
        or (_INITIALS.fullmatch(e.text) and _INITIALS_ACTING.match(doc.text, e.end_char))
        or _BODY_WORDS & set(_place(e.text).split()))]


_INITIALS = re.compile(r"(?:[A-Z]\.?){2,3}")  # "US", "U.S.", "UK", "UAE"


# After a place name: it says whose or where from, not where ("-based", "-led", "-backed", "-held" ...), or it
# names an actor by its country or seat ("Moscow officials", "Damascus government"). Strikes and weapons make an
# actor only of a country's initials ("US air strikes"): "Idlib strikes kill 15" are strikes on Idlib.
_ACTOR_USE = re.compile(
    r"(?i)\s*[-\u2013]\s*(?:based|led|backed|held|controlled|run|trained|formed|funded|brokered|allied|affiliated|"
    r"linked|made|sponsored)\b"
    r"|\s+(?:warplanes?|jets?|forces|troops|army|military|militants?|terrorists?|fighters|coalition|officials?|"
    r"government|regime|president|command|envoy|militia)\b")
_INITIALS_ACTING = re.compile(r"(?i)\s+(?:air\s*strikes?|airstrikes?|air\s+raids?|raids?|strikes?|missiles?|cruise|"
                              r"drones?|aid)\b")
# Before a place name: the head of a body's name it stands in ("Islamic State of Iraq and the Levant").
_IN_A_NAME = re.compile(r"\b(?:State|Observatory|Front|Council|Ministry|Committee|Coalition|Army|Brigades?|Movement|"
                        r"League|Organi[sz]ation|Commission|Network)\s+(?:of|in|for)\s+(?:the\s+)?"
                        r"(?:[A-Z][\w-]*\s+and\s+(?:the\s+)?)?$")
# Words of a body, a report or a weapon: an "entity" holding one is no place ("Syrian Observatory for Human
# Rights", "White Helmets", "Homs NGO AFP", "barrel bomb attack").
_BODY_WORDS = frozenset("observatory council committee helmets front ministry agency ngo afp monitor online news tv "
                        "attack attacks bomb bombing coalition organization organisation army forces brigade "
                        "brigades".split())


def article_places(sources: Sequence[Source], read: Callable[[list[str]], list[list[str]]] = lead_places,
                   ) -> list[tuple[str, ...]]:
    """The specific places each article's title and lead name, lower case, sorted; places named by more than
    `EVENT.general_share` of the articles (when there are at least `EVENT.general_min` of them) are dropped.
    `read` reads the places of leads (`lead_places`, or a cached reading of it)."""
    found = read([lead(s) for s in sources])
    if len(sources) >= EVENT.general_min:
        counts = Counter(p for places in found for p in places)
        general = {p for p, n in counts.items() if n > EVENT.general_share * len(sources)}
        found = [[p for p in places if p not in general] for places in found]
    return [tuple(places) for places in found]


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)  # "Jul 172015": a date stamp the entity recogniser took for a place

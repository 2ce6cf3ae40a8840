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
    """The places (spaCy's GPE, LOC and FAC entities) each text names, lower case, sorted. A place that only says
    where a body sits ("a Britain-based monitor") is not where anything happened."""
    return [sorted({_place(e.text) for e in doc.ents if e.label_ in PLACE_LABELS and not _has_digit(e.text)
                    and not _BASED.match(doc.text, e.end_char)} - {""})
            for doc in _entities(leads)]


_BASED = re.compile(r"(?i)\s*[-\u2013]\s*based\b")


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

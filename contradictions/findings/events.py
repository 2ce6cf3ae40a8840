"""Same event or not, for two articles: the frame gate every pair of sentences passes before it is compared.

On real coverage of a long war most pairs of similar sentences come from different incidents: the same kind of
attack, another city, another month. Two articles are compared only when nothing in their frames rules one
incident out:
- two different outlets: one outlet's two articles are not a cross-source disagreement (an outlet that changes
  its own figure over days updated it; that is left out, as the sources are what the analyst compares);
- no two different places: the specific places each article's title and lead name (spaCy's GPE, LOC and FAC
  entities; a place named in more than `EVENT.general_share` of a corpus, a country at war, says nothing) must
  share one, where a place inside another counts as shared ("eastern Aleppo" and "Aleppo": the words of one hold
  the other's); an article that names none is not ruled out;
- publication dates (from the feed or page, a stamp, or a dateline in the text) no more than
  `EVENT.window_days` apart when both are known: reports of one incident come out within days of it, and a figure
  reported a week later is a later toll or another incident. An article whose date is unknown is not compared
  (`EVENT.undated` is 0): in a corpus that mixes incidents nothing places it (on fa-kes-dev, 203 of 271 findings
  of different incidents had an undated side, 13 of 53 of one incident).
How sure the tool is that two articles report one incident is a factor of every finding's score (`event_factor`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from contradictions.lexicon import DIRECTIONS, NAMING_NO_PLACE, kinds_meet, kinds_of_incident, named_where, same_word
from contradictions.model import Finding, Side, Source
from contradictions.timeline import day_of, is_cumulative, opening_day, resolve
from contradictions.weights import CORPUS, EVENT


def _same_word(x: str, y: str) -> bool:
    """One place word spelled two ways: "raqqa"/"raqa", "iraq"/"iraqs" (a possessive without its apostrophe), or
    one Arabic name romanised two ways ("kallaseh"/"kalassa", "ghouta"/"ghuta": `_romanised`). Words alike by
    spelling must share their consonants ("jazal" and "jabal" are two names), and an article joined on ("al-") is
    no part of the likeness ("al-bab" and "al-tab" are two names)."""
    x, y = _ARTICLE.sub("", x), _ARTICLE.sub("", y)
    if same_word(x, y) or (same_word(x, y, CORPUS.place_spelling) and _consonants(x) == _consonants(y)):
        return True  # alike, and in their consonants: "daraa"/"deraa", not "jazal"/"jabal"
    rx, ry = _romanised(x), _romanised(y)
    return min(len(rx), len(ry)) >= 4 and rx == ry


_ARTICLE = re.compile(r"^(?:al|el|a[dnrstz]|ash)-")  # "al-Kallaseh", "ad-Dana", "ash-Shaddadi"
_DOUBLED = re.compile(r"(\w)\1+")
_FINAL_A = re.compile(r"(?:[ae]h?)$")  # the final a of "Hama", "Hamah", "Talbiseh", "Talbisa"


def _consonants(word: str) -> str:
    """A word's consonants, each once in a row: romanisations differ in vowels and doubling, names in consonants."""
    return _DOUBLED.sub(r"\1", re.sub(r"[aeiouy]", "", word))


def _romanised(word: str) -> str:
    """A place word with the choices of romanising an Arabic name taken out: doubled letters ("Raqqa"/"Raqa"), "ou"
    and "oo" for u ("Ghouta"/"Ghuta"), "ee" for i, and a final -a, -ah, -e or -eh all one -a."""
    word = word.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    return _FINAL_A.sub("a", _DOUBLED.sub(r"\1", word))


def _inside(a: str, b: str) -> bool:
    """Whether two places can be one: the words of one (leaving out directions and kinds of area) all within the
    other's ("eastern aleppo" and "aleppo"), or two names of two words or more sharing one ("syrias deir" and "deir
    ezzor"); never two different directions of one name ("north korea" and "south korea")."""
    da, db = set(a.split()) & DIRECTIONS, set(b.split()) & DIRECTIONS
    if da and db and not da & db:
        return False
    wa = [w for w in a.split() if w not in NAMING_NO_PLACE]
    wb = [w for w in b.split() if w not in NAMING_NO_PLACE]
    if not wa or not wb:
        return False
    if all(any(_same_word(x, y) for y in wb) for x in wa) or all(any(_same_word(x, y) for y in wa) for x in wb):
        return True  # one's words all within the other's
    return any(_same_word(x, y) and len(x) >= 4 for x in wa for y in wb) and (len(wa) > 1 and len(wb) > 1)


def reason_class(reason: str) -> str:
    """A gate reason without its particulars, for counting: "published 9 days apart" -> "published days apart"."""
    return re.sub(r"\s+", " ", re.sub(r":.*$|\d+", "", reason)).strip()


def frames_apply(sources: Sequence[Source]) -> bool:
    """Whether the frames part incidents among `sources` (a story of a corpus grouped into stories): when at least
    `EVENT.dated_share` of them are dated. Articles handed in without dates (seeds/) are taken as one event."""
    return bool(sources) and sum(day_of(s.published) is not None for s in sources) >= EVENT.dated_share * len(sources)


def frame_gate(a: Source, b: Source) -> str | None:
    """Why two articles cannot report one incident ("same outlet", "different places: homs vs idlib", "published 9
    days apart"), or None. A place is one with another that names it or a part of it (`_inside`), or with a wider
    place the corpus's texts put it in (`Source.regions`: "Khan Sheikhoun in Idlib")."""
    if a.outlet and b.outlet and a.outlet.casefold() == b.outlet.casefold():
        return "same outlet"
    if a.places and b.places and not (any(_inside(p, q) for p in a.places for q in b.places + b.regions)
                                      or any(_inside(p, q) for p in b.places for q in a.regions)):
        return f"different places: {', '.join(a.places)} vs {', '.join(b.places)}"
    day_a, day_b = day_of(a.published), day_of(b.published)
    if day_a is None or day_b is None:
        return "date unknown" if EVENT.undated == 0 else None
    if abs((day_a - day_b).days) > EVENT.window_days:
        return f"published {abs((day_a - day_b).days)} days apart"
    return None


def event_factor(a: Source, b: Source) -> tuple[float, str | None]:
    """How sure two articles report one incident, as a score factor, and the note naming a doubt."""
    day_a, day_b = day_of(a.published), day_of(b.published)
    if day_a is None or day_b is None:
        return EVENT.undated, "a report's date is unknown"
    gap = abs((day_a - day_b).days)
    if gap <= EVENT.same_day_days:
        return 1.0, None
    return EVENT.days_apart, f"reports {gap} day{'s' if gap > 1 else ''} apart"


def placed_elsewhere(side: Side, source: Source) -> bool:
    """Whether a figure's own time anchor places it away from its article's date ("hundreds killed in August 2013"
    in a 2017 report): another incident's figure, recalled for context."""
    day = day_of(source.published)
    if day is None:
        return False
    if not side.time:  # a sentence that opens with a date ("August 21 2013 Washington accuses the regime of ...",
        opening = opening_day(side.sentence)  # a chronology's entry) places what it tells on that day
        return opening is not None and abs((opening - day).days) > EVENT.recalled_days
    when = resolve(side.time, source.published)
    if when is None or when.domain != "date":
        return False
    return when.high < day.toordinal() - EVENT.recalled_days or when.low > day.toordinal() + EVENT.recalled_days


_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_WINDOW = re.compile(r"(?i)^(?:over|in|during|within)\s+the\s+(?:past|last|previous)\b")


# A toll told over several days ("killed in three days of attacks", "over two weeks"): not one day's incident.
_DAYS_SPAN = re.compile(r"(?i)\b(?:in|over|during|within|across)\s+(?:the\s+(?:past|last|previous|first)\s+)?"
                        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|few)\s+"
                        r"(?:days|weeks|months|years)\b")


NEAR_CHARS = 60  # a kind of attack this close to a figure is the figure's own


_FIRST_SENTENCE = re.compile(r"(?s).{0,300}?(?:[.!?](?=\s)|$)|.{0,300}")


def _headline_kinds(source: Source) -> frozenset[str]:
    """The kinds of attack an article is about: those its title names, else its first sentence's."""
    return kinds_of_incident(source.title) or kinds_of_incident(_FIRST_SENTENCE.match(source.text).group())


def _kinds(side: Side, told: frozenset[str]) -> frozenset[str]:
    """The kinds of attack a figure is told with: those named close to it, else those its sentence names (`told`:
    "45 were killed in air strikes after rebels fired mortar rounds" tells the 45 of the air strikes)."""
    text = side.sentence
    return kinds_of_incident(text[max(0, side.span_start - NEAR_CHARS) : side.span_end + NEAR_CHARS]) or told


def _other_kinds(a: Side, b: Side, source_a: Source, source_b: Source) -> bool:
    """Whether two figures are told with kinds of attack and share none ("air strikes" vs "rocket shells"; a weapon
    shares a kind with what can carry it, `lexicon.kinds_meet`: "a chemical attack" and "an airstrike"). A
    figure whose sentence names no kind takes its article's (`_headline_kinds`: "Four people were killed in the
    attack" in a report headed "Suicide bomber kills 4"), set against every kind the other sentence names."""
    told_a, told_b = kinds_of_incident(a.sentence), kinds_of_incident(b.sentence)
    if told_a and told_b:
        kinds_a, kinds_b = _kinds(a, told_a), _kinds(b, told_b)
    else:
        kinds_a = told_a or _headline_kinds(source_a)
        kinds_b = told_b or _headline_kinds(source_b)
    return bool(kinds_a and kinds_b and not kinds_meet(kinds_a, kinds_b))


# An article that calls its own toll provisional ("the toll could rise", "the death toll was expected to rise").
_RISING = re.compile(r"(?i)\b(?P<deaths>death\s+|deaths\s+)?(?:toll|number|figure)s?\b(?P<of>\s+of\s+(?:the\s+)?"
                     r"(?P<dead>dead|deaths|those\s+killed|killed)\b)?[^.]{0,40}?\b(?:could|may|might|would|will|is\s+"
                     r"(?:expected|likely)\s+to|was\s+(?:expected|likely)\s+to|likely\s+to|expected\s+to)\s+"
                     r"(?:\w+\s+)?(?:rise|climb|increase|go\s+up|grow)\b")
# An article that tells its toll as grown from an earlier one ("the death toll ... rose to 32", "an earlier death toll
# reported 15", "the monitor had initially given a death toll of 34").
_TOLL = (r"\b(?P<deaths>death\s+|deaths\s+)?(?:toll|tally)s?\b|\bnumber\s+of\s+(?:the\s+)?(?:(?P<dead>dead|deaths|killed|"
         r"those\s+killed)|victims|casualties|wounded|injured)\b")
_RISEN = (re.compile(rf"(?i)(?:{_TOLL})[^.]{{0,90}}?\b(?:rose|risen|climbed|increased|jumped|spiked|soared|went\s+up)\b"),
          re.compile(rf"(?i)\b(?:an?|the|its)\s+(?:earlier|previous|initial|first)\s+(?:{_TOLL})"),
          re.compile(rf"(?i)\binitially\s+(?:given|gave|reported|put|said)\b[^.]{{0,30}}?(?:{_TOLL})"))
_DEATHS = re.compile(r"(?i)\b(?:killed|kill|kills|dead|died|death|deaths)\b")
_HURT = re.compile(r"(?i)\b(?:wounded|injured|hurt|injuries|casualties|victims)\b")


def _still_rising(f: Finding, a: Source, b: Source) -> bool:
    """Whether the smaller of two tolls comes from an article that says its toll is expected to rise ("The group
    said the toll could rise as body parts were still being collected"): a larger count elsewhere is a later one.
    A death toll said to rise ("the death toll", "the number of dead") says so of the dead only."""
    label = f"{f.a.counts or ''} {f.b.counts or ''}"  # what the figures count ("people wounded"), not the holder
    if not (_DEATHS.search(label) or _HURT.search(label)) or f.a.value is None or f.b.value is None:
        return False
    lower = a if f.a.value.reference < f.b.value.reference else b if f.b.value.reference < f.a.value.reference else None
    if lower is None:
        return False
    any_toll, death_toll = _grown(lower.text, (_RISING,))
    return any_toll or (death_toll and _DEATHS.search(label) is not None)


def _risen(f: Finding, a: Source, b: Source) -> bool:
    """Whether the larger of two tolls comes from an article that tells its toll as grown from an earlier one ("The
    death toll ... rose to 32", "The monitor had initially given a death toll of 34 civilians but the number spiked"):
    the smaller count elsewhere is an earlier one, which that article explains. A death toll said to have grown
    says so of the dead only, unless the larger figure is told in the same sentence ("rose to 32 and more than 115
    wounded")."""
    label = f"{f.a.counts or ''} {f.b.counts or ''}"
    if not (_DEATHS.search(label) or _HURT.search(label)) or f.a.value is None or f.b.value is None:
        return False
    if f.a.value.reference == f.b.value.reference:
        return False
    higher, side = (a, f.a) if f.a.value.reference > f.b.value.reference else (b, f.b)
    any_toll, death_toll = _grown(higher.text, _RISEN)
    return any_toll or (death_toll and _DEATHS.search(label) is not None) or any(_grown(side.sentence, _RISEN))


@lru_cache(maxsize=4096)
def _grown(text: str, patterns: tuple[re.Pattern, ...]) -> tuple[bool, bool]:
    """(any toll, a death toll) that one of `patterns` finds in a text (each with the groups "deaths" and "dead")."""
    found = [bool(m.group("deaths") or m.group("dead")) for p in patterns for m in p.finditer(text)]
    return (False in found, True in found)


def _running(anchor: str | None) -> bool:
    """Whether a figure's anchor makes it a running total or a window ("so far", "since 2011", "over the past year")."""
    return bool(anchor) and (is_cumulative(anchor) or bool(_WINDOW.match(anchor.strip())))


def _days(side: Side, source: Source, kind: str) -> set[str]:
    """The weekdays a side is told on: its sentence's, else, for a figure with no time of its own ("since last
    autumn"), its article's lead's ("An air strike hit the hospital on Tuesday" over "A spokesman said an air strike
    hit its courtyard killing 14"). A claim is no one day's event."""
    days = set(_WEEKDAY.findall(side.sentence.lower()))
    if days or side.time or kind != "numeric":
        return days
    return set(_WEEKDAY.findall(source.text[: EVENT.lead_chars].lower()))


def one_event(a: Source, b: Source, findings: list[Finding]) -> list[Finding]:
    """The findings between two articles that passed `frame_gate`, kept only where nothing in them tells two
    incidents, each weighed by `event_factor` (named in its explanation and `factors["event"]`).

    In a corpus that mixes incidents none of these is kept: two figures with different time anchors ("in August
    2013" vs "on Tuesday"); a larger later figure ("possibly updated": another day's toll); a figure whose anchor
    lies away from its article's date, or whose sentence opens with such a date (recalled from another incident, a
    chronology's entry); two sentences naming different weekdays; two figures more than `EVENT.max_ratio` times
    apart (a war's toll against an incident's, "170,000" vs "700"); a running total or window ("so far", "over the
    past year") against a figure with neither; a sentence that tells a span of several days ("in three days of
    attacks") against one that does not; two figures told with kinds of attack and none in common ("air strikes"
    vs "rocket shells": the lexicon's "incidents"; a sentence that names none takes its report's headline's); a
    smaller toll from a report that says its toll could rise, against a larger one (`_still_rising`); a larger toll
    from a report that tells it as grown from an earlier one, against a smaller one (`_risen`); a claim
    whose actor one side leaves unnamed (anyone's). In a handful of articles of one event, `scoring` names the
    times and keeps them.
    """
    factor, note = event_factor(a, b)
    kept = []
    for f in findings:
        days_a, days_b = _days(f.a, a, f.kind), _days(f.b, b, f.kind)
        if days_a and days_b and not days_a & days_b:
            continue  # "on Wednesday" vs "on Thursday": two days' events
        if f.kind == "assertion" and f.factors.get("actors_named", 1.0) < 1:
            continue  # in a mixed corpus an unnamed actor is anyone's: "used" by whom, denied by whom
        if f.kind == "numeric" and (f.relation == "possibly updated" or f.factors.get("time", 1.0) < EVENT.time_shift
                                    or f.factors.get("ratio", 1.0) > EVENT.max_ratio
                                    or _running(f.a.time) != _running(f.b.time)
                                    or bool(_DAYS_SPAN.search(f.a.sentence)) != bool(_DAYS_SPAN.search(f.b.sentence))
                                    or _other_kinds(f.a, f.b, a, b)
                                    or placed_elsewhere(f.a, a) or placed_elsewhere(f.b, b) or _still_rising(f, a, b)
                                    or _risen(f, a, b)):
            continue
        if factor == 1.0:
            kept.append(replace(f, factors={**f.factors, "event": 1.0}))
        else:
            kept.append(replace(f, score=round(f.score * factor, 4), factors={**f.factors, "event": factor},
                                explanation=f"{f.explanation} ({note})"))
    return kept


def _as_specific(place: str, known: str) -> bool:
    """Whether `place` names `known` or a part of it ("eastern aleppo" for "aleppo"), not something wider ("damascus"
    for "damascus countryside")."""
    words, wanted = place.split(), known.split()
    return bool(wanted) and all(any(_same_word(x, y) for x in words) for y in wanted)


def sentence_places(findings: list[Finding], specific: Sequence[str],
                    read: Callable[[list[str]], list[list[str]]],
                    sources: Mapping[str, Source] | None = None) -> list[Finding]:
    """`findings` without those whose two sentences each name a place and no place of one can be one of the other
    ("rebel shelling of Aleppo" vs "a massacre in Qardaha"); a place of an article's lead is one with the wider
    places the corpus's texts put it in (`Source.regions`, as in `frame_gate`: "nine children" in Khan Sheikhun
    against "11 children" in Idlib). Only places the corpus treats as specific count (one of
    `specific`, the places of its articles' leads, or a part of one): a country at war named everywhere, or a capital
    a district of which is named, parts nothing. A sentence that names no place takes its article's lead places
    (`sources`), as its frame does, unless the article names the other sentence's place anywhere: "34 civilians
    killed in a village in Deir az-Zour" is not the toll of "Four civilians were killed" in a report from Douma that
    never names Deir az-Zour, while a town named in one report may sit in the province the other's lead names.
    `read` gives each text's places (`extract.places.lead_places`, or its cached reading)."""
    texts = sorted({f.a.sentence for f in findings} | {f.b.sentence for f in findings})
    named = {t: [p for p in places if any(_as_specific(p, q) for q in specific)] + named_where(t, specific)
             for t, places in zip(texts, read(texts))}
    sources = sources or {}
    article_words: dict[str, set[str]] = {}

    def apart(a: Side, b: Side) -> bool:  # b's sentence names a place, a's none
        source = sources.get(a.source)
        if source is None or not source.places or any(_inside(p, q) for p in source.places for q in named[b.sentence]):
            return False
        if source.id not in article_words:
            article_words[source.id] = set(re.findall(r"[a-z]+", source.text.casefold()))
        words = article_words[source.id]
        return not any(all(any(_same_word(w, x) for x in words) for w in _name_words(place))
                       for place in named[b.sentence])

    def within(side: Side, own: list[str], other: list[str]) -> bool:  # both sentences name a place
        source = sources.get(side.source)
        if source is None or not source.regions or not any(_inside(p, q) for p in own for q in source.places):
            return False  # only a place of its own article's lead has the wider places its regions give
        return any(_inside(r, q) for r in source.regions for q in other)

    kept = []
    for f in findings:
        in_a, in_b = named[f.a.sentence], named[f.b.sentence]
        if in_a and in_b:
            if any(_inside(p, q) for p in in_a for q in in_b) or within(f.a, in_a, in_b) or within(f.b, in_b, in_a):
                kept.append(f)
        elif not ((in_b and apart(f.a, f.b)) or (in_a and apart(f.b, f.a))):
            kept.append(f)
    return kept


def _name_words(place: str) -> list[str]:
    """The words of a place name that name it (not "eastern", "province"); all of them when none does."""
    return [w for w in re.findall(r"[a-z]+", place) if w not in NAMING_NO_PLACE] or re.findall(r"[a-z]+", place)

"""The shared vocabulary of figures: units of measure with their dimensions, and the lexicon of counted nouns and
events (`data/lexicon.json`). Extraction reads figures with it; findings compare them with it. And how a place is
written as where something happened (`named_where`), which both the article frames and the sentences read."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

# Units of measure written after a figure: written form -> (unit as shown, dimension, size in the dimension's base).
# Figures are compared only within one dimension, converted to its base ("40 km" vs "40,000 metres" agree).
MEASURES: dict[str, tuple[str, str, float]] = {}
for _forms, _unit_name, _dim, _size in (
    ("km/h kph kmh kilometres-per-hour kilometers-per-hour km-per-hour", "km/h", "speed", 1.0),
    ("mph miles-per-hour", "mph", "speed", 1.609344),
    ("metres-per-second meters-per-second m/s", "m/s", "speed", 3.6),
    ("feet-per-second ft/s", "ft/s", "speed", 1.09728),
    ("square-kilometres square-kilometers square-km sq-km km2", "km²", "area", 1e6),
    ("square-miles sq-miles", "sq miles", "area", 2_589_988.0),
    ("square-metres square-meters sq-m m2", "m²", "area", 1.0),
    ("square-feet sq-ft", "sq ft", "area", 0.092903),
    ("square-yards", "sq yd", "area", 0.836127),
    ("hectares hectare", "hectares", "area", 10_000.0),
    ("acres acre", "acres", "area", 4046.86),
    ("kilometres kilometre kilometers kilometer km kms", "km", "length", 1000.0),
    ("miles mile", "miles", "length", 1609.344),
    ("metres metre meters meter", "metres", "length", 1.0),
    ("centimetres centimetre centimeters centimeter cm", "cm", "length", 0.01),
    ("feet foot ft", "feet", "length", 0.3048),
    ("inches inch", "inches", "length", 0.0254),
    ("yards yard", "yards", "length", 0.9144),
    ("tonnes tonne tons ton metric-tons", "tonnes", "mass", 1000.0),
    ("kilograms kilogram kilos kilo kg", "kg", "mass", 1.0),
    ("grams gram", "grams", "mass", 0.001),
    ("litres litre liters liter", "litres", "volume", 1.0),
    ("gallons gallon", "gallons", "volume", 3.785),
    ("barrels barrel", "barrels", "volume", 159.0),
    ("seconds second secs sec", "seconds", "time", 1.0),
    ("minutes minute mins min", "minutes", "time", 60.0),
    ("hours hour hrs hr", "hours", "time", 3600.0),
    ("days day", "days", "time", 86_400.0),
    ("weeks week", "weeks", "time", 604_800.0),
    ("months month", "months", "time", 2_629_800.0),
    ("years year yrs", "years", "time", 31_557_600.0),
    ("decades decade", "decades", "time", 315_576_000.0),
):
    for _form in _forms.split():
        MEASURES[_form.replace("-", " ")] = (_unit_name, _dim, _size)
UNIT_DIMENSIONS = {unit: (dim, size) for unit, dim, size in MEASURES.values()} | {"age": ("age", 1.0)}


def unit_dimension(unit: str | None) -> tuple[str | None, float]:
    """(dimension, size of one `unit` in the dimension's base): ("length", 1000.0) for km; a currency or "%" is its
    own dimension; a plain count is (None, 1)."""
    if unit is None:
        return None, 1.0
    return UNIT_DIMENSIONS.get(unit, (unit, 1.0))


@lru_cache(maxsize=1)
def _lexicon_data() -> dict:
    """The packaged `data/lexicon.json`, read once."""
    return json.loads(resources.files("contradictions").joinpath("data/lexicon.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """(counted-noun lemma -> class, event lemma -> class) from the packaged lexicon."""
    data = _lexicon_data()
    counts = {lemma: cls for cls, lemmas in data["counts"].items() for lemma in lemmas}
    events = {lemma: cls for cls, lemmas in data["events"].items() for lemma in lemmas}
    return counts, events


@lru_cache(maxsize=1)
def incident_kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) for each kind of attack of the packaged lexicon's "incidents" ("air", "shelling", "blast" ...)."""
    data = _lexicon_data()
    return tuple((kind, re.compile(r"(?i)\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words) + r")s?\b"))
                 for kind, words in data["incidents"].items() if not kind.startswith("_"))


def kinds_of_incident(text: str) -> frozenset[str]:
    """The kinds of attack a sentence names ("air strikes and shelling": air, shelling)."""
    return frozenset(kind for kind, pattern in incident_kinds() if pattern.search(text))


@lru_cache(maxsize=1)
def _carried_by() -> dict[str, frozenset[str]]:
    """Each kind that names what was used (a weapon) -> the kinds that can carry it (lexicon "_carried_by")."""
    return {kind: frozenset(carriers) for kind, carriers in _lexicon_data()["incidents"].get("_carried_by", {}).items()}


def kinds_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of kinds of attack can tell one attack: they share a kind, or one names a weapon that the
    other's kind can carry ("a suspected chemical attack" and "an airstrike that released toxic gas")."""
    carried = _carried_by()
    return bool(a & b) or any(carried.get(x, frozenset()) & other for kinds, other in ((a, b), (b, a)) for x in kinds)


def same_word(x: str, y: str, spelling: float | None = None) -> bool:
    """One word written two ways: equal, a stem of the other ("korea"/"korean", "iraq"/"iraqs"; both at least four
    letters), or, given `spelling`, at least that alike (difflib ratio: "raqqa"/"raqa")."""
    if x == y:
        return True
    if min(len(x), len(y)) < 4:
        return False
    return x.startswith(y) or y.startswith(x) or (spelling is not None and SequenceMatcher(None, x, y).ratio() >= spelling)


# After a place name: it says whose or where from, not where ("-based", "-led", "-backed", "-held" ...), or it
# names an actor by its country or seat ("Moscow officials", "Damascus government"). Strikes and weapons make an
# actor only of a country's initials ("US air strikes"): "Idlib strikes kill 15" are strikes on Idlib.
ACTOR_USE = re.compile(
    r"(?i)\s*[-\u2013]\s*(?:based|led|backed|held|controlled|run|trained|formed|funded|brokered|allied|affiliated|"
    r"linked|made|sponsored)\b"
    r"|\s+(?:warplanes?|jets?|forces|troops|army|military|militants?|terrorists?|fighters|coalition|officials?|"
    r"government|regime|president|command|envoy|militia)\b")
# Before a place name: the head of a body's name it stands in ("Islamic State of Iraq and the Levant").
IN_A_NAME = re.compile(r"\b(?:State|Observatory|Front|Council|Ministry|Committee|Coalition|Army|Brigades?|Movement|"
                       r"League|Organi[sz]ation|Commission|Network)\s+(?:of|in|for)\s+(?:the\s+)?"
                       r"(?:[A-Z][\w-]*\s+and\s+(?:the\s+)?)?$")
# Kinds of area a place name is said with ("the town of ...", "Idlib province", "the Damascus countryside"): the one
# list for reading where (`LOCATIVE`), what lies in what (`extract.places.regions`) and which words of a place name
# name it (`findings.events`).
AREA_WORDS = ("town", "village", "city", "province", "governorate", "district", "countryside", "outskirts", "suburbs",
              "region", "neighbourhood", "neighborhood", "area")
AREA_WORD = "(?:" + "|".join(AREA_WORDS) + ")"  # one of them, as a pattern
DIRECTIONS = frozenset("north south east west northern southern eastern western northeast northwest southeast "
                       "southwest upper lower".split())
# The words of a place name that name no place by themselves: "eastern", "province", "old" of "Old Damascus".
NAMING_NO_PLACE = DIRECTIONS | frozenset(AREA_WORDS) | frozenset("central greater old new al el the".split())
# Where a place name stands as the place of what happened: after a locative preposition, with up to three words
# between ("in the south of rebel-held Idlib", "on ISIL-controlled Raqqa", "in Syrias Aleppo"), or a kind of area and "of"
# ("the town of Khan Sheikhoun"); not "residents of Fuaa".
LOCATIVE = (r"\b(?:(?:in|on|near|at|outside|around|across|into|towards?)\s+(?:the\s+)?(?:[a-z][\w'\u2019-]*\s+){0,3}"
            r"|" + AREA_WORD + r"\s+of\s+(?:the\s+)?)")


def name_pattern(place: str) -> str:
    """A place name as a pattern: its words as written, any run of spaces between them ("Khan  Sheikhoun")."""
    return r"\s+".join(map(re.escape, place.split()))


def named_where(text: str, known: Sequence[str]) -> list[str]:
    """The places of `known` that `text` names, capitalised, as where something happened (after `LOCATIVE`), and not
    as whose or where from ("Aleppo-based") nor inside a body's name ("Islamic State in Iraq"): the small entity
    recogniser misses many a name in one text ("Missile kills 18 civilians in Syrias Aleppo Monitor") that it reads
    in others. A place named only as the start of a longer one also known ("Deir" of "Deir Ezzor") is not named."""
    spans: list[tuple[int, int, str]] = []
    lowered = text.lower()
    for place in known:
        if len(place) < 4 or place.split()[0] not in lowered:
            continue  # most places are not in a given text at all: no pattern to run
        pattern = LOCATIVE + r"(?P<name>" + name_pattern(place) + r")(?![\w-])"
        spans += [(m.start("name"), m.end("name"), place) for m in re.finditer(pattern, text, re.IGNORECASE)
                  if m.group("name")[0].isupper() and not ACTOR_USE.match(text, m.end())
                  and not IN_A_NAME.search(text, 0, m.start("name"))]

    def in_a_longer(start: int, end: int) -> bool:
        return any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)

    return list(dict.fromkeys(place for start, end, place in spans if not in_a_longer(start, end)))

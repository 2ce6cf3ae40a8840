"""Figures as written: every number a sentence states ("around 600", "more than 6,000", "thousands of", "$7 billion",
"two dozen", "40 km"), as an interval with its hedge and unit. Years, dates, clock times, ordinals, durations and
identifiers ("Type 23 frigate", "Aug. 21") are not figures. What a figure counts comes from the parse
(`extract.quantities`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from contradictions.lexicon import MEASURES
from contradictions.model import Interval
from contradictions.timeline import MONTHS

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
_MEASURE = "|".join(re.escape(f).replace(r"\ ", r"[\s-]+") for f in sorted(MEASURES, key=len, reverse=True))
_MEASURE_AFTER = re.compile(rf"(?i)\s*(?:-\s*)?(?P<unit>{_MEASURE})(?![\w/])(?P<old>[\s-]+old\b)?")
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged|age(?:\s+of)?)\s+$")
# A time span that places a figure rather than measures something: "in the past 24 hours", "three years ago".
_WINDOW_BEFORE = re.compile(r"(?i)\b(?:past|last|next|previous|coming|recent|first|final)\s+$")
_AGO_AFTER = re.compile(r"(?i)\s+(?:ago|earlier|before|from\s+now)\b")


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
_STAMP_AT = re.compile(r"\b(?:19|20)\d\d,?\s+at\s+$")  # "at" right after a date's year: a clock time follows
_TIME_AFTER = re.compile(r"\s*(?::\d\d|[ap]\.?m\b\.?|\s*(?:gmt|utc|kst)\b|\.\d\d\s*[ap]m)", re.I)
_DURATION = re.compile(r"^\s*-?(?:\s*(?:day|week|month|year|hour|minute|second|decade|century)s?)(?:-long|-old)?\b", re.I)
_MONTH_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(MONTHS)})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:,|and|-|to|&)\s*)*)$", re.I)
_MONTH_AFTER = re.compile(rf"^\s*(?:{'|'.join(MONTHS)})\b", re.I)
_NOT_COUNTED_AFTER = re.compile(r"\s+(?:some|about|around|roughly|nearly|almost|over|more|at|the|a|an|there|when|as|"
                                r"after|before|in|on|and|or|during|while)\b|\s*[^\w\s]|\s+[A-Z]|\s*$")
_YEAR_BEFORE = re.compile(r"\b(?:18|19|20)\d\d\s*(?:,|and|or|to|through|-|\u2013)\s*$")  # "in 2014 and 2015"
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|until|till|from|during|of|year|early|late|mid|before|after|fiscal|FY|summer|winter|spring|autumn|fall)\s*-?$", re.I)
# A number that labels a report or a day of a live blog, with nothing counted after it ("report 561 from Belgorod",
# "Ukraine war, day 561", "update 12:"); "activists report 12 killed" counts.
_LABEL_BEFORE = re.compile(r"(?i)\b(?:report|update|bulletin|dispatch|day)\s+$")
_LABEL_AFTER = re.compile(r"\s*(?:$|[.,:;!?)\]|\u2013\u2014-]|(?:from|of|on|in|at)\b)")
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
class Figure:
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
    if re.fullmatch(r"[0-2]\d[0-5]\d", number) and int(number[:2]) < 24 and (
            re.match(r"\s*hrs?\b", after, re.I) or (_STAMP_AT.search(before) and not re.match(r"\s+[a-z]", after))):
        return True  # a military clock time: "1400 hrs", a dateline's "Wed 01 Oct 2014 at 1459"
    if re.match(r"\s*/\s*\d", after) or re.search(r"\d\s*/\s*\d+\s+of\s+$", before):
        return True  # a ratio or a date ("1/0", "24/7", "9/11"), or a share of one ("1/0 of a million")
    if re.match(r"-(?!strong\b)[a-z]", after) and not measured:
        return True  # a compound modifier: "7.8-magnitude quake", "15-year-old", "two-day visit"
    if re.search(r"\b[A-Z][a-z]+,\s*$", before) and re.match(r"\s*,", after) and number.isdigit() and int(number) < 120:
        return True  # an age in apposition: "Kim Jong Un, 41, met"
    day = number.isdigit() and int(number) <= 31 and not match.group("hedge")
    if (day and _MONTH_BEFORE.search(before)) or (number.isdigit() and _MONTH_AFTER.match(after)):
        return True
    years = [match.group("lo"), match.group("hi")]
    if all(y and re.fullmatch(r"\d{4}", y) and 1800 <= int(y) <= 2100 for y in years) and not match.group("cur1") and (
            _NOT_COUNTED_AFTER.match(after)):
        return True  # "between 2011 and 2015 some 250,000 died": a span of years ("between 1900 and 2000 people" counts)
    if re.fullmatch(r"\d{4}", number) and 1800 <= int(number) <= 2100 and not match.group("cur"):
        if (_YEAR_CONTEXT.search(before) or _MONTH_BEFORE.search(before) or not re.match(r"\s+[a-z]", after)
                or match.group("num2") or _YEAR_BEFORE.search(before)):
            return True
    if number and number[0].isdigit() and not match.group("hedge") and not match.group("cur"):
        if _IDENT_BEFORE.search(before) or (_LABEL_BEFORE.search(before) and _LABEL_AFTER.match(after)):
            return True
    if number and number[0].isdigit() and re.search(r"[A-Za-z]-$", before):
        return True
    if number and number[0].isdigit() and not match.group("hedge"):
        word = re.search(r"\b([A-Z][A-Za-z]+)\s+$", before)
        if word and word.group(1).lower() not in _FUNCTION_WORDS and word.group(1).lower() not in MONTHS:
            return True  # "Hwasong 17", "Resolution 2231": a name followed by a number
    return False


def find_figures(text: str) -> list[Figure]:
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
            Figure(match.start(), end, value, hedge, unit, numeric_end, bool(re.search(r"\d", text[match.start() : end])),
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

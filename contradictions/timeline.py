"""Time anchors: the anchors a sentence gives a figure ("in April", "so far", "two weeks ago"), what each means
given a publication date, and which of two is the later. Extraction attaches anchors to figures; findings compare
them; `io.dates` reads publication dates with the same month words.

`TIME_ANCHOR` finds anchors ("in April", "as of Aug. 21", "since last autumn", "so far", "two weeks ago", "at
the latest briefing", ...); `quantities` attaches one to each figure through the parse. `resolve` turns an
anchor into a `When`, a span of days in one of three domains that are only ever compared with themselves:

- "date": calendar days. Explicit dates with a year ("in December 2024", "on 22 Aug. 2025"), and every anchor
  once the source's publication date is known ("last year", "on Friday" and a month without a year are read
  against it; "so far", "to date", "since ...", "until now", "at the latest briefing" mean the publication day).
- "relative": days before an unknown publication day ("last year", "this week", "so far"). Anchors of two
  undated articles about one event are compared as if both were written the same day.
- "yearless": a month or day with no year and no publication date ("in April", "as of April 3"), compared
  with another yearless anchor as if in the same year.

`order` says which of two anchors is earlier ("before", "after", "overlap", or "unknown" when they cannot be
ordered: different domains or an anchor it cannot read, such as "in the first week").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month of each

MONTH_PATTERN = rf"(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR_PATTERN = r"(?:19|20)\d\d"
_DATE = (rf"(?:{MONTH_PATTERN}(?:\s+{_DAY})?(?:,?\s+{YEAR_PATTERN})?|{_DAY}\s+{MONTH_PATTERN}(?:,?\s+{YEAR_PATTERN})?|mid-{YEAR_PATTERN}|{YEAR_PATTERN})"
         rf"(?!\w)")
_PERIOD = r"(?:year|month|week|weekend|quarter|autumn|fall|spring|summer|winter)"
_RELATIVE = (rf"(?:(?:earlier|later|late|early)\s+)?(?:last|this|next|the\s+past|the\s+previous)\s+{_PERIOD}"
             rf"|(?:the\s+past|recent|the\s+last)\s+(?:few\s+)?(?:days|weeks|months|years)"
             rf"|(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few)\s+"
             rf"(?:days?|weeks?|months?|years?)\s+ago|yesterday|today|tonight")
_MOD = r"(?:(?:early|mid|late)[\s-]+|the\s+(?:end|start|beginning|middle)\s+of\s+)"
_EVENT = (r"the\s+(?:start|beginning|outbreak|end)\s+of\s+the\s+(?:war|conflict|invasion|deployment|fighting|"
          r"operation|mission|year|month|offensive)"
          r"|the\s+(?:war|conflict|invasion|deployment|fighting|offensive)\s+(?:began|started)"
          r"|the\s+(?:first|second|third|last|past)\s+(?:few\s+)?(?:days?|weeks?|months?|year)(?:\s+of\s+(?:the\s+)?\w+)?")
_LATEST = r"the\s+(?:latest|last|most\s+recent)\s+(?:briefing|update|count|tally|estimate|report|assessment)"
_WEEKDAY = rf"(?:{'|'.join(WEEKDAYS)})"

TIME_ANCHOR = re.compile(
    rf"""(?ix)\b(
        (?:as\s+of|since|by|in|on|during|until|till|through|from|at)\s+{_MOD}?(?:{_RELATIVE}|{_DATE})
      | (?:as\s+of|since|by|on|until|till|through|from|over)\s+{_WEEKDAY}
      | (?:since|by|in|during|until|till|through|over|at|as\s+of)\s+(?:{_EVENT})
      | (?:at|in|as\s+of|by|according\s+to)\s+{_LATEST}
      | over\s+the\s+weekend
      | {_RELATIVE}
      | (?:so|thus)\s+far(?:\s+this\s+year)?|to\s+date|until\s+now|up\s+to\s+now|till\s+now
    )\b"""
)

CUMULATIVE = re.compile(r"(?i)^(?:as\s+of|since|by|until|till|through|so\s+far|thus\s+far|to\s+date|up\s+to\s+now)\b"
                        rf"|\b(?:{_LATEST})$")
RUNNING_TOTAL = re.compile(r"(?i)\b(?:in\s+total|total|in\s+all|cumulative(?:ly)?|so\s+far|to\s+date|thus\s+far|"
                           r"until\s+now|since)\b")
_NOW = re.compile(rf"(?i)^(?:since\b|so\s+far|thus\s+far|to\s+date|until\s+now|up\s+to\s+now|till\s+now|(?:at|in|as\s+of|by|according\s+to)\s+{_LATEST})")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "several": 3, "a few": 3}


def find_anchors(text: str) -> list[str]:
    """Every time anchor in `text`, as written (white space folded), in order."""
    return [re.sub(r"\s+", " ", m.group(1)) for m in TIME_ANCHOR.finditer(text)]


def is_cumulative(anchor: str | None) -> bool:
    """Whether an anchor marks a running total up to a time: "so far", "to date", "since ...", "as of ..."."""
    return bool(anchor and CUMULATIVE.search(anchor.strip()))


@dataclass(frozen=True)
class When:
    """A span of days, `low` to `high` inclusive, in one domain: "date", "relative" or "yearless"."""

    domain: str
    low: int
    high: int


def day_of(value: object) -> date | None:
    """The calendar day of a date, or of an ISO date or datetime string ("2025-04-01T10:00"); None when unreadable."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _month_span(year: int, month: int, mod: str) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    low, high = {"early": (1, 10), "mid": (11, 20), "late": (21, last), "end": (21, last),
                 "start": (1, 10), "beginning": (1, 10), "middle": (11, 20)}.get(mod, (1, last))
    return date(year, month, low), date(year, month, high)


def _year_span(year: int, mod: str) -> tuple[date, date]:
    months = {"early": (1, 4), "start": (1, 4), "beginning": (1, 4), "mid": (5, 8), "middle": (5, 8),
              "late": (9, 12), "end": (10, 12)}.get(mod, (1, 12))
    return date(year, months[0], 1), _month_span(year, months[1], "")[1]


def _span(low: date, high: date, pub: date | None) -> When:
    if pub is None:  # relative to an unknown publication day: only differences in days are kept
        return When("relative", (low - _PIVOT).days, (high - _PIVOT).days)
    return When("date", low.toordinal(), high.toordinal())


_PIVOT = date(2001, 1, 1)  # a stand-in "publication day" for relative anchors of undated sources


def _explicit(text: str, mod: str, pub: date | None) -> When | None:
    """An anchor that names a month, a day or a year."""
    year_m = re.search(rf"\b({YEAR_PATTERN})\b", text)
    month_m = re.search(rf"\b({MONTH_PATTERN})(?!\w)", text)
    day_m = re.search(r"(?<![\d-])(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{3})", text)
    year = int(year_m.group(1)) if year_m else None
    month = MONTHS[month_m.group(1).rstrip(".")] if month_m else None
    day = int(day_m.group(1)) if day_m and month else None
    if month is None:
        if year is None:
            return None
        low, high = _year_span(year, "mid" if "mid-" in text else mod)
        return When("date", low.toordinal(), high.toordinal())
    if year is None and pub is not None:
        year = pub.year if (month, day or 1) <= (pub.month, pub.day) else pub.year - 1
    if year is None:  # no year and no publication date: a day of an unknown year
        base = date(2001, 1, 1)
        low, high = _month_span(2001, month, mod) if day is None else (date(2001, month, min(day, 28)),) * 2
        return When("yearless", (low - base).days, (high - base).days)
    try:
        low, high = _month_span(year, month, mod) if day is None else (date(year, month, day),) * 2
    except ValueError:
        return None
    return When("date", low.toordinal(), high.toordinal())


def _relative(text: str, mod: str, pub: date | None) -> When | None:
    """An anchor relative to the publication day: "last year", "this week", "two weeks ago", "on Friday"."""
    now = pub or _PIVOT
    if re.search(r"\b(?:today|tonight)\b", text):
        return _span(now, now, pub)
    if "yesterday" in text:
        return _span(now - timedelta(1), now - timedelta(1), pub)
    ago = re.search(r"\b(\d+|a few|[a-z]+)\s+(day|week|month|year)s?\s+ago", text)
    if ago:
        n = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBERS.get(ago.group(1), 1)
        unit = {"day": 1, "week": 7, "month": 30, "year": 365}[ago.group(2)]
        return _span(now - timedelta(n * unit + unit // 4), now - timedelta(n * unit - unit // 4), pub)
    weekday = re.search(rf"\b({_WEEKDAY})\b", text)
    if weekday:
        back = (now.weekday() - WEEKDAYS.index(weekday.group(1))) % 7
        if pub is None:
            return _span(now - timedelta(6), now, pub)
        return _span(now - timedelta(back), now - timedelta(back), pub)
    if re.search(r"\bover\s+the\s+weekend\b", text):
        return _span(now - timedelta(7), now, pub)
    recent = re.search(r"\b(?:the\s+past|recent|the\s+last)\s+(?:few\s+)?(day|week|month|year)(s?)\b", text)
    if recent:
        days = {"day": 1, "week": 7, "month": 31, "year": 366}[recent.group(1)] * (4 if recent.group(2) else 1)
        return _span(now - timedelta(days), now, pub)
    rel = re.search(rf"\b(last|this|next|the\s+past|the\s+previous)\s+({_PERIOD})\b", text)
    if not rel:
        return None
    which, period = re.sub(r"\s+", " ", rel.group(1)), rel.group(2)
    step = {"last": -1, "the previous": -1, "this": 0, "the past": 0, "next": 1}[which]
    if pub is None and period in ("year", "month", "week", "weekend"):  # no calendar: windows of days
        length = {"year": 366, "month": 31}.get(period, 7)
        low, high = {-1: (-2 * length + 1, -1), 0: (1 - length, 0), 1: (1, 2 * length)}[step]
        return When("relative", low, high)
    if period == "year":
        low, high = _year_span(now.year + step, mod)
        return _span(low, min(high, now) if step == 0 else high, pub)
    if period == "month":
        month_index = now.year * 12 + now.month - 1 + step
        low, high = _month_span(month_index // 12, month_index % 12 + 1, mod)
        return _span(low, min(high, now) if step == 0 else high, pub)
    if period in ("week", "weekend"):
        start = now - timedelta(now.weekday()) + timedelta(7 * step)
        return _span(start, min(start + timedelta(6), now) if step == 0 else start + timedelta(6), pub)
    if period in SEASONS and pub is not None:  # seasons need the real calendar
        return _season(SEASONS[period], step, now)
    return None


def _season(first: int, step: int, now: date) -> When:
    """The season starting in month `first`: the last one over (step -1), the current one (0) or the next (1)."""

    def span(year: int) -> tuple[date, date]:
        end = year * 12 + first + 1  # the season's third month, as a month index
        return date(year, first, 1), _month_span(end // 12, end % 12 + 1, "")[1]

    years = range(now.year + 1, now.year - 3, -1)
    if step < 0:
        low, high = next(span(y) for y in years if span(y)[1] < now)
    elif step == 0:
        low, high = next(span(y) for y in years if span(y)[0] <= now)
    else:
        low, high = next(span(y) for y in reversed(years) if span(y)[0] > now)
    return When("date", low.toordinal(), high.toordinal())


def resolve(anchor: str | None, published: str | None = None) -> When | None:
    """When an anchor places its figure, read against the source's publication date (ISO) when known."""
    if not anchor:
        return None
    text = re.sub(r"\s+", " ", anchor.strip().lower())
    pub = day_of(published)
    if _NOW.match(text):  # "so far", "since last autumn", "at the latest briefing": up to the publication day
        return _span(pub or _PIVOT, pub or _PIVOT, pub)
    mod_m = re.search(r"\b(early|mid|late|end|start|beginning|middle)\b", text)
    mod = mod_m.group(1) if mod_m else ""
    if re.search(rf"{MONTH_PATTERN}|\b{YEAR_PATTERN}\b", text) and not re.search(rf"\b(?:last|this|next)\s+{_PERIOD}\b", text):
        return _explicit(text, mod, pub)
    return _relative(text, mod, pub)


# A full date written out: "21 August 2013", "Aug. 21, 2013" (also read by `io.dates` for publication dates).
WRITTEN_DATE = (rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH_PATTERN})"
                rf"|(?P<m2>{MONTH_PATTERN})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?),?\s+(?P<y>{YEAR_PATTERN})(?!\w)")
_OPENING = re.compile(rf"(?i)^(?:\S+\s+){{0,3}}?{WRITTEN_DATE}")


def opening_day(sentence: str) -> date | None:
    """The full date (day, month and year, written out) a sentence opens with, within its first few words: a
    chronology's entry ("August 21 2013 Washington accuses ...") or a date stamp ("AFP Sunday 1 Feb 2015 ...")."""
    match = _OPENING.match(sentence)
    if match is None:
        return None
    month = MONTHS[(match.group("m1") or match.group("m2")).lower().rstrip(".")]
    try:
        return date(int(match.group("y")), month, int(match.group("d1") or match.group("d2")))
    except ValueError:
        return None


def figure_time(anchor: str | None, published: str | None) -> When | None:
    """When a figure holds: its anchor, else (an undated figure is current news) its source's publication day."""
    if anchor:
        return resolve(anchor, published)
    return resolve("today", published) if published else None


def order(a: When | None, b: When | None) -> str:
    """How `a` sits against `b`: "before", "after", "overlap", or "unknown" when the two cannot be ordered."""
    if a is None or b is None or a.domain != b.domain:
        return "unknown"
    if a.high < b.low:
        return "before"
    if b.high < a.low:
        return "after"
    return "overlap"


@dataclass(frozen=True)
class TimeRelation:
    """How the times of two figures relate.

    `status`: "same" (no anchors, equal anchors, or anchors that overlap on the calendar), "one undated",
    "different" (ordered) or "order unknown". `later`: "a" or "b", whichever figure holds at the later time,
    from the anchors, or for an undated figure its source's publication day; None when that is not known.
    """

    status: str
    later: str | None = None


def _later(a: When | None, b: When | None) -> str | None:
    return {"before": "b", "after": "a"}.get(order(a, b))


def compare_times(time_a: str | None, time_b: str | None, published_a: str | None = None,
                  published_b: str | None = None) -> TimeRelation:
    """How the time anchors of two figures (and their sources' publication dates, ISO) relate."""
    later = _later(figure_time(time_a, published_a), figure_time(time_b, published_b))
    if not time_a and not time_b:
        return TimeRelation("same", later)
    if not time_a or not time_b:
        return TimeRelation("one undated", later)
    wa, wb = resolve(time_a, published_a), resolve(time_b, published_b)
    relation = order(wa, wb)
    same_text = time_a.casefold() == time_b.casefold()
    if relation in ("before", "after"):
        return TimeRelation("different", later)
    if same_text or (relation == "overlap" and (wa.domain != "relative" or wa == wb)):  # type: ignore[union-attr]
        return TimeRelation("same", later)
    return TimeRelation("order unknown", None)

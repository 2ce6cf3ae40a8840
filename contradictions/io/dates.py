"""Publication dates: a feed's date field (`parse_date`, with dateutil), a stamp or dateline near an article's top
(`publication_date`), or the first full date near its start (`dateline_date`, with dateparser)."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime

from dateutil import parser as dateutil_parser

from contradictions.timeline import MONTH_PATTERN, WRITTEN_DATE, YEAR_PATTERN

_AMBIGUOUS = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")  # "01/04/2025": day or month first? Not read.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))  # a part the text leaves out shows as these two differing


def parse_date(value: object) -> str | None:
    """A feed's date as ISO `YYYY-MM-DD`, or None when it cannot be read.

    Reads what dateutil reads when the text names a day, a month and a year: ISO dates and datetimes
    ("2025-04-01", "2025-04-01T10:00:00Z"), RFC 2822 ("Tue, 01 Apr 2025 10:00:00 GMT"), written-out dates
    ("April 1, 2025", "1 Apr 2025", "Tuesday, April 1st, 2025 10:00 EDT"), year/month/day with slashes or dots,
    and `date`/`datetime` objects. Day-first or month-first numeric dates ("01/04/2025") are ambiguous and not
    read. A datetime keeps the calendar day it was written in, whatever its time zone.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip() or _AMBIGUOUS.match(value.strip()):
        return None
    text = " ".join(value.split())
    read = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an unknown time zone name ("EDT") changes nothing to the day
        for default in _DEFAULTS:
            try:
                read.append(dateutil_parser.parse(text, default=default).date())
            except (ValueError, OverflowError, TypeError):
                return None
    return read[0].isoformat() if read[0] == read[1] else None


_STAMP = re.compile(r"(?i)\b(published|first\s+published|posted|updated|last\s+updated|date)\s*(?:on\s*)?:?\s*(.{6,60})")
_FULL_DATE = re.compile(rf"(?i)\b(?:{YEAR_PATTERN}-\d\d-\d\d\b|{WRITTEN_DATE})")
_DATELINE = re.compile(rf"^[A-Z][A-Z .'-]{{1,30}},\s+(?i:{MONTH_PATTERN}\s+\d|\d{{1,2}}\s+{MONTH_PATTERN}|{YEAR_PATTERN}-)")
TOP_LINES = 8


def _date_in(text: str) -> str | None:
    """The first full date written in `text` ("2024-11-05", "Nov. 5, 2024", "5 November 2024"), as ISO."""
    match = _FULL_DATE.search(text)
    return parse_date(match.group(0)) if match else None


def publication_date(text: str) -> str | None:
    """The date (ISO `YYYY-MM-DD`) an article says it was published, or None when it gives none.

    A "Published:" stamp wins over "Updated:" or "Posted:"; failing a stamp, a full date standing on a short
    dateline or byline line among the first few lines ("By Jane Doe | November 5, 2024", "SEOUL, Nov. 5,
    2024 (Yonhap) --"). Dates inside the body's sentences are not publication dates.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:20]
    stamps: dict[str, str] = {}
    for line in lines:
        for match in _STAMP.finditer(line):
            found = _date_in(match.group(2))
            kind = match.group(1).lower().split()[-1]
            if found and kind not in stamps:
                stamps[kind] = found
    for kind in ("published", "posted", "date", "updated"):
        if kind in stamps:
            return stamps[kind]
    for line in lines[:TOP_LINES]:
        found = _date_in(line)
        short = len(line) <= 100 and len(_FULL_DATE.sub("", line).split()) <= 8
        if found and (short or _DATELINE.match(line)):
            return found
    return None


DATELINE_CHARS = 300  # how far into an article a dateline or date stamp is looked for (past a headline run in)


# "Jul 152015": "Jul 15, 2015" with its punctuation stripped, as text-only copies of web pages carry it
_GLUED = re.compile(rf"(?i)\b(?P<m>{MONTH_PATTERN})\s+(?P<d>\d{{1,2}})(?P<y>{YEAR_PATTERN})(?!\d)")
_DAY_AND_YEAR = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\b\d{1,2}\b.*\b\d{4}\b|\b\d{4}\b.*\b\d{1,2}\b")


def dateline_date(text: str) -> str | None:
    """The first full date (day, month and year) written near an article's start, in any common form ("Wed 05 Apr
    2017", "AFP Sunday 1 Feb 2015", "18.10.2014", "Sat Nov 18 2017", "Jul 152015" stripped of its comma), as ISO
    `YYYY-MM-DD`; None when there is none.

    Feeds and pasted copy often carry their date stamp inside the first line of the text rather than on a line of
    its own (where `publication_date` looks). Written-out dates are read as `publication_date` reads them; other
    forms with dateparser (day first where the order is ambiguous), kept only when the words it read hold a day and
    a year ("July 2015" alone would read as the 1st; "this week" as today).
    """
    start = text[:DATELINE_CHARS]
    found = _date_in(start)
    if found:
        return found
    glued = _GLUED.search(start)
    if glued:
        found = parse_date(f"{glued.group('m')} {glued.group('d')}, {glued.group('y')}")
        if found:
            return found
    from dateparser.search import search_dates

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY",
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        matches = search_dates(start, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    for written, when in matches or ():
        if 1900 <= when.year <= 2100 and _DAY_AND_YEAR.search(written):
            return when.date().isoformat()
    return None

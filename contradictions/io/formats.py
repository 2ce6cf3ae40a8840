"""Input formats besides plain text: saved web pages (through trafilatura) and article feeds (.jsonl, .csv, .parquet).

Each reader returns `Entry`s: one article's text and what the input says about it, with where it came from
(`feed.jsonl:17`, `feed.parquet: row 17`) for warnings. `load.py` normalises them into `Source`s and gives them
ids. Nothing here fetches anything: a page's URL is read from the page, never opened.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contradictions.io.dates import parse_date
from contradictions.model import ContradictionsError

PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
FIELDS = ("id", "outlet", "title", "date", "url", "text")
# The column names a feed is read with when --columns does not say otherwise, first match wins.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id",), "outlet": ("source", "outlet"), "title": ("title",), "date": ("date",), "url": ("url",),
    "text": ("text",),
}
_FIELD_NAMES = {"source": "outlet", **{name: name for name in FIELDS}}  # "source" is another name for outlet
_FIELD_LIST = "id, source (or outlet), title, date, url, text"

Warn = Callable[[str], None]
Rows = Iterable[tuple[str, Mapping[str, Any]]]  # (where the row is, its cells by column name)


@dataclass(frozen=True)
class Entry:
    """One article read from a page or a feed row, before it becomes a `Source` (text not yet normalised)."""

    where: str
    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """Whether `text` holds a lone UTF-16 surrogate: a JSON escape ("\\ud800") can make one; UTF-8 cannot hold it."""
    return _SURROGATE.search(text) is not None


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, so that it can be written out as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


# --- column mapping ----------------------------------------------------------------------------------------


def check_columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    """`columns` ({field: column name}) checked and keyed by field name ("source" becomes "outlet").

    Raises `ContradictionsError` for a field that is not one of id, source/outlet, title, date, url, text.
    """
    if columns is not None and not isinstance(columns, Mapping):
        raise ContradictionsError(
            f"the column mapping must be a {{field: column name}} mapping, not {type(columns).__name__}"
        )
    checked: dict[str, str] = {}
    for key, column in (columns or {}).items():
        field = _FIELD_NAMES.get(str(key).strip().lower())
        if field is None:
            raise ContradictionsError(
                f"unknown field {key!r} in the column mapping (--columns); the fields are {_FIELD_LIST}"
            )
        if not isinstance(column, str) or not column.strip():
            raise ContradictionsError(f"the column for {key!r} in the column mapping (--columns) must be a name")
        if field in checked:
            raise ContradictionsError(f"the column mapping (--columns) names the {field} column twice")
        checked[field] = column.strip()
    return checked


def parse_columns(spec: str) -> dict[str, str]:
    """`--columns` text ("text=body,outlet=publication") as a checked {field: column name} mapping."""
    pairs: dict[str, str] = {}
    for part in spec.split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise ContradictionsError(
                f"--columns takes FIELD=COLUMN pairs separated by commas (text=body,outlet=publication), got {part!r}"
            )
        if field.strip() in pairs:
            raise ContradictionsError(f"--columns names {field.strip()!r} twice")
        pairs[field.strip()] = column.strip()
    return check_columns(pairs)


def _resolve(path: Path, names: list[str], columns: Mapping[str, str], warn: Warn) -> dict[str, str]:
    """{field: the feed's column for it}; a name matches exactly, else ignoring case. Raises without a text column."""
    by_lower: dict[str, str] = {}
    for name in names:
        by_lower.setdefault(name.strip().lower(), name)
    found: dict[str, str] = {}
    for field in FIELDS:
        wanted = (columns[field],) if field in columns else DEFAULT_COLUMNS[field]
        for name in wanted:
            column = name if name in names else by_lower.get(name.lower())
            if column is not None:
                found[field] = column
                break
        else:
            if field in columns and field != "text":
                warn(f"{path}: no column {columns[field]!r} for {field} (from --columns); left empty")
    if "text" not in found:
        wanted = columns.get("text", "text")
        raise ContradictionsError(
            f"{path}: no {wanted!r} column for the article text (its columns: {', '.join(names) or 'none'}); "
            "say which column holds it with --columns text=COLUMN"
        )
    return found


# --- one row ---------------------------------------------------------------------------------------------------


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _missing(value: object) -> bool:
    if isinstance(value, float):
        return math.isnan(value)
    return value is None or (isinstance(value, str) and not value.strip())


def _scalar(value: object) -> str | None:
    """A cell as stripped text (numbers written out), None when empty; raises TypeError for anything else."""
    if _missing(value):
        return None
    if isinstance(value, str):
        return " ".join(without_surrogates(value).split())
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(_kind(value))
    return str(int(value)) if float(value).is_integer() else str(value)


def _entry(where: str, row: Mapping[str, Any], found: Mapping[str, str], warn: Warn) -> Entry | None:
    """The row as an `Entry`, or None (with a warning) when it has no usable text or a field of the wrong type."""
    text = row.get(found["text"])
    if _missing(text):
        warn(f"{where}: no text; skipped")
        return None
    if not isinstance(text, str):
        warn(f"{where}: the text is {_kind(text)}, not a string; skipped")
        return None
    values: dict[str, str | None] = {}
    for field in ("id", "outlet", "title", "url"):
        try:
            values[field] = _scalar(row.get(found[field])) if field in found else None
        except TypeError as kind:
            warn(f"{where}: the {field} is {kind}, not a string; skipped")
            return None
    published = None
    raw_date = row.get(found["date"]) if "date" in found else None
    if not _missing(raw_date):
        published = parse_date(raw_date)
        if published is None and isinstance(raw_date, str):
            warn(f"{where}: date {raw_date!r} not understood; published left empty")
        elif published is None:
            warn(f"{where}: the date is {_kind(raw_date)}, not a date; published left empty")
    return Entry(where=where, text=text, published=published, **values)


# --- feeds -----------------------------------------------------------------------------------------------------


def read_feed(path: Path, text: str | None, columns: Mapping[str, str], warn: Warn) -> list[Entry]:
    """The articles of a feed file, one per row, in row order; bad rows are skipped with a warning naming the line.

    `text` is the file's decoded content (None for Parquet, which is read from `path`). `columns` is a checked
    mapping from `check_columns`. Raises `ContradictionsError` when the feed has no text column.
    """
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        parquet = _parquet_rows(path, warn)
        if parquet is None:  # not readable as Parquet, and warned about
            return []
        names, rows, any_row = parquet
    elif suffix == ".csv":
        names, rows, any_row = _csv_rows(path, text or "", warn)
    else:
        names, rows, any_row = _jsonl_rows(path, text or "", warn)
    if not any_row:
        warn(f"{path}: empty feed; nothing read")
        return []
    if not names:  # every line was bad, and each has had its warning
        return []
    found = _resolve(path, names, columns, warn)
    return [entry for where, row in rows if (entry := _entry(where, row, found, warn))]


def _jsonl_rows(path: Path, text: str, warn: Warn) -> tuple[list[str], Rows, bool]:
    names: dict[str, None] = {}
    rows: list[tuple[str, Mapping[str, Any]]] = []
    any_row = False
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines(): U+2028 may stand inside a JSON string
        if not line.strip():
            continue
        any_row = True
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            warn(f"{path}:{number}: not valid JSON; skipped")
            continue
        if not isinstance(value, dict):
            warn(f"{path}:{number}: {_kind(value)}, not a JSON object; skipped")
            continue
        names.update(dict.fromkeys(value))
        rows.append((f"{path}:{number}", value))
    return list(names), rows, any_row


def _csv_rows(path: Path, text: str, warn: Warn) -> tuple[list[str] | None, Rows, bool]:
    lines = list(io.StringIO(text, newline=""))  # physical lines, ends kept
    header: list[str] | None = None
    rows: list[tuple[str, Mapping[str, Any]]] = []
    any_row = False
    start = 0  # the physical line (from 0) the reader starts on; a bad row restarts it on the line after
    while start is not None:
        reader = csv.reader(itertools.islice(lines, start, None))
        restart = None
        while True:
            line = start + reader.line_num + 1  # the physical line the next record starts on (from 1)
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                any_row, restart = True, line
                warn(f"{path}:{line}: {err}; skipped")
                break
            if start + reader.line_num > line and _quote_left_open(lines[line - 1 : start + reader.line_num]):
                any_row, restart = True, line
                warn(f"{path}:{line}: a quote opened in this row is not closed where a field can end; skipped "
                     "(the lines after it are read as rows)")
                break
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [cell.strip() for cell in record]
                continue
            any_row = True
            if len(record) != len(header):
                warn(f"{path}:{line}: {len(record)} fields where the header has {len(header)}; skipped")
                continue
            rows.append((f"{path}:{line}", dict(zip(header, record))))
        start = restart
    return header, rows, any_row


def _quote_left_open(lines: list[str]) -> bool:
    """Whether a record read over several lines only spans them because a quote was never closed.

    Read strictly, a quoted field must end at a delimiter or a line end: a stray opening quote either runs to the
    end of the file or closes on some later row's quote, mid-field.
    """
    try:
        list(csv.reader(lines, strict=True))
    except csv.Error:
        return True
    return False


def _parquet_rows(path: Path, warn: Warn) -> tuple[list[str], Rows, bool] | None:
    """The feed's columns, its rows (read a batch at a time) and whether it has any; None (with a warning) for a
    file that cannot be read as Parquet. Rows past a damaged part are left out with a warning."""
    try:
        import pyarrow
        import pyarrow.parquet as pq
    except ImportError:
        raise ContradictionsError(f"{path}: reading Parquet needs pyarrow (pip install pyarrow)") from None
    try:
        feed = pq.ParquetFile(path)
    except (pyarrow.ArrowException, OSError) as err:
        warn(f"cannot read {path} as Parquet: {err}; skipped")
        return None

    def rows() -> Iterator[tuple[str, Mapping[str, Any]]]:  # a batch at a time, not the whole table
        number = 0
        try:
            for batch in feed.iter_batches(batch_size=1024):
                for row in batch.to_pylist():
                    number += 1
                    yield f"{path}: row {number}", row
        except (pyarrow.ArrowException, OSError) as err:
            warn(f"cannot read {path} as Parquet after row {number}: {err}; the rest of it skipped")
        finally:
            feed.close()

    return list(feed.schema_arrow.names), rows(), feed.metadata.num_rows > 0


# --- saved web pages ---------------------------------------------------------------------------------------------


def read_page(path: Path, data: bytes) -> Entry | None:
    """A saved web page's article text, title, date, site name and URL, through trafilatura; None without article text.

    Only the page's own markup is read (its metadata dates, not dates guessed from the text such as a copyright
    year); nothing is fetched.
    """
    try:
        import trafilatura
        from trafilatura.settings import set_date_params
    except ImportError as err:
        raise ContradictionsError(f"{path}: reading web pages needs trafilatura ({err})") from None
    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, date_extraction_params=set_date_params(False),
    )
    body = getattr(document, "text", None) or ""
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if not paragraphs:
        return None
    return Entry(
        where=str(path),
        text="\n\n".join(paragraphs),
        title=document.title or None,
        outlet=document.sitename or document.hostname or None,
        published=parse_date(document.date) if document.date else None,
        url=document.url or None,
    )

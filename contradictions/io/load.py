"""Loading: folders, files (plain text, saved web pages, feeds) or a {source_id: text} mapping become `Source`s."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from contradictions.io.formats import (
    FEED_SUFFIXES,
    PAGE_SUFFIXES,
    Entry,
    check_columns,
    has_surrogates,
    read_feed,
    read_page,
    without_surrogates,
)
from contradictions.model import ContradictionsError, Source

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES + FEED_SUFFIXES
_SUFFIX_LIST = ", ".join(SUFFIXES[:-1]) + " or " + SUFFIXES[-1]
TITLE_MAX = 200

Warn = Callable[[str], None]

# Characters rewritten before anything else reads the text. Offsets everywhere are into the result.
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
        "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
        "\u2014": "\u2014", "\u2015": "\u2014",
        "\u2026": "...",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u2060": None,
        "\r": None,
    }
)
_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n)")


def normalise(text: str) -> str:
    """Unicode NFC, straight quotes, plain spaces, one hyphen and one dash, `\\n` line ends.

    A lone UTF-16 surrogate (only a JSON escape or Python code can make one) becomes U+FFFD: it can be neither
    written as UTF-8 nor embedded."""
    text = unicodedata.normalize("NFC", without_surrogates(text).replace("\r\n", "\n"))
    return _TRAILING_SPACE.sub("", text.translate(_TRANSLATE))


def title_of(text: str) -> str:
    """The first non-empty line, which for news text is the headline."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1].rstrip() + "\u2026"
    return ""


# Byte-order marks of the encodings that are not ASCII-compatible (UTF-32 first: its LE mark starts like UTF-16's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


def _bom_encoding(data: bytes) -> str | None:
    """"utf-16" or "utf-32" when `data` starts with that encoding's byte-order mark, else None."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _looks_binary(data: bytes) -> bool:
    encoding = _bom_encoding(data)
    sample = data[:4096].decode(encoding or "latin-1", "replace")  # latin-1: one character per byte
    if "\x00" in sample:
        return True
    control = sum(1 for c in sample if c < " " and c not in "\t\n\f\r")
    return bool(sample) and control / len(sample) > 0.1


def _decode(data: bytes, path: Path, warn: Warn) -> str:
    encoding = _bom_encoding(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            warn(f"{path}: not valid {encoding.upper()}; characters that cannot be read are shown as U+FFFD")
            return data.decode(encoding, "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        encoding = "Windows-1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "Latin-1"
    warn(f"{path}: not valid UTF-8; read as {encoding}")
    return text


def _read_bytes(path: Path, warn: Warn) -> bytes | None:
    """The file's bytes, or None (with a warning) when it cannot be read or looks binary."""
    try:
        data = path.read_bytes()
    except OSError as err:
        warn(f"cannot read {path}: {err.strerror or err}; skipped")
        return None
    if _looks_binary(data):
        warn(f"{path}: looks like a binary file; skipped")
        return None
    return data


def _files_in(folder: Path, warn: Warn) -> list[Path]:
    try:
        entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError as err:
        raise ContradictionsError(f"cannot read folder {folder}: {err.strerror or err}") from None
    listed = [p for p in entries if p.is_file()]
    broken = [p.name for p in entries if p.is_symlink() and not p.exists()]  # a loop, or a link to nothing
    if broken:
        shown = ", ".join(broken[:5]) + (" ..." if len(broken) > 5 else "")
        warn(f"{folder}: skipped {len(broken)} symbolic link(s) that loop or lead nowhere: {shown}")
    others = [p for p in listed if p.suffix.lower() not in SUFFIXES]
    if others:
        warn(f"{folder}: ignored {len(others)} file(s) that are not {_SUFFIX_LIST}")
    return [p for p in listed if p.suffix.lower() in SUFFIXES]


def _expand(paths: Iterable[str | os.PathLike[str]], warn: Warn) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ContradictionsError(f"no such file or folder: {path}")
        if path.is_dir():
            found = _files_in(path, warn)
            if not found:
                raise ContradictionsError(
                    f"{path} holds no .txt or .md articles, .html/.htm pages or .jsonl/.ndjson/.csv/.parquet feeds"
                )
            files.extend(found)
        else:
            files.append(path)
    return files


def _entries(path: Path, columns: Mapping[str, str], warn: Warn) -> tuple[bool, list[Entry]]:
    """(whether the file is a feed, its articles): one for a text file or page, one per row for a feed."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return True, read_feed(path, None, columns, warn)
    data = _read_bytes(path, warn)
    if data is None:
        return suffix in FEED_SUFFIXES, []
    if suffix in PAGE_SUFFIXES:  # bytes, so that the page's own charset is read; decoded when it has a UTF-16 mark
        page = read_page(path, _decode(data, path, warn) if _bom_encoding(data) else data)
        if page is None:
            warn(f"{path}: no article text found; skipped")
        return False, [page] if page else []
    text = _decode(data, path, warn)
    if suffix in FEED_SUFFIXES:
        return True, read_feed(path, text, columns, warn)
    return False, [Entry(where=str(path), text=text)]


def _readable(raw: str, where: str, warn: Warn) -> str | None:
    """`raw` normalised, or None (with a warning) when nothing is left of it."""
    if has_surrogates(raw):
        warn(f"{where}: invalid characters (lone UTF-16 surrogates) shown as U+FFFD")
    text = normalise(raw)
    if not text.strip():
        warn(f"{where}: empty; skipped")
        return None
    return text


def _make_source(source_id: str, raw: str, path: str | None, warn: Warn) -> Source | None:
    text = _readable(raw, path or source_id, warn)
    return Source(id=source_id, title=title_of(text), text=text, path=path) if text is not None else None


def _from_entry(entry: Entry, path: Path, warn: Warn) -> Source | None:
    """The entry as a `Source` with a placeholder id, or None (with a warning) when its text is empty."""
    text = _readable(entry.text, entry.where, warn)
    if text is None:
        return None
    title = title_of(normalise(entry.title)) if entry.title else ""
    return Source(id="", title=title or title_of(text), text=text, path=str(path), outlet=entry.outlet,
                  published=entry.published, url=entry.url)


def _feed_ids(rows: list[tuple[Entry, Source]]) -> list[str]:
    """Each feed row's id: its id column, else its outlet when no other row has that outlet, else `outlet#N`.

    A row with neither id nor outlet counts under its feed's file stem. N counts that outlet's rows in input order.
    """
    keys = [source.outlet or Path(source.path or "feed").stem for _, source in rows]
    totals = Counter(keys)
    seen: Counter[str] = Counter()
    ids = []
    for (entry, _), key in zip(rows, keys):
        seen[key] += 1
        ids.append(entry.id or (key if totals[key] == 1 else f"{key}#{seen[key]}"))
    return ids


def _given_sources(sources: list[Source], warn: Warn) -> list[Source]:
    """`Source`s handed in ready-made (as the CLI does after loading): normalised again, empties dropped."""
    out = []
    for source in sources:
        text = _readable(source.text, source.path or source.id, warn)
        if text is not None:
            out.append(replace(source, text=text, title=source.title or title_of(text)))
    return out


def _check_unique(loaded: list[tuple[Source, str, bool]]) -> None:
    seen: dict[str, tuple[str, bool]] = {}
    for source, where, is_file in loaded:
        if source.id in seen:
            first, first_is_file = seen[source.id]
            what = "two files share" if is_file and first_is_file else "two sources share"
            raise ContradictionsError(f"{what} the source id {source.id!r}: {first} and {where}")
        seen[source.id] = (where, is_file)


def load_sources(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Iterable[Source] | Mapping[str, str],
    *,
    columns: Mapping[str, str] | None = None,
    warn: Warn | None = None,
) -> list[Source]:
    """Read `sources`: a folder, a list of files or folders, a {source_id: text} mapping, or ready `Source`s.

    A `.txt`/`.md` file is one source whose id is the file stem. A saved web page (`.html`/`.htm`) is one source
    with the stem as id and its article text, title, date, site and URL read by trafilatura (nothing is fetched).
    A feed (`.jsonl`/`.ndjson`, `.csv`, `.parquet`) holds one article per row in the columns `source` (or
    `outlet`), `title`, `date`, `url`, `text` and optionally `id`; `columns` ({field: column name}) names other
    columns, e.g. `{"text": "body", "outlet": "publication"}`. A row's id is its `id`, else its outlet when that
    is unique in the input, else `outlet#N` (its Nth row in input order).

    Returns the sources in id order. Binary, empty and unreadable files, pages without article text and bad feed
    rows are skipped with a warning; UTF-16 and UTF-32 text with a byte-order mark is read as such, other non-UTF-8
    text with a fallback and a warning. Raises `ContradictionsError` for a missing path, an unreadable folder or a
    folder with no articles, a feed without a text column, an unknown field in `columns`, duplicate ids, fewer
    than two sources, or `sources` of another kind (a number, bytes, a list holding anything but paths).
    """
    warn = warn or (lambda message: None)
    fields = check_columns(columns)
    loaded: list[Source] = []
    if isinstance(sources, Mapping):
        for source_id, text in sources.items():
            if not isinstance(text, str):
                raise ContradictionsError(f"source {source_id!r}: text must be a string, got {type(text).__name__}")
            source = _make_source(without_surrogates(str(source_id)), text, None, warn)
            if source:
                loaded.append(source)
        return _enough(loaded)
    items = [sources] if isinstance(sources, (str, os.PathLike)) else _listed(sources)
    if not items:
        raise ContradictionsError("no sources given")
    if all(isinstance(item, Source) for item in items):
        given = _given_sources(items, warn)  # type: ignore[arg-type]
        _check_unique([(s, s.path or s.id, False) for s in given])
        return _enough(given)
    if any(isinstance(item, Source) for item in items):
        raise ContradictionsError("give either paths or Source objects, not both")
    files: list[tuple[Source, str, bool]] = []  # (source, where it came from, is a whole file)
    rows: list[tuple[Entry, Source]] = []
    stems: dict[str, Path] = {}
    for path in _expand(items, warn):  # type: ignore[arg-type]
        if path.suffix.lower() not in FEED_SUFFIXES:  # refused before reading, even when one of them is empty
            if path.stem in stems:
                raise ContradictionsError(f"two files share the source id {path.stem!r}: {stems[path.stem]} and {path}")
            stems[path.stem] = path
        is_feed, entries = _entries(path, fields, warn)
        for entry in entries:
            source = _from_entry(entry, path, warn)
            if source and is_feed:
                rows.append((entry, source))
            elif source:
                files.append((replace(source, id=path.stem), str(path), True))
    feed_rows = [(replace(source, id=source_id), entry.where, False)
                 for (entry, source), source_id in zip(rows, _feed_ids(rows))]
    _check_unique(files + feed_rows)
    return _enough([source for source, _, _ in files + feed_rows])


_WHAT = "a folder, a file, a list of them, a {source_id: text} mapping or Source objects"


def _listed(sources: object) -> list[object]:
    """`sources` (anything but a path or a mapping) as a list of paths or `Source`s; raises for anything else."""
    if isinstance(sources, (bytes, bytearray)) or not isinstance(sources, Iterable):
        raise ContradictionsError(f"sources must be {_WHAT}, not {type(sources).__name__}")
    items = list(sources)
    for item in items:
        if not isinstance(item, (str, os.PathLike, Source)):
            raise ContradictionsError(f"sources must be {_WHAT}; the list holds {type(item).__name__} {item!r:.60}")
        if isinstance(item, Source) and not (isinstance(item.text, str) and isinstance(item.id, str)):
            raise ContradictionsError(f"Source {item.id!r:.60}: its id and text must be strings")
    return items


def _enough(loaded: list[Source]) -> list[Source]:
    """`loaded` in id order; raises unless there are at least two sources to compare."""
    if len(loaded) < 2:
        found = "no readable source" if not loaded else f"only one readable source ({loaded[0].id})"
        raise ContradictionsError(f"{found}; contradictions compares at least two sources")
    return sorted(loaded, key=lambda s: s.id)

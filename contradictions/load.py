"""Loading: a folder, a list of files or a {source_id: text} mapping becomes normalised `Source`s."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .model import ContradictionsError, Source

TEXT_SUFFIXES = (".txt", ".md")
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
    """Unicode NFC, straight quotes, plain spaces, one hyphen and one dash, `\\n` line ends."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    return _TRAILING_SPACE.sub("", text.translate(_TRANSLATE))


def title_of(text: str) -> str:
    """The first non-empty line, which for news text is the headline."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1].rstrip() + "\u2026"
    return ""


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and control / len(sample) > 0.1


def _decode(data: bytes, path: Path, warn: Warn) -> str:
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


def _read_file(path: Path, warn: Warn) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ContradictionsError(f"cannot read {path}: {err.strerror or err}") from None
    if _looks_binary(data):
        warn(f"{path}: looks like a binary file; skipped")
        return None
    return _decode(data, path, warn)


def _files_in(folder: Path, warn: Warn) -> list[Path]:
    files = sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")
    )
    others = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() not in TEXT_SUFFIXES and not p.name.startswith(".")]
    if others:
        warn(f"{folder}: ignored {len(others)} file(s) that are not .txt or .md")
    return files


def _expand(paths: Iterable[str | os.PathLike[str]], warn: Warn) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ContradictionsError(f"no such file or folder: {path}")
        if path.is_dir():
            found = _files_in(path, warn)
            if not found:
                raise ContradictionsError(f"{path} holds no .txt or .md articles")
            files.extend(found)
        else:
            files.append(path)
    return files


def _make_source(source_id: str, raw: str, path: str | None, warn: Warn) -> Source | None:
    text = normalise(raw)
    if not text.strip():
        warn(f"{path or source_id}: empty; skipped")
        return None
    return Source(id=source_id, title=title_of(text), text=text, path=path)


def load_sources(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Mapping[str, str],
    *,
    warn: Warn | None = None,
) -> list[Source]:
    """Read `sources` (a folder, a list of files or folders, or a {source_id: text} mapping).

    Each `.txt`/`.md` file is one source whose id is the file stem. Returns the sources in id order.
    Binary and empty files are skipped with a warning; non-UTF-8 text is read with a fallback and a warning.
    Raises `ContradictionsError` for a missing path, no articles, duplicate ids, or fewer than two sources.
    """
    warn = warn or (lambda message: None)
    loaded: list[Source] = []
    if isinstance(sources, Mapping):
        for source_id, text in sources.items():
            if not isinstance(text, str):
                raise ContradictionsError(f"source {source_id!r}: text must be a string, got {type(text).__name__}")
            source = _make_source(str(source_id), text, None, warn)
            if source:
                loaded.append(source)
    else:
        paths = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
        if not paths:
            raise ContradictionsError("no sources given")
        seen: dict[str, Path] = {}
        for path in _expand(paths, warn):
            if path.stem in seen:
                raise ContradictionsError(f"two files share the source id {path.stem!r}: {seen[path.stem]} and {path}")
            seen[path.stem] = path
            raw = _read_file(path, warn)
            source = _make_source(path.stem, raw, str(path), warn) if raw is not None else None
            if source:
                loaded.append(source)
    if len(loaded) < 2:
        found = "no readable source" if not loaded else f"only one readable source ({loaded[0].id})"
        raise ContradictionsError(f"{found}; contradictions compares at least two sources")
    return sorted(loaded, key=lambda s: s.id)

"""What each sentence states (figures, claims, attributions), read once per distinct text and kept on disk.

A rerun on unchanged input parses nothing: the results of `extract.parse.parse_figures_and_claims`,
`extract.parse.analyse_claims` and `extract.attribution.extract` are kept per sentence text in the extraction cache
(`cache.ResultCache`), under a fingerprint of everything that shapes them, read from the files at run time:

- the source of the extraction modules and of every package module they import, and the data files
  (`EXTRACTION_DATA`: lexicon, polarity cues, aliases), so an edited rule or lexicon word starts a new cache by itself;
- spaCy's version and the installed spaCy pipelines' names and versions, and Python's version;
- the alias table in use, an `--aliases` file included (`AliasTable.fingerprint`).

Results are stored as the functions return them (pickled), so a new field or a new part of a result needs nothing
here. `Settings.cache` False reads and writes nothing.
"""

from __future__ import annotations

import ast
import hashlib
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from contradictions.aliases import AliasTable
from contradictions.embed.cache import ResultCache, default_cache_dir
from contradictions.extract.attribution import extract
from contradictions.extract.parse import analyse_claims, claims_for_pairs, claims_needed, parse_figures_and_claims
from contradictions.extract.places import lead_places
from contradictions.io.dates import DATELINE_CHARS, dateline_date
from contradictions.model import ClaimInfo, Pair, SentenceAttribution
from contradictions.settings import Settings

PACKAGE = Path(__file__).resolve().parents[1]
# What reads text into what is cached (the modules they import follow), and the data files they read.
EXTRACTION_MODULES = ("extract/parse.py", "extract/attribution.py", "extract/places.py", "io/dates.py")
EXTRACTION_DATA = ("aliases.json", "lexicon.json", "polarity.json")
FIGURES_AND_CLAIMS, CLAIMS, ATTRIBUTIONS = "figures_and_claims", "claims", "attributions"
PLACES, DATELINES = "places", "datelines"

T = TypeVar("T")


def _imports(module: Path, package: Path) -> set[Path]:
    """The package's modules that `module` imports: relative imports, and absolute ones naming the package."""
    found: set[Path] = set()
    for node in ast.walk(ast.parse(module.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            parts = node.module.split(".") if node.module else []
            if node.level:
                base = module.parent.joinpath(*[".."] * (node.level - 1))
            elif parts[:1] == [package.name]:
                base = package.parent
            else:
                continue
            target = base.joinpath(*parts)
            candidates = [target / f"{alias.name}.py" for alias in node.names]  # `from . import quantities`
            if parts:
                candidates += [target.with_suffix(".py"), target / "__init__.py"]
        elif isinstance(node, ast.Import):
            candidates = [package.parent.joinpath(*alias.name.split(".")).with_suffix(".py")
                          for alias in node.names if alias.name.split(".")[0] == package.name]
        else:
            continue
        found |= {candidate.resolve() for candidate in candidates if candidate.is_file()}
    return found


@lru_cache(maxsize=4)
def code_fingerprint(package: Path = PACKAGE) -> str:
    """A digest of the extraction modules, the package modules they import and the data files they read.

    Imports are followed to the end, those inside functions too: broader than needed, never narrower, so no change
    to what reads a sentence can leave results stale.
    """
    todo = [package / name for name in EXTRACTION_MODULES]
    seen: set[Path] = set()
    while todo:
        module = todo.pop().resolve()
        if module not in seen:
            seen.add(module)
            todo += _imports(module, package) - seen
    digest = hashlib.sha256()
    for path in sorted(seen | {package / "data" / name for name in EXTRACTION_DATA}):
        digest.update(f"{path.relative_to(package)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """spaCy's version, the installed spaCy pipelines (name and version) and Python's version, without importing
    spaCy (a rerun that finds everything cached never loads it)."""
    try:
        spacy = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        spacy = "none"
    pipelines = sorted(f"{e.name}={e.dist.version if e.dist else '?'}" for e in metadata.entry_points(group="spacy_models"))
    return ";".join([f"python={sys.version_info[0]}.{sys.version_info[1]}", f"spacy={spacy}", *pipelines])


@dataclass(frozen=True)
class Extraction:
    """Where this run keeps what sentences state: the cache folder and the fingerprint (folder None: no cache)."""

    folder: Path | None
    fingerprint: str = ""

    @classmethod
    def for_run(cls, settings: Settings, aliases: AliasTable) -> Extraction:
        if not settings.cache:
            return cls(None)
        key = "\n".join([code_fingerprint(), parser_fingerprint(), aliases.fingerprint()])
        return cls(Path(settings.cache_dir or default_cache_dir()), hashlib.sha1(key.encode()).hexdigest()[:20])

    def cached(self, kind: str, texts: Iterable[str]) -> dict[str, Any]:
        """The results of `kind` the cache holds for `texts`, by text."""
        if self.folder is None:
            return {}
        cache = ResultCache(self.folder, self.fingerprint)
        try:
            return cache.get(kind, list(dict.fromkeys(texts)))
        finally:
            cache.close()

    def per_text(self, kind: str, texts: Iterable[str], compute: Callable[[list[str]], Sequence[T]]) -> dict[str, T]:
        """The result of `kind` for each distinct text: from the cache, or `compute`d for the texts missing (a list
        of distinct texts → their results in order) and then stored."""
        distinct = list(dict.fromkeys(texts))
        found = self.cached(kind, distinct)
        missing = [text for text in distinct if text not in found]
        if missing:
            computed = dict(zip(missing, compute(missing)))
            self.store(kind, computed)
            found.update(computed)
        return found

    def store(self, kind: str, results: Mapping[str, Any]) -> None:
        """Keep `results` (by text) in the cache, when this run has one."""
        if self.folder is None or not results:
            return
        cache = ResultCache(self.folder, self.fingerprint)
        try:
            cache.put(kind, results)
        finally:
            cache.close()


def _split(result: tuple, rows: int) -> list[tuple]:
    """Per row, its part of `result` (a tuple of per-row lists and by-row dicts): (value,) each, () where a dict
    has no entry for the row."""
    return [tuple(((part[i],) if isinstance(part, list) or i in part else ()) for part in result) for i in range(rows)]


def _join(rows: list[tuple], shape: tuple) -> tuple:
    """`_split` undone: a result shaped like `shape` (a result of the same function) from its rows."""
    return tuple(
        [row[k][0] for row in rows] if isinstance(part, list) else {i: row[k][0] for i, row in enumerate(rows) if row[k]}
        for k, part in enumerate(shape)
    )


def figures_and_claims(texts: Sequence[str], extraction: Extraction, known: Mapping[str, tuple] | None = None, *,
                       stop: threading.Event | None = None, done: Callable[[int, int], None] | None = None) -> tuple:
    """`parse_figures_and_claims(texts)`, the parser run only on the texts neither in `known` (what
    `extraction.cached` returned) nor in the cache. A parse ended early by `stop` stores nothing."""
    known = extraction.cached(FIGURES_AND_CLAIMS, texts) if known is None else known
    missing = [text for text in dict.fromkeys(texts) if text not in known]
    parsed = parse_figures_and_claims(missing, stop=stop, done=done)  # with nothing missing, still its shape
    computed = dict(zip(missing, _split(parsed, len(missing))))
    if stop is None or not stop.is_set():
        extraction.store(FIGURES_AND_CLAIMS, computed)
    by_text = {**known, **computed}
    return _join([by_text[text] for text in texts], parsed)


def attributions(texts: Sequence[str], aliases: AliasTable, extraction: Extraction,
                 done: Callable[[int, int], None] | None = None) -> list[SentenceAttribution]:
    """Each text's attributions and quotes (`attribution.extract`), read only for the texts not in the cache."""

    def read(missing: list[str]) -> list[SentenceAttribution]:
        found = []
        for k, text in enumerate(missing, start=1):
            found.append(extract(text, aliases))
            if done is not None and (k % 256 == 0 or k == len(missing)):
                done(k, len(missing))
        return found

    by_text = extraction.per_text(ATTRIBUTIONS, texts, read)
    return [by_text[text] for text in texts]


def pair_claims(texts: Sequence[str], pairs: list[Pair], known: Mapping[int, ClaimInfo],
                extraction: Extraction) -> list[ClaimInfo]:
    """`claims_for_pairs(texts, pairs, known=known)`, the parser run only on the sentences not in the cache."""
    rows = sorted(claims_needed(texts, pairs) - known.keys())
    by_text = extraction.per_text(CLAIMS, (texts[i] for i in rows), analyse_claims)
    return claims_for_pairs(texts, pairs, known={**known, **{i: by_text[texts[i]] for i in rows}})


def places(leads: Sequence[str], extraction: Extraction) -> list[list[str]]:
    """`extract.places.lead_places(leads)`, the entity recogniser run only on the leads not in the cache."""
    by_text = extraction.per_text(PLACES, leads, lead_places)
    return [by_text[text] for text in leads]


def datelines(texts: Sequence[str], extraction: Extraction) -> list[str | None]:
    """`io.dates.dateline_date` of each text's start, read only for the starts not in the cache."""
    starts = [text[:DATELINE_CHARS] for text in texts]
    by_text = extraction.per_text(DATELINES, starts, lambda missing: [dateline_date(t) for t in missing])
    return [by_text[start] for start in starts]

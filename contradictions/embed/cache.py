"""The caches on disk: sentence vectors (keyed by model and sentence text) and what each sentence states.

A rerun on unchanged input embeds and parses nothing; a rerun after one new article embeds and parses only its
sentences. One SQLite file per model fingerprint under the cache folder (`$XDG_CACHE_HOME/contradictions`, by
default `~/.cache/contradictions`), and one per extraction fingerprint under its `extraction/` folder
(`extraction_cache.py` says what goes into that fingerprint), so concurrent runs and a crash mid-write leave
them consistent.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from contradictions.model import ContradictionsError


def default_cache_dir(environ: dict[str, str] | None = None) -> Path:
    """`$XDG_CACHE_HOME/contradictions`, or `~/.cache/contradictions`."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "contradictions"


def model_fingerprint(name: str, path: str | None) -> str:
    """A key that changes when the model's weights or configuration change."""
    digest = hashlib.sha1(name.encode("utf-8"))
    if path:
        for file in sorted(Path(path).rglob("*")):
            if file.is_file() and file.suffix in (".json", ".safetensors", ".bin", ".txt", ".onnx"):
                stat = file.stat()
                digest.update(f"{file.relative_to(path)}:{stat.st_size}".encode())
                if file.suffix == ".json":
                    digest.update(file.read_bytes())
    return f"{_safe(name)}-{digest.hexdigest()[:12]}"


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:40]


EXTRACTION_FOLDER = "extraction"  # under the cache folder


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _open(path: Path, table: str, what: str) -> sqlite3.Connection:
    """The SQLite file at `path` in WAL mode (readers never wait, writers take turns), with `table` created."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30)
        _wal(db)
        db.execute(f"CREATE TABLE IF NOT EXISTS {table}")
        return db
    except (OSError, sqlite3.Error) as err:
        raise ContradictionsError(f"cannot use the {what} at {path}: {err} (try --no-cache)") from None


def _wal(db: sqlite3.Connection, tries: int = 50) -> None:
    """Turn on WAL mode. Two processes opening a fresh file at once: switching the journal does not wait on the
    connection's busy timeout, so "database is locked" is retried for up to about five seconds."""
    for attempt in range(tries):
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or attempt == tries - 1:
                raise
            time.sleep(0.1)


def _by_key(db: sqlite3.Connection, query: str, texts: Sequence[str], *args: object) -> Iterator[tuple[list[int], tuple]]:
    """Each row `query` finds for the keys of `texts` (500 a query), with the positions of the texts it belongs to.

    `query` ends in `key IN (...)`, written `{marks}`; `args` are its parameters before the keys.
    """
    positions: dict[bytes, list[int]] = {}
    for i, text in enumerate(texts):
        positions.setdefault(_key(text), []).append(i)
    unique = list(positions)
    for begin in range(0, len(unique), 500):
        chunk = unique[begin : begin + 500]
        for row in db.execute(query.format(marks=",".join("?" * len(chunk))), (*args, *chunk)):
            yield positions[row[0]], row[1:]


@dataclass(frozen=True)
class CacheEntry:
    model: str
    path: Path
    vectors: int
    bytes: int


class EmbeddingCache:
    """Vectors for one model fingerprint, in `folder/<fingerprint>.sqlite`."""

    def __init__(self, folder: str | os.PathLike[str], fingerprint: str) -> None:
        self.path = Path(folder) / f"{fingerprint}.sqlite"
        self.db = _open(self.path, "vectors (key BLOB PRIMARY KEY, dims INTEGER, data BLOB)", "embedding cache")

    def get(self, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """The cached vectors for `texts`, by position."""
        found: dict[int, np.ndarray] = {}
        query = "SELECT key, dims, data FROM vectors WHERE key IN ({marks})"
        for positions, (dims, data) in _by_key(self.db, query, texts):
            vector = np.frombuffer(data, dtype=np.float32, count=dims)
            for i in positions:
                found[i] = vector
        return found

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = [(_key(t), int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO vectors (key, dims, data) VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        self.db.close()


class ResultCache:
    """What extraction read from each sentence text, by kind ("attributions", ...), for one extraction fingerprint,
    in `folder/extraction/<fingerprint>.sqlite`. Results are pickled: the cache is as trusted as the user's disk.
    """

    def __init__(self, folder: str | os.PathLike[str], fingerprint: str) -> None:
        self.path = Path(folder) / EXTRACTION_FOLDER / f"{fingerprint}.sqlite"
        table = "results (kind TEXT, key BLOB, data BLOB, PRIMARY KEY (kind, key))"
        self.db = _open(self.path, table, "extraction cache")

    def get(self, kind: str, texts: Sequence[str]) -> dict[str, Any]:
        """The cached results of `kind` for `texts`, by text (a result that no longer unpickles counts as missing)."""
        found: dict[str, Any] = {}
        query = "SELECT key, data FROM results WHERE kind = ? AND key IN ({marks})"
        for positions, (data,) in _by_key(self.db, query, texts, kind):
            try:
                result = pickle.loads(data)
            except Exception:  # noqa: BLE001 - written by another version of a class: parse again
                continue
            found[texts[positions[0]]] = result
        return found

    def put(self, kind: str, results: Mapping[str, Any]) -> None:
        rows = [(kind, _key(text), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
                for text, result in results.items()]
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO results (kind, key, data) VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        self.db.close()


def cached_embed(
    texts: Sequence[str], cache: EmbeddingCache, compute: Callable[[list[str]], np.ndarray]
) -> tuple[np.ndarray, int]:
    """Vectors for `texts`, computing only those not in the cache. Returns (vectors, how many were computed)."""
    texts = list(texts)
    found = cache.get(texts)
    missing = sorted({t for i, t in enumerate(texts) if i not in found})
    if missing:
        computed = compute(missing)
        cache.put(missing, computed)
        by_text = dict(zip(missing, computed))
        for i, text in enumerate(texts):
            if i not in found:
                found[i] = by_text[text]
    if not texts:
        return np.zeros((0, 0), dtype=np.float32), 0
    return np.vstack([found[i] for i in range(len(texts))]).astype(np.float32, copy=False), len(missing)


def cache_entries(folder: str | os.PathLike[str]) -> list[CacheEntry]:
    """What the embedding cache holds, one entry per model."""
    return _entries(Path(folder), "vectors")


def extraction_entries(folder: str | os.PathLike[str]) -> list[CacheEntry]:
    """What the extraction cache holds, one entry per extraction fingerprint (`vectors` counts sentence results)."""
    return _entries(Path(folder) / EXTRACTION_FOLDER, "results")


def _entries(folder: Path, table: str) -> list[CacheEntry]:
    entries = []
    for path in sorted(folder.glob("*.sqlite")):
        try:
            with sqlite3.connect(path) as db:
                (count,) = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        except sqlite3.Error:
            count = 0
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
        entries.append(CacheEntry(model=path.stem, path=path, vectors=count, bytes=size))
    return entries


def clear_cache(folder: str | os.PathLike[str]) -> int:
    """Delete the caches' files, vectors and extraction results (and nothing else); returns how many were removed."""
    removed = 0
    for path in [*Path(folder).glob("*.sqlite*"), *(Path(folder) / EXTRACTION_FOLDER).glob("*.sqlite*")]:
        if path.is_file():
            path.unlink()
            removed += 1
    return removed

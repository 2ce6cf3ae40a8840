"""The embedding cache: sentence vectors on disk, keyed by model and sentence text.

A rerun on unchanged input embeds nothing; a rerun after one new article embeds only its sentences.
One SQLite file per model fingerprint under the cache folder (`$XDG_CACHE_HOME/contradictions`, by default
`~/.cache/contradictions`), so concurrent runs and a crash mid-write leave it consistent.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .model import ContradictionsError


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


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, dims INTEGER, data BLOB)")
        except (OSError, sqlite3.Error) as err:
            raise ContradictionsError(f"cannot use the embedding cache at {self.path}: {err} (try --no-cache)") from None

    def get(self, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """The cached vectors for `texts`, by position."""
        found: dict[int, np.ndarray] = {}
        keys = [_key(t) for t in texts]
        positions: dict[bytes, list[int]] = {}
        for i, key in enumerate(keys):
            positions.setdefault(key, []).append(i)
        unique = list(positions)
        for begin in range(0, len(unique), 500):
            chunk = unique[begin : begin + 500]
            marks = ",".join("?" * len(chunk))
            for key, dims, data in self.db.execute(f"SELECT key, dims, data FROM vectors WHERE key IN ({marks})", chunk):
                vector = np.frombuffer(data, dtype=np.float32, count=dims)
                for i in positions[key]:
                    found[i] = vector
        return found

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = [(_key(t), int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO vectors (key, dims, data) VALUES (?, ?, ?)", rows)

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
    """What the cache folder holds, one entry per model."""
    entries = []
    for path in sorted(Path(folder).glob("*.sqlite")):
        try:
            with sqlite3.connect(path) as db:
                (count,) = db.execute("SELECT COUNT(*) FROM vectors").fetchone()
        except sqlite3.Error:
            count = 0
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
        entries.append(CacheEntry(model=path.stem, path=path, vectors=count, bytes=size))
    return entries


def clear_cache(folder: str | os.PathLike[str]) -> int:
    """Delete the cache's files (and nothing else in the folder); returns how many were removed."""
    removed = 0
    for path in Path(folder).glob("*.sqlite*"):
        if path.is_file():
            path.unlink()
            removed += 1
    return removed

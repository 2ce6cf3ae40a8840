"""Shared fixtures: a fake encoder for fast tests, and one real model per session for the end-to-end ones.

Also the two speeds: each test that needs the real model, a browser, a Dask cluster or a notebook kernel is marked
`model`, `browser`, `cluster` or `notebook` (here, from the fixtures it uses, or in its module) and `slow` with it,
so `pytest -m "not slow"` (`make test-fast`) runs the rest. With CONTRADICTIONS_FORBID_SLOW=1 (which `make test-fast`
sets) any of those four things started by a test not marked `slow` fails that test: see tests/forbid_slow.py.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from . import forbid_slow

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


@pytest.fixture
def fake_analyze(monkeypatch, fake_encoder) -> BagOfWordsEncoder:
    """`contradictions run` with the fake encoder in place of the model, for in-process `main(argv)` tests.

    The CLI imports `analyze` from the pipeline module when it runs, so the encoder is handed to it there; the
    embedding cache then keys the vectors by the fake encoder's name and never mixes them with the model's.
    """
    import contradictions.engine.run

    real = contradictions.engine.run.analyze
    monkeypatch.setattr(contradictions.engine.run, "analyze",
                        lambda sources, **kwargs: real(sources, **{**kwargs, "encoder": fake_encoder}))
    return fake_encoder


@dataclass
class Ran:
    """What a run of the command line gave, as `subprocess.CompletedProcess` names it."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch, capsys, tmp_path):
    """`cli(*args, keys="")`: `contradictions ARGS` run in this process through `main(argv)`, as the tests once ran it
    in a subprocess: from the repository root, 120 columns wide, `keys` on standard input (a file, not a terminal).
    Returns a `Ran`; an exit through argparse (usage error, --help) gives its exit code."""
    from contradictions.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")
    numbers = itertools.count()

    def run(*args: str, keys: str = "") -> Ran:
        capsys.readouterr()
        stdin = tmp_path / f"stdin-{next(numbers)}"
        stdin.write_text(keys, encoding="utf-8")
        saved = sys.stdin
        with open(stdin, encoding="utf-8") as keyboard:
            sys.stdin = keyboard
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
            finally:
                sys.stdin = saved
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


# --- two speeds -------------------------------------------------------------------------------------------------

SLOW_MARKERS = ("model", "browser", "cluster", "notebook")
MARKER_OF_FIXTURE = {  # a test that uses one of these fixtures needs the thing named
    "real_encoder": "model",
    "seeds_report": "model",
    "seeds_run": "model",  # test_cli: `python -m contradictions run seeds` with the real model
    "onnx_encoder": "model",  # test_fast_embed: the real model's ONNX export
    "chromium": "browser",  # test_html
    "executed": "notebook",  # test_notebooks: the notebooks run in a kernel
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        for name in item.fixturenames:
            if name in MARKER_OF_FIXTURE:
                item.add_marker(MARKER_OF_FIXTURE[name])
        if any(item.get_closest_marker(marker) for marker in SLOW_MARKERS):
            item.add_marker("slow")


def pytest_configure(config):
    if os.environ.get(forbid_slow.ENV) != "1":
        return
    forbid_slow.install()
    folder = Path(tempfile.mkdtemp(prefix="contradictions-forbid-slow-"))
    source = Path(forbid_slow.__file__).read_text(encoding="utf-8")
    (folder / "sitecustomize.py").write_text(source + "\n\ninstall()\n", encoding="utf-8")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH")) if p)
    os.environ[forbid_slow.LOG_ENV] = str(folder / "started.log")
    config.forbid_slow_folder = folder


def pytest_unconfigure(config):
    folder = getattr(config, "forbid_slow_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _forbidden_starts() -> list[str]:
    log = os.environ.get(forbid_slow.LOG_ENV)
    if not log or not os.path.exists(log):
        return []
    with open(log, encoding="utf-8") as lines:
        return lines.read().splitlines()


@pytest.fixture(autouse=True)
def _nothing_slow_started():
    """With CONTRADICTIONS_FORBID_SLOW=1: fail a test that started the model, a browser, a cluster or a kernel,
    here or in a process it started, even when the error was caught on the way."""
    before = len(_forbidden_starts())
    yield
    started = _forbidden_starts()[before:]
    if started:
        pytest.fail("\n".join(started), pytrace=False)


def pytest_sessionfinish(session, exitstatus):
    if _forbidden_starts() and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

"""Make the real model, a browser, a Dask cluster and a notebook kernel impossible to start.

`make test-fast` sets CONTRADICTIONS_FORBID_SLOW=1: conftest then calls `install()` in the test process and puts a
`sitecustomize` calling it on PYTHONPATH, so every Python process the tests start is guarded too. Starting one of
these things then raises, and leaves a line in the file named by CONTRADICTIONS_FORBID_SLOW_LOG, which fails the
run even where a test (or the CLI's own error handling) caught the exception. A test that needs one of them must
carry the marker named here (tests/conftest.py adds `slow` to it), so `pytest -m "not slow"` leaves it out.

Kept free of imports from the project and of heavy imports: the hooks patch each library as it is first imported.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys

ENV = "CONTRADICTIONS_FORBID_SLOW"
LOG_ENV = "CONTRADICTIONS_FORBID_SLOW_LOG"

# module -> [(attribute, what it starts, the marker its tests carry)]; a class is stopped in __init__, a function
# replaced. The real model is loaded either by sentence-transformers (torch) or from its ONNX export.
FORBIDDEN = {
    "sentence_transformers": [("SentenceTransformer", "the real sentence-transformers model", "model")],
    "onnxruntime": [("InferenceSession", "the real model's ONNX export", "model")],
    "distributed": [("LocalCluster", "a Dask cluster", "cluster"), ("Client", "a Dask client", "cluster")],
    "playwright.sync_api": [("sync_playwright", "a browser", "browser")],
    "nbclient": [("NotebookClient", "a notebook kernel", "notebook")],
}


class SlowThingStarted(RuntimeError):
    """A fast test started something only a test marked `slow` may start."""


def _refuse(what: str, marker: str):
    def refuse(*args, **kwargs):
        message = f"{what} was started in a fast test (mark the test '{marker}')"
        log = os.environ.get(LOG_ENV)
        if log:
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"{message}; pid {os.getpid()}; PYTEST_CURRENT_TEST={os.environ.get('PYTEST_CURRENT_TEST')}\n")
        raise SlowThingStarted(message)

    return refuse


def _patch(module) -> None:
    for attribute, what, marker in FORBIDDEN[module.__name__]:
        target = getattr(module, attribute, None)
        if isinstance(target, type):
            target.__init__ = _refuse(what, marker)
        elif target is not None:
            setattr(module, attribute, _refuse(what, marker))


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself: wraps the normal loader of a FORBIDDEN module so it is patched once it has run."""

    def find_spec(self, name, path, target=None):
        if name not in FORBIDDEN:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            _patch(module)

        spec.loader.exec_module = exec_module
        return spec


def install() -> None:
    """Guard this process: every FORBIDDEN thing raises `SlowThingStarted` when started. Idempotent."""
    if any(isinstance(finder, _PatchOnImport) for finder in sys.meta_path):
        return
    for name in FORBIDDEN:
        if name in sys.modules:
            _patch(sys.modules[name])
    sys.meta_path.insert(0, _PatchOnImport())

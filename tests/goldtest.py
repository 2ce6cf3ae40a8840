"""Golden-file comparison for rendered reports: normalise what legitimately changes, diff the rest.

On a mismatch the actual output is written beside the golden file as `<name>.actual` and the test fails;
`CONTRADICTIONS_REGEN_GOLDEN=1` rewrites the golden files instead.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"

_VERSION = re.compile(r"contradictions \d+\.\d+(?:\.\d+)?(?:[\w.+-]*)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def normalise(text: str) -> str:
    """`text` with the tool's version and every date or timestamp replaced by placeholders."""
    return _DATE.sub("DATE", _VERSION.sub("contradictions X.Y.Z", text))


def assert_golden(name: str, actual: str) -> None:
    """Fail unless `actual` (normalised) equals tests/golden/<name>; see the module docstring."""
    golden = GOLDEN_DIR / name
    stray = golden.with_name(golden.name + ".actual")
    actual = normalise(actual)
    if os.environ.get("CONTRADICTIONS_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
        stray.unlink(missing_ok=True)
        return
    if not golden.exists():
        stray.write_text(actual, encoding="utf-8", newline="\n")
        pytest.fail(f"no golden file {golden}; wrote {stray.name}: check it, then set CONTRADICTIONS_REGEN_GOLDEN=1")
    expected = golden.read_text(encoding="utf-8")
    if actual == expected:
        stray.unlink(missing_ok=True)
        return
    stray.write_text(actual, encoding="utf-8", newline="\n")
    diff = "".join(
        list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), str(golden), str(stray)))[:60]
    )
    pytest.fail(
        f"{name} differs from the golden file; the actual output is in {stray}.\n"
        f"If the change is intended, run with CONTRADICTIONS_REGEN_GOLDEN=1.\n{diff}"
    )

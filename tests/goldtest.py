"""Golden-file comparison for rendered reports: normalise what legitimately changes, diff the rest.

On a mismatch the actual output is written beside the golden file as `<name>.actual` and the test fails;
`CONTRADICTIONS_REGEN_GOLDEN=1` rewrites the golden files instead. An HTML page is compared as a document: its
inlined CSS and JS are left out, and its embedded data is laid out one item a line so a change reads as a diff.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"

_VERSION = re.compile(r"contradictions \d+\.\d+(?:\.\d+)?(?:[\w.+-]*)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


_STYLE = re.compile(r"(<style>\n?).*?(</style>)", re.S)
_SCRIPT = re.compile(r"(<script>).*?(</script>)", re.S)
_DATA = re.compile(r'(<script type="application/json" id="report-data">)(.*?)(</script>)', re.S)
_CSP_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


def normalise(text: str) -> str:
    """`text` with the tool's version and every date or timestamp replaced by placeholders."""
    return _DATE.sub("DATE", _VERSION.sub("contradictions X.Y.Z", text))


def html_document(page: str) -> str:
    """`page` without its inlined CSS and JS (and the script's CSP hash), its embedded data one item a line."""
    page = _CSP_HASH.sub("'sha256-SCRIPT'", _SCRIPT.sub(r"\1/* report.js */\2", _STYLE.sub(r"\1/* report.css */\n\2", page)))
    return _DATA.sub(lambda m: m.group(1) + "\n" + _one_item_a_line(json.loads(m.group(2))) + m.group(3), page)


def _one_item_a_line(data: dict) -> str:
    lines = []
    for key, value in data.items():
        lines.append(f"{key}:")
        lines += ["  " + json.dumps(item, ensure_ascii=False) for item in (value if isinstance(value, list) else [value])]
    return "\n".join(lines) + "\n"


def assert_golden(name: str, actual: str) -> None:
    """Fail unless `actual` (normalised) equals tests/golden/<name>; see the module docstring."""
    golden = GOLDEN_DIR / name
    stray = golden.with_name(golden.name + ".actual")
    actual = normalise(html_document(actual) if name.endswith(".html") else actual)
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

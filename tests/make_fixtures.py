"""Write the report fixtures of tests/fixtures/ with the current code; nothing in them is edited by hand.

    python -m tests.make_fixtures            # both (sample needs the packaged model)
    python -m tests.make_fixtures mixed      # one

- sample_report.json: the seeds analysed with the packaged model, as `contradictions run seeds` finds them.
- mixed_report.json: tests/fixtures/mixed_articles.jsonl (seven hand-written articles, one in no finding, with every
  finding kind, an open low end, a spread wide enough for a log scale and two web addresses) analysed with the
  fake encoder of tests/conftest.py.

Both are exported by `Report.to_json` at a fixed time, from the repository root (source paths stay relative). Run
it when the JSON schema changes (a test checks the fixtures are at the current schema), then the golden tests
with CONTRADICTIONS_REGEN_GOLDEN=1, and read both diffs: test_html and test_review name findings by id and score,
which change when the analysis does.
"""

from __future__ import annotations

import os
import sys

import contradictions
from contradictions import Settings

from .conftest import FIXTURES, ROOT, BagOfWordsEncoder

GENERATED_AT = "2026-01-01T00:00:00Z"


def sample() -> contradictions.Report:
    return contradictions.analyze("seeds", settings=Settings(cache=False, progress=False))


def mixed() -> contradictions.Report:
    return contradictions.analyze(os.path.relpath(FIXTURES / "mixed_articles.jsonl", ROOT), encoder=BagOfWordsEncoder(),
                                  settings=Settings(cache=False, progress=False))


REPORTS = {"sample": sample, "mixed": mixed}


def main(names: list[str]) -> None:
    os.chdir(ROOT)
    for name in names or REPORTS:
        path = FIXTURES / f"{name}_report.json"
        REPORTS[name]().to_json(path, generated_at=GENERATED_AT)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])

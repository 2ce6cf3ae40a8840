"""Findings: what two paired sentences of different sources disagree on.

Every finder has one signature, `find(a: Record, b: Record, context: Context) -> list[Finding]`, and is registered
in `FINDERS`; `find_all` runs them in order on one pair, each seeing what the ones before it found
(`context.found`: the attribution finder leaves a pair alone whose figures already disagree). Beside the finders:
`events` (same incident or not), `rank` (order and deduplication), `nli` (an optional NLI model's opinion).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from contradictions.findings import assertion, attribution, numeric
from contradictions.findings.context import Context
from contradictions.model import Finding, Record

Finder = Callable[[Record, Record, Context], list[Finding]]

FINDERS: tuple[Finder, ...] = (numeric.find, assertion.find, attribution.find)


def find_all(a: Record, b: Record, context: Context) -> list[Finding]:
    """Every finding between two records of different sources, finder by finder."""
    found: list[Finding] = []
    for finder in FINDERS:
        found += finder(a, b, replace(context, found=tuple(found)))
    return found


__all__ = ["FINDERS", "Context", "Finder", "find_all"]

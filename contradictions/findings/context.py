"""What every finder is given beside the two records it compares (`Context`), and what finders share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from contradictions.aliases import AliasTable
from contradictions.model import Finding, Record


@dataclass(frozen=True)
class Context:
    """One pair's context: how similar its two sentences are, the alias table, each source's publication date (ISO,
    when known), and what the finders before this one found for the pair."""

    similarity: float
    aliases: AliasTable
    published: Mapping[str, str | None] = field(default_factory=dict)
    found: tuple[Finding, ...] = ()


def credited(findings: list[Finding], a: Record, b: Record) -> list[Finding]:
    """`findings` with each side's attribution: who the side's sentence credits for its main claim."""
    return [replace(f, a=replace(f.a, attribution=a.attribution.primary), b=replace(f.b, attribution=b.attribution.primary))
            for f in findings]

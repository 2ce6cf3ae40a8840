"""Scoring: pair the sentences of one story (or of a whole corpus not grouped into stories), run every finder on
each pair, and make the report of all stories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

import numpy as np

from contradictions.aliases import AliasTable
from contradictions.embed.candidates import candidate_pairs
from contradictions.embed.pairing import pair_sentences
from contradictions.engine.extraction_cache import Extraction, pair_claims, places
from contradictions.engine.prepare import Prepared
from contradictions.findings import Context, find_all
from contradictions.findings.attribution import credited_elsewhere
from contradictions.findings.events import frame_gate, one_event, reason_class, sentence_places
from contradictions.findings.nli import NliScorer, nli_findings
from contradictions.findings.numeric import adds_up, part_of_its_own, stated_elsewhere
from contradictions.findings.rank import distinct_figures, rank, wire_copies
from contradictions.model import Finding, Pair, Quantity
from contradictions.report import Report
from contradictions.settings import Settings


class Scored(NamedTuple):
    """What scoring one story gives: pairs compared, findings, and pairs left out by the frame gate, by reason."""

    pairs: int
    findings: list[Finding]
    not_compared: dict[str, int] = {}


def score_story(
    prepared: Prepared, settings: Settings, *, aliases: AliasTable | None = None, story: int | None = None,
    progress=None, framed: bool = False, corpus_places: Sequence[str] = (),
) -> Scored:
    """Pair the sentences of one story (or of a corpus not grouped into stories) and score every pair.

    Returns `Scored`: pairs compared, findings, and what `framed` (a story of a corpus that mixes incidents) left
    out, by reason. `corpus_places`: the specific places the corpus's leads name (all stories'), against which the places a
    finding's two sentences name are read; by default the story's own. On a Dask cluster each story is one task.
    """
    aliases = aliases or AliasTable.load(settings.aliases)
    records = list(prepared.records)
    sources = [r.sentence.source for r in records]
    rows = np.flatnonzero(prepared.compared)
    source_ids = np.array([sources[i] for i in rows])
    if len(set(source_ids.tolist())) < 2:
        return Scored(0, [])
    pairs = [Pair(int(rows[p.a]), int(rows[p.b]), p.similarity) for p in pair_sentences(
        prepared.vectors[rows], source_ids, top_k=settings.top_k, threshold=settings.threshold,
        chunk_size=settings.chunk_size, progress=progress)]
    parsed = {i: r.claims for i, r in enumerate(records) if r.claims is not None}
    pairs = sorted(pairs + candidate_pairs(rows, sources, prepared.vectors, parsed, aliases, known=pairs),
                   key=lambda p: (p.a, p.b))
    by_id = {s.id: s for s in prepared.sources}
    not_compared: Counter[str] = Counter()
    if framed:  # a story of a corpus that mixes incidents, with dates to tell them apart: each pair passes the gate
        reasons = [frame_gate(by_id[sources[p.a]], by_id[sources[p.b]]) for p in pairs]
        not_compared.update(reason_class(r) for r in reasons if r is not None)
        pairs = [p for p, reason in zip(pairs, reasons) if reason is None]
    extraction = Extraction.for_run(settings, aliases)
    claims = pair_claims([r.sentence.text for r in records], pairs, parsed, extraction)
    for i in {i for p in pairs for i in (p.a, p.b)}:
        records[i] = replace(records[i], claims=claims[i])
    stated: dict[str, list[tuple[int, Quantity, str | None]]] = {}  # each source's figures, sentence and credit
    for record in records:
        credit = record.attribution.primary
        name = aliases.resolve(credit.speaker or credit.channel or "").casefold() if credit else None
        stated.setdefault(record.sentence.source, []).extend((record.sentence.index, q, name) for q in record.figures)
    published = {s.id: s.published for s in prepared.sources}
    findings: list[Finding] = []
    for pair in pairs:
        a, b = records[pair.a], records[pair.b]
        found = find_all(a, b, Context(pair.similarity, aliases, published))
        found = [f for f in found if not (f.kind == "numeric" and any(
            rule(f, a.figures, b.figures, stated) for rule in (stated_elsewhere, part_of_its_own, adds_up)))
                 and not (f.kind == "attribution" and credited_elsewhere(f, a.figures, b.figures, stated))]
        if framed:
            kept = one_event(by_id[sources[pair.a]], by_id[sources[pair.b]], found)
            not_compared["another incident by its own words"] += len(found) - len(kept)
            found = kept
        findings += found
    if framed and findings:
        specific = sorted(corpus_places) or sorted({p for source in prepared.sources for p in source.places})
        kept = sentence_places(findings, specific, read=lambda texts: places(texts, extraction),
                               sources={s.id: s for s in prepared.sources})
        not_compared["different places in the sentences"] += len(findings) - len(kept)
        findings = kept
    if story is not None:
        findings = [replace(f, story=story) for f in findings]
    return Scored(len(pairs), findings, {k: n for k, n in not_compared.items() if n})


def finish(
    prepared: Prepared, scored: Iterable[Scored], story_of: dict[str, int], settings: Settings,
    model_name: str,
) -> Report:
    """The report: NLI (when asked for) on the findings, ranked, with the sentences' attributions and quotes."""
    pairs_compared, findings, not_compared = 0, [], Counter()
    for story in scored:
        pairs_compared += story.pairs
        findings += story.findings
        not_compared.update(story.not_compared)
    findings = wire_copies(distinct_figures(findings))
    if settings.nli_model:
        findings = nli_findings(NliScorer(settings.nli_model, batch_size=settings.batch_size), findings)
    report_settings = settings.to_dict()
    report_settings["model"] = model_name
    credits = [r.attribution for r in prepared.records]
    return Report(
        sources=tuple(prepared.sources), sentences=tuple(prepared.sentences), pairs_compared=pairs_compared,
        findings=rank(findings, settings.min_score, settings.top), settings=report_settings,
        embedded=prepared.embedded, compared=int(prepared.compared.sum()),
        attributions={i: att.attributions for i, att in enumerate(credits) if att.attributions},
        quotes={i: att.quotes for i, att in enumerate(credits) if att.quotes}, stories=story_of,
        not_compared=dict(sorted(not_compared.items())),
    )

"""The pipeline: load, split, extract, embed, pair, score, rank. `analyze` is the public entry point."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

import numpy as np

from .aliases import AliasTable
from .assertion import ClaimInfo, assertion_findings, claims_for_pairs
from .attribution import SentenceAttribution, extract
from .attribution_findings import attribution_findings
from .cache import EmbeddingCache, cached_embed, default_cache_dir, model_fingerprint
from .embed import Encoder, check_model_folder, embed, load_encoder, packaged_model_path
from .load import load_sources
from .model import Finding, Quantity, Report, Sentence
from .pairing import pair_sentences
from .quantities import extract_all
from .scoring import same_measure, score_pair
from .sentences import split_sources
from .settings import Settings
from .stories import group_stories, pair_within_stories, stories_enabled
from .timing import publication_date


def rank(findings: Iterable[Finding], settings: Settings) -> tuple[Finding, ...]:
    """Highest score first (ties by id, so the order is stable); `min_score` and `top` applied."""
    kept = sorted((f for f in findings if f.score >= settings.min_score), key=lambda f: (-f.score, f.id))
    return tuple(kept[: settings.top] if settings.top else kept)


def shared_figure(qa: list[Quantity], qb: list[Quantity]) -> str | None:
    """A figure both sentences state identically (same value and hedge, same measure), as written in `qa`."""
    for a in qa:
        for b in qb:
            if a.value == b.value and a.hedge == b.hedge and same_measure(a, b):
                return a.text
    return None


def _credited(findings: list[Finding], att_a: SentenceAttribution, att_b: SentenceAttribution) -> list[Finding]:
    """`findings` with each side's attribution: who the side's sentence credits for its main claim."""
    return [replace(f, a=replace(f.a, attribution=att_a.primary), b=replace(f.b, attribution=att_b.primary))
            for f in findings]


def compare_pair(
    a: Sentence, b: Sentence, similarity: float, qa: list[Quantity], qb: list[Quantity],
    att_a: SentenceAttribution, att_b: SentenceAttribution, claims_a: ClaimInfo, claims_b: ClaimInfo,
    aliases: AliasTable, published: Mapping[str, str | None],
) -> list[Finding]:
    """Every finding between two paired sentences from different sources: figures, assertions, attributions."""
    findings = score_pair(
        a, b, qa, qb, similarity, published_a=published.get(a.source), published_b=published.get(b.source),
    ) if qa and qb else []
    if claims_a.claims and claims_b.claims:
        findings += assertion_findings(a, b, similarity, claims_a, claims_b, aliases=aliases)
    findings = _credited(findings, att_a, att_b)
    if att_a.attributions or att_b.attributions or att_a.quotes or att_b.quotes:
        findings += attribution_findings(a, b, similarity, att_a, att_b, aliases, shared_figure=shared_figure(qa, qb))
    return findings


def _onnxruntime_available(warn: Callable[[str], None] | None) -> bool:
    import importlib.util

    if importlib.util.find_spec("onnxruntime") is not None:
        return True
    if warn:
        warn("onnxruntime is not installed; embedding with the slower torch path")
    return False


def _load_encoder(settings: Settings, fast: bool, progress) -> Encoder:
    if fast:
        from .fast_embed import load_fast_encoder

        return load_fast_encoder(settings.model, settings.cache_dir or default_cache_dir(), progress,
                                 batch_size=settings.batch_size)
    return load_encoder(settings.model, settings.batch_size)


def _progress(console, enabled: bool):
    if console is None or not enabled:
        return nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    )


def analyze(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Mapping[str, str],
    *,
    settings: Settings | None = None,
    encoder: Encoder | None = None,
    console=None,
    warn: Callable[[str], None] | None = None,
) -> Report:
    """Find where `sources` disagree.

    `sources` is a folder of `.txt`/`.md` articles, a list of files, or a mapping {source_id: text}.
    `encoder` replaces the sentence-transformers model (anything with `encode(list[str]) -> ndarray`);
    `console` (a rich Console) shows progress bars; `warn` receives one-line warnings about the input.
    Returns a `Report` whose findings are sorted by score, highest first.
    Raises `ContradictionsError` for unusable input.
    """
    settings = settings or Settings()
    loaded = [replace(s, published=s.published or publication_date(s.text)) for s in load_sources(sources, warn=warn)]
    published = {s.id: s.published for s in loaded}
    sentences = split_sources(loaded)
    texts = [s.text for s in sentences]
    quantities = extract_all(texts)
    aliases = AliasTable.load(settings.aliases)
    attributions = [extract(text, aliases) for text in texts]
    fast = encoder is None and settings.fast and _onnxruntime_available(warn)
    if encoder is None:
        model_name = Path(settings.model).name if settings.model else "all-MiniLM-L6-v2"
        model_name += "-onnx-int8" if fast else ""
        model_path = str(check_model_folder(Path(settings.model) if settings.model else packaged_model_path()))
    else:
        model_name, model_path = encoder.name, getattr(encoder, "path", None)
    with _progress(console, settings.progress) as progress:

        def compute(missing: list[str]) -> np.ndarray:  # the model is loaded only when something is missing
            model = encoder or _load_encoder(settings, fast, progress)
            return embed(missing, model, batch_size=settings.batch_size, progress=progress)

        if settings.cache:
            cache = EmbeddingCache(settings.cache_dir or default_cache_dir(), model_fingerprint(model_name, model_path))
            try:
                vectors, embedded = cached_embed(texts, cache, compute)
            finally:
                cache.close()
        else:
            vectors, embedded = compute(texts), len(texts)
        source_ids = [s.source for s in sentences]
        pairing = {"top_k": settings.top_k, "threshold": settings.threshold, "chunk_size": settings.chunk_size,
                   "progress": progress}
        if stories_enabled(len(loaded), settings.stories):
            story_of = group_stories(loaded, vectors, source_ids, published=published)
            pairs = pair_within_stories(vectors, source_ids, story_of, **pairing)
        else:
            story_of = {}
            pairs = pair_sentences(vectors, np.array(source_ids), **pairing)
    claims = claims_for_pairs(texts, pairs)
    findings: list[Finding] = []
    for pair in pairs:
        findings += compare_pair(
            sentences[pair.a], sentences[pair.b], pair.similarity, quantities[pair.a], quantities[pair.b],
            attributions[pair.a], attributions[pair.b], claims[pair.a], claims[pair.b], aliases, published,
        )
    if story_of:
        findings = [replace(f, story=story_of[f.a.source]) for f in findings]
    if settings.nli_model:
        from .nli import NliScorer, nli_findings

        findings = nli_findings(NliScorer(settings.nli_model, batch_size=settings.batch_size), findings)
    report_settings = settings.to_dict()
    report_settings["model"] = model_name
    return Report(
        sources=tuple(loaded), sentences=tuple(sentences), pairs_compared=len(pairs),
        findings=rank(findings, settings), settings=report_settings, embedded=embedded,
        attributions={i: att.attributions for i, att in enumerate(attributions) if att.attributions},
        quotes={i: att.quotes for i, att in enumerate(attributions) if att.quotes}, stories=story_of,
    )

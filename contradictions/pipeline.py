"""The pipeline: load, split, extract, embed, pair, score, rank. `analyze` is the public entry point."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext
from pathlib import Path

import numpy as np

from .cache import EmbeddingCache, cached_embed, default_cache_dir, model_fingerprint
from .embed import Encoder, check_model_folder, embed, load_encoder, packaged_model_path
from .load import load_sources
from .model import Finding, Report
from .pairing import pair_sentences
from .quantities import extract_all
from .scoring import score_pair
from .sentences import split_sources
from .settings import Settings


def rank(findings: Iterable[Finding], settings: Settings) -> tuple[Finding, ...]:
    """Highest score first (ties by id, so the order is stable); `min_score` and `top` applied."""
    kept = sorted((f for f in findings if f.score >= settings.min_score), key=lambda f: (-f.score, f.id))
    return tuple(kept[: settings.top] if settings.top else kept)


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
    loaded = load_sources(sources, warn=warn)
    sentences = split_sources(loaded)
    texts = [s.text for s in sentences]
    quantities = extract_all(texts)
    if encoder is None:
        model_name = Path(settings.model).name if settings.model else "all-MiniLM-L6-v2"
        model_path = str(check_model_folder(Path(settings.model) if settings.model else packaged_model_path()))
    else:
        model_name, model_path = encoder.name, getattr(encoder, "path", None)
    with _progress(console, settings.progress) as progress:

        def compute(missing: list[str]) -> np.ndarray:  # the model is loaded only when something is missing
            model = encoder or load_encoder(settings.model, settings.batch_size)
            return embed(missing, model, batch_size=settings.batch_size, progress=progress)

        if settings.cache:
            cache = EmbeddingCache(settings.cache_dir or default_cache_dir(), model_fingerprint(model_name, model_path))
            try:
                vectors, embedded = cached_embed(texts, cache, compute)
            finally:
                cache.close()
        else:
            vectors, embedded = compute(texts), len(texts)
        groups = np.array([s.source for s in sentences])
        pairs = pair_sentences(
            vectors, groups, top_k=settings.top_k, threshold=settings.threshold,
            chunk_size=settings.chunk_size, progress=progress,
        )
    findings: list[Finding] = []
    for pair in pairs:
        a, b = sentences[pair.a], sentences[pair.b]
        if quantities[pair.a] and quantities[pair.b]:
            findings.extend(score_pair(a, b, quantities[pair.a], quantities[pair.b], pair.similarity))
    report_settings = settings.to_dict()
    report_settings["model"] = model_name
    return Report(
        sources=tuple(loaded), sentences=tuple(sentences), pairs_compared=len(pairs),
        findings=rank(findings, settings), settings=report_settings, embedded=embedded,
    )

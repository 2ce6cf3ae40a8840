"""Preparing articles for pairing: load them with their dates and places, split them into sentences, read each
sentence into a `Record` (figures, attribution, claims) and embed the ones that are compared."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from contradictions.aliases import AliasTable
from contradictions.embed.cache import EmbeddingCache, cached_embed, default_cache_dir, model_fingerprint
from contradictions.embed.encoders import Encoder, check_model_folder, embed, load_encoder, packaged_model_path
from contradictions.embed.onnx import RECIPE, load_fast_encoder
from contradictions.embed.progress import bar
from contradictions.embed.stories import stories_enabled
from contradictions.engine.extraction_cache import (
    FIGURES_AND_CLAIMS,
    Extraction,
    attributions,
    datelines,
    figures_and_claims,
    places,
)
from contradictions.extract.cues import has_polarity_cue
from contradictions.extract.numbers import has_figure
from contradictions.extract.places import article_places, regions
from contradictions.extract.quantities import load_parser
from contradictions.extract.sentences import split_source
from contradictions.extract.speakers import resolve_speakers
from contradictions.io.dates import publication_date
from contradictions.io.load import load_sources
from contradictions.model import Record, Sentence, SentenceAttribution, Source
from contradictions.settings import Settings


def checkable(text: str, attribution: SentenceAttribution) -> bool:
    """Whether a sentence states something two sources can disagree on: a figure, an attribution, a quote, or a
    word that confirms, denies or doubts. Above `CORPUS.all_sentences_up_to` sources only these are embedded and
    paired.

    Every numeric, quote and "claim credited differently" finding has two such sentences. An assertion finding has
    at least one (the denial or doubt) and "attributed vs stated as fact" one (the attribution): a plain sentence
    left out can no longer be their other side, and it no longer takes one of a sentence's `top_k` places.
    """
    return bool(attribution.attributions or attribution.quotes) or has_figure(text) or has_polarity_cue(text)


def load_encoder_for(settings: Settings, fast: bool, progress=None, threads: int | None = None) -> Encoder:
    """The sentence model `settings` names: its int8 ONNX export when `fast`, else the sentence-transformers path."""
    if fast:
        return load_fast_encoder(settings.model, settings.cache_dir or default_cache_dir(), progress, threads=threads)
    return load_encoder(settings.model, settings.batch_size)


def progress_bars(console, enabled: bool):
    """A rich progress display on `console` (transient), or a null context when there is no console or no bars."""
    if console is None or not enabled:
        return nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    )


@dataclass
class Prepared:
    """Articles made ready for pairing: one `Record` per sentence, and its vector.

    Row i of `vectors` and `compared` belongs to `records[i]`. `compared` says which rows were embedded and are
    paired (`checkable`); the others' vectors are zero. `embedded` counts the sentences the model embedded (the
    rest came from the cache). This is what one partition of articles produces on a Dask worker.
    """

    sources: list[Source]
    records: list[Record]
    vectors: np.ndarray
    compared: np.ndarray
    embedded: int

    @property
    def sentences(self) -> list[Sentence]:
        return [r.sentence for r in self.records]

    def select(self, source_ids: Iterable[str]) -> Prepared:
        """Only the articles in `source_ids` (order kept)."""
        wanted = set(source_ids)
        rows = [i for i, r in enumerate(self.records) if r.sentence.source in wanted]
        return Prepared(sources=[s for s in self.sources if s.id in wanted], records=[self.records[i] for i in rows],
                        vectors=self.vectors[rows], compared=self.compared[rows], embedded=0)

    @staticmethod
    def join(parts: Sequence[Prepared]) -> Prepared:
        """Several partitions as one, sources in id order (as `load_sources` orders them)."""
        rows: list[dict[str, list[int]]] = []
        for part in parts:
            by_source: dict[str, list[int]] = {}
            for i, record in enumerate(part.records):
                by_source.setdefault(record.sentence.source, []).append(i)
            rows.append(by_source)
        by_id = [{s.id: s for s in part.sources} for part in parts]
        order = sorted((source_id, k) for k, sources in enumerate(by_id) for source_id in sources)
        blocks = [(k, rows[k].get(source_id, [])) for source_id, k in order]  # each source's rows in its part
        dims = next((p.vectors.shape[1] for p in parts if p.vectors.ndim == 2 and p.vectors.shape[1]), 0)
        return Prepared(
            sources=[by_id[k][source_id] for source_id, k in order],
            records=[parts[k].records[i] for k, block in blocks for i in block],
            vectors=np.vstack([np.zeros((0, dims), np.float32)] + [_rows(parts[k].vectors, block, dims) for k, block in blocks]),
            compared=np.concatenate([np.zeros(0, bool)] + [parts[k].compared[block] for k, block in blocks]),
            embedded=sum(part.embedded for part in parts),
        )


def _rows(vectors: np.ndarray, rows: list[int], dims: int) -> np.ndarray:
    """`vectors[rows]`, or zeros for a partition that embedded nothing (its vectors have no columns)."""
    if vectors.ndim == 2 and vectors.shape[1] == dims:
        return vectors[rows]
    return np.zeros((len(rows), dims), dtype=np.float32)


def model_identity(settings: Settings, encoder: Encoder | None, fast: bool) -> tuple[str, str | None]:
    """The model's name as the report shows it and its folder (for the cache's fingerprint)."""
    if encoder is not None:
        return getattr(encoder, "name", type(encoder).__name__), getattr(encoder, "path", None)
    name = (Path(settings.model).name if settings.model else "all-MiniLM-L6-v2") + ("-onnx-int8" if fast else "")
    return name, str(check_model_folder(Path(settings.model) if settings.model else packaged_model_path()))


def prepare(
    sources: Sequence[Source], settings: Settings, *, fast: bool, encoder: Encoder | None = None,
    aliases: AliasTable | None = None, progress=None, warn: Callable[[str], None] | None = None,
) -> Prepared:
    """Split, extract and embed `sources` (one partition, or the whole corpus in process).

    Only `checkable` sentences are embedded when `settings.all_sentences` is False (`analyze` decides None). The
    parse (figures and claims) runs on a second thread while the model embeds: spaCy keeps one core busy, the model
    the other(s).
    The model is loaded only when a sentence is missing from the embedding cache, spaCy only when a sentence it
    would parse is missing from the extraction cache.
    """
    sentences: list[Sentence] = []
    done = bar(progress, "Splitting sentences")
    for k, source in enumerate(sources, start=1):
        sentences += split_source(source, warn)  # warns of a sentence too long to parse whole
        done(k, len(sources))
    texts = [s.text for s in sentences]
    aliases = aliases or AliasTable.load(settings.aliases)
    extraction = Extraction.for_run(settings, aliases)
    known = extraction.cached(FIGURES_AND_CLAIMS, texts)  # what earlier runs parsed
    if any(has_figure(t) or has_polarity_cue(t) for t in texts if t not in known):
        load_parser()  # here, so that a missing spaCy pipeline fails the run before anything is embedded
    stop = threading.Event()
    with ThreadPoolExecutor(1, thread_name_prefix="contradictions-parse") as second:
        parsed = second.submit(figures_and_claims, texts, extraction, known, stop=stop,
                               done=bar(progress, "Parsing figures and claims"))
        try:
            credits = resolve_speakers(sentences, attributions(texts, aliases, extraction,
                                                               bar(progress, "Reading attributions")))
            compared = np.array([settings.all_sentences is not False or checkable(t, a)
                                 for t, a in zip(texts, credits)], dtype=bool)
            rows = np.flatnonzero(compared)
            found, embedded = _embed_cached([texts[i] for i in rows], settings, fast=fast, encoder=encoder,
                                            progress=progress)
        except BaseException:  # a bad model, Ctrl-C: end the parse (within a spaCy batch) before the error leaves
            stop.set()
            raise
        quantities, claims = parsed.result()
    vectors = np.zeros((len(texts), found.shape[1]), dtype=np.float32)
    vectors[rows] = found
    records = [Record(sentence, tuple(quantities[i]), credits[i], claims.get(i))
               for i, sentence in enumerate(sentences)]
    return Prepared(list(sources), records, vectors, compared, embedded)


def _embed_cached(texts: list[str], settings: Settings, *, fast: bool, encoder: Encoder | None,
                  progress) -> tuple[np.ndarray, int]:
    """Vectors for `texts` from the embedding cache, the model embedding the missing ones; and how many it embedded."""
    model_name, model_path = model_identity(settings, encoder, fast)

    def compute(missing: list[str]) -> np.ndarray:  # the model is loaded only when something is missing
        model = encoder or load_encoder_for(settings, fast, progress)
        return embed(missing, model, batch_size=settings.batch_size, progress=progress)

    if not texts:
        return np.zeros((0, 0), dtype=np.float32), 0
    if not settings.cache:
        return compute(texts), len(texts)
    key = f"{model_name}-{RECIPE}" if model_name.endswith("-onnx-int8") else model_name
    cache = EmbeddingCache(settings.cache_dir or default_cache_dir(), model_fingerprint(key, model_path))
    try:
        return cached_embed(texts, cache, compute)
    finally:
        cache.close()


def load_for_analysis(sources, warn, columns: Mapping[str, str] | None = None,
                      extraction: Extraction | None = None, stories: bool | None = None) -> list[Source]:
    """`load_sources`, with each source's publication date read from its text where the input gave none: a
    stamp or dateline line (`publication_date`), else, in a corpus grouped into stories, the first full date near
    its start (`dateline_date`); and there the places each title and lead name (`extract.places.article_places`)
    and the wider places the corpus's texts put those in (`extract.places.regions`).
    `extraction` keeps those readings on disk (None: read them all); `stories` is `Settings.stories`."""
    loaded = [replace(s, published=s.published or publication_date(s.text))
              for s in load_sources(sources, columns=columns, warn=warn)]
    if not stories_enabled(len(loaded), stories):
        return loaded  # a handful of articles handed in together are one event: no frames to part them
    extraction = extraction or Extraction(None)
    undated = [i for i, s in enumerate(loaded) if not s.published]
    for i, day in zip(undated, datelines([loaded[i].text for i in undated], extraction)):
        loaded[i] = replace(loaded[i], published=day)
    found = article_places(loaded, read=lambda leads: places(leads, extraction))
    within = regions([s.text for s in loaded], sorted({p for ps in found for p in ps}))
    return [replace(s, places=p, regions=tuple(sorted({r for q in p for r in within.get(q, ())} - set(p))))
            for s, p in zip(loaded, found)]

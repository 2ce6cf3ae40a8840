"""The pipeline: load, split, extract, embed, pair, score, rank. `analyze` is the public entry point."""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

import numpy as np

from contradictions.aliases import AliasTable
from contradictions.model import ClaimInfo
from contradictions.findings.assertion import assertion_findings, has_polarity_cue
from contradictions.model import SentenceAttribution
from contradictions.findings.attribution import attribution_findings
from contradictions.embed.candidates import candidate_pairs
from contradictions.embed.cache import EmbeddingCache, cached_embed, default_cache_dir, model_fingerprint
from contradictions.engine.extraction_cache import FIGURES_AND_CLAIMS, Extraction, figures_and_claims, pair_claims
from contradictions.engine.extraction_cache import attributions as attributions_of
from contradictions.engine.extraction_cache import datelines, places
from contradictions.embed.encoders import Encoder, check_model_folder, embed, load_encoder, packaged_model_path
from contradictions.embed.onnx import RECIPE
from contradictions.extract.places import article_places
from contradictions.findings.events import frame_gate, frames_apply, one_event, reason_class, sentence_places
from contradictions.io.load import load_sources
from contradictions.model import ContradictionsError, Finding, Pair, Quantity, Sentence, Source
from contradictions.report import Report
from contradictions.embed.pairing import pair_sentences
from contradictions.embed.progress import bar
from contradictions.extract.numbers import has_figure
from contradictions.extract.quantities import load_parser
from contradictions.findings.numeric import same_measure, score_pair, stated_elsewhere
from contradictions.extract.sentences import split_source
from contradictions.extract.speakers import resolve_speakers
from contradictions.settings import Settings
from contradictions.weights import CORPUS
from contradictions.embed.stories import group_stories, stories_enabled, story_members
from contradictions.io.dates import publication_date




def rank(findings: Iterable[Finding], settings: Settings) -> tuple[Finding, ...]:
    """Highest score first (ties by id, so the order is stable); `min_score` and `top` applied."""
    kept = sorted((f for f in findings if f.score >= settings.min_score), key=lambda f: (-f.score, f.id))
    return tuple(kept[: settings.top] if settings.top else kept)


def distinct_figures(findings: list[Finding]) -> list[Finding]:
    """The findings with each numeric disagreement once: two sources setting the same two figures against each other
    in several sentence pairs (a headline and its body, "50" in one and "at least 50" in another) give one
    finding, the best scored."""
    best: dict[tuple, Finding] = {}
    rest = []
    for f in findings:
        if f.kind != "numeric" or f.a.value is None or f.b.value is None:
            rest.append(f)
            continue
        key = tuple(sorted([(f.a.source, f.a.value.reference), (f.b.source, f.b.value.reference)], key=repr))
        if key not in best or (f.score, f.id) > (best[key].score, best[key].id):
            best[key] = f
    return rest + list(best.values())


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
    figures_disagree = bool(findings)
    if claims_a.claims and claims_b.claims:
        findings += assertion_findings(a, b, similarity, claims_a, claims_b, aliases=aliases)
    findings = _credited(findings, att_a, att_b)
    if att_a.attributions or att_b.attributions or att_a.quotes or att_b.quotes:
        findings += attribution_findings(a, b, similarity, att_a, att_b, aliases, shared_figure=shared_figure(qa, qb),
                                         figures_disagree=figures_disagree)
    return findings


def checkable(text: str, attribution: SentenceAttribution) -> bool:
    """Whether a sentence states something two sources can disagree on: a figure, an attribution, a quote, or a
    word that confirms, denies or doubts. Above `CORPUS.all_sentences_up_to` sources only these are embedded and paired.

    Every numeric, quote and "claim credited differently" finding has two such sentences. An assertion finding has
    at least one (the denial or doubt) and "attributed vs stated as fact" one (the attribution): a plain sentence
    left out can no longer be their other side, and it no longer takes one of a sentence's `top_k` places.
    """
    return bool(attribution.attributions or attribution.quotes) or has_figure(text) or has_polarity_cue(text)


def _onnxruntime_available(warn: Callable[[str], None] | None) -> bool:
    import importlib.util

    if importlib.util.find_spec("onnxruntime") is not None:
        return True
    if warn:
        warn("onnxruntime is not installed; embedding with the slower torch path")
    return False


def _load_encoder(settings: Settings, fast: bool, progress, threads: int | None = None) -> Encoder:
    if fast:
        from contradictions.embed.onnx import load_fast_encoder

        return load_fast_encoder(settings.model, settings.cache_dir or default_cache_dir(), progress, threads=threads)
    return load_encoder(settings.model, settings.batch_size)


def _progress(console, enabled: bool):
    if console is None or not enabled:
        return nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    )


@dataclass
class Prepared:
    """Articles made ready for pairing: their sentences, what each sentence states, and its vector.

    Row i of `vectors`, `quantities`, `attributions`, `compared` belongs to `sentences[i]`; `claims` holds the
    claims of the sentences parsed on the way (a figure or a polarity cue), by row. `compared` says which rows were
    embedded and are paired (`checkable`); the others' vectors are zero. `embedded` counts the sentences the model
    embedded (the rest came from the cache). This is what one partition of articles produces on a Dask worker.
    """

    sources: list[Source]
    sentences: list[Sentence]
    quantities: list[list[Quantity]]
    claims: dict[int, ClaimInfo]
    attributions: list[SentenceAttribution]
    vectors: np.ndarray
    compared: np.ndarray
    embedded: int

    def select(self, source_ids: Iterable[str]) -> Prepared:
        """Only the articles in `source_ids` (rows renumbered, order kept)."""
        wanted = set(source_ids)
        rows = [i for i, s in enumerate(self.sentences) if s.source in wanted]
        renumber = {old: new for new, old in enumerate(rows)}
        return Prepared(
            sources=[s for s in self.sources if s.id in wanted], sentences=[self.sentences[i] for i in rows],
            quantities=[self.quantities[i] for i in rows],
            claims={renumber[i]: c for i, c in self.claims.items() if i in renumber},
            attributions=[self.attributions[i] for i in rows], vectors=self.vectors[rows],
            compared=self.compared[rows], embedded=0,
        )

    @staticmethod
    def join(parts: Sequence[Prepared]) -> Prepared:
        """Several partitions as one, sources in id order (as `load_sources` orders them)."""
        rows: list[dict[str, list[int]]] = []
        for part in parts:
            by_source: dict[str, list[int]] = {}
            for i, sentence in enumerate(part.sentences):
                by_source.setdefault(sentence.source, []).append(i)
            rows.append(by_source)
        by_id = [{s.id: s for s in part.sources} for part in parts]
        order = sorted((source_id, k) for k, sources in enumerate(by_id) for source_id in sources)
        blocks = [(k, rows[k].get(source_id, [])) for source_id, k in order]  # each source's rows in its part
        picks = [(k, i) for k, block in blocks for i in block]
        dims = next((p.vectors.shape[1] for p in parts if p.vectors.ndim == 2 and p.vectors.shape[1]), 0)
        return Prepared(
            sources=[by_id[k][source_id] for source_id, k in order],
            sentences=[parts[k].sentences[i] for k, i in picks],
            quantities=[parts[k].quantities[i] for k, i in picks],
            claims={new: parts[k].claims[i] for new, (k, i) in enumerate(picks) if i in parts[k].claims},
            attributions=[parts[k].attributions[i] for k, i in picks],
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
            attributions = resolve_speakers(sentences, _read_attributions(texts, aliases, progress, extraction))
            compared = np.array([settings.all_sentences is not False or checkable(t, a)
                                 for t, a in zip(texts, attributions)], dtype=bool)
            rows = np.flatnonzero(compared)
            found, embedded = _embed_cached([texts[i] for i in rows], settings, fast=fast, encoder=encoder,
                                            progress=progress)
        except BaseException:  # a bad model, Ctrl-C: end the parse (within a spaCy batch) before the error leaves
            stop.set()
            raise
        quantities, claims = parsed.result()
    vectors = np.zeros((len(texts), found.shape[1]), dtype=np.float32)
    vectors[rows] = found
    return Prepared(list(sources), sentences, quantities, claims, attributions, vectors, compared, embedded)


def _read_attributions(texts: list[str], aliases: AliasTable, progress,
                       extraction: Extraction) -> list[SentenceAttribution]:
    """Each sentence's attributions and quotes; a text repeated across articles (wire copy) or cached is read once."""
    return attributions_of(texts, aliases, extraction, bar(progress, "Reading attributions"))


def _embed_cached(texts: list[str], settings: Settings, *, fast: bool, encoder: Encoder | None,
                  progress) -> tuple[np.ndarray, int]:
    """Vectors for `texts` from the embedding cache, the model embedding the missing ones; and how many it embedded."""
    model_name, model_path = model_identity(settings, encoder, fast)

    def compute(missing: list[str]) -> np.ndarray:  # the model is loaded only when something is missing
        model = encoder or _load_encoder(settings, fast, progress)
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


class Scored(NamedTuple):
    """What scoring one story gives: pairs compared, findings, and pairs left out by the frame gate, by reason."""

    pairs: int
    findings: list[Finding]
    not_compared: dict[str, int] = {}


def score_story(
    prepared: Prepared, settings: Settings, *, aliases: AliasTable | None = None, story: int | None = None,
    progress=None, framed: bool = False,
) -> Scored:
    """Pair the sentences of one story (or of a corpus not grouped into stories) and score every pair.

    Returns `Scored`: pairs compared, findings, and what `framed` (a story of a corpus that mixes incidents) left
    out, by reason. On a Dask cluster each story is one task.
    """
    aliases = aliases or AliasTable.load(settings.aliases)
    published = {s.id: s.published for s in prepared.sources}
    rows = np.flatnonzero(prepared.compared)
    source_ids = np.array([prepared.sentences[i].source for i in rows])
    if len(set(source_ids.tolist())) < 2:
        return Scored(0, [])
    pairs = [Pair(int(rows[p.a]), int(rows[p.b]), p.similarity) for p in pair_sentences(
        prepared.vectors[rows], source_ids, top_k=settings.top_k, threshold=settings.threshold,
        chunk_size=settings.chunk_size, progress=progress)]
    pairs = sorted(pairs + candidate_pairs(rows, [s.source for s in prepared.sentences], prepared.vectors,
                                           prepared.claims, aliases, known=pairs),
                   key=lambda p: (p.a, p.b))
    by_id = {s.id: s for s in prepared.sources}
    not_compared: Counter[str] = Counter()
    if framed:  # a story of a corpus that mixes incidents, with dates to tell them apart: each pair passes the gate
        reasons = [frame_gate(by_id[prepared.sentences[p.a].source], by_id[prepared.sentences[p.b].source])
                   for p in pairs]
        not_compared.update(reason_class(r) for r in reasons if r is not None)
        pairs = [p for p, reason in zip(pairs, reasons) if reason is None]
    texts = [s.text for s in prepared.sentences]
    extraction = Extraction.for_run(settings, aliases)
    claims = pair_claims(texts, pairs, prepared.claims, extraction)
    stated: dict[str, list[tuple[int, Quantity]]] = {}
    for sentence, figures in zip(prepared.sentences, prepared.quantities):
        stated.setdefault(sentence.source, []).extend((sentence.index, q) for q in figures)
    findings: list[Finding] = []
    for pair in pairs:
        found = compare_pair(
            prepared.sentences[pair.a], prepared.sentences[pair.b], pair.similarity, prepared.quantities[pair.a],
            prepared.quantities[pair.b], prepared.attributions[pair.a], prepared.attributions[pair.b],
            claims[pair.a], claims[pair.b], aliases, published,
        )
        found = [f for f in found if f.kind != "numeric" or not stated_elsewhere(
            f, prepared.quantities[pair.a], prepared.quantities[pair.b], stated)]
        if framed:
            kept = one_event(by_id[prepared.sentences[pair.a].source], by_id[prepared.sentences[pair.b].source], found)
            not_compared["another incident by its own words"] += len(found) - len(kept)
            found = kept
        findings += found
    if framed and findings:
        specific = sorted({p for source in prepared.sources for p in source.places})
        kept = sentence_places(findings, specific, read=lambda texts: places(texts, extraction))
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
    findings = distinct_figures(findings)
    if settings.nli_model:
        from contradictions.findings.nli import NliScorer, nli_findings

        findings = nli_findings(NliScorer(settings.nli_model, batch_size=settings.batch_size), findings)
    report_settings = settings.to_dict()
    report_settings["model"] = model_name
    atts = prepared.attributions
    return Report(
        sources=tuple(prepared.sources), sentences=tuple(prepared.sentences), pairs_compared=pairs_compared,
        findings=rank(findings, settings), settings=report_settings, embedded=prepared.embedded,
        compared=int(prepared.compared.sum()),
        attributions={i: att.attributions for i, att in enumerate(atts) if att.attributions},
        quotes={i: att.quotes for i, att in enumerate(atts) if att.quotes}, stories=story_of,
        not_compared=dict(sorted(not_compared.items())),
    )


def load_for_analysis(sources, warn, columns: Mapping[str, str] | None = None,
                      extraction: Extraction | None = None) -> list[Source]:
    """`load_sources`, with each source's publication date read from its text where the input gave none: a
    stamp or dateline line (`publication_date`), else, in a corpus grouped into stories, the first full date near
    its start (`dateline_date`); and there the places each title and lead name (`frames.article_places`).
    `extraction` keeps those readings on disk (None: read them all)."""
    loaded = [replace(s, published=s.published or publication_date(s.text))
              for s in load_sources(sources, columns=columns, warn=warn)]
    if not stories_enabled(len(loaded)):
        return loaded  # a handful of articles handed in together are one event: no frames to part them
    extraction = extraction or Extraction(None)
    undated = [i for i, s in enumerate(loaded) if not s.published]
    for i, day in zip(undated, datelines([loaded[i].text for i in undated], extraction)):
        loaded[i] = replace(loaded[i], published=day)
    found = article_places(loaded, read=lambda leads: places(leads, extraction))
    return [replace(s, places=p) for s, p in zip(loaded, found)]


def _check_arguments(settings, encoder, console, warn) -> None:
    """`ContradictionsError` for an argument of `analyze` of the wrong kind (sources and columns: as they load)."""
    from rich.console import Console

    if settings is not None and not isinstance(settings, Settings):
        raise ContradictionsError(f"settings must be a contradictions.Settings, not {type(settings).__name__}")
    if encoder is not None and not callable(getattr(encoder, "encode", None)):
        raise ContradictionsError(f"encoder must have an encode(list[str]) method; {type(encoder).__name__} has none")
    if console is not None and not isinstance(console, Console):
        raise ContradictionsError(f"console must be a rich.console.Console, not {type(console).__name__}")
    if warn is not None and not callable(warn):
        raise ContradictionsError(f"warn must be a function taking one message, not {type(warn).__name__}")


def analyze(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str] | Source] | Mapping[str, str],
    *,
    settings: Settings | None = None,
    encoder: Encoder | None = None,
    console=None,
    warn: Callable[[str], None] | None = None,
    columns: Mapping[str, str] | None = None,
) -> Report:
    """Find where `sources` disagree.

    `sources` is a folder of articles (.txt/.md, saved .html pages, .jsonl/.csv/.parquet feeds), a list of such
    files, a mapping {source_id: text}, or `Source`s already loaded. `columns` maps feed fields to other column
    names ({"text": "body"}; README, Inputs).
    `encoder` replaces the sentence-transformers model (anything with `encode(list[str]) -> ndarray`);
    `console` (a rich Console) shows progress bars; `warn` receives one-line warnings about the input.
    `settings.engine` "dask" runs the same steps on a Dask cluster (`contradictions.engine.distributed`).
    Returns a `Report` whose findings are sorted by score, highest first.
    Raises `ContradictionsError` for unusable input.
    """
    _check_arguments(settings, encoder, console, warn)
    settings = settings or Settings()
    aliases = AliasTable.load(settings.aliases)
    loaded = load_for_analysis(sources, warn, columns, Extraction.for_run(settings, aliases))
    if settings.all_sentences is None:
        settings = settings.with_(all_sentences=len(loaded) <= CORPUS.all_sentences_up_to)
    fast = encoder is None and settings.fast and _onnxruntime_available(warn)
    if settings.engine == "dask":
        from contradictions.engine.distributed import analyze_on_dask

        return analyze_on_dask(loaded, settings, fast=fast, encoder=encoder, console=console)
    with _progress(console, settings.progress) as progress:
        prepared = prepare(loaded, settings, fast=fast, encoder=encoder, aliases=aliases, progress=progress,
                           warn=warn)
        if stories_enabled(len(loaded), settings.stories):
            story_of = group_stories(loaded, prepared.vectors, [s.source for s in prepared.sentences])
            framed = frames_apply(loaded)
            members = story_members(story_of)
            task = progress.add_task("Pairing within stories", total=len(members)) if progress is not None else None
            scored = []
            for done, story in enumerate(members, start=1):
                scored.append(score_story(prepared.select(members[story]), settings, aliases=aliases, story=story,
                                          framed=framed))
                if task is not None:
                    progress.update(task, completed=done)
        else:
            story_of = {}
            scored = [score_story(prepared, settings, aliases=aliases, progress=progress)]
    return finish(prepared, scored, story_of, settings, model_identity(settings, encoder, fast)[0])

"""One settings object for a run, with documented defaults. Filled from CLI options or by the caller."""

from __future__ import annotations

import numbers
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from contradictions.model import ContradictionsError

ENGINES = ("local", "dask")
# What each annotation in `Settings` admits, and the plain type it is kept as (bool is an int to Python, but not a
# number of sentences here).
_TYPES: dict[str, tuple[type | tuple[type, ...], type]] = {
    "float": (numbers.Real, float), "int": (numbers.Integral, int), "bool": (bool, bool),
    "str": ((str, os.PathLike), os.fspath), "None": (type(None), type(None)),
}


@dataclass(frozen=True)
class Settings:
    """How a run pairs sentences and which findings it keeps.

    model: a local sentence-transformers model folder; None means the packaged all-MiniLM-L6-v2.
    threshold: the lowest cosine similarity at which two sentences from different sources are compared.
        Lower finds more pairs (more recall, more noise); 0.45 keeps same-event sentences on news text.
    top_k: how many most-similar sentences in other sources each sentence is compared with.
    min_score: findings scoring below this are left out of the report.
    top: keep at most this many findings (None keeps all).
    batch_size: sentences per embedding batch (the fast path runs onnxruntime on one sentence at a time, so a
        sentence's vector never depends on its batch mates: `embed.onnx.RUN_BATCH`).
    chunk_size: rows of the similarity matrix computed at once while pairing (memory is chunk_size × n).
    aliases: an extra alias table (JSON) merged over the packaged one, for attribution names.
    nli_model: a local sentence-transformers CrossEncoder folder trained for NLI; its contradiction
        probability for each finding's two sentences is shown and nudges the score. None: no NLI.
    fast: embed with an int8 ONNX export of the model run by onnxruntime (prepared once, about ten seconds, and
        kept in the cache folder): 2.5-2.8 times the torch path's rate on this project's 2-core machine and a
        much faster start, mean cosine 0.994 to it (docs/benchmarks.md). False: the sentence-transformers torch path.
    stories: group articles into stories and pair sentences only within a story; None (the default) does so
        above `weights.CORPUS.stories_above` sources.
    all_sentences: embed and pair every sentence (True), or only those that state something checkable: a figure,
        an attribution, a quote, or a word that confirms, denies or doubts (False). None (the default): every
        sentence up to `weights.CORPUS.all_sentences_up_to` sources, checkable ones above (docs/how-it-works.md).
    engine: "local" runs every step in this process; "dask" runs them on a Dask cluster (`pip install
        'contradictions[dask]'`): articles split, extracted and embedded in partitions on the workers, each story
        paired and scored as one task (`contradictions.engine.distributed`).
    scheduler: the Dask scheduler's address ("tcp://host:8786"); None starts a local cluster for the run.
    workers: how many workers that local cluster has (None: one per core).
    progress: show progress bars for stages that take more than a second.
    cache: keep sentence vectors and what each sentence states (figures, claims, attributions) on disk, so a rerun
        embeds and parses only sentences it has not seen (`embed.cache`, `engine.extraction_cache`).
    cache_dir: where the cache lives; None means `$XDG_CACHE_HOME/contradictions` (`~/.cache/contradictions`).
    """

    model: str | None = None
    threshold: float = 0.45
    top_k: int = 8
    min_score: float = 0.0
    top: int | None = None
    batch_size: int = 64
    chunk_size: int = 2048
    aliases: str | None = None
    nli_model: str | None = None
    fast: bool = True
    stories: bool | None = None
    all_sentences: bool | None = None
    engine: str = "local"
    scheduler: str | None = None
    workers: int | None = None
    progress: bool = True
    cache: bool = True
    cache_dir: str | None = None

    def __post_init__(self) -> None:
        self._check_types()
        if not -1.0 <= self.threshold <= 1.0:
            raise ContradictionsError(f"threshold must be between -1 and 1, got {self.threshold}")
        if self.top_k < 1:
            raise ContradictionsError(f"top-k must be at least 1, got {self.top_k}")
        if not 0.0 <= self.min_score <= 1.0:
            raise ContradictionsError(f"min-score must be between 0 and 1, got {self.min_score}")
        if self.top is not None and self.top < 1:
            raise ContradictionsError(f"top must be at least 1, got {self.top}")
        if self.batch_size < 1 or self.chunk_size < 1:
            raise ContradictionsError("batch size and chunk size must be at least 1")
        if self.model is not None and not Path(self.model).exists():
            raise ContradictionsError(f"model folder not found: {self.model}")
        if self.engine not in ENGINES:
            raise ContradictionsError(f"engine must be one of {', '.join(ENGINES)}, got {self.engine!r}")
        if self.scheduler is not None and self.engine != "dask":
            raise ContradictionsError("a scheduler address needs the dask engine (--engine dask)")
        if self.workers is not None and (self.engine != "dask" or self.scheduler is not None):
            raise ContradictionsError("workers size the local Dask cluster: they need the dask engine and no scheduler")
        if self.workers is not None and self.workers < 1:
            raise ContradictionsError(f"workers must be at least 1, got {self.workers}")
        if self.nli_model is not None and not Path(self.nli_model).is_dir():
            raise ContradictionsError(f"NLI model folder not found: {self.nli_model}")

    def _check_types(self) -> None:
        """Each setting of the type its annotation names, kept as a plain Python value (a numpy integer as `int`,
        a `PathLike` as `str`), so the report's settings stay JSON."""
        for field in fields(self):
            value = getattr(self, field.name)
            kinds = [_TYPES[name] for name in field.type.split(" | ")]
            kind = next((k for k in kinds if isinstance(value, k[0]) and (k[1] is bool or not isinstance(value, bool))),
                        None)
            if kind is None:
                raise ContradictionsError(f"setting {field.name} must be {field.type}, got {value!r:.60}")
            if value is not None:
                object.__setattr__(self, field.name, kind[1](value))

    def with_(self, **changes: object) -> Settings:
        """A copy with some settings changed (unknown names are an error)."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ContradictionsError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        """The settings that shape findings, for the report (progress is left out: it changes nothing)."""
        data = asdict(self)
        for name in ("progress", "cache", "cache_dir", "engine", "scheduler", "workers"):
            data.pop(name)
        return data

"""The Dask engine: `analyze` on a Dask cluster (`pip install 'contradictions[dask]'`), same steps, same findings.

How the work divides (docs/dask.md):

- The client reads and checks the input (ids, dates, bad rows: one pass over the files) and cuts the articles into
  partitions of whole articles.
- Per partition, on a worker: split into sentences, extract figures, claims and attributions, embed (the model is
  loaded once per worker and kept; the worker's embedding and extraction caches are used). The result stays on the
  worker.
- Back to the client: one vector per article (the mean of its sentence vectors) and the sentences with their
  attributions for the report. Sentence vectors do not cross to the client.
- On the client: articles are grouped into stories (article vectors, names, dates), exactly as in process.
- Per story, one task: the story's articles are selected on the workers that hold them, moved to one worker,
  paired and scored. Only a story's own sentences travel, and only between workers.
- On the client: NLI (when asked for), ranking and the report.

Findings are those of the in-process path, id for id and score for score: the same steps run on the same
articles, and a sentence's vector does not depend on which partition embeds it (the fast path runs the model on one
sentence at a time: `embed.onnx.RUN_BATCH`).
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from contradictions.aliases import AliasTable
from contradictions.embed.encoders import Encoder
from contradictions.embed.stories import article_vectors, group_articles, stories_enabled, story_members
from contradictions.engine.prepare import Prepared, load_encoder_for, model_identity, prepare, progress_bars
from contradictions.engine.score import finish, score_story
from contradictions.findings.events import frames_apply
from contradictions.model import ContradictionsError, Finding, Record, Source
from contradictions.report import Report
from contradictions.settings import Settings

PARTITIONS_PER_WORKER = 4  # several partitions a worker, so a slow or lost one holds up little
MAX_PARTITION = 200  # articles; about 4,000 sentences, a few MiB of vectors
NO_WORKERS_TIMEOUT = "120s"  # a local cluster whose workers cannot be restarted fails the run instead of waiting


def partitions(sources: Sequence[Source], workers: int) -> list[list[Source]]:
    """Whole articles in id order, cut into about `PARTITIONS_PER_WORKER` partitions a worker."""
    size = max(1, min(MAX_PARTITION, math.ceil(len(sources) / max(1, workers * PARTITIONS_PER_WORKER))))
    return [list(sources[begin : begin + size]) for begin in range(0, len(sources), size)]


@lru_cache(maxsize=4)
def _worker_model(settings: Settings, fast: bool, threads: int | None) -> Encoder:
    """The encoder a worker loads once and keeps for every partition it embeds."""
    return load_encoder_for(settings, fast, None, threads)


class _WorkerEncoder:
    """The run's encoder on a worker: loaded on first use (not at all when the cache holds every sentence)."""

    def __init__(self, settings: Settings, fast: bool) -> None:
        self.name, self.path = model_identity(settings, None, fast)
        self.settings, self.fast = settings, fast

    def encode(self, texts: list[str]) -> np.ndarray:
        from distributed import get_worker

        try:
            threads = get_worker().state.nthreads
        except ValueError:  # not on a worker (a synchronous scheduler)
            threads = None
        return _worker_model(self.settings, self.fast, threads).encode(texts)


def prepare_partition(sources: list[Source], settings: Settings, fast: bool, encoder: Encoder | None,
                      aliases: AliasTable) -> Prepared:
    """One partition on a worker: split, extract, embed."""
    return prepare(sources, settings, fast=fast, encoder=encoder or _WorkerEncoder(settings, fast), aliases=aliases)


def summarise(part: Prepared) -> tuple[Prepared, list[str], np.ndarray]:
    """What the client needs of a partition: its sentences and attributions (no vectors) and one vector an article."""
    ids = sorted(s.id for s in part.sources)
    articles = article_vectors(part.vectors, [s.source for s in part.sentences], ids)
    light = Prepared(part.sources, [Record(r.sentence, attribution=r.attribution) for r in part.records],
                     np.zeros((len(part.records), 0), dtype=np.float32), part.compared, part.embedded)
    return light, ids, articles


def select(part: Prepared, source_ids: list[str]) -> Prepared:
    return part.select(source_ids)


def score_pieces(pieces: list[Prepared], settings: Settings, aliases: AliasTable, story: int | None,
                 framed: bool = False, places: Sequence[str] = ()) -> tuple[int, list[Finding]]:
    """One story: its articles from every partition that holds some, paired and scored as in process."""
    return score_story(Prepared.join(pieces), settings, aliases=aliases, story=story, framed=framed, corpus_places=places)


def _client(settings: Settings):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ContradictionsError("the dask engine needs dask.distributed: pip install 'contradictions[dask]'") from None
    if settings.scheduler:
        try:
            return Client(settings.scheduler, timeout="15s")
        except (OSError, TimeoutError) as err:
            raise ContradictionsError(f"cannot reach the Dask scheduler at {settings.scheduler}: {err}") from None
    import dask

    workers = settings.workers or os.cpu_count() or 1
    with dask.config.set({"distributed.scheduler.no-workers-timeout": NO_WORKERS_TIMEOUT}):
        # dashboard on any free port: with None it takes 8787, and when another cluster holds that port
        # distributed prints a four-line warning on stderr
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                               silence_logs=logging.ERROR)
    return Client(cluster)


def _gather_with_progress(client, futures, progress, description: str) -> list:
    from distributed import as_completed

    task = progress.add_task(description, total=len(futures)) if progress is not None and futures else None
    for done, _ in enumerate(as_completed(futures), start=1):
        if task is not None:
            progress.update(task, completed=done)
    return client.gather(futures)


def analyze_on_dask(
    loaded: list[Source], settings: Settings, *, fast: bool, encoder: Encoder | None = None, console=None,
) -> Report:
    """`analyze` for sources already loaded, on the cluster `settings` names (a local one when it names none)."""
    client = _client(settings)
    from distributed import KilledWorker
    from distributed.scheduler import NoValidWorkerError, NoWorkerError

    try:
        with progress_bars(console, settings.progress) as progress:
            return _run(client, loaded, settings, fast, encoder, progress)
    except KilledWorker as err:
        raise ContradictionsError(f"a Dask worker died each time it ran {err.task}; nothing was written "
                                  f"(the workers' logs say why)") from None
    except (NoWorkerError, NoValidWorkerError):
        raise ContradictionsError(f"the Dask cluster had no worker for {NO_WORKERS_TIMEOUT}; nothing was written") from None
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None and not settings.scheduler:
            cluster.close()


def _run(client, loaded: list[Source], settings: Settings, fast: bool, encoder: Encoder | None,
         progress) -> Report:
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    aliases = AliasTable.load(settings.aliases)  # sent with each task (a few KiB): a scattered copy dies with its worker
    parts = [client.submit(prepare_partition, part, settings, fast, encoder, aliases, pure=False)
             for part in partitions(loaded, workers)]
    summaries = _gather_with_progress(client, [client.submit(summarise, part) for part in parts], progress,
                                      f"Splitting, extracting, embedding on {workers} worker(s)")
    light = Prepared.join([s[0] for s in summaries])
    holder = {source_id: k for k, (_, ids, _) in enumerate(summaries) for source_id in ids}
    vectors = {source_id: row for _, ids, rows in summaries for source_id, row in zip(ids, rows)}
    if stories_enabled(len(loaded), settings.stories):
        ids = sorted(vectors)
        dims = max(len(row) for row in vectors.values())  # a partition that embedded nothing has no columns
        story_of = group_articles(loaded, np.vstack([vectors[i] if len(vectors[i]) == dims
                                                     else np.zeros(dims, np.float32) for i in ids]))
        members: dict[int | None, list[str]] = dict(story_members(story_of))
        framed = frames_apply(loaded)
        places = sorted({p for source in loaded for p in source.places})
    else:
        story_of, members, framed, places = {}, {None: sorted(vectors)}, False, []
    scored = []
    for story in members:
        holders = sorted({holder[i] for i in members[story]})
        pieces = [client.submit(select, parts[k], members[story], pure=False) for k in holders]
        scored.append(client.submit(score_pieces, pieces, settings, aliases, story, framed, places, pure=False))
    results = _gather_with_progress(client, scored, progress, "Pairing and scoring stories")
    return finish(light, results, story_of, settings, model_identity(settings, encoder, fast)[0])


__all__ = ["analyze_on_dask", "partitions"]

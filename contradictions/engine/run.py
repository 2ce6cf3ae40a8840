"""`analyze`, the public entry point: load, prepare (split, extract, embed), group into stories, score each story,
report. In this process, or on a Dask cluster (`engine.distributed`) with the same steps."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from contradictions.aliases import AliasTable
from contradictions.embed.encoders import Encoder
from contradictions.embed.stories import group_stories, stories_enabled, story_members
from contradictions.engine.distributed import analyze_on_dask
from contradictions.engine.extraction_cache import Extraction
from contradictions.engine.prepare import load_for_analysis, model_identity, prepare, progress_bars
from contradictions.engine.score import finish, score_story
from contradictions.findings.events import frames_apply
from contradictions.model import ContradictionsError, Source
from contradictions.settings import Settings
from contradictions.weights import CORPUS

if TYPE_CHECKING:
    from contradictions.report import Report


def _onnxruntime_available(warn: Callable[[str], None] | None) -> bool:
    import importlib.util

    if importlib.util.find_spec("onnxruntime") is not None:
        return True
    if warn:
        warn("onnxruntime is not installed; embedding with the slower torch path")
    return False


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
    names ({"text": "body"}; docs/inputs.md).
    `encoder` replaces the sentence-transformers model (anything with `encode(list[str]) -> ndarray`);
    `console` (a rich Console) shows progress bars; `warn` receives one-line warnings about the input.
    `settings.engine` "dask" runs the same steps on a Dask cluster (`contradictions.engine.distributed`).
    Returns a `Report` whose findings are sorted by score, highest first.
    Raises `ContradictionsError` for unusable input.
    """
    _check_arguments(settings, encoder, console, warn)
    settings = settings or Settings()
    aliases = AliasTable.load(settings.aliases)
    loaded = load_for_analysis(sources, warn, columns, Extraction.for_run(settings, aliases), settings.stories)
    if settings.all_sentences is None:
        settings = settings.with_(all_sentences=len(loaded) <= CORPUS.all_sentences_up_to)
    fast = encoder is None and settings.fast and _onnxruntime_available(warn)
    if settings.engine == "dask":
        return analyze_on_dask(loaded, settings, fast=fast, encoder=encoder, console=console)
    with progress_bars(console, settings.progress) as progress:
        prepared = prepare(loaded, settings, fast=fast, encoder=encoder, aliases=aliases, progress=progress,
                           warn=warn)
        if stories_enabled(len(loaded), settings.stories):
            story_of = group_stories(loaded, prepared.vectors, [s.source for s in prepared.sentences])
            framed = frames_apply(loaded)
            places = sorted({p for source in loaded for p in source.places})
            members = story_members(story_of)
            task = progress.add_task("Pairing within stories", total=len(members)) if progress is not None else None
            scored = []
            for done, story in enumerate(members, start=1):
                scored.append(score_story(prepared.select(members[story]), settings, aliases=aliases, story=story,
                                          framed=framed, corpus_places=places))
                if task is not None:
                    progress.update(task, completed=done)
        else:
            story_of = {}
            scored = [score_story(prepared, settings, aliases=aliases, progress=progress)]
    return finish(prepared, scored, story_of, settings, model_identity(settings, encoder, fast)[0])

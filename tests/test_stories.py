"""Stories: articles grouped by event, and pairs that never cross from one story into another."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from contradictions.embed.pairing import pair_sentences
from contradictions.embed.stories import (
    group_stories,
    stories_enabled,
    story_members,
)
from contradictions.extract.quantities import extract_all
from contradictions.extract.sentences import split_sources
from contradictions.findings.numeric import score_pair
from contradictions.io.load import load_sources
from contradictions.model import Pair, Source
from contradictions.weights import CORPUS

from .conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import generate, published  # noqa: E402


def unit(*values):
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_articles_group_by_vector_and_stories_are_numbered_by_first_source():
    sources = [Source(id=i, title="", text="") for i in ("d", "c", "b", "a")]
    # a and c tell one story, b and d another; each article has two sentences
    vectors = np.stack([unit(1, 0, 0), unit(1, 0.1, 0), unit(0, 1, 0), unit(0, 1, 0.1),
                        unit(1, 0, 0.05), unit(0.9, 0, 0), unit(0, 0.9, 0.1), unit(0.1, 1, 0)])
    owners = ["a", "a", "b", "b", "c", "c", "d", "d"]
    stories = group_stories(sources, vectors, owners)
    assert stories == {"a": 1, "b": 2, "c": 1, "d": 2}


def test_far_apart_dates_keep_alike_articles_apart():
    sources = [Source(id=i, title="", text="") for i in "abc"]
    vectors = np.stack([unit(1, 0), unit(1, 0.01), unit(1, 0.02)])
    dates = {"a": "2025-03-01", "b": "2025-03-03", "c": "2025-06-01"}
    assert group_stories(sources, vectors, list("abc"), published=dates) == {"a": 1, "b": 1, "c": 2}
    assert group_stories(sources, vectors, list("abc")) == {"a": 1, "b": 1, "c": 1}  # undated: alike is enough


def within_stories(vectors: np.ndarray, owners: list[str], stories: dict[str, int]) -> list[Pair]:
    """Pairs as the engine makes them in a grouped corpus: each story's sentences paired alone."""
    pairs = []
    for members in story_members(stories).values():
        rows = np.flatnonzero(np.isin(owners, members))
        pairs += [Pair(int(rows[p.a]), int(rows[p.b]), p.similarity)
                  for p in pair_sentences(vectors[rows], np.array(owners)[rows])]
    return pairs


def test_default_is_on_only_above_the_documented_size():
    assert not stories_enabled(CORPUS.stories_above) and stories_enabled(CORPUS.stories_above + 1)
    assert stories_enabled(2, True) and not stories_enabled(100, False)


def test_seeds_are_one_story(fake_encoder):
    sources = load_sources(SEEDS)
    sentences = split_sources(sources)
    # the bag-of-words stand-in reads alike less than a sentence model; names carry the rest
    vectors = fake_encoder.encode([s.text for s in sentences])
    assert set(group_stories(sources, vectors, [s.source for s in sentences], threshold=0.3).values()) == {1}


@pytest.mark.model
def test_mixed_corpus_stories_follow_events_and_figures_stay_within_them(tmp_path, real_encoder):
    paths = generate(tmp_path, 60, events=6, seed=3)
    sources = load_sources(tmp_path)
    sentences = split_sources(sources)
    texts = [s.text for s in sentences]
    distinct = sorted(set(texts))
    by_text = dict(zip(distinct, real_encoder.encode(distinct)))
    vectors = np.stack([by_text[t] for t in texts])
    owners = [s.source for s in sentences]
    stories = group_stories(sources, vectors, owners, published=published(paths))
    event = {p.stem: p.stem.rsplit("event", 1)[1] for p in paths}
    assert len(set(stories.values())) == 6
    assert all((stories[a] == stories[b]) == (event[a] == event[b]) for a in stories for b in stories)

    quantities = extract_all(texts)

    def numeric(pairs):
        return [(p, f) for p in pairs if quantities[p.a] and quantities[p.b]
                for f in score_pair(sentences[p.a], sentences[p.b], quantities[p.a], quantities[p.b], p.similarity)]

    everywhere = numeric(pair_sentences(vectors, np.array(owners)))
    within = numeric(within_stories(vectors, owners, stories))
    assert any(event[sentences[p.a].source] != event[sentences[p.b].source] for p, _ in everywhere)  # the danger
    assert within and all(event[sentences[p.a].source] == event[sentences[p.b].source] for p, _ in within)


@pytest.mark.model
def test_analyze_groups_a_mixed_corpus_and_every_finding_stays_in_its_story(tmp_path):
    import contradictions

    paths = generate(tmp_path, 40, events=4, seed=5)
    event = {p.stem: p.stem.rsplit("event", 1)[1] for p in paths}
    report = contradictions.analyze(tmp_path, settings=contradictions.Settings(cache_dir=str(tmp_path / "cache")))
    data = report.to_dict()
    assert data["summary"]["stories"] == 4  # 40 sources: above the size where stories are on by default
    story = {s["id"]: s["story"] for s in data["sources"]}
    assert all((story[a] == story[b]) == (event[a] == event[b]) for a in story for b in story)
    assert data["findings"]
    for f in data["findings"]:
        assert event[f["a"]["source"]] == event[f["b"]["source"]]
        assert f["story"] == story[f["a"]["source"]] == story[f["b"]["source"]]


@pytest.mark.model
def test_seeds_as_one_story_give_the_same_findings(seeds_report, real_encoder):
    import contradictions

    grouped = contradictions.analyze(SEEDS, settings=contradictions.Settings(stories=True), encoder=real_encoder)
    assert set(grouped.stories.values()) == {1}
    assert [f.id for f in grouped.findings] == [f.id for f in seeds_report.findings]
    assert {f.story for f in grouped.findings} == {1}

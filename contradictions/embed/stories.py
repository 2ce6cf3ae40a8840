"""Stories: a corpus that mixes events is grouped into stories, and sentences are paired only within a story.

Two articles belong to one story when they read alike and name the same people and places: their similarity is
`CORPUS.name_weight` x the cosine of their name profiles (capitalised words, weighted by rarity: a name in most articles
says nothing about which story an article tells) plus the rest x the cosine of their article vectors (the mean of
their sentence vectors). Articles at `threshold` or above are linked; links are taken strongest first, and two
stories join only when the joined story stays cohesive (mean similarity across them at least the link threshold `CORPUS.story_threshold`) and its
known dates span at most `CORPUS.story_span_days`, so that a chain of links cannot make a whole war one story. Two
articles whose publication dates are both known and more than `CORPUS.date_window_days` apart are never linked.

Stories are numbered 1, 2, ... in the order of their first source id, so the same corpus gets the same numbers.
`CORPUS.stories_above`: a corpus of more sources than this is grouped by default (a handful of articles handed in
together are one event, as on seeds/).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from contradictions.model import Source
from contradictions.timeline import day_of
from contradictions.weights import CORPUS

NAME_DIMS = 4096  # hashed name profile; collisions only ever raise a similarity a little
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Za-z]+)*\b|\b[A-Z]{2,}\b")
_COMMON = frozenset(
    "The A An In On At For By With From As But And Or If When While After Before This That These Those It Its He She "
    "They We His Her Their Our Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February "
    "March April May June July August September October November December Photo Reuters AP AFP".split()
)


def stories_enabled(n_sources: int, setting: bool | None = None) -> bool:
    """Whether to group into stories: as `setting` says, or by default above `CORPUS.stories_above` sources."""
    return n_sources > CORPUS.stories_above if setting is None else setting


def names(text: str) -> Counter[str]:
    """The capitalised words of an article (people, places, bodies, and some sentence openers), with counts."""
    return Counter(w for w in _NAME.findall(text) if w not in _COMMON)


def article_vectors(sentence_vectors: np.ndarray, sentence_source_ids: Sequence[str], ids: Sequence[str]) -> np.ndarray:
    """One unit vector per id in `ids`: the mean of its sentence vectors (zeros for an article with none)."""
    vectors = np.asarray(sentence_vectors, dtype=np.float32)
    row = {source: r for r, source in enumerate(ids)}
    owner = np.array([row[s] for s in sentence_source_ids], dtype=np.int64)
    sums = np.zeros((len(ids), vectors.shape[1] if vectors.ndim == 2 else 0), dtype=np.float32)
    np.add.at(sums, owner, vectors)
    return sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)


def name_profiles(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of each text's names, weighted by log count x rarity (a name in every text still counts a little)."""
    counts = [names(t) for t in texts]
    n = len(texts)
    df = Counter(w for c in counts for w in c)
    out = np.zeros((n, NAME_DIMS), dtype=np.float32)
    for row, c in enumerate(counts):
        for word, k in c.items():
            out[row, zlib.crc32(word.encode()) % NAME_DIMS] += np.log1p(k) * np.log(1 + n / df[word])
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def group_stories(
    sources: Sequence[Source],
    sentence_vectors: np.ndarray,
    sentence_source_ids: Sequence[str],
    *,
    threshold: float = CORPUS.story_threshold,
    published: Mapping[str, object] | None = None,
    chunk_size: int = 1024,
) -> dict[str, int]:
    """{source id: story number}, numbered from 1 in the order of each story's first source id.

    `published` maps source ids to dates (`date` or ISO strings); where it is None each source's own `published`
    is used. Memory is O(chunk_size x sources), never sources x sources.
    """
    ids = sorted(s.id for s in sources)
    articles = article_vectors(sentence_vectors, sentence_source_ids, ids)
    return group_articles(sources, articles, threshold=threshold, published=published, chunk_size=chunk_size)


def group_articles(
    sources: Sequence[Source],
    articles: np.ndarray,
    *,
    threshold: float = CORPUS.story_threshold,
    published: Mapping[str, object] | None = None,
    chunk_size: int = 1024,
) -> dict[str, int]:
    """`group_stories` from article vectors already made: row i of `articles` is the i-th source id in sorted order.

    (The Dask engine makes each article's vector on the worker that embedded it; only these cross the network.)
    """
    ids = sorted(s.id for s in sources)
    if not ids:
        return {}
    text = {s.id: s.text for s in sources}
    dated = published if published is not None else {s.id: s.published for s in sources}
    days = np.array([d.toordinal() if (d := day_of(dated.get(i))) is not None else -1 for i in ids], dtype=np.int64)
    profiles = name_profiles([text[i] for i in ids])

    def similarity(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return (1 - CORPUS.name_weight) * (articles[rows] @ articles[cols].T) + CORPUS.name_weight * (profiles[rows] @ profiles[cols].T)

    links: list[tuple[float, int, int]] = []
    for begin in range(0, len(ids), chunk_size):
        end = min(len(ids), begin + chunk_size)
        sims = similarity(np.arange(begin, end), np.arange(len(ids)))
        far = np.abs(days[begin:end, None] - days[None, :]) > CORPUS.date_window_days
        sims[far & (days[begin:end, None] >= 0) & (days[None, :] >= 0)] = -1.0
        for row, col in zip(*np.nonzero(sims >= threshold)):
            if begin + int(row) < int(col):
                links.append((-float(sims[row, col]), begin + int(row), int(col)))
    # Strongest links first; two stories merge only when the merged one stays cohesive (its articles' mean
    # similarity across the two parts at least the link threshold `CORPUS.story_threshold`) and spans at most `CORPUS.story_span_days`: a chain of
    # pairwise links cannot join a whole war into one story.
    parent = list(range(len(ids)))
    members = {i: [i] for i in range(len(ids))}
    for _, i, j in sorted(links):
        a, b = _find(parent, i), _find(parent, j)
        if a == b:
            continue
        joined = np.array(members[a] + members[b])
        known = days[joined][days[joined] >= 0]
        if known.size and known.max() - known.min() > CORPUS.story_span_days:
            continue
        if similarity(np.array(members[a]), np.array(members[b])).mean() < CORPUS.story_threshold:
            continue
        root, other = min(a, b), max(a, b)  # the root is always the story's first source
        parent[other] = root
        members[root] = members.pop(root) + members.pop(other)
    roots = [_find(parent, i) for i in range(len(ids))]
    number = {root: k for k, root in enumerate(sorted(set(roots)), start=1)}
    return {source: number[root] for source, root in zip(ids, roots)}


def story_members(story_of_source: Mapping[str, int]) -> dict[int, list[str]]:
    """{story number: its source ids, sorted}, stories in number order."""
    members: dict[int, list[str]] = {}
    for source_id, story in sorted(story_of_source.items()):
        members.setdefault(story, []).append(source_id)
    return dict(sorted(members.items()))


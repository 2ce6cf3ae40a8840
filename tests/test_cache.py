"""The embedding cache: a rerun embeds nothing, one new article embeds only its sentences."""

from __future__ import annotations

import numpy as np

import contradictions
from contradictions.embed.cache import EmbeddingCache, cache_entries, cached_embed, clear_cache, default_cache_dir
from contradictions.settings import Settings

ARTICLES = {
    "a": "Officials said around 600 soldiers were killed in the fighting.\n\nThe army sent around 14,000 troops.",
    "b": "Officials said more than 6,000 soldiers were killed in the fighting.\n\nThe army sent around 15,000 troops.",
}


def test_rerun_embeds_nothing_and_a_new_article_only_its_sentences(tmp_path, fake_encoder):
    settings = Settings(cache_dir=str(tmp_path))
    first = contradictions.analyze(ARTICLES, settings=settings, encoder=fake_encoder)
    assert first.embedded == 4
    again = contradictions.analyze(ARTICLES, settings=settings, encoder=fake_encoder)
    assert again.embedded == 0
    assert [f.id for f in again.findings] == [f.id for f in first.findings] and first.findings
    more = {**ARTICLES, "c": "A third outlet said 900 soldiers were killed in the fighting."}
    third = contradictions.analyze(more, settings=settings, encoder=fake_encoder)
    assert third.embedded == 1
    assert sum(fake_encoder.calls) == 5


def test_cached_vectors_equal_fresh_ones(tmp_path, fake_encoder):
    texts = ["one sentence here", "another sentence there", "one sentence here"]
    cache = EmbeddingCache(tmp_path, "fake")
    fresh = fake_encoder.encode(texts)
    vectors, computed = cached_embed(texts, cache, fake_encoder.encode)
    assert computed == 2 and np.allclose(vectors, fresh)
    vectors, computed = cached_embed(texts, cache, fake_encoder.encode)
    assert computed == 0 and np.allclose(vectors, fresh)


def test_no_cache_leaves_the_folder_untouched(tmp_path, fake_encoder):
    contradictions.analyze(ARTICLES, settings=Settings(cache=False, cache_dir=str(tmp_path)), encoder=fake_encoder)
    assert list(tmp_path.iterdir()) == []


def test_entries_and_clear(tmp_path, fake_encoder):
    contradictions.analyze(ARTICLES, settings=Settings(cache_dir=str(tmp_path)), encoder=fake_encoder)
    (entry,) = cache_entries(tmp_path)
    assert entry.vectors == 4 and entry.model.startswith("bag-of-words-")
    (tmp_path / "keep.txt").write_text("not ours")
    assert clear_cache(tmp_path) >= 1
    assert cache_entries(tmp_path) == [] and (tmp_path / "keep.txt").exists()


def test_default_folder_follows_xdg():
    assert str(default_cache_dir({"XDG_CACHE_HOME": "/x"})) == "/x/contradictions"
    assert str(default_cache_dir({})).endswith(".cache/contradictions")


def test_embed_batches_longest_first_and_returns_rows_in_input_order(fake_encoder):
    from contradictions.embed.encoders import embed

    texts = ["short one", "a much longer sentence about troops sent to the front", "mid length words here", "x"]
    seen: list[list[str]] = []
    encode = fake_encoder.encode
    fake_encoder.encode = lambda batch: (seen.append(list(batch)), encode(batch))[1]
    vectors = embed(texts, fake_encoder, batch_size=2)
    assert seen == [[texts[1], texts[2]], [texts[0], texts[3]]]  # each batch pads only to its own length
    for text, row in zip(texts, vectors):
        assert np.allclose(row, embed([text], fake_encoder)[0])


def test_vectors_from_another_fast_path_recipe_are_not_reused(tmp_path, fake_encoder, monkeypatch):
    from contradictions.engine import prepare as pipeline

    fake_encoder.name = "all-MiniLM-L6-v2-onnx-int8"  # as the fast path names itself
    settings = Settings(cache_dir=str(tmp_path))
    assert contradictions.analyze(ARTICLES, settings=settings, encoder=fake_encoder).embedded == 4
    assert contradictions.analyze(ARTICLES, settings=settings, encoder=fake_encoder).embedded == 0
    monkeypatch.setattr(pipeline, "RECIPE", "f9b16")  # another export format or batching: other vectors
    assert contradictions.analyze(ARTICLES, settings=settings, encoder=fake_encoder).embedded == 4

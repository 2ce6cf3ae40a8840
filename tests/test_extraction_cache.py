"""The extraction cache: a rerun parses nothing, a changed rule, lexicon or alias file starts afresh, results equal."""

from __future__ import annotations

import shutil
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest

import contradictions
from contradictions.aliases import AliasTable
from contradictions.embed.cache import EXTRACTION_FOLDER, clear_cache, extraction_entries
from contradictions.engine import extraction_cache, prepare
from contradictions.engine.extraction_cache import Extraction, code_fingerprint
from contradictions.extract import parse
from contradictions.report.view import report_to_dict
from contradictions.settings import Settings
from tests.conftest import SEEDS


class Counting:
    """spaCy's pipeline, counting the sentences it parses and how often it is loaded; and `attribution.extract`."""

    def __init__(self, monkeypatch) -> None:
        self.loads = 0
        self.parsed = 0
        self.read = 0
        self.nlp = parse.load_parser()
        real_extract = extraction_cache.extract

        def load():
            self.loads += 1
            return self

        def extract(text, aliases):
            self.read += 1
            return real_extract(text, aliases)

        for module in (parse, prepare):
            monkeypatch.setattr(module, "load_parser", load)
        monkeypatch.setattr(extraction_cache, "extract", extract)

    def pipe(self, texts, batch_size=256):
        texts = list(texts)
        self.parsed += len(texts)
        return self.nlp.pipe(texts, batch_size=batch_size)

    def reset(self) -> tuple[int, int, int]:
        counts = (self.loads, self.parsed, self.read)
        self.loads = self.parsed = self.read = 0
        return counts


def test_a_rerun_parses_nothing_and_finds_the_same(tmp_path, fake_encoder, monkeypatch):
    counting = Counting(monkeypatch)
    settings = Settings(cache_dir=str(tmp_path), progress=False, threshold=0.2)  # the fake encoder's similarities
    first = contradictions.analyze(SEEDS, settings=settings, encoder=fake_encoder)
    loads, parsed, read = counting.reset()
    assert parsed > 20 and read > 50
    assert {f.kind for f in first.findings} == {"numeric", "assertion", "attribution"}

    again = contradictions.analyze(SEEDS, settings=settings, encoder=fake_encoder)
    assert counting.reset() == (0, 0, 0)  # spaCy is not even loaded
    assert report_to_dict(again) == report_to_dict(first)

    uncached = contradictions.analyze(SEEDS, settings=settings.with_(cache=False), encoder=fake_encoder)
    assert counting.reset()[1:] == (parsed, read)
    assert report_to_dict(uncached) == report_to_dict(first)


def test_a_new_article_parses_only_its_sentences(tmp_path, fake_encoder, monkeypatch):
    counting = Counting(monkeypatch)
    settings = Settings(cache_dir=str(tmp_path), progress=False)
    articles = {"a": "Officials said around 600 soldiers were killed.", "b": "The army said 6,000 soldiers were killed."}
    contradictions.analyze(articles, settings=settings, encoder=fake_encoder)
    counting.reset()
    more = dict(articles, c="Moscow denied that 900 soldiers were killed, state media said.")
    contradictions.analyze(more, settings=settings, encoder=fake_encoder)
    _, parsed, read = counting.reset()
    assert (parsed, read) == (1, 1)


def test_no_cache_writes_nothing(tmp_path, fake_encoder):
    contradictions.analyze(SEEDS, settings=Settings(cache=False, cache_dir=str(tmp_path), progress=False),
                           encoder=fake_encoder)
    assert list(tmp_path.iterdir()) == []


def copy_package(tmp_path):
    package = tmp_path / "contradictions"
    shutil.copytree(extraction_cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    return package


@pytest.mark.parametrize(
    ("edited", "invalidates"),
    [
        ("data/lexicon.json", True),
        ("data/polarity.json", True),
        ("extract/quantities.py", True),   # imported by assertion
        ("timeline.py", True),     # imported by quantities: followed to the end
        ("extract/numbers.py", True),
        ("lexicon.py", True),
        ("extract/claims.py", True),
        ("model.py", True),        # the dataclasses results are made of
        ("cli/main.py", False),         # reads no sentence
        ("embed/pairing.py", False),
        ("report/html.py", False),  # renders; model no longer reaches it
    ],
)
def test_the_fingerprint_follows_the_extraction_code_and_data(tmp_path, edited, invalidates):
    package = copy_package(tmp_path)
    before = code_fingerprint(package)
    path = package / edited
    text = path.read_text("utf-8")
    path.write_text(text.replace("{", '{"edited": 1, ', 1) if path.suffix == ".json" else text + "\n# edited\n", "utf-8")
    code_fingerprint.cache_clear()
    assert (code_fingerprint(package) != before) == invalidates


def test_a_changed_rule_or_alias_file_parses_again(tmp_path, fake_encoder, monkeypatch):
    counting = Counting(monkeypatch)
    settings = Settings(cache_dir=str(tmp_path), progress=False)
    contradictions.analyze(SEEDS, settings=settings, encoder=fake_encoder)
    _, parsed, read = counting.reset()

    monkeypatch.setattr(extraction_cache, "code_fingerprint", lambda: "an edited lexicon")
    contradictions.analyze(SEEDS, settings=settings, encoder=fake_encoder)
    assert counting.reset()[1:] == (parsed, read)

    aliases = tmp_path / "aliases.json"
    aliases.write_text('{"entities": [{"name": "Korean Central News Agency", "kind": "channel", "aliases": ["KCNA"]}]}')
    contradictions.analyze(SEEDS, settings=settings.with_(aliases=str(aliases)), encoder=fake_encoder)
    assert counting.reset()[1:] == (parsed, read)
    assert len(extraction_entries(tmp_path)) == 3  # one file a fingerprint, each complete
    assert clear_cache(tmp_path) >= 3 and extraction_entries(tmp_path) == []


def test_the_alias_fingerprint_follows_the_table():
    table = AliasTable.load()
    before = table.fingerprint()
    assert AliasTable.load().fingerprint() == before
    table.add({"name": "Korean Central News Agency", "kind": "channel", "aliases": ["KCNA Watch"]})
    assert table.fingerprint() != before


def test_a_parse_ended_early_is_not_kept(tmp_path):
    import threading

    extraction = Extraction(tmp_path, "test")
    stop = threading.Event()
    stop.set()
    extraction_cache.figures_and_claims(["Around 600 soldiers were killed."], extraction, stop=stop)
    assert extraction.cached(extraction_cache.FIGURES_AND_CLAIMS, ["Around 600 soldiers were killed."]) == {}


def _write(args: tuple[str, int]) -> int:
    """One of two processes writing and reading the same cache file at once."""
    folder, worker = args
    extraction = Extraction(folder, "shared")
    for round_ in range(40):
        texts = [f"sentence {n}" for n in range(round_ * 25, round_ * 25 + 50)]  # overlaps the other writer's
        found = extraction.per_text("kind", texts, lambda missing: [(text, worker) for text in missing])
        assert all(found[text][0] == text for text in texts)
    return worker


def test_two_writers_at_once_leave_a_whole_cache(tmp_path):
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        assert sorted(pool.map(_write, [(str(tmp_path), 1), (str(tmp_path), 2)])) == [1, 2]
    texts = [f"sentence {n}" for n in range(40 * 25 + 25)]
    found = Extraction(tmp_path, "shared").cached("kind", texts)
    assert sorted(found) == sorted(texts) and all(found[text][0] == text for text in texts)
    with sqlite3.connect(tmp_path / EXTRACTION_FOLDER / "shared.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_cache_command_shows_and_clears_both_caches(tmp_path, fake_encoder, monkeypatch, capsys):
    from contradictions.cli.main import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")
    contradictions.analyze(SEEDS, settings=Settings(progress=False), encoder=fake_encoder)
    assert main(["cache"]) == 0
    shown = capsys.readouterr().out
    folder = tmp_path / "contradictions"
    assert f"embedding cache: {folder}\n  bag-of-words-" in shown
    (entry,) = extraction_entries(folder)
    assert f"extraction cache: {folder / EXTRACTION_FOLDER}\n  {entry.model}: {entry.vectors} sentence results" in shown
    assert main(["cache", "--clear"]) == 0
    assert "cleared the embedding and extraction caches" in capsys.readouterr().out
    assert main(["cache"]) == 0 and capsys.readouterr().out.count("  empty") == 2


def test_places_and_datelines_are_read_once(tmp_path, monkeypatch):
    from contradictions.engine import extraction_cache
    from contradictions.engine.extraction_cache import Extraction
    from contradictions.extract import places as frames

    calls = []
    monkeypatch.setattr(extraction_cache, "lead_places", lambda leads: calls.append(len(leads)) or [["x"]] * len(leads))
    extraction = Extraction(tmp_path, "fp")
    leads = ["Blast in Valencia. Twelve killed.", "Floods in Oslo. Rivers rose."]
    assert extraction_cache.places(leads, extraction) == [["x"], ["x"]]
    assert extraction_cache.places(leads, extraction) == [["x"], ["x"]] and calls == [2]
    assert extraction_cache.datelines(["Wed 05 Apr 2017 Blast"], extraction) == ["2017-04-05"]
    assert frames.lead_places is not None

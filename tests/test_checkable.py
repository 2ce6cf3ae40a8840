"""What is compared: every sentence on small runs, only checkable ones above ALL_SENTENCES_UP_TO sources."""

from __future__ import annotations

import numpy as np
import pytest

import contradictions
from contradictions.aliases import AliasTable
from contradictions.cli.main import embedding_line
from contradictions.embed.progress import bar
from contradictions.engine import extraction_cache
from contradictions.engine.prepare import Prepared, checkable
from contradictions.extract.attribution import extract
from contradictions.model import ContradictionsError
from contradictions.settings import Settings
from contradictions.weights import CORPUS

PLAIN = "Rescue teams worked through the night in the flooded streets of the old town."
ARTICLES = {
    "a": f"Around 600 soldiers were killed near the river, officials said. {PLAIN}",
    "b": f"More than 6,000 soldiers were killed near the river. {PLAIN.replace('old', 'historic')}",
}


@pytest.mark.parametrize(("text", "expected"), [
    ("Around 600 soldiers were killed near the river.", True),  # a figure
    ("The ministry said the bridge had been destroyed.", True),  # an attribution
    ('He called it "a day of shame" in his speech.', True),  # a quote
    ("Moscow denied that any bridge had been destroyed.", True),  # a denial
    ("The claim could not be independently verified.", True),  # a doubt
    (PLAIN, False),
    ("The river rose quickly after the storm passed over the hills.", False),
])
def test_a_sentence_is_checkable_when_it_states_a_figure_a_source_a_quote_or_a_denial(text, expected):
    assert checkable(text, extract(text, AliasTable.load())) is expected


def test_checkable_only_embeds_and_pairs_no_plain_sentence(fake_encoder):
    settings = Settings(cache=False, progress=False)
    every = contradictions.analyze(ARTICLES, settings=settings.with_(all_sentences=True), encoder=fake_encoder)
    assert sum(fake_encoder.calls) == 4 and every.compared == 4
    fake_encoder.calls.clear()
    only = contradictions.analyze(ARTICLES, settings=settings.with_(all_sentences=False), encoder=fake_encoder)
    assert sum(fake_encoder.calls) == 2 and only.compared == 2 and len(only.sentences) == 4
    assert only.pairs_compared == 1 < every.pairs_compared
    assert {f.relation for f in only.findings} == {"contradiction"}
    assert PLAIN not in {side.sentence for f in only.findings for side in (f.a, f.b)}
    data = only.to_dict()
    assert data["summary"]["sentences_compared"] == 2 and data["settings"]["all_sentences"] is False


def test_every_sentence_up_to_the_limit_checkable_ones_above(fake_encoder):
    small = contradictions.analyze(ARTICLES, settings=Settings(cache=False, progress=False), encoder=fake_encoder)
    assert small.settings["all_sentences"] is True and small.compared == 4
    many = {f"s{i:03d}": text for i in range(CORPUS.all_sentences_up_to + 1) for text in [ARTICLES["ab"[i % 2]]]}
    large = contradictions.analyze(many, settings=Settings(cache=False, progress=False), encoder=fake_encoder)
    assert large.settings["all_sentences"] is False and large.compared == len(many) == len(large.sentences) // 2


def test_the_run_line_says_how_many_sentences_were_compared_and_embedded(fake_encoder):
    settings = Settings(cache=False, progress=False)
    only = contradictions.analyze(ARTICLES, settings=settings.with_(all_sentences=False), encoder=fake_encoder)
    assert embedding_line(only) == ("2 of 4 sentences compared (the others state no figure, attribution, quote or "
                                    "denial); 2 embedded, 0 from the cache")
    every = contradictions.analyze(ARTICLES, settings=settings, encoder=fake_encoder)
    assert embedding_line(every) == "4 embedded, 0 from the cache"


def test_an_error_in_the_parse_reaches_the_caller(fake_encoder, monkeypatch):
    def broken(texts, **options):
        raise ContradictionsError("the parser broke")

    monkeypatch.setattr(extraction_cache, "parse_figures_and_claims", broken)
    with pytest.raises(ContradictionsError, match="the parser broke"):
        contradictions.analyze(ARTICLES, settings=Settings(cache=False, progress=False), encoder=fake_encoder)


def test_a_failing_model_ends_the_parse_before_the_error_leaves(monkeypatch):
    import threading
    import time

    started = threading.Event()
    real = extraction_cache.parse_figures_and_claims

    def slow(texts, **options):  # a long parse, as on a large corpus
        started.set()
        while not options["stop"].is_set():
            time.sleep(0.01)
        return real(texts, **options)

    class Broken:
        name = "broken"

        def encode(self, texts):
            started.wait(5)
            raise ContradictionsError("the model broke")

    monkeypatch.setattr(extraction_cache, "parse_figures_and_claims", slow)
    with pytest.raises(ContradictionsError, match="the model broke"):
        contradictions.analyze(ARTICLES, settings=Settings(cache=False, progress=False), encoder=Broken())
    assert not [t for t in threading.enumerate() if t.name.startswith("contradictions-parse")]


def test_a_partition_that_embedded_nothing_joins_the_others():
    def part(source: str, dims: int, compared: bool) -> Prepared:
        from contradictions.model import Record, Sentence, Source

        text = "Around 600 soldiers were killed." if compared else PLAIN
        sentence = Sentence(source=source, index=0, start=0, end=len(text), text=text, paragraph=0)
        vectors = np.ones((1, dims), np.float32) / np.sqrt(max(dims, 1)) if dims else np.zeros((1, 0), np.float32)
        record = Record(sentence, attribution=extract(text, AliasTable.load()))
        return Prepared([Source(id=source, title=source, text=text)], [record], vectors, np.array([compared]),
                        int(compared))

    joined = Prepared.join([part("b", 8, True), part("a", 0, False)])
    assert [s.id for s in joined.sources] == ["a", "b"] and joined.vectors.shape == (2, 8)
    assert joined.compared.tolist() == [False, True] and not joined.vectors[0].any()


def test_the_reports_say_when_only_checkable_sentences_were_compared(fake_encoder):
    import io

    from rich.console import Console

    from contradictions.report import terminal
    from contradictions.report.html import render_html

    settings = Settings(cache=False, progress=False, all_sentences=False)
    data = contradictions.analyze(ARTICLES, settings=settings, encoder=fake_encoder).to_dict()
    console = Console(file=io.StringIO(), width=120)
    console.print(terminal.summary(data))
    assert "4 sentences (2 checkable compared)" in console.file.getvalue()
    assert "4 sentences (2 checkable compared)" in render_html(data)


class Bars:
    """A stand-in for rich's Progress: the tasks added and how far each got."""

    def __init__(self) -> None:
        self.tasks: dict[str, tuple[int, int]] = {}

    def add_task(self, description: str, total: int, completed: int) -> str:
        self.tasks[description] = (completed, total)
        return description

    def update(self, task: str, completed: int) -> None:
        self.tasks[task] = (completed, self.tasks[task][1])


def test_a_parse_that_takes_over_a_second_shows_a_bar():
    now = [0.0]
    slow, quick = Bars(), Bars()
    done = bar(slow, "Parsing figures and claims", clock=lambda: now[0])
    for n in range(64, 641, 64):
        now[0] += 0.2  # 640 sentences at 0.2 s per 64: two seconds in all
        done(n, 640)
    assert slow.tasks == {"Parsing figures and claims": (640, 640)}
    done = bar(quick, "Parsing figures and claims", clock=lambda: 0.0)
    for n in range(64, 641, 64):
        done(n, 640)
    assert quick.tasks == {}


def test_a_sentence_repeated_across_articles_is_parsed_once():
    from contradictions.extract.parse import parse_figures_and_claims
    from contradictions.extract.quantities import load_parser

    parser, seen = load_parser(), []

    class Counting:
        def pipe(self, texts, batch_size):
            texts = list(texts)
            seen.extend(texts)
            return parser.pipe(texts, batch_size=batch_size)

    killed, denied = "Around 600 soldiers were killed near the river.", "Moscow denied that any soldier was killed."
    quantities, claims = parse_figures_and_claims([killed, PLAIN, killed, denied, killed], Counting())
    assert seen == [killed, denied]
    assert quantities[0] == quantities[2] == quantities[4] and quantities[0][0].text == "Around 600"
    assert set(claims) == {0, 2, 3, 4} and not quantities[1]

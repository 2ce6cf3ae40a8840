"""The Dask engine: a local cluster gives the in-process findings; a lost worker is survived or reported."""

from __future__ import annotations

import json
import os
import sys

import pytest

pytest.importorskip("distributed")

import contradictions  # noqa: E402
from contradictions.cli.main import main  # noqa: E402
from contradictions.engine.distributed import partitions  # noqa: E402
from contradictions.model import ContradictionsError  # noqa: E402
from contradictions.settings import Settings  # noqa: E402

from .conftest import SEEDS, BagOfWordsEncoder  # noqa: E402

EVENTS = [
    ("2025-04-02", "Kursk", [
        "North Korea sent around {n} troops to the Kursk region, officials said.",
        "About {k} North Korean soldiers were killed in the fighting near Kursk, according to lawmakers.",
        "Kim Jong-un praised the soldiers in a speech carried by KCNA.",
        "The deployment was first reported by South Korean intelligence.",
    ]),
    ("2025-06-20", "Porto Alegre", [
        "Floods in Porto Alegre left {n} people homeless, the city council said.",
        "At least {k} people died when the river burst its banks in Porto Alegre.",
        "Rescue teams worked through the night in flooded streets.",
        "The governor asked the federal government for emergency funds.",
    ]),
]
OUTLETS = ["Reuters", "AP", "AFP", "BBC", "DW", "NHK", "Yonhap", "Kyodo", "ANSA"]


def feed(path, articles_per_event: int = 8) -> None:
    """A JSONL feed over two events, outlets disagreeing on each event's figures."""
    rows = []
    for e, (date, place, body) in enumerate(EVENTS):
        for i in range(articles_per_event):
            n, k = (14000 + 1000 * (i % 2), 600 * (1 + 9 * (i % 3 == 0))) if e == 0 else (3000 + 500 * i, 40 + 30 * (i % 2))
            text = " ".join(s.format(n=f"{n:,}", k=f"{k:,}") for s in body)
            rows.append({"source": OUTLETS[i], "title": f"{place}: report {i}", "date": date, "text": text})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def comparable(report) -> dict:
    data = report.to_dict(generated_at="fixed")
    data["settings"].pop("engine", None)
    return data


@pytest.fixture(scope="module")
def two_events(tmp_path_factory):
    path = tmp_path_factory.mktemp("feed") / "day.jsonl"
    feed(path)
    return path


def test_partitions_keep_whole_articles_in_order(two_events):
    from contradictions.io.load import load_sources

    sources = load_sources(two_events)
    parts = partitions(sources, workers=2)
    assert [s.id for part in parts for s in part] == [s.id for s in sources]
    assert len(parts) == 8 and all(parts)


@pytest.mark.cluster
@pytest.mark.parametrize("all_sentences", [True, False])
def test_a_local_cluster_gives_the_in_process_report(two_events, all_sentences):
    settings = Settings(progress=False, cache=False, stories=True, all_sentences=all_sentences)
    encoder = BagOfWordsEncoder()
    local = contradictions.analyze(two_events, settings=settings, encoder=encoder)
    on_dask = contradictions.analyze(two_events, settings=settings.with_(engine="dask", workers=2), encoder=encoder)
    assert len(set(local.stories.values())) == 2 and local.findings
    assert {f.story for f in local.findings} == {1, 2}
    assert comparable(on_dask) == comparable(local)  # same ids, scores, stories, sentences, attributions


@pytest.mark.cluster
def test_an_existing_scheduler_is_used_by_address(two_events):
    from distributed import LocalCluster

    settings = Settings(progress=False, cache=False)
    encoder = BagOfWordsEncoder()
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        remote = contradictions.analyze(SEEDS, settings=settings.with_(engine="dask", scheduler=cluster.scheduler_address),
                                        encoder=encoder)
        assert len(cluster.scheduler_info["workers"]) == 1  # the run left the cluster as it found it
    assert comparable(remote) == comparable(contradictions.analyze(SEEDS, settings=settings, encoder=encoder))


class DiesOnce(BagOfWordsEncoder):
    """Kills the worker process that first uses it, mid-run; every later call (on any worker) embeds."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker

    def encode(self, texts):
        try:
            os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return super().encode(texts)
        os._exit(1)


class AlwaysDies(BagOfWordsEncoder):
    def encode(self, texts):
        os._exit(1)


@pytest.mark.cluster
def test_a_worker_lost_mid_run_is_survived(two_events, tmp_path):
    settings = Settings(progress=False, cache=False, stories=True)
    survived = contradictions.analyze(two_events, settings=settings.with_(engine="dask", workers=2),
                                      encoder=DiesOnce(str(tmp_path / "died")))
    assert (tmp_path / "died").exists()  # a worker did die
    assert comparable(survived) == comparable(contradictions.analyze(two_events, settings=settings,
                                                                     encoder=BagOfWordsEncoder()))


@pytest.mark.cluster
def test_workers_that_always_die_give_a_clear_error(two_events, monkeypatch):
    # Dask gives up on the task after three deaths; or, when the nanny cannot bring the worker back in time, the
    # cluster is left without workers and the run fails after the no-workers timeout instead of waiting forever.
    monkeypatch.setattr("contradictions.engine.distributed.NO_WORKERS_TIMEOUT", "20s")
    settings = Settings(progress=False, cache=False, engine="dask", workers=1)
    with pytest.raises(ContradictionsError, match="Dask worker died each time|had no worker for 20s; nothing was written"):
        contradictions.analyze(two_events, settings=settings, encoder=AlwaysDies())


@pytest.mark.cluster
def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "findings.json"
    code = main(["run", str(SEEDS), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--json", str(out), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code != 0 and not out.exists()
    assert err.startswith("contradictions: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("changes, message", [
    ({"engine": "spark"}, "engine must be one of local, dask"),
    ({"scheduler": "tcp://x:8786"}, "needs the dask engine"),
    ({"workers": 2}, "need the dask engine"),
    ({"engine": "dask", "scheduler": "tcp://x:8786", "workers": 2}, "no scheduler"),
])
def test_engine_settings_are_checked(changes, message):
    with pytest.raises(ContradictionsError, match=message):
        Settings(**changes)


def test_without_dask_installed_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ContradictionsError, match=r"pip install 'contradictions\[dask\]'"):
        contradictions.analyze(SEEDS, settings=Settings(progress=False, cache=False, engine="dask"),
                               encoder=BagOfWordsEncoder())


@pytest.mark.cluster
@pytest.mark.model
def test_the_torch_model_on_a_local_cluster_gives_the_in_process_findings(two_events):
    settings = Settings(progress=False, cache=False, fast=False, stories=True)
    local = contradictions.analyze(two_events, settings=settings)
    on_dask = contradictions.analyze(two_events, settings=settings.with_(engine="dask", workers=2))
    assert [(f.id, round(f.score, 6)) for f in on_dask.findings] == [(f.id, round(f.score, 6)) for f in local.findings]

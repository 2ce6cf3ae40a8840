"""Every findings export fits contradictions/data/report.schema.json, and the schema is strict enough to notice
drift: a key added, renamed or dropped anywhere in the export fails it (docs/json.md describes the same fields)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

import contradictions
from contradictions.cli import main

from .conftest import FIXTURES, ROOT, SEEDS, BagOfWordsEncoder

SCHEMA = ROOT / "contradictions" / "data" / "report.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(validator, data) -> list[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(data)]


def _fast(sources, fake_encoder, **settings):
    return contradictions.analyze(sources, encoder=fake_encoder,
                                  settings=contradictions.Settings(progress=False, cache=False, **settings))


@pytest.fixture(scope="module")
def fake_seeds():
    return _fast(SEEDS, BagOfWordsEncoder()).to_dict()


def test_schema_version_is_the_one_the_tool_writes(validator, fake_seeds):
    assert validator.schema["properties"]["schema"]["const"] == fake_seeds["schema"]
    assert f"schema {fake_seeds['schema']}" in (ROOT / "docs" / "json.md").read_text(encoding="utf-8")


def test_export_of_the_seeds_fits_the_schema(validator, fake_seeds):
    assert fake_seeds["findings"], "the seeds should give findings even with the fake encoder"
    assert _errors(validator, fake_seeds) == []


def test_export_of_a_saved_page_among_texts_fits_the_schema(validator, fake_encoder):
    data = _fast([*sorted(SEEDS.glob("*.txt")), FIXTURES / "feeds" / "harbour-news-ferry.html"], fake_encoder)
    page = data.to_dict()["sources"][-1]
    assert page["url"] and page["outlet"] and page["published"]  # the fields plain text leaves null
    assert _errors(validator, data.to_dict()) == []


def test_export_of_a_mixed_feed_grouped_into_stories_fits_the_schema(validator, fake_encoder, tmp_path):
    from .test_events import corpus

    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": k, **v}) for k, v in corpus().items()), encoding="utf-8")
    data = _fast(feed, fake_encoder, threshold=0.3).to_dict()
    assert data["stories"] and data["summary"]["pairs_not_compared"] and data["summary"]["stories"]
    assert any("event" in f["factors"] for f in data["findings"])
    assert _errors(validator, data) == []


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d.update(extra=1), "$"),
        (lambda d: d["summary"].update(unknown=1), "$.summary"),
        (lambda d: d["sources"][0]["sentences"][0].update(words=[]), "$.sources[0].sentences[0]"),
        (lambda d: d["findings"][0]["a"].update(colour="red"), "$.findings[0].a"),
        (lambda d: d["findings"][0].update(kind="rumour"), "$.findings[0].kind"),
        (lambda d: d["findings"][0].update(verdict="maybe"), "$.findings[0].verdict"),
        (lambda d: d["findings"][0]["factors"].update(mood=1.0), "$.findings[0].factors"),
        (lambda d: d["findings"][0].pop("story"), "$.findings[0]"),
        (lambda d: d.update(schema=4), "$.schema"),
    ],
)
def test_the_schema_catches_drift(validator, fake_seeds, change, where):
    data = json.loads(json.dumps(fake_seeds))
    change(data)
    assert any(e.startswith(where) for e in _errors(validator, data)), _errors(validator, data)


def test_a_verdicts_file_is_not_a_findings_export(validator):
    record = {"id": "3f9a1c2b7d10", "verdict": "confirmed", "note": None, "at": "2026-01-02T10:00:00Z",
              "kind": "numeric", "score": 0.91, "tool": "contradictions 0.1.0"}
    assert _errors(validator, record)  # review writes JSON Lines of its own (docs/review.md), never the export


@pytest.mark.model
def test_real_model_export_of_the_seeds_fits_the_schema(validator, seeds_report):
    data = seeds_report.to_dict(generated_at="2026-01-01T00:00:00Z")
    assert {f["kind"] for f in data["findings"]} == {"numeric", "attribution", "assertion"}
    assert _errors(validator, data) == []


@pytest.mark.model
def test_run_json_with_verdicts_fits_the_schema(validator, seeds_report, tmp_path):
    first, second = (f.id for f in seeds_report.findings[:2])
    verdicts = tmp_path / "v.jsonl"
    verdicts.write_text("".join(json.dumps({"id": i, "verdict": v, "note": None, "at": "2026-01-02T10:00:00Z",
                                            "kind": None, "score": None, "tool": "contradictions 0.1.0"}) + "\n"
                                for i, v in ((first, "confirmed"), (second, "dismissed"))), encoding="utf-8")
    out = tmp_path / "findings.json"
    assert main(["run", str(SEEDS), "--json", str(out), "--verdicts", str(verdicts), "--quiet"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["verdict"] for f in data["findings"][:2]] == ["confirmed", "dismissed"]
    assert _errors(validator, data) == []
    assert main(["run", str(SEEDS), "--json", str(out), "--verdicts", str(verdicts), "--hide-dismissed",
                 "--top", "3", "--quiet"]) == 0
    hidden = json.loads(out.read_text(encoding="utf-8"))
    assert second not in {f["id"] for f in hidden["findings"]} and hidden["settings"]["top"] == 3
    assert _errors(validator, hidden) == []

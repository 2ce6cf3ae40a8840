"""The NLI second opinion: a tiny cross-encoder built here (random weights, real tokenizer), loaded offline."""

from __future__ import annotations

import json

import numpy as np
import pytest

from contradictions.findings.nli import NliScorer, apply_nli, nli_findings
from contradictions.model import ContradictionsError, Finding, Side

from .conftest import SEEDS

LABELS = {0: "entailment", 1: "neutral", 2: "Contradiction"}  # not the usual order, and not lower case


def build_model(folder, labels=LABELS):
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    from contradictions.embed.encoders import packaged_model_path

    tokenizer = AutoTokenizer.from_pretrained(str(packaged_model_path()))
    config = BertConfig(
        vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=128, num_labels=len(labels),
        id2label=labels, label2id={v: k for k, v in labels.items()},
    )
    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def scorer(tmp_path_factory):
    return NliScorer(build_model(tmp_path_factory.mktemp("nli") / "tiny-nli"), batch_size=2)


PAIRS = [
    ("North Korea sent troops to Russia.", "North Korea did not send troops to Russia."),
    ("Around 600 soldiers were killed.", "More than 6,000 soldiers were killed."),
    ("Kim praised the troops.", "Kim praised the troops."),
    ("Pyongyang denied it.", "Moscow confirmed it."),
    ("One.", "Two."),
]


def test_probabilities_are_a_softmax_and_contradiction_is_the_labelled_column(scorer):
    full = scorer.probabilities(PAIRS)
    assert full.shape == (len(PAIRS), 3)
    assert np.allclose(full.sum(axis=1), 1.0, atol=1e-5)
    p = scorer.contradiction(PAIRS)
    assert p.shape == (len(PAIRS),) and ((0 <= p) & (p <= 1)).all()
    assert scorer.label == 2
    assert np.allclose(p, full[:, 2])


def test_batches_give_the_same_probabilities_as_one_by_one(scorer):
    together = scorer.contradiction(PAIRS)
    alone = np.array([scorer.contradiction([pair])[0] for pair in PAIRS])
    assert np.allclose(together, alone, atol=1e-5)
    assert scorer.contradiction([]).shape == (0,)


def test_a_missing_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(ContradictionsError, match="NLI model folder not found") as err:
        NliScorer(tmp_path / "nope")
    assert "\n" not in str(err.value)


def test_a_model_without_a_contradiction_label_is_refused(tmp_path):
    folder = tmp_path / "sentiment"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"id2label": {"0": "negative", "1": "positive"}}))
    with pytest.raises(ContradictionsError, match="no 'contradiction' label"):
        NliScorer(folder)
    with pytest.raises(ContradictionsError, match="no readable config.json"):
        NliScorer(tmp_path)


def _finding(score=0.6, sentence_a="A.", sentence_b="B."):
    side_a = Side("a", sentence_a, 0, 0, 0, 2, "A", 0, 1)
    side_b = Side("b", sentence_b, 0, 0, 0, 2, "B", 0, 1)
    return Finding("x", "assertion", score, 0.8, '"sent" vs "did not send": both about it', side_a, side_b,
                   factors={"base": 0.9})


@pytest.mark.parametrize("p, expected", [(1.0, 0.69), (0.5, 0.6), (0.0, 0.51)])
def test_apply_nli_nudges_the_score_and_says_so(p, expected):
    out = apply_nli(_finding(), p)
    assert out.score == pytest.approx(expected)
    assert out.factors == {"base": 0.9, "nli_contradiction": p}
    assert out.explanation.endswith(f"; NLI contradiction {p:.2f}")


def test_apply_nli_caps_the_score_at_one():
    assert apply_nli(_finding(score=0.95), 1.0).score == 1.0


def test_nli_findings_scores_each_sentence_pair_once(scorer):
    fs = [_finding(sentence_a=a, sentence_b=b) for a, b in PAIRS[:2]] + [_finding(sentence_a=PAIRS[0][0], sentence_b=PAIRS[0][1])]
    out = nli_findings(scorer, fs)
    expected = scorer.contradiction(PAIRS[:2])
    assert [f.factors["nli_contradiction"] for f in out] == pytest.approx([expected[0], expected[1], expected[0]], abs=1e-4)


def test_run_with_nli_model_shows_the_probability_on_every_finding(tmp_path, fake_analyze):
    from contradictions.cli import main

    folder = build_model(tmp_path / "tiny-nli")
    out = tmp_path / "findings.json"
    assert main(["run", str(SEEDS), "--nli-model", str(folder), "--json", str(out), "--quiet"]) == 0
    data = json.loads(out.read_text())
    assert data["settings"]["nli_model"] == str(folder)
    assert data["findings"]
    for f in data["findings"]:
        assert 0 <= f["factors"]["nli_contradiction"] <= 1
        assert f["explanation"].endswith(f"NLI contradiction {f['factors']['nli_contradiction']:.2f}")


def test_run_with_a_missing_nli_model_is_a_one_line_error(tmp_path, capsys):
    from contradictions.cli.main import main

    assert main(["run", str(SEEDS), "--nli-model", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "NLI model folder not found" in err

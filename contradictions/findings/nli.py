"""An optional second opinion on findings: a local natural-language-inference cross-encoder.

`NliScorer(path)` loads any sentence-transformers `CrossEncoder` folder trained for NLI (offline, from disk
only) and finds its "contradiction" label in the model config's `id2label`, whatever the label order.
`contradiction(pairs)` gives, for each (premise, hypothesis) pair, the softmax probability of that label.
`apply_nli(finding, p)` folds one probability into a finding: `factors["nli_contradiction"] = p`, the
explanation gains "; NLI contradiction 0.93", and the score is multiplied by 0.85 + 0.3 * p (capped at 1):
a model sure of a contradiction (p = 1) raises it by 15%, one sure there is none (p = 0) lowers it by 15%,
and p = 0.5 leaves it as it was. The rules stay in charge of what is a finding; NLI only reorders.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from contradictions.model import ContradictionsError, Finding
from contradictions.weights import NLI


def contradiction_label(folder: Path) -> int:
    """The index of the "contradiction" label in a model folder's config (case-insensitive)."""
    config = folder / "config.json"
    try:
        labels = json.loads(config.read_text("utf-8")).get("id2label") or {}
    except (OSError, ValueError):
        raise ContradictionsError(f"{folder} is not an NLI model folder (no readable config.json)") from None
    for index, name in labels.items():
        if str(name).strip().casefold() == "contradiction":
            return int(index)
    raise ContradictionsError(f"the model in {folder} has no 'contradiction' label (labels: {sorted(labels.values())})")


class NliScorer:
    """A local NLI cross-encoder that says how likely one sentence contradicts another."""

    def __init__(self, path: str | os.PathLike[str], *, batch_size: int = 32) -> None:
        folder = Path(path)
        if not folder.is_dir():
            raise ContradictionsError(f"NLI model folder not found: {folder}")
        self.path = folder
        self.batch_size = batch_size
        self.label = contradiction_label(folder)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # loading by path needs no hub; make sure none is asked
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import CrossEncoder
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            self.model = CrossEncoder(str(folder), device="cpu", local_files_only=True)
        except Exception as err:  # a broken folder surfaces as many different exception types
            raise ContradictionsError(f"cannot load the NLI model in {folder}: {err}".splitlines()[0]) from None
        if self.label >= self.model.num_labels:
            raise ContradictionsError(f"the model in {folder} has {self.model.num_labels} outputs, fewer than its labels")

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Softmax probabilities of every label for each (premise, hypothesis) pair, shape (n, labels)."""
        if not pairs:
            return np.zeros((0, self.model.num_labels), dtype=np.float32)
        scores = self.model.predict(
            [list(pair) for pair in pairs], batch_size=self.batch_size, apply_softmax=True,
            show_progress_bar=False, convert_to_numpy=True,
        )
        return np.asarray(scores, dtype=np.float32).reshape(len(pairs), -1)

    def contradiction(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """P(contradiction) for each (premise, hypothesis) pair, shape (n,), in [0, 1]."""
        return self.probabilities(pairs)[:, self.label]


def apply_nli(finding: Finding, probability: float) -> Finding:
    """`finding` with the NLI probability as a factor, in the explanation, and nudging the score."""
    p = float(probability)
    factors = {**finding.factors, "nli_contradiction": round(p, 4)}
    score = min(1.0, finding.score * (NLI.floor + NLI.weight * p))
    return replace(finding, score=round(score, 4), factors=factors,
                   explanation=f"{finding.explanation}; NLI contradiction {p:.2f}")


def nli_findings(scorer: NliScorer, findings: Iterable[Finding]) -> list[Finding]:
    """Every finding with its pair's NLI probability applied; each distinct sentence pair is scored once."""
    findings = list(findings)
    pairs = list(dict.fromkeys((f.a.sentence, f.b.sentence) for f in findings))
    probabilities = dict(zip(pairs, scorer.contradiction(pairs).tolist()))
    return [apply_nli(f, probabilities[(f.a.sentence, f.b.sentence)]) for f in findings]

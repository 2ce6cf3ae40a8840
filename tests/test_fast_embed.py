"""The int8 ONNX encoder: agrees with the torch model, is prepared once, and recovers from a broken export."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

import contradictions
from contradictions.embed import onnx as fast_embed
from contradictions.embed.onnx import GRAPH, MANIFEST, OnnxInt8Encoder, export_folder, read_manifest
from contradictions.extract.sentences import split_sources
from contradictions.io.load import load_sources
from contradictions.model import ContradictionsError
from contradictions.settings import Settings

from .conftest import SEEDS

pytestmark = pytest.mark.model

LONG = " ".join(["The ministry said 600 soldiers were killed near the border on Tuesday, officials told reporters."] * 30)


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="session")
def onnx_encoder(onnx_cache) -> OnnxInt8Encoder:
    return OnnxInt8Encoder(cache_dir=onnx_cache)


@pytest.fixture(scope="session")
def sample() -> list[str]:
    """19 seed sentences and one longer than the model's 256-token window."""
    texts = [s.text for s in split_sources(load_sources(SEEDS))]
    return texts[:: max(1, len(texts) // 19)][:19] + [LONG]


def test_agrees_with_the_torch_model(onnx_encoder, real_encoder, sample):
    fast, slow = onnx_encoder.encode(sample), real_encoder.encode(sample)
    assert fast.shape == slow.shape and fast.dtype == np.float32
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-4)
    cosines = (fast * slow).sum(axis=1)
    assert cosines.min() >= 0.98, cosines
    assert onnx_encoder.name != real_encoder.name  # the embedding cache keeps their vectors apart


def test_very_short_texts_agree_less(onnx_encoder, real_encoder):
    # A one-word text has few tokens to average quantisation error over (measured 0.969 for "Yes.").
    cosine = float(onnx_encoder.encode(["Yes."])[0] @ real_encoder.encode(["Yes."])[0])
    assert cosine >= 0.95


def test_order_is_kept_whatever_the_lengths(onnx_encoder, sample):
    forward = onnx_encoder.encode(sample)
    backward = onnx_encoder.encode(sample[::-1])
    assert np.allclose(forward, backward[::-1], atol=1e-5)
    assert onnx_encoder.encode([]).shape == (0, forward.shape[1])


def test_a_sentence_gets_the_same_vector_whatever_it_is_embedded_with(onnx_encoder, sample):
    # int8 activations are scaled per onnxruntime call: sentences run one at a time, so batch mates change nothing
    together = onnx_encoder.encode(sample)
    assert all(np.array_equal(onnx_encoder.encode([text])[0], row) for text, row in zip(sample, together))
    assert np.array_equal(onnx_encoder.encode(sample[5:9] + sample[:2])[4:], together[:2])


def test_seed_findings_are_unchanged(onnx_encoder, seeds_report):
    report = contradictions.analyze(SEEDS, encoder=onnx_encoder, settings=Settings(cache=False))
    assert [f.id for f in report.findings] == [f.id for f in seeds_report.findings]


def test_export_is_reused_and_loads_without_torch(onnx_encoder, onnx_cache):
    graph = onnx_encoder.export_dir / GRAPH
    before = graph.stat().st_mtime_ns
    again = OnnxInt8Encoder(cache_dir=onnx_cache)
    assert again.preparation_seconds == 0.0 and graph.stat().st_mtime_ns == before
    code = (
        "import sys; from contradictions.embed.onnx import OnnxInt8Encoder; "
        f"e = OnnxInt8Encoder(cache_dir={str(onnx_cache)!r}); e.encode(['warm up']); "
        "print(e.preparation_seconds, 'torch' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0.0", "False", "False"]


def test_partial_exports_are_not_trusted(onnx_encoder, tmp_path):
    good = onnx_encoder.export_dir
    assert read_manifest(good) is not None
    (tmp_path / GRAPH).write_bytes((good / GRAPH).read_bytes()[:1000])  # a copy cut short
    (tmp_path / MANIFEST).write_text((good / MANIFEST).read_text())
    assert read_manifest(tmp_path) is None
    (tmp_path / GRAPH).write_bytes((good / GRAPH).read_bytes())
    assert read_manifest(tmp_path) is not None
    (tmp_path / MANIFEST).unlink()  # the graph written, the manifest not yet
    assert read_manifest(tmp_path) is None
    older = json.loads((good / MANIFEST).read_text()) | {"format": fast_embed.FORMAT - 1}
    (tmp_path / MANIFEST).write_text(json.dumps(older))  # an export from an older recipe
    assert read_manifest(tmp_path) is None


def test_corrupt_export_is_rebuilt(onnx_encoder, sample, tmp_path):
    broken = export_folder(onnx_encoder.path, tmp_path / "cache")
    shutil.copytree(onnx_encoder.export_dir, broken)
    data = bytearray((onnx_encoder.export_dir / GRAPH).read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = bytes(4096)  # same size, damaged weights
    (broken / GRAPH).write_bytes(bytes(data))
    rebuilt = OnnxInt8Encoder(cache_dir=tmp_path / "cache")
    assert rebuilt.preparation_seconds > 0
    cosines = (rebuilt.encode(sample) * onnx_encoder.encode(sample)).sum(axis=1)
    assert cosines.min() > 0.999


def test_unusable_export_is_a_one_line_error(onnx_encoder, tmp_path, monkeypatch):
    def prepare_garbage(model_folder, target):
        target.mkdir(parents=True, exist_ok=True)
        (target / GRAPH).write_bytes(b"not a graph")
        manifest = json.loads((onnx_encoder.export_dir / MANIFEST).read_text())
        (target / MANIFEST).write_text(json.dumps(manifest | {"bytes": 11}))

    monkeypatch.setattr(fast_embed, "prepare_onnx_int8", prepare_garbage)
    with pytest.raises(ContradictionsError) as caught:
        OnnxInt8Encoder(cache_dir=tmp_path)
    assert "unusable" in str(caught.value) and "\n" not in str(caught.value)


def test_load_fast_encoder_shows_the_one_time_preparation(tmp_path):
    from rich.console import Console
    from rich.progress import Progress

    seen = []

    class Watching(Progress):
        def add_task(self, description, *args, **kwargs):
            seen.append(description)
            return super().add_task(description, *args, **kwargs)

    with Watching(console=Console(file=io.StringIO())) as progress:
        first = fast_embed.load_fast_encoder(None, tmp_path, progress)
    with Watching(console=Console(file=io.StringIO())) as progress:
        again = fast_embed.load_fast_encoder(None, tmp_path, progress)
    assert seen == ["Preparing the fast model (once)"]
    assert first.preparation_seconds > 0 and again.preparation_seconds == 0.0

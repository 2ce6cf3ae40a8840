"""Fast embedding: the sentence-transformers model run as an int8 ONNX graph by onnxruntime.

A one-time preparation (export with torch, fusion of BERT operators, int8 quantisation: some seconds) is kept
under the caller's cache folder. Later runs load that graph with onnxruntime and `tokenizers` only, never
importing torch or transformers, which is most of a cold run's start-up time on the torch path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from contradictions.embed.cache import default_cache_dir, model_fingerprint
from contradictions.embed.encoders import check_model_folder, packaged_model_path
from contradictions.model import ContradictionsError

FORMAT = 1  # bump when the export recipe changes, so that old exports are rebuilt
GRAPH = "model.onnx"
MANIFEST = "manifest.json"
# Measured on all-MiniLM-L6-v2: quantising the first layer's feed-forward output costs most of the agreement
# with the fp32 model (mean cosine 0.992 -> 0.994 when it stays fp32), at no measurable speed cost.
KEEP_FP32 = ("layer.0/output/dense/MatMul",)
# Sentences per onnxruntime call: one. Dynamic int8 quantisation scales each call's activations by the largest in
# the call, so a sentence embedded with others gets a vector that depends on them: the same text gave other
# vectors in another batch, a cached and an uncached run differed, and Dask partitions found other findings than
# one process (300 generated articles: 2,217 of 2,562 finding ids in common). Alone, a sentence always gets the
# same vector, closer to torch's (mean cosine 0.9943 vs 0.9938 in batches of 16). The cost, on this project's
# 2-core machine: 248-251 sentences/s against 254-294/s in batches of 16 (3,582 sentences), 202/s against 281/s
# batched (23,623 sentences, docs/benchmarks.md). Determinism was chosen over that speed.
RUN_BATCH = 1
# Part of the embedding cache's key for vectors made by this path: vectors cached under another export recipe or
# another batching are not reused (they differ in the third decimal).
RECIPE = f"f{FORMAT}b{RUN_BATCH}"  # export format, sentences per call
STALE_SECONDS = 24 * 3600  # temporary export folders older than this were left by a crash


def export_folder(model_folder: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the int8 export of `model_folder` lives: `<cache_dir>/models/<fingerprint>-onnx-int8`."""
    folder = Path(model_folder)
    fingerprint = model_fingerprint(folder.name, str(folder))
    return Path(cache_dir or default_cache_dir()) / "models" / f"{fingerprint}-onnx-int8"


def read_manifest(target: Path) -> dict | None:
    """The manifest of a complete export in `target`, or None if it is missing, partial or from an older recipe."""
    try:
        manifest = json.loads((target / MANIFEST).read_text("utf-8"))
        size = (target / GRAPH).stat().st_size
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("bytes") != size:
        return None
    return manifest


def prepare_onnx_int8(model_folder: str | os.PathLike[str], target: str | os.PathLike[str]) -> dict:
    """Export `model_folder` to an int8 ONNX graph in `target`, atomically; returns the export's manifest.

    Everything is written into a temporary folder beside `target` and renamed into place at the end, so a crash
    never leaves a half export. If another process finished first, its export is kept and ours discarded.
    """
    folder, target = Path(model_folder), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        with _quiet():
            dim, inputs, shape = _export_fp32(folder, work / "fp32.onnx")
            _fuse(work / "fp32.onnx", work / "fused.onnx", *shape)
            _quantise(work / "fused.onnx", work / GRAPH)
        for scratch in ("fp32.onnx", "fused.onnx"):
            (work / scratch).unlink()
        data = (work / GRAPH).read_bytes()
        manifest = {
            "format": FORMAT, "model": str(folder), "dim": dim, "inputs": inputs, "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "max_seq_length": _max_seq_length(folder),
            "prepared_seconds": round(time.perf_counter() - started, 2), "versions": _versions(),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), "utf-8")
        try:
            os.rename(work, target)
        except OSError:  # another process renamed its export into place first
            theirs = read_manifest(target)
            if theirs is None:
                raise
            return theirs
        return manifest
    except ContradictionsError:
        raise
    except Exception as err:  # torch, onnx and onnxruntime fail in many different ways
        raise ContradictionsError(f"cannot export {folder} to ONNX: {err}".splitlines()[0]) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


class OnnxInt8Encoder:
    """The sentence-transformers model at `path` (None: the packaged one) as an int8 ONNX graph.

    The export is prepared on first use under `cache_dir` (None: the embedding cache folder) and reused after;
    `preparation_seconds` says how long this construction spent preparing it (0.0 when it was reused). A corrupt
    or partial export is rebuilt once; if that fails too, `ContradictionsError` is raised.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        cache_dir: str | os.PathLike[str] | None = None,
        batch_size: int = RUN_BATCH,
        threads: int | None = None,
    ) -> None:
        folder = check_model_folder(Path(path) if path is not None else packaged_model_path())
        self.name = (folder.name if path is not None else "all-MiniLM-L6-v2") + "-onnx-int8"
        self.path = str(folder)
        self.batch_size = batch_size
        self.export_dir = export_folder(folder, cache_dir)
        self.preparation_seconds = 0.0
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError:
            raise ContradictionsError("the onnx-int8 backend needs onnxruntime (pip install onnxruntime onnx)") from None
        # One single-threaded session a core, each embedding its share of the rows in parallel: on one-sentence
        # calls 276-279 sentences/s against 205-240/s for one session with two threads (2 cores, 2,379 sentences).
        # A row's vector is the same whichever session runs it (each runs on one thread).
        self.sessions = [self._open(onnxruntime, 1) for _ in range(max(1, threads or os.cpu_count() or 1))]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()  # tokenizer.json may pad to a fixed width; batches are padded here instead
        self.tokenizer.enable_truncation(self.manifest["max_seq_length"])
        self.pad_id = self.tokenizer.token_to_id("[PAD]") or 0
        self.inputs = [i.name for i in self.sessions[0].get_inputs()]
        self.dim = int(self.manifest["dim"])

    def _open(self, onnxruntime, threads: int):
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        for attempt in range(2):
            manifest = read_manifest(self.export_dir)
            if manifest is None:
                if attempt:
                    break
                self._rebuild()
                continue
            data = (self.export_dir / GRAPH).read_bytes()
            if hashlib.sha256(data).hexdigest() == manifest.get("sha256"):
                try:
                    session = onnxruntime.InferenceSession(data, options, providers=["CPUExecutionProvider"])
                except Exception:  # onnxruntime raises its own unexported exception types
                    session = None
                if session is not None:
                    self.manifest = manifest
                    return session
            if not attempt:
                self._rebuild()
        raise ContradictionsError(f"the ONNX export in {self.export_dir} is unusable even after rebuilding it")

    def _rebuild(self) -> None:
        if self.export_dir.exists():  # move the broken export aside first: a rename is atomic, a rmtree is not
            broken = Path(tempfile.mkdtemp(prefix=f".{self.export_dir.name}.tmp-", dir=self.export_dir.parent))
            os.replace(self.export_dir, broken / "old")
            shutil.rmtree(broken, ignore_errors=True)
        started = time.perf_counter()
        prepare_onnx_int8(self.path, self.export_dir)
        self.preparation_seconds += time.perf_counter() - started

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text, in the order given.

        Texts are batched longest first, so each batch pads to nearly its own length.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(-lengths, kind="stable")
        batches = [order[begin : begin + self.batch_size] for begin in range(0, len(order), self.batch_size)]

        def run(k: int) -> None:  # session k takes every k-th batch; each row is written by one session only
            for rows in batches[k :: len(self.sessions)]:
                ids = np.full((len(rows), int(lengths[rows].max())), self.pad_id, dtype=np.int64)
                mask = np.zeros_like(ids)
                for r, i in enumerate(rows):
                    ids[r, : lengths[i]] = encodings[i].ids
                    mask[r, : lengths[i]] = 1
                feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
                out[rows] = self.sessions[k].run(None, {name: feeds[name] for name in self.inputs})[0]

        workers = min(len(self.sessions), len(batches))
        if workers == 1:
            run(0)
        else:
            with ThreadPoolExecutor(workers) as pool:  # onnxruntime releases the GIL while it runs
                list(pool.map(run, range(workers)))
        return out


# --- the one-time preparation (imports torch) -----------------------------------------------------------


def _export_fp32(folder: Path, destination: Path) -> tuple[int, list[str], tuple[int, int]]:
    """Trace the whole sentence-transformers module stack (transformer, pooling, dense, normalise) to ONNX.

    Returns the embedding size, the graph's input names and (attention heads, hidden size) for fusion.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True).eval()
    # Eager attention traces to the pattern onnxruntime fuses into its Attention operator; SDPA does not.
    transformer = model[0].auto_model
    transformer.set_attn_implementation("eager")
    shape = (int(transformer.config.num_attention_heads), int(transformer.config.hidden_size))
    # Two texts of different lengths, so the traced graph keeps the padding-mask path.
    features = model.preprocess(["The ministry said 600 soldiers were killed near the border on Tuesday.", "Yes."])
    inputs = [name for name in ("input_ids", "attention_mask", "token_type_ids") if name in features]

    class Embedder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors):
            vector = self.model(dict(zip(inputs, tensors)))["sentence_embedding"]
            return torch.nn.functional.normalize(vector, p=2, dim=1)

    axes = {name: {0: "batch", 1: "tokens"} for name in inputs} | {"embedding": {0: "batch"}}
    with torch.no_grad():
        torch.onnx.export(
            Embedder().eval(), tuple(features[name] for name in inputs), str(destination), input_names=inputs,
            output_names=["embedding"], dynamic_axes=axes, opset_version=17, dynamo=False,
        )
    return int(model.get_sentence_embedding_dimension()), inputs, shape


def _fuse(source: Path, destination: Path, num_heads: int, hidden_size: int) -> None:
    """Fuse embedding, attention, GELU and layer-norm subgraphs into onnxruntime's BERT operators.

    The sizes must be given: detecting them fails on this graph and silently leaves attention unfused.
    """
    from onnxruntime.transformers.optimizer import optimize_model

    fused = optimize_model(str(source), model_type="bert", num_heads=num_heads, hidden_size=hidden_size, opt_level=0)
    fused.save_model_to_file(str(destination))


def _quantise(source: Path, destination: Path) -> None:
    """Dynamic int8 quantisation with per-channel weight scales (per-tensor scales lose too much: cosine 0.955)."""
    import onnx
    from onnxruntime.quantization import quantize_dynamic

    names = [node.name for node in onnx.load(str(source), load_external_data=False).graph.node]
    quantize_dynamic(
        str(source), str(destination), per_channel=True,
        nodes_to_exclude=[name for name in names if name.endswith(KEEP_FP32)],
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},  # fused operators carry no type information
    )


def _max_seq_length(folder: Path) -> int:
    """The truncation length sentence-transformers uses (tokenizer.json may say something else)."""
    try:
        return int(json.loads((folder / "sentence_bert_config.json").read_text("utf-8"))["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return 512


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("torch", "onnx", "onnxruntime", "sentence-transformers")}


def _remove_stale(target: Path) -> None:
    for folder in target.parent.glob(f".{target.name}.tmp-*"):
        try:
            if time.time() - folder.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


@contextmanager
def _quiet():
    """Silence the exporter's tracer warnings and the quantiser's advice: library code does not print."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        root.setLevel(level)


def load_fast_encoder(
    model_path: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    progress=None,
    *,
    batch_size: int = RUN_BATCH,
    threads: int | None = None,
) -> OnnxInt8Encoder:
    """The int8 ONNX encoder for `model_path` (None: the packaged model), prepared under `cache_dir` if needed.

    `progress` (a rich Progress) shows "Preparing the fast model (once)" while an export is built: about ten
    seconds, once per model and cache folder. Raises `ContradictionsError` when onnxruntime is missing.
    """
    folder = check_model_folder(Path(model_path) if model_path is not None else packaged_model_path())
    task = None
    if progress is not None and read_manifest(export_folder(folder, cache_dir)) is None:
        task = progress.add_task("Preparing the fast model (once)", total=None)
    try:
        return OnnxInt8Encoder(model_path, cache_dir=cache_dir, batch_size=batch_size, threads=threads)
    finally:
        if task is not None:
            progress.remove_task(task)

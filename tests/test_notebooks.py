"""The notebooks in notebooks/: stored without outputs, and executed top to bottom with a real kernel."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT, SEEDS

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
KERNEL_CHECK = "import json, os, sys; print(json.dumps({'prefix': sys.prefix, 'xdg': os.environ.get('XDG_CACHE_HOME')}))"


def test_the_notebooks_are_there():
    assert {path.name for path in NOTEBOOKS} >= {"walkthrough.ipynb", "your_own_articles.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_stored_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    executed = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and cell.get("execution_count") is not None]
    with_output = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and cell.get("outputs")]
    assert not executed and not with_output, (
        f"{path.name}: cells {sorted(set(executed + with_output))} hold outputs or execution counts; "
        "clear all outputs before saving (Jupyter: Edit > Clear Outputs of All Cells)"
    )
    assert nb.metadata["kernelspec"]["name"] == "python3"


def _files(*folders: Path) -> set[Path]:
    return {path for folder in folders for path in folder.rglob("*") if "__pycache__" not in path.parts}


@pytest.fixture(scope="module")
def executed(private_cache, tmp_path_factory):
    """Run a notebook once per module with the venv's python3 kernel, offline; returns (notebook, seconds)."""
    done: dict[Path, tuple[nbformat.NotebookNode, float]] = {}
    home = tmp_path_factory.mktemp("kernel-home")
    with pytest.MonkeyPatch.context() as env:  # the kernel process inherits this environment
        env.setenv("HF_HUB_OFFLINE", "1")
        env.setenv("TRANSFORMERS_OFFLINE", "1")
        env.setenv("XDG_CACHE_HOME", str(private_cache))
        env.setenv("MPLCONFIGDIR", str(home / "matplotlib"))
        env.setenv("IPYTHONDIR", str(home / "ipython"))

        def run(path: Path) -> tuple[nbformat.NotebookNode, float]:
            if path not in done:
                nb = nbformat.read(path, as_version=4)
                nb.cells.append(nbformat.v4.new_code_cell(KERNEL_CHECK))
                started = time.perf_counter()
                # "python3" is ipykernel's own spec in the venv (sys.prefix/share/jupyter/kernels); its argv
                # "python" is started as this interpreter, which the check cell confirms.
                NotebookClient(
                    nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
                ).execute()
                done[path] = nb, time.perf_counter() - started
            return done[path]

        yield run


def _outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


@pytest.mark.model
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_in_the_venv_kernel_and_writes_nothing_into_the_repo(path: Path, executed, private_cache):
    before = _files(NOTEBOOK_DIR, SEEDS)
    nb, seconds = executed(path)  # raises CellExecutionError, with the cell and traceback, on any error
    assert _files(NOTEBOOK_DIR, SEEDS) == before
    check = json.loads(nb.cells[-1].outputs[0]["text"])
    assert check == {"prefix": sys.prefix, "xdg": str(private_cache)}
    assert not [out for out in _outputs(nb) if out["output_type"] == "error"]
    print(f"{path.name} executed in {seconds:.1f} s")


@pytest.mark.model
def test_walkthrough_prints_a_finding_as_text_and_plots_the_disputed_figures(executed):
    nb, _ = executed(NOTEBOOK_DIR / "walkthrough.ipynb")
    outputs = _outputs(nb)
    printed = "".join(out["text"] for out in outputs if out["output_type"] == "stream" and out["name"] == "stdout")
    assert "╭─" in printed and "troops killed" in printed  # the side-by-side panels of the top finding
    assert any("image/png" in out.get("data", {}) for out in outputs)

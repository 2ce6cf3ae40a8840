"""The package's shape: imports run one way between its stages, no import cycle, no module over 400 lines.

Every import counts, those inside functions too (an import moved into a function to dodge a cycle is still a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "contradictions"
MAX_LINES = 400

# Shared by every stage: plain data, settings, the judgement's weights and the vocabulary of names, figures and time.
BASE = {"model", "settings", "weights", "version", "aliases", "lexicon", "timeline"}
# What each stage may import beside BASE and its own modules. io, extract, embed and findings import no other stage;
# report and review build on the data only; the engine runs the stages; nothing but the package root and __main__
# imports the CLI.
ALLOWED = {
    "base": set(),
    "io": set(),
    "extract": set(),
    "embed": set(),
    "findings": set(),
    "report": set(),
    "review": {"report"},
    "engine": {"io", "extract", "embed", "findings", "report"},
    "cli": {"io", "embed", "engine", "report", "review"},
    "root": {"engine", "report", "cli"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def stage(module: str) -> str:
    head = module.split(".")[0]
    if module in ("", "__main__"):
        return "root"
    return "base" if head in BASE else head


def imports(path: Path) -> set[str]:
    """The package's modules `path` imports, anywhere in it (relative imports resolved)."""
    found = set()
    own = module_name(path).split(".") if module_name(path) else []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = own if path.name == "__init__.py" else own[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and (node.module == "contradictions" or node.module.startswith("contradictions.")):
                target = node.module.removeprefix("contradictions").lstrip(".")
            else:
                continue
            for alias in node.names:  # `from contradictions.findings import numeric`: a module, not a name
                sub = f"{target}.{alias.name}" if target else alias.name
                candidate = PACKAGE.joinpath(*sub.split("."))
                found.add(sub if candidate.with_suffix(".py").is_file() or (candidate / "__init__.py").is_file()
                          else target)
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("contradictions").lstrip(".") for a in node.names
                      if a.name.split(".")[0] == "contradictions"}
    return found - {module_name(path)}


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: imports(path) for name, path in MODULES.items()}


def test_the_walk_finds_every_stage():
    assert {stage(m) for m in MODULES} == set(ALLOWED)
    assert GRAPH["engine.score"] >= {"findings", "engine.prepare"}  # `from contradictions.findings import ...`


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_stage_imports_only_what_it_builds_on(module):
    mine = stage(module)
    wrong = sorted(t for t in GRAPH[module] if stage(t) not in {"base", mine} | ALLOWED[mine])
    assert not wrong, f"{module} ({mine}) imports {wrong}; a {mine} module may import {sorted(ALLOWED[mine])} and base"


def test_there_is_no_import_cycle():
    visiting, done, cycles = [], set(), []

    def visit(module: str) -> None:
        if module in visiting:
            cycles.append(visiting[visiting.index(module):] + [module])
            return
        if module in done or module not in GRAPH:
            return
        visiting.append(module)
        for target in sorted(GRAPH[module]):
            visit(target)
        visiting.pop()
        done.add(module)

    for module in sorted(GRAPH):
        visit(module)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_400_lines(module):
    lines = len(MODULES[module].read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it along what it does"

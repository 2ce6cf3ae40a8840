"""The documentation against the code: the CLI page is the parser's, the README is short and names real API, every
relative link leads somewhere. (The JSON Schema file is checked against exports in test_json_schema.py.)"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import fields
from pathlib import Path

import pytest

import contradictions
from contradictions.cli import build_parser

from .conftest import ROOT

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def _generator():
    spec = importlib.util.spec_from_file_location("generate_cli", DOCS / "generate_cli.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the command-line page ----------------------------------------------------------------------------------


def test_cli_page_is_generated_from_the_parser():
    expected = _generator().render()
    actual = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is out of date: run `python docs/generate_cli.py` and commit it"


def test_every_command_and_option_has_help_on_the_cli_page():
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = _generator()._commands(build_parser())  # noqa: SLF001
    assert [name for name, _, _ in commands] == ["run", "cache", "review", "stats"]
    for name, sub, summary in commands:
        assert summary, f"{name} has no one-line help"
        assert f"## contradictions {name}" in page
        for action in sub._actions:  # noqa: SLF001
            if action.option_strings and action.dest != "help":
                assert action.help, f"{name} {action.option_strings} has no help"
                assert all(f"`{o}" in page for o in action.option_strings), f"{action.option_strings} not on the page"


# --- links ----------------------------------------------------------------------------------------------------

_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def _anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a Markdown page's headings ("## What is compared" -> "what-is-compared")."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    headings = re.findall(r"^#{1,6}\s+(.+?)\s*$", text, flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower().replace("`", "")).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_point_to_files_and_headings_that_exist(page):
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    broken = []
    for target in _LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue  # an address on the web: not checked here (no network)
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(target)
        elif anchor and file.suffix == ".md" and anchor not in _anchors(file):
            broken.append(target)
    assert not broken, f"{page.name}: links to nothing: {broken}"


def test_readme_is_short_and_keeps_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 200
    assert "make demo" in readme and "make test" in readme
    assert (ROOT / "docs" / "img" / "report.png").stat().st_size < 300_000


def test_the_python_api_in_the_readme_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"```python\n(.*?)```", readme, flags=re.S))
    methods = set(re.findall(r"\breport\.(\w+)\(", code))
    assert {"to_json", "to_html", "to_frame"} <= methods
    assert all(callable(getattr(contradictions.Report, m, None)) for m in methods), methods
    assert "findings" in {f.name for f in fields(contradictions.Report)}
    for name in re.findall(r"\bcontradictions\.(\w+)", code):
        assert hasattr(contradictions, name), f"the README uses contradictions.{name}, which does not exist"

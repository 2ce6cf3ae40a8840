"""Bad input, faults and odd numbers, as a new user meets them (issue 19).

Each case is built in a temporary folder and run through the command line (in process, with the fake encoder, so
no model) and through the Python API. Whatever the case: exit 2, or 0 with a warning; every message one line; no
traceback and no "internal error"; an output file complete or absent; the user's own files untouched.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import contradictions
from contradictions import ContradictionsError, Settings
from contradictions.cli.main import main
from contradictions.engine import prepare as pipeline
from contradictions.report import view

from .conftest import BagOfWordsEncoder

A = "Officials said around 600 soldiers were killed in the fighting near the border on Monday.\n"
B = "Officials said more than 6,000 soldiers were killed in the fighting near the border on Monday.\n"
C = "Witnesses said about 650 soldiers were killed in the fighting near the border on Monday.\n"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@dataclass
class Case:
    """`build(folder, encoder)` makes the input and returns the command line; `check(folder, data, err, encoder)`
    asserts what a user would notice (`data`: the JSON output, when the run wrote one)."""

    name: str
    build: Callable[[Path, BagOfWordsEncoder], list[str]]
    code: int
    message: str | None = None
    check: Callable[[Path, dict | None, str, BagOfWordsEncoder], None] | None = None
    analysis: bool = True  # a `run`, which the API test repeats through `analyze`


def _two(folder: Path, *extra: str) -> list[str]:
    (folder / "a.txt").write_text(A)
    (folder / "b.txt").write_text(B)
    return ["run", "a.txt", "b.txt", *extra]


def _numeric_spans(data: dict) -> list[set[str]]:
    return [{f["a"]["span"], f["b"]["span"]} for f in data["findings"] if f["kind"] == "numeric"]


def _numeric_values(data: dict) -> list[set[float]]:
    return [{f["a"]["value"]["low"], f["b"]["value"]["low"]} for f in data["findings"] if f["kind"] == "numeric"]


def _odd_numbers(a: str, b: str) -> Callable[[Path, BagOfWordsEncoder], list[str]]:
    def build(folder: Path, encoder) -> list[str]:
        (folder / "a.txt").write_text(f"Officials said {a} soldiers were killed in the fighting near the border.\n")
        (folder / "b.txt").write_text(f"Officials said {b} soldiers were killed in the fighting near the border.\n")
        return ["run", ".", "--json", "o.json"]
    return build


def _feed_csv(folder: Path, encoder) -> list[str]:
    rows = [f'"{text.strip()}"' for text in (B, C, A)]
    (folder / "feed.csv").write_text(f'id,text\na,"{A.strip()}\nb,{rows[0]}\nc,{rows[1]}\nd,{rows[2]}\n')
    return ["run", "feed.csv", "--json", "o.json"]


def _feed_csv_mid(folder: Path, encoder) -> list[str]:  # the stray quote closes on a later row's quote
    (folder / "feed.csv").write_text(
        f'id,text,source\na,"{A.strip()},x\nb,"{B.strip()}",y\nc,"{C.strip()}",z\nd,"{A.strip()}",w\n')
    return ["run", "feed.csv", "--json", "o.json"]


def _findings_file(folder: Path, encoder) -> Path:
    report = contradictions.analyze({"a": A, "b": B}, encoder=encoder, settings=Settings(cache=False))
    report.to_json(folder / "f.json")
    return folder / "f.json"


def _review_into(content: bytes) -> Callable[[Path, BagOfWordsEncoder], list[str]]:
    def build(folder: Path, encoder) -> list[str]:
        _findings_file(folder, encoder)
        (folder / "mine.txt").write_bytes(content)
        return ["review", "f.json", "--verdicts", "mine.txt"]
    return build


def _long_sentence(folder: Path, encoder) -> list[str]:
    (folder / "a.txt").write_text("The army said " + "very " * 220_000 + "600 soldiers were killed.\n" + A)
    (folder / "b.txt").write_text(B)
    (folder / "c.txt").write_text(C)
    return ["run", ".", "--json", "o.json"]


def _stale_temporaries(folder: Path, encoder) -> list[str]:
    (folder / f".o.json.{_dead_pid()}.abcd1234.tmp").write_bytes(b"")  # a writer killed mid-write
    (folder / f".o.json.{os.getpid()}.efgh5678.tmp").write_bytes(b"")  # a writer still at work
    return _two(folder, "--json", "o.json")


def _symlinks(folder: Path, encoder) -> list[str]:
    _two(folder)
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    return ["run", ".", "--json", "o.json"]


def _long_warnings(folder: Path, encoder) -> list[str]:
    _two(folder)
    (folder / ("binary-" + "x" * 100 + ".txt")).write_bytes(b"\x00\x01" * 50)
    (folder / ("empty-" + "y" * 100 + ".md")).write_text("  \n")
    return ["run", ".", "--json", "o.json"]


def _encoded(folder: Path, encoder) -> list[str]:
    (folder / "a.txt").write_bytes(A.encode("utf-16"))  # little-endian, with its byte-order mark
    (folder / "b.txt").write_bytes(b"\xfe\xff" + B.encode("utf-16-be"))
    (folder / "c.txt").write_bytes(C.encode("utf-32"))
    return ["run", ".", "--json", "o.json"]


def _utf16_feed(folder: Path, encoder) -> list[str]:
    rows = [json.dumps({"id": key, "text": text}) for key, text in (("a", A), ("b", B))]
    (folder / "feed.jsonl").write_bytes(("\n".join(rows) + "\n").encode("utf-16"))
    return ["run", "feed.jsonl", "--json", "o.json"]


def _surrogate_feed(folder: Path, encoder) -> list[str]:
    (folder / "feed.jsonl").write_text('{"id": "a", "text": "Officials said 600 soldiers were killed \\ud800."}\n'
                                       + json.dumps({"id": "b\ud800".encode("utf-8", "replace").decode(), "text": B}))
    return ["run", "feed.jsonl", "--json", "o.json"]


def _no_spaces(folder: Path, encoder) -> list[str]:
    (folder / "c.txt").write_text("x" * 1_200_000 + " 600 soldiers were killed.\n" + C)
    return _two(folder, "c.txt", "--json", "o.json")


def _windows_1252(folder: Path, encoder) -> list[str]:
    (folder / "c.txt").write_bytes(C.replace("Witnesses", "\u201cWitnesses\u201d").encode("cp1252"))
    return _two(folder, "c.txt", "--json", "o.json")


def _bad_parquet(folder: Path, encoder) -> list[str]:
    (folder / "broken.parquet").write_bytes(b"PAR1 but not really a Parquet file")
    _two(folder)
    return ["run", ".", "--json", "o.json"]


def _sources(data: dict | None) -> list[str]:
    assert data is not None, "the run wrote no JSON"
    return [s["id"] for s in data["sources"]]


CASES = [
    Case("two outputs on one path", lambda f, e: _two(f, "--json", "X", "--html", "X"), 2, "name the same file",
         lambda f, data, err, e: pytest.fail("X was written") if (f / "X").exists() else None),
    Case("missing output folder, reported before the analysis", lambda f, e: _two(f, "--json", "nope/o.json"), 2,
         "cannot write nope/o.json: folder nope does not exist", lambda f, data, err, e: _not_embedded(e)),
    Case("output names a folder", lambda f, e: (f / "out").mkdir() or _two(f, "--json", "out"), 2, "is a folder"),
    Case("output file the user made", lambda f, e: (f / "mine.json").write_text("mine") and _two(f, "--json", "mine.json"),
         2, "refusing to overwrite", lambda f, data, err, e: _unchanged(f / "mine.json", b"mine")),
    Case("UTF-16 and UTF-32 text with a byte-order mark", _encoded, 0, None,
         lambda f, data, err, e: _equal(_sources(data), ["a", "b", "c"])),
    Case("UTF-16 feed", _utf16_feed, 0, None, lambda f, data, err, e: _equal(_sources(data), ["a", "b"])),
    Case("CSV quote never closed", _feed_csv, 0, "feed.csv:2: a quote opened in this row is not closed",
         lambda f, data, err, e: _equal(_sources(data), ["b", "c", "d"])),
    Case("CSV quote closed on a later row", _feed_csv_mid, 0, "feed.csv:2: a quote opened in this row",
         lambda f, data, err, e: _equal(_sources(data), ["b", "c", "d"])),
    Case("review into a shopping list with no newline", _review_into(b"eggs, milk, bread"), 2,
         "mine.txt is not a verdicts file", lambda f, data, err, e: _unchanged(f / "mine.txt", b"eggs, milk, bread"),
         analysis=False),
    Case("review into a binary file", _review_into(bytes(range(256)) * 4), 2, "is not a verdicts file",
         lambda f, data, err, e: _unchanged(f / "mine.txt", bytes(range(256)) * 4), analysis=False),
    Case("a sentence over 1,000,000 characters with a figure", _long_sentence, 0,
         "a.txt: 1 sentence(s) longer than 2,000 characters (the longest 1,100,0",
         lambda f, data, err, e: _has({"around 600", "more than 6,000"}, _numeric_spans(data))),
    Case("1,200,000 characters without a space", _no_spaces, 0, "longer than 2,000 characters",
         lambda f, data, err, e: _equal(_sources(data), ["a", "b", "c"])),
    Case("an unreadable .parquet in the folder", _bad_parquet, 0, "cannot read broken.parquet as Parquet",
         lambda f, data, err, e: _equal(_sources(data), ["a", "b"])),
    Case("symbolic links that loop or lead nowhere", _symlinks, 0, "skipped 2 symbolic link(s)",
         lambda f, data, err, e: _equal(["dangling.txt" in err, "loop.txt" in err], [True, True])),
    Case("a lone surrogate in a JSON feed", _surrogate_feed, 0, "lone UTF-16 surrogates",
         lambda f, data, err, e: _equal(len(_sources(data)), 2)),
    Case("warnings longer than 80 columns", _long_warnings, 0, "looks like a binary file; skipped"),
    Case("figures past 10^15 are not compared", _odd_numbers("9,999,999,999,999,999,999", "3,000,000,000,000,000"),
         0, None, lambda f, data, err, e: _equal(_numeric_spans(data), [])),
    Case("400 digits", _odd_numbers("9" * 400, "12"), 0, None, lambda f, data, err, e: _equal(_numeric_spans(data), [])),
    Case("1/0 is not a figure", _odd_numbers("1/0", "5"), 0, None,
         lambda f, data, err, e: _equal(_numeric_spans(data), [])),
    Case("¾ of a million is 750,000", _odd_numbers("¾ of a million", "a million"), 0, None,
         lambda f, data, err, e: _equal(_numeric_values(data), [{750_000, 1_000_000}])),
    Case("temporary files of a killed write", _stale_temporaries, 0, None,
         lambda f, data, err, e: _equal(sorted(p.name.split(".")[3] for p in f.glob(".o.json.*.tmp")),
                                        [str(os.getpid())])),
    Case("no such input", lambda f, e: ["run", "a.txt", "nothing.txt"], 2, "no such file or folder: a.txt"),
    Case("one readable source", lambda f, e: (f / "a.txt").write_text(A) and ["run", "."], 2, "only one readable"),
    Case("a feed without a text column", lambda f, e: (f / "f.jsonl").write_text('{"body": "x"}\n') and ["run", "f.jsonl"],
         2, "no 'text' column"),
    Case("Windows-1252 text", _windows_1252, 0, "c.txt: not valid UTF-8; read as Windows-1252",
         lambda f, data, err, e: _equal(_sources(data), ["a", "b", "c"])),
]


def _equal(actual, expected) -> None:
    assert actual == expected


def _has(spans: set[str], found: list[set[str]]) -> None:
    assert spans in found, found


def _unchanged(path: Path, content: bytes) -> None:
    assert path.read_bytes() == content


def _not_embedded(encoder: BagOfWordsEncoder) -> None:
    assert encoder.calls == [], "the output folder was checked only after the analysis"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink() and p.name not in ("o.json", "X") and not p.name.startswith(".o.json.")}


def _one_line_each(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err
    for line in err.splitlines():
        assert line.startswith("contradictions: "), f"a message spread over lines: {err!r}"


@pytest.fixture
def fake_model(monkeypatch, fake_encoder):
    """The command line's model replaced by the fake encoder (and the cache left alone: --no-cache)."""
    monkeypatch.setattr(pipeline, "load_encoder_for", lambda *args, **kwargs: fake_encoder)
    return fake_encoder


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_through_the_command_line(case, tmp_path, monkeypatch, capsys, fake_model):
    args = case.build(tmp_path, fake_model)
    before = _snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COLUMNS", raising=False)  # rich's width for a stderr that is not a terminal: 80
    code = main(args + ["--no-cache"] if args[0] == "run" else args)
    out, err = capsys.readouterr()
    assert code == case.code, err
    _one_line_each(err)
    if case.message:
        assert case.message in err
    elif case.code == 0:
        assert "error" not in err
    for name in ("o.json", "X"):  # complete or absent
        if (tmp_path / name).exists():
            assert json.loads((tmp_path / name).read_text())["schema"] == view.SCHEMA_VERSION
    after = _snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before, "a file of the user's changed"
    if case.check:
        data = json.loads((tmp_path / "o.json").read_text()) if (tmp_path / "o.json").exists() else None
        case.check(tmp_path, data, err, fake_model)


ANALYSES = [c for c in CASES if c.analysis]


@pytest.mark.parametrize("case", ANALYSES, ids=[c.name for c in ANALYSES])
def test_bad_input_through_the_python_api(case, tmp_path, monkeypatch, fake_encoder):
    args = case.build(tmp_path, fake_encoder)
    monkeypatch.chdir(tmp_path)
    paths = args[1 : next((i for i, a in enumerate(args) if a.startswith("--")), len(args))]
    warnings: list[str] = []
    try:
        report = contradictions.analyze(paths, encoder=fake_encoder, warn=warnings.append,
                                        settings=Settings(cache=False))
    except ContradictionsError as err:
        assert "\n" not in str(err)
    else:
        assert len(report.sources) >= 2
    assert all("\n" not in w for w in warnings), warnings


@pytest.mark.parametrize("sources", [123, None, b"seeds", [1, 2], ["a.txt", None], {"a": 1, "b": "x"}])
def test_api_sources_of_the_wrong_kind(sources):
    with pytest.raises(ContradictionsError):
        contradictions.analyze(sources, encoder=BagOfWordsEncoder())


@pytest.mark.parametrize("arguments", [
    {"settings": {"threshold": 0.5}}, {"columns": ["text"]}, {"columns": "text=body"}, {"warn": 5},
    {"encoder": object()}, {"console": "terminal"},
])
def test_api_arguments_of_the_wrong_kind(arguments):
    with pytest.raises(ContradictionsError):
        contradictions.analyze({"a": A, "b": B}, **{"encoder": BagOfWordsEncoder(), **arguments})


@pytest.mark.parametrize("setting", [{"top_k": 1.5}, {"top_k": True}, {"threshold": "x"}, {"model": 5},
                                     {"stories": 1}, {"top": "3"}])
def test_settings_of_the_wrong_type(setting):
    with pytest.raises(ContradictionsError, match=f"setting {next(iter(setting))} must be"):
        Settings(**setting)


def test_an_encoder_that_answers_wrongly_is_a_contradictions_error():
    class Broken:
        def encode(self, texts):
            return [[1.0, float("nan")]] * len(texts)

    with pytest.raises(ContradictionsError, match="NaN"):
        contradictions.analyze({"a": A, "b": B}, encoder=Broken(), settings=Settings(cache=False))


def test_a_long_sentence_through_the_api_leaves_the_other_sources_alone():
    warnings: list[str] = []
    report = contradictions.analyze({"a": "They said " + "very " * 220_000 + "600 died.", "b": B, "c": A},
                                    encoder=BagOfWordsEncoder(), warn=warnings.append, settings=Settings(cache=False))
    assert warnings == ["a: 1 sentence(s) longer than 2,000 characters (the longest 1,100,019) read in pieces of at "
                        "most 2,000"]
    assert max(len(s.text) for s in report.sentences) <= 2_000
    assert any({f.a.source, f.b.source} == {"b", "c"} and f.kind == "numeric" for f in report.findings)


# --- faults a root user cannot make with chmod: made by patching the call that would fail ---------------------


def test_an_unreadable_input_folder_is_one_line_exit_2(tmp_path, monkeypatch, capsys, fake_model):
    _two(tmp_path)
    real = Path.iterdir

    def iterdir(self):
        if self == Path("."):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    monkeypatch.chdir(tmp_path)
    assert main(["run", ".", "--no-cache"]) == 2
    err = capsys.readouterr().err
    _one_line_each(err)
    assert "cannot read folder .: Permission denied" in err


def test_an_unreadable_file_is_skipped_with_a_warning(tmp_path, monkeypatch, capsys, fake_model):
    _two(tmp_path)
    (tmp_path / "c.txt").write_text(C)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "c.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.chdir(tmp_path)
    assert main(["run", ".", "--no-cache", "--json", "o.json", "--quiet"]) == 0
    assert "cannot read c.txt: Permission denied; skipped" in capsys.readouterr().err
    assert _sources(json.loads((tmp_path / "o.json").read_text())) == ["a", "b"]


def test_a_read_only_output_folder_is_reported_before_the_analysis(tmp_path, monkeypatch, capsys, fake_model):
    _two(tmp_path)
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(view.os, "access", lambda path, mode: Path(path).name != "out")
    monkeypatch.chdir(tmp_path)
    assert main(["run", "a.txt", "b.txt", "--no-cache", "--html", "out/r.html"]) == 2
    err = capsys.readouterr().err
    _one_line_each(err)
    assert "cannot write out/r.html: folder out is not writable" in err
    _not_embedded(fake_model)


def test_a_write_that_fails_names_the_target_and_leaves_nothing(tmp_path, monkeypatch, capsys, fake_model):
    _two(tmp_path)

    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(view.os, "replace", full)
    monkeypatch.chdir(tmp_path)
    assert main(["run", "a.txt", "b.txt", "--no-cache", "--json", "o.json"]) == 2
    err = capsys.readouterr().err
    _one_line_each(err)
    assert "cannot write o.json: No space left on device" in err and ".tmp" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_first_verdict_cut_short_is_still_a_verdicts_file(tmp_path):
    from contradictions.review.verdicts import load_verdicts

    path = tmp_path / "f.verdicts.jsonl"
    for torn in ('{"id": "abc123", "verd', "{", '{"i'):
        path.write_text(torn)
        warnings: list[str] = []
        assert load_verdicts(path, warn=warnings.append) == {}
        assert len(warnings) == 1 and "cut short" in warnings[0]

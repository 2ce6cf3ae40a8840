"""Loading: folders, file lists and mappings; normalisation; and every kind of bad input."""

from __future__ import annotations

import pytest

from contradictions.io.load import load_sources, normalise, title_of
from contradictions.model import ContradictionsError

from .conftest import SEEDS


def test_folder_gives_one_source_per_file_with_stem_ids_and_titles():
    sources = load_sources(SEEDS)
    assert [s.id for s in sources] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert sources[0].title == "Kim praises troops back from Russia"
    assert sources[4].title.startswith("Kim Jong-un to award troops")  # leading space in the file is dropped


def test_list_of_files_and_mapping():
    files = sorted(SEEDS.glob("*.txt"))[:2]
    assert [s.id for s in load_sources(files)] == [f.stem for f in files]
    sources = load_sources({"b": "Second.\nBody.", "a": "First one."})
    assert [(s.id, s.title) for s in sources] == [("a", "First one."), ("b", "Second.")]


def test_normalise_quotes_spaces_dashes():
    assert normalise("\u201cHe\u2019s\u00a0here\u201d \u2013 10\u201320 \u2015 ok\u2026\r\n") == '"He\'s here" - 10-20 \u2014 ok...\n'


def test_title_is_first_non_empty_line_and_bounded():
    assert title_of("\n\n  Headline  \nBody") == "Headline"
    assert len(title_of("x" * 500)) == 200


def test_markdown_files_count_and_other_files_are_ignored_with_a_warning(tmp_path):
    (tmp_path / "a.md").write_text("# A\nOne.")
    (tmp_path / "b.txt").write_text("B\nTwo.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    warnings = []
    assert [s.id for s in load_sources(tmp_path, warn=warnings.append)] == ["a", "b"]
    assert any("ignored 1 file" in w for w in warnings)


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda d: None, "holds no .txt or .md articles"),
        (lambda d: (d / "only.txt").write_text("Just one source."), "only one readable source"),
        (lambda d: ((d / "a.txt").write_text(""), (d / "b.txt").write_text("Text.")), "only one readable source"),
        (lambda d: ((d / "a.txt").write_bytes(b"\x00\x01\x02" * 50), (d / "b.txt").write_text("T.")), "only one readable"),
    ],
    ids=["empty folder", "single source", "empty file", "binary file"],
)
def test_bad_folders(tmp_path, setup, message):
    setup(tmp_path)
    with pytest.raises(ContradictionsError, match=message):
        load_sources(tmp_path)


def test_missing_path():
    with pytest.raises(ContradictionsError, match="no such file or folder"):
        load_sources("does/not/exist")


def test_non_utf8_is_read_with_a_fallback_and_a_warning(tmp_path):
    (tmp_path / "a.txt").write_bytes("Caf\u00e9 \u201cquoted\u201d.".encode("cp1252"))
    (tmp_path / "b.txt").write_text("Other.")
    warnings = []
    a, _ = load_sources(tmp_path, warn=warnings.append)
    assert a.text == 'Caf\u00e9 "quoted".'
    assert warnings == [f"{tmp_path / 'a.txt'}: not valid UTF-8; read as Windows-1252"]


def test_binary_and_empty_files_are_skipped_with_warnings(tmp_path):
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.txt").write_text("Two.")
    (tmp_path / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "d.txt").write_text("  \n")
    warnings = []
    assert [s.id for s in load_sources(tmp_path, warn=warnings.append)] == ["a", "b"]
    assert any("binary" in w for w in warnings) and any("empty" in w for w in warnings)


def test_duplicate_ids_are_refused(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.txt").write_text("One.")
    (tmp_path / "a.txt").write_text("Two.")
    with pytest.raises(ContradictionsError, match="share the source id 'a'"):
        load_sources([tmp_path / "a.txt", tmp_path / "x" / "a.txt"])

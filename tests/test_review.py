"""The analyst's spot-check: the review session in a real terminal, the verdicts file, sampling and precision."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import signal
import sys
from collections import Counter
from pathlib import Path

import pexpect
import pytest
from rich.console import Console

import contradictions
from contradictions.model import ContradictionsError
from contradictions.report import terminal
from contradictions.review.verdicts import (
    Verdict,
    append_verdict,
    apply_verdicts,
    default_verdicts_path,
    load_findings,
    load_verdicts,
    precision_curve,
    precision_table,
    precision_threshold,
    report_verdicts,
    score_band,
    stratified_sample,
)

from .conftest import FIXTURES, ROOT, SEEDS

# The mixed report's findings in rank order (tests/make_fixtures.py): an assertion (0.88), troops killed: dozens vs
# more than 6,000 (numeric, 0.78), an assertion (0.72), troops wounded (numeric, 0.70), troops killed: around 600 vs
# more than 6,000 (numeric, 0.68), a quote credited differently (attribution, 0.42), troops deployed (numeric, 0.21).
MIXED_IDS = ["60b006a4c6b2", "db5dda44d7f5", "cc53a7c5dcfa", "71bee2602383", "4832c4a48804", "6bbdc5cb43e3",
             "655c096d9660"]
ENV = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}


@pytest.fixture
def findings(tmp_path) -> Path:
    path = tmp_path / "findings.json"
    path.write_text((FIXTURES / "mixed_report.json").read_text())
    return path


def spawn(*args: str) -> pexpect.spawn:
    return pexpect.spawn(sys.executable, ["-m", "contradictions", *args], env=ENV, cwd=str(ROOT),
                         encoding="utf-8", timeout=20, dimensions=(50, 120))


def verdict(id_: str, kind: str | None, score: float | None, value: str, note: str | None = None) -> Verdict:
    return Verdict(id=id_, verdict=value, note=note, at="2026-01-02T10:00:00Z", kind=kind, score=score)


# --- the session in a pseudo-terminal (the real entry point, in a process of its own) -----------------------


def test_review_in_a_terminal_saves_each_verdict_with_one_key(findings):
    child = spawn("review", str(findings))
    child.expect_exact("finding 1 of 7")
    child.send("c")
    child.expect_exact("saved: confirmed")
    child.expect_exact("finding 2 of 7")
    child.send("n")
    child.expect_exact("note (Enter to finish)")
    child.sendline("dozens is a Russian claim, not a count")
    child.expect_exact("finding 2 of 7")
    child.send("d")
    child.expect_exact("saved: dismissed")
    child.expect_exact("finding 3 of 7")
    child.send("p")  # the paragraph around the sentence
    child.expect_exact("spy agency")
    child.send("u")
    child.expect_exact("saved: unsure")
    child.expect_exact("finding 4 of 7")
    child.send("b")  # back: judge the third again; the newer verdict wins
    child.expect(r"analyst:(?:\s|\x1b\[[\d;]*m)*unsure")  # a long header wraps
    child.send("c")
    child.expect_exact("saved: confirmed")
    child.expect_exact("finding 4 of 7")
    child.send("?")
    child.expect_exact("show or hide the surrounding paragraphs")
    child.send("q")
    child.expect_exact("3 verdict(s) given this session")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    path = default_verdicts_path(findings)
    assert path == findings.parent / "findings.verdicts.jsonl"
    lines = path.read_text().splitlines()
    assert len(lines) == 4  # appended, never rewritten: the re-judged finding has two records
    records = [json.loads(line) for line in lines]
    assert set(records[0]) == {"id", "verdict", "note", "at", "kind", "score", "tool"}
    assert records[0]["tool"] == f"contradictions {contradictions.__version__}" and records[0]["at"].endswith("Z")
    saved = load_verdicts(path)
    first, second, third = MIXED_IDS[:3]
    assert {k: v.verdict for k, v in saved.items()} == {first: "confirmed", second: "dismissed", third: "confirmed"}
    assert saved[second].note == "dozens is a Russian claim, not a count"
    assert (saved[second].kind, saved[second].score) == ("numeric", 0.778)


def test_kill_9_mid_session_loses_nothing_already_saved(findings, cli):
    path = default_verdicts_path(findings)
    child = spawn("review", str(findings))
    for n, key in ((1, "c"), (2, "d")):
        child.expect_exact(f"finding {n} of 7")
        child.send(key)
        child.expect_exact("saved:")
    child.expect_exact("finding 3 of 7")
    child.send("n")
    child.expect_exact("note (Enter to finish)")
    child.send("half a no")  # typing a note when the process dies
    child.kill(signal.SIGKILL)
    child.close()
    assert child.signalstatus == signal.SIGKILL

    warnings: list[str] = []
    saved = load_verdicts(path, warn=warnings.append)
    assert {k: v.verdict for k, v in saved.items()} == {MIXED_IDS[0]: "confirmed", MIXED_IDS[1]: "dismissed"}
    assert warnings == [] and path.read_bytes().endswith(b"\n")

    resumed = cli("review", str(findings), keys="q")
    assert resumed.returncode == 0
    assert "2 of 7 selected finding(s) already judged" in resumed.stdout
    assert "finding 1 of 5" in resumed.stdout and f"[{MIXED_IDS[2]}]" in resumed.stdout


# --- the verdicts file -----------------------------------------------------------------------------------


def test_torn_last_line_is_ignored_with_a_warning_and_the_next_append_starts_a_new_line(tmp_path):
    path = tmp_path / "v.jsonl"
    good = json.dumps({"id": "3f9a1c2b7d10", "verdict": "confirmed", "note": None, "at": "2026-01-02T10:00:00Z",
                       "kind": "numeric", "score": 0.91, "tool": "contradictions 0.1.0"})
    path.write_text(good + '\n{"id": "5a77e01c9b42", "verdict": "dism')
    warnings: list[str] = []
    assert list(load_verdicts(path, warn=warnings.append)) == ["3f9a1c2b7d10"]
    assert len(warnings) == 1 and "incomplete last line" in warnings[0]

    append_verdict(path, verdict("5a77e01c9b42", "numeric", 0.84, "dismissed"))
    lines = path.read_text().split("\n")
    assert lines[0] == good and lines[1] == '{"id": "5a77e01c9b42", "verdict": "dism'  # earlier bytes untouched
    assert json.loads(lines[2])["verdict"] == "dismissed" and lines[3] == ""
    warnings.clear()
    saved = load_verdicts(path, warn=warnings.append)
    assert {k: v.verdict for k, v in saved.items()} == {"3f9a1c2b7d10": "confirmed", "5a77e01c9b42": "dismissed"}
    assert len(warnings) == 1 and "line 2" in warnings[0]


def test_torn_line_warning_reaches_the_analyst_and_the_session_goes_on(findings, cli):
    path = default_verdicts_path(findings)
    path.write_text(f'{{"id": "{MIXED_IDS[0]}", "verdict": "confirmed"}}\n{{"id": "{MIXED_IDS[1][:3]}')
    result = cli("review", str(findings), keys="dq")
    assert result.returncode == 0
    assert "warning" in result.stderr and "incomplete last line" in result.stderr
    assert "finding 1 of 6" in result.stdout
    assert load_verdicts(path)[MIXED_IDS[1]].verdict == "dismissed"


def test_latest_verdict_per_id_wins(tmp_path):
    path = tmp_path / "v.jsonl"
    append_verdict(path, verdict("a", "numeric", 0.5, "dismissed"))
    append_verdict(path, verdict("b", "numeric", 0.6, "unsure"))
    append_verdict(path, verdict("a", "numeric", 0.5, "confirmed", note="on second look"))
    saved = load_verdicts(path)
    assert (saved["a"].verdict, saved["a"].note, saved["b"].verdict) == ("confirmed", "on second look", "unsure")


def test_a_file_that_is_not_a_verdicts_file_is_refused(findings, cli):
    with pytest.raises(ContradictionsError, match="is not a verdicts file"):
        load_verdicts(findings)
    before = findings.read_bytes()
    result = cli("review", str(findings), "--verdicts", str(findings), keys="c")
    assert result.returncode == 2 and findings.read_bytes() == before


# --- resume and --all ------------------------------------------------------------------------------------


def test_resume_skips_judged_findings_and_all_brings_them_back(findings, cli):
    path = default_verdicts_path(findings)
    first, second, quote = MIXED_IDS[0], MIXED_IDS[1], MIXED_IDS[5]  # the quote: the one attribution finding
    append_verdict(path, verdict(first, "assertion", 0.8832, "confirmed"))
    append_verdict(path, verdict(quote, "attribution", 0.4219, "dismissed"))
    resumed = cli("review", str(findings), keys="q")
    assert "finding 1 of 5" in resumed.stdout and f"[{second}]" in resumed.stdout
    assert f"[{first}]" not in resumed.stdout

    again = cli("review", str(findings), "--all", keys="d")
    shown = " ".join(again.stdout.split())  # a long header wraps
    assert "finding 1 of 7" in shown and f"[{first}]" in shown and "analyst: confirmed" in shown
    assert load_verdicts(path)[first].verdict == "dismissed"

    everything = cli("review", str(findings), "--kind", "attribution", keys="q")
    assert "Nothing to review" in everything.stdout


def test_kind_and_min_score_select_findings(findings, cli):
    result = cli("review", str(findings), "--kind", "numeric", "--min-score", "0.5", keys="ccc")
    assert "finding 1 of 3" in result.stdout
    assert set(load_verdicts(default_verdicts_path(findings))) == {MIXED_IDS[1], MIXED_IDS[3], MIXED_IDS[4]}


def test_end_of_input_ends_the_session_cleanly(findings, tmp_path, cli):
    other = tmp_path / "mine.jsonl"
    result = cli("review", str(findings), "--verdicts", str(other), keys="cu")
    assert result.returncode == 0 and "2 verdict(s) given this session" in result.stdout
    assert len(load_verdicts(other)) == 2 and not default_verdicts_path(findings).exists()


# --- sampling --------------------------------------------------------------------------------------------


def synthetic_findings() -> list[dict]:
    """70 findings: numeric in every band (most of them high), attribution in two bands, assertion in one."""
    out = []
    plan = [("numeric", 0.85, 30), ("numeric", 0.55, 15), ("numeric", 0.2, 10), ("attribution", 0.75, 6),
            ("attribution", 0.3, 5), ("assertion", 0.5, 4)]
    for kind, base, count in plan:
        for i in range(count):
            out.append({"id": f"{kind[:3]}{base}-{i:02d}", "kind": kind, "score": round(base + i * 0.001, 4)})
    return out


def strata(sample: list[dict]) -> Counter:
    return Counter((f["kind"], score_band(f["score"])) for f in sample)


def test_sample_is_reproducible_with_a_seed_and_differs_with_another():
    items = synthetic_findings()
    first = [f["id"] for f in stratified_sample(items, 12, seed=0)]
    assert first == [f["id"] for f in stratified_sample(list(reversed(items)), 12, seed=0)]
    assert first != [f["id"] for f in stratified_sample(items, 12, seed=1)]
    assert len(first) == len(set(first)) == 12


def test_sample_is_stratified_and_proportional():
    items = synthetic_findings()
    assert len(strata(items)) == 6
    exact = strata(stratified_sample(items, 6, seed=3))
    assert set(exact) == set(strata(items)) and set(exact.values()) == {1}  # one per stratum
    sample = stratified_sample(items, 14, seed=3)
    counts = strata(sample)
    assert set(counts) == set(strata(items))
    assert counts[("numeric", "0.7-1.0")] == max(counts.values()) >= 5  # 30 of 70 → about 6 of 14
    assert [f["score"] for f in sample] == sorted((f["score"] for f in sample), reverse=True)
    assert len(stratified_sample(items, 3, seed=0)) == 3
    assert len(stratified_sample(items, 500, seed=0)) == len(items)


def test_review_sample_from_the_command_line_is_reproducible(findings, tmp_path, cli):
    runs = [cli("review", str(findings), "--sample", "3", "--seed", seed, "--verdicts", str(tmp_path / f"{i}.jsonl"),
                  keys="ccc") for i, seed in enumerate(("7", "7"))]
    assert runs[0].returncode == 0 and "finding 1 of 3" in runs[0].stdout
    chosen = [set(load_verdicts(tmp_path / f"{i}.jsonl")) for i in range(2)]
    assert chosen[0] == chosen[1] and len(chosen[0]) == 3


# --- precision -------------------------------------------------------------------------------------------

HAND_WRITTEN = [  # (score, verdict, kind)
    (0.95, "confirmed", "numeric"), (0.90, "confirmed", "numeric"), (0.85, "confirmed", "attribution"),
    (0.80, "confirmed", "numeric"), (0.75, "confirmed", "numeric"), (0.65, "dismissed", "numeric"),
    (0.60, "confirmed", "assertion"), (0.55, "confirmed", "numeric"), (0.50, "confirmed", "numeric"),
    (0.45, "confirmed", "numeric"), (0.35, "dismissed", "numeric"), (0.30, "unsure", "numeric"),
    (0.20, "dismissed", "attribution"),
]


@pytest.fixture
def hand_written(tmp_path) -> Path:
    path = tmp_path / "hand.jsonl"
    for i, (score, value, kind) in enumerate(HAND_WRITTEN):
        append_verdict(path, verdict(f"f{i:02d}", kind, score, value))
    return path


def test_precision_per_kind_and_band(hand_written):
    frame = precision_table(load_verdicts(hand_written)).set_index(["group", "value"])
    assert frame.loc[("all", "all")][["reviewed", "confirmed", "dismissed", "unsure"]].tolist() == [13, 9, 3, 1]
    assert frame.loc[("all", "all"), "precision"] == pytest.approx(9 / 12)
    assert frame.loc[("kind", "numeric"), "precision"] == pytest.approx(7 / 9)
    assert frame.loc[("kind", "attribution"), "precision"] == pytest.approx(0.5)
    assert frame.loc[("kind", "assertion"), "precision"] == pytest.approx(1.0)
    assert frame.loc[("band", "0.7-1.0"), "precision"] == pytest.approx(1.0)
    assert frame.loc[("band", "0.4-0.7"), "precision"] == pytest.approx(0.8)
    assert frame.loc[("band", "0.0-0.4"), "precision"] == pytest.approx(0.0)
    assert frame.loc[("band", "0.0-0.4"), "unsure"] == 1


def test_precision_threshold_is_the_lowest_score_keeping_90_percent(hand_written):
    verdicts = load_verdicts(hand_written)
    assert precision_threshold(verdicts) == 0.45  # 9 of 10 decided at or above 0.45; 9 of 11 at 0.35
    assert (0.45, pytest.approx(0.9), 10) in precision_curve(verdicts)
    assert precision_threshold(verdicts, target=0.95) == 0.75
    few = {k: v for k, v in verdicts.items() if v.score >= 0.8}  # four decided: too few to say
    assert precision_threshold(few) is None


def test_kind_and_score_come_from_the_findings_file_when_given(findings, tmp_path):
    path = tmp_path / "v.jsonl"
    for id_ in MIXED_IDS[:4]:  # an assertion, a numeric, an assertion, a numeric, all scoring 0.7 or more
        append_verdict(path, verdict(id_, None, None, "confirmed"))
    frame = precision_table(load_verdicts(path), load_findings(findings)).set_index(["group", "value"])
    assert frame.loc[("kind", "numeric"), "confirmed"] == 2 and frame.loc[("kind", "assertion"), "confirmed"] == 2
    assert frame.loc[("band", "0.7-1.0"), "reviewed"] == 4


def test_stats_command_prints_the_table_and_threshold(hand_written, tmp_path, cli):
    result = cli("stats", str(hand_written))
    assert result.returncode == 0, result.stderr
    assert "75%" in result.stdout and "78%" in result.stdout and "reached at score ≥ 0.45" in result.stdout
    few = tmp_path / "few.jsonl"
    append_verdict(few, verdict("x", "numeric", 0.9, "confirmed"))
    assert "not reached" in cli("stats", str(few)).stdout


# --- feedback into runs ----------------------------------------------------------------------------------


def test_apply_verdicts_marks_and_hides_dismissed():
    data = json.loads((FIXTURES / "mixed_report.json").read_text())
    before = copy.deepcopy(data)
    first, second, third = MIXED_IDS[:3]
    verdicts = {first: verdict(first, "assertion", 0.8832, "confirmed"),
                second: verdict(second, "numeric", 0.778, "dismissed")}
    marked = apply_verdicts(data, verdicts)
    assert [f["verdict"] for f in marked["findings"]][:3] == ["confirmed", "dismissed", None]
    assert data == before  # the input is left as it was
    hidden = apply_verdicts(data, verdicts, hide_dismissed=True)
    assert second not in [f["id"] for f in hidden["findings"]]
    assert hidden["summary"]["findings"] == 6 and hidden["summary"]["by_kind"]["numeric"] == 3
    assert [f["id"] for f in apply_verdicts(data, verdicts, True, top=2)["findings"]] == [first, third]
    out = io.StringIO()
    terminal.render(Console(file=out, width=200), marked, verdicts=report_verdicts(verdicts))  # headers on one line
    headers = [line for line in out.getvalue().splitlines() if line.startswith("#")]
    assert "analyst: confirmed" in headers[0] and "analyst: dismissed" in headers[1] and "analyst" not in headers[2]


def test_finding_ids_are_stable_across_reruns(fake_encoder):
    texts = {
        "a": "Troops clash at the border.\n\nOfficials said around 600 soldiers were killed in the fighting.",
        "b": "Troops clash at the border.\n\nOfficials said more than 6,000 soldiers were killed in the fighting.",
    }
    first = contradictions.analyze(texts, encoder=fake_encoder)
    again = contradictions.analyze(dict(texts), encoder=type(fake_encoder)())
    assert first.findings and [f.id for f in first.findings] == [f.id for f in again.findings]


def test_run_with_verdicts_marks_findings_and_hides_dismissed(tmp_path, cli, fake_analyze):
    out = tmp_path / "findings.json"
    base = cli("run", str(SEEDS), "--json", str(out), "--quiet")
    assert base.returncode == 0, base.stderr
    found = json.loads(out.read_text())["findings"]
    assert len(found) >= 2
    path = tmp_path / "v.jsonl"
    append_verdict(path, verdict(found[0]["id"], found[0]["kind"], found[0]["score"], "confirmed"))
    append_verdict(path, verdict(found[1]["id"], found[1]["kind"], found[1]["score"], "dismissed"))

    html = tmp_path / "report.html"
    marked = cli("run", str(SEEDS), "--verdicts", str(path), "--json", str(out), "--html", str(html))
    assert marked.returncode == 0, marked.stderr
    shown = re.sub(r"\s+", " ", marked.stdout)  # a long header may wrap
    assert "analyst: confirmed" in shown and "analyst: dismissed" in shown
    data = json.loads(out.read_text())
    assert [f["verdict"] for f in data["findings"]][:3] == ["confirmed", "dismissed", None]
    assert '"verdict":"confirmed"' in html.read_text()  # the card's mark, in the page's data

    hidden = cli("run", str(SEEDS), "--verdicts", str(path), "--hide-dismissed", "--json", str(out))
    assert hidden.returncode == 0 and "analyst: dismissed" not in hidden.stdout
    ids = [f["id"] for f in json.loads(out.read_text())["findings"]]
    assert found[1]["id"] not in ids and ids[0] == found[0]["id"]


# --- bad input and help ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, args, message",
    [
        (None, ["review", "{dir}/missing.json"], "no such findings file"),
        ("not json {", ["review", "{file}"], "is not JSON"),
        ('{"findings": 3}', ["review", "{file}"], "is not a contradictions findings file"),
        ('{"schema": 1, "findings": [{"id": "x"}]}', ["review", "{file}"], "finding 1"),
        ('{"schema": 99, "findings": []}', ["review", "{file}"], "newer than this contradictions reads"),
        ('{"schema": 1, "findings": []}', ["review", "{file}", "--min-score", "2"], "min-score must be between 0 and 1"),
        (None, ["stats", "{dir}/missing.jsonl"], "no such verdicts file"),
        ("", ["stats", "{file}"], "holds no verdicts yet"),
        (None, ["run", "{dir}", "--hide-dismissed"], "--hide-dismissed needs --verdicts"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, args, message, cli):
    file = tmp_path / "input.json"
    if content is not None:
        file.write_text(content)
    result = cli(*[a.format(dir=tmp_path, file=file) for a in args], keys="q")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["review", "stats"])
def test_new_commands_have_help(command, cli):
    result = cli(command, "--help")
    assert result.returncode == 0 and "examples:" in result.stdout
    assert f"## contradictions {command}" in (ROOT / "docs" / "review.md").read_text(encoding="utf-8")

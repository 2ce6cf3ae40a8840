"""The analyst's spot-check: one finding at a time, judged with a single key, each verdict saved at once.

`ReviewSession` takes a rich Console and a key reader (`TerminalKeys` on a terminal, `StreamKeys` on a pipe),
so the same session runs for a person at a terminal, in a pseudo-terminal under test, or from a script.
"""

from __future__ import annotations

import codecs
import os
import select
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from contradictions.report.terminal import finding_view, paragraph_panel, side_by_side
from contradictions.review.verdicts import Verdict, append_verdict, stratified_sample

KEYS = {"c": "confirmed", "d": "dismissed", "u": "unsure"}
HELP = (
    ("c", "confirm: the sources really disagree"),
    ("d", "dismiss: not a real disagreement"),
    ("u", "unsure"),
    ("n", "add a note (then type a line; it is saved with the next verdict)"),
    ("s", "skip for now (no verdict; shown again next time)"),
    ("b", "back to the previous finding (a new verdict replaces the old)"),
    ("p", "show or hide the surrounding paragraphs"),
    ("q", "quit (every verdict given is already saved)"),
    ("?", "this help"),
)
KEY_LINE = "c confirm · d dismiss · u unsure · n note · s skip · b back · p paragraph · q quit · ? help"


class KeyReader(Protocol):
    echoes: bool

    def key(self) -> str:
        """The next key pressed ("" at end of input)."""

    def line(self) -> str:
        """A line of text typed and ended with Enter (without the newline)."""


class StreamKeys:
    """Keys read one character at a time from a file descriptor that is not a terminal (a pipe, a file)."""

    echoes = False  # whether a typed line shows as it is typed

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def key(self) -> str:
        while True:
            byte = os.read(self.fd, 1)
            if not byte:
                return ""
            char = self._decoder.decode(byte)
            if char:
                return char

    def line(self) -> str:
        chars = []
        while (char := self.key()) not in ("", "\n", "\r"):
            chars.append(char)
        return "".join(chars)


class TerminalKeys(StreamKeys):
    """Single keys from a terminal in cbreak mode (no Enter needed); restores the terminal when closed."""

    echoes = True

    def __init__(self, fd: int) -> None:
        import termios

        super().__init__(fd)
        self._saved = termios.tcgetattr(fd)
        self._cbreak()

    def _cbreak(self) -> None:
        import termios

        mode = termios.tcgetattr(self.fd)
        mode[3] &= ~(termios.ECHO | termios.ICANON)  # lflags: no echo, no line editing; Ctrl-C still works
        mode[6][termios.VMIN], mode[6][termios.VTIME] = 1, 0
        termios.tcsetattr(self.fd, termios.TCSANOW, mode)

    def key(self) -> str:
        char = super().key()
        if char == "\x1b":  # an arrow or function key: swallow the rest of its escape sequence
            while select.select([self.fd], [], [], 0.05)[0]:
                os.read(self.fd, 16)
            return "\x1b"
        return char

    def line(self) -> str:
        import termios

        termios.tcsetattr(self.fd, termios.TCSANOW, self._saved)  # typed text echoes and can be edited
        try:
            return super().line()
        finally:
            self._cbreak()

    def close(self) -> None:
        import termios

        termios.tcsetattr(self.fd, termios.TCSANOW, self._saved)


def key_reader(stdin=None) -> StreamKeys:
    """The key reader for standard input: cbreak single keys on a terminal, else characters as they come."""
    stdin = stdin or sys.stdin
    fd = stdin.fileno()
    return TerminalKeys(fd) if os.isatty(fd) else StreamKeys(fd)


def select_findings(data: dict[str, Any], *, kinds: list[str] | None = None, min_score: float = 0.0,
                    sample: int | None = None, seed: int = 0) -> list[dict[str, Any]]:
    """The findings to review: those of `kinds` scoring at least `min_score`, or a stratified sample of them.

    The sample is drawn before judged findings are skipped, so a resumed session draws the same sample.
    """
    from contradictions.model import ContradictionsError

    if not 0.0 <= min_score <= 1.0:
        raise ContradictionsError(f"min-score must be between 0 and 1, got {min_score}")
    chosen = [f for f in data["findings"] if (not kinds or f["kind"] in kinds) and f["score"] >= min_score]
    if sample is not None:
        return stratified_sample(chosen, sample, seed)
    return sorted(chosen, key=lambda f: (-f["score"], f["id"]))


def paragraph_of(data: dict[str, Any], side: dict[str, Any]) -> list[tuple[str, bool]]:
    """The side's paragraph as (sentence text, is the finding's sentence), in reading order."""
    source = next((s for s in data.get("sources", []) if s.get("id") == side["source"]), {})
    same = sorted((s for s in source.get("sentences", []) if s.get("paragraph") == side.get("paragraph")),
                  key=lambda s: s.get("index", 0))
    if not any(s.get("index") == side.get("sentence_index") for s in same):
        return [(side["sentence"], True)]
    return [(s.get("text", ""), s.get("index") == side.get("sentence_index")) for s in same]


class ReviewSession:
    """Shows each finding in `queue` and records the analyst's verdict on it in the verdicts file.

    `judged` holds earlier verdicts (finding id -> Verdict); they are shown as tags and updated as the
    analyst judges. Every verdict is appended to `verdicts_path` the moment it is given.
    """

    def __init__(self, console, keys: KeyReader, data: dict[str, Any], queue: list[dict[str, Any]],
                 verdicts_path: str | os.PathLike[str], judged: Mapping[str, Verdict] | None = None) -> None:
        self.console = console
        self.keys = keys
        self.data = data
        self.queue = queue
        self.path = Path(verdicts_path)
        self.judged: dict[str, Verdict] = dict(judged or {})
        self.given: dict[str, str] = {}  # finding id -> verdict given this session (the latest)
        self.ranks = {f["id"]: rank for rank, f in enumerate(data["findings"], start=1)}
        self.show_paragraph = False

    def run(self) -> int:
        """Review until every finding in the queue is judged or skipped, or the analyst quits; returns how
        many verdicts were given."""
        position, note = 0, None
        if not self.queue:
            self.console.print("Nothing to review: every selected finding already has a verdict "
                               "(use --all to review them again).")
            return 0
        self.console.print(Text(f"Reviewing {len(self.queue)} finding(s); verdicts go to {self.path}. "
                                "Press ? for help.", style="bold"))
        while position < len(self.queue):
            finding = self.queue[position]
            self.console.print(self.view(finding, position, note))
            key = self.keys.key()
            if key in ("", "q", "Q", "\x04"):
                break
            key = key.lower()
            if key in KEYS:
                verdict = Verdict.now(finding, KEYS[key], note)
                append_verdict(self.path, verdict)
                self.judged[finding["id"]] = verdict
                self.given[finding["id"]] = verdict.verdict
                self.console.print(Text(f"saved: {verdict.verdict}", style="green"))
                position, note = position + 1, None
            elif key == "s":
                position, note = position + 1, None
            elif key == "b":
                if position == 0:
                    self.console.print(Text("this is the first finding", style="yellow"))
                position, note = max(position - 1, 0), None
            elif key == "n":
                self.console.print(Text("note (Enter to finish): ", style="bold"), end="")
                note = self.keys.line().strip() or None
                if not self.keys.echoes:
                    self.console.print()
            elif key == "p":
                self.show_paragraph = not self.show_paragraph
            elif key == "?":
                self.console.print(self.help())
            elif key not in ("\n", "\r", " "):
                self.console.print(Text(f"unknown key {key!r}: press ? for help", style="yellow"))
        self.console.print(self.farewell())
        return len(self.given)

    def view(self, finding: dict[str, Any], position: int, note: str | None) -> RenderableType:
        """The finding with its progress line, its verdict so far, and the paragraphs when asked for."""
        previous = self.judged.get(finding["id"])
        tag = {"verdict": previous.verdict} if previous else None
        parts: list[RenderableType] = [
            Text(f"─── finding {position + 1} of {len(self.queue)} ───", style="bold cyan"),
            finding_view(finding, self.ranks.get(finding["id"], position + 1), tag),
        ]
        if previous and previous.note:
            parts.append(Text(f"earlier note: {previous.note}", style="dim"))
        if self.show_paragraph:
            parts.append(side_by_side(*(paragraph_panel(finding[k]["source"], paragraph_of(self.data, finding[k]),
                                                        finding[k].get("paragraph")) for k in ("a", "b"))))
        if note:
            parts.append(Text(f"note: {note}", style="italic"))
        parts.append(Text(KEY_LINE, style="dim"))
        return Group(*parts)

    def help(self) -> RenderableType:
        table = Table(title="keys", show_header=False, box=None, pad_edge=False)
        table.add_column(style="bold")
        table.add_column()
        for key, meaning in HELP:
            table.add_row(key, meaning)
        return table

    def farewell(self) -> Text:
        tally = Counter(self.given.values())
        counts = ", ".join(f"{tally[v]} {v}" for v in ("confirmed", "dismissed", "unsure"))
        total = len(self.given)
        return Text(f"{total} verdict(s) given this session ({counts}); saved in {self.path}. "
                    f"Precision so far: contradictions stats {self.path}")

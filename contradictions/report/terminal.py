"""The terminal report: rich renderables built from the view model (the JSON export's dict)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from contradictions.report.view import copies_text, side_credit

RELATION_STYLE = {"contradiction": "bold red", "discrepancy": "bold yellow"}
VERDICT_STYLE = {"confirmed": "green", "dismissed": "dim red", "unsure": "yellow"}


def _screened(s: dict[str, Any]) -> str:
    """" (N checkable compared)" when only checkable sentences were compared (schema 4; older files say nothing)."""
    compared = s.get("sentences_compared")
    return f" ({compared} checkable compared)" if compared is not None and compared < s["sentences"] else ""


SOURCES_SHOWN = 20


def _listed(data: dict[str, Any], show: int | None) -> tuple[list[dict[str, Any]], int]:
    """The sources the table lists, and how many it leaves out: every source up to `SOURCES_SHOWN`; above that, the
    sources of the findings printed (the first `show`), in the order they first appear, up to `SOURCES_SHOWN`."""
    sources = data["sources"]
    if len(sources) <= SOURCES_SHOWN:
        return sources, 0
    wanted: dict[str, None] = {}
    for finding in data["findings"][:show] if show else data["findings"]:
        for side in ("a", "b"):
            wanted.setdefault(finding[side]["source"])
    by_id = {source["id"]: source for source in sources}
    listed = [by_id[i] for i in wanted if i in by_id][:SOURCES_SHOWN]
    return listed, len(sources) - len(listed)


def summary(data: dict[str, Any], show: int | None = None) -> RenderableType:
    """The corpus at a glance: sources with titles (all of a small corpus; of a large one, those of the findings
    printed, the first `show`), and how much was compared and found."""
    s = data["summary"]
    by_kind = ", ".join(f"{n} {kind}" for kind, n in s["by_kind"].items()) or "none"
    head = Text.assemble(
        ("contradictions", "bold"), f"  {s['sources']} sources · {s['sentences']} sentences{_screened(s)} · ",
        f"{s['pairs_compared']} pairs compared · ",
        (f"{s['findings']} finding{'' if s['findings'] == 1 else 's'}", "bold"), f" ({by_kind})",
    )
    if s.get("stories"):
        head.append(f" · {s['stories']} stories: sentences are paired only within a story", style="dim")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    listed, left_out = _listed(data, show)
    width = max((len(source["id"]) for source in listed), default=6)
    table.add_column("source", no_wrap=True, style="cyan", min_width=width)
    table.add_column("sentences", justify="right", no_wrap=True, min_width=len("sentences"))
    grouped = bool(s.get("stories"))
    if grouped:
        table.add_column("story", justify="right", no_wrap=True, min_width=len("story"))
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=80)
    sources = sorted(listed, key=lambda source: source.get("story") or 0) if grouped and not left_out else listed
    for source in sources:
        story = [str(source.get("story") or "")] if grouped else []
        table.add_row(source["id"], str(len(source["sentences"])), *story, source["title"])
    notes = []
    if left_out:
        shown = "the sources of the findings printed" if listed else "no source: no finding to print"
        notes.append(Text(f"\u2026 {shown}; {left_out:,} more sources (all in --json and --html)", style="dim"))
    return Group(head, table, *notes, *_stories(data))


STORIES_SHOWN = 20


def _stories(data: dict) -> list:
    """The stories of two or more sources, with their date range and main places (the first `STORIES_SHOWN`)."""
    stories = [s for s in data.get("stories") or [] if s["sources"] > 1]
    if not stories:
        return []
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    for name, justify in (("story", "right"), ("sources", "right"), ("dates", "left"), ("places", "left")):
        table.add_column(name, justify=justify, no_wrap=True, min_width=len(name))
    for s in stories[:STORIES_SHOWN]:
        dates = s["first"] if s["first"] == s["last"] else f"{s['first'] or '?'} \u2013 {s['last'] or '?'}"
        table.add_row(str(s["story"]), str(s["sources"]), dates or "undated", ", ".join(s["places"]) or "\u2014")
    more = len(stories) - STORIES_SHOWN
    skipped = data["summary"].get("pairs_not_compared") or {}
    notes = [Text(f"\u2026 and {more} more stories of two or more sources (all in --json)", style="dim")] if more > 0 else []
    if skipped:
        notes.append(Text("pairs not compared (not one incident): " + ", ".join(
            f"{n} {reason}" for reason, n in skipped.items()), style="dim"))
    return [Text("stories of two or more sources", style="bold"), table, *notes]


def highlighted(sentence: str, start: int, end: int, style: str = "bold reverse") -> Text:
    """The sentence with the disagreeing words styled."""
    text = Text(sentence)
    if 0 <= start < end <= len(sentence):
        text.stylize(style, start, end)
    return text


def side_panel(side: dict[str, Any], style: str, copies: list[dict[str, Any]] = ()) -> Panel:
    """One side of a finding: its sentence with the disputed words marked, who it credits, what the figure counts,
    and the other articles that carry the sentence (`copies` of the JSON export, this side's)."""
    body = [highlighted(side["sentence"], side["span_start"], side["span_end"], style)]
    details = []
    if side.get("counts"):
        details.append(side["counts"])
    if side.get("time"):
        details.append(f"time: {side['time']}")
    att = side_credit(side)
    if att:
        body.append(Text.assemble(("credited to ", "dim"), (att, "italic")))
    elif "attribution" in side:
        body.append(Text("unattributed", style="dim italic"))
    if details:
        body.append(Text(" · ".join(details), style="dim"))
    if copies:
        body.append(Text(f"also carried by {copies_text(copies)}", style="dim"))
    return Panel(Group(*body), title=Text(side["source"], style="cyan"), title_align="left", padding=(0, 1))


def finding_view(finding: dict[str, Any], rank: int, verdict: dict[str, Any] | None = None) -> RenderableType:
    """One finding: a header line, the two sentences side by side, and the one-line reason."""
    relation = finding.get("relation", finding["kind"])
    style = RELATION_STYLE.get(relation, "bold magenta")
    header = Text.assemble(
        (f"#{rank} ", "bold"), (f"{finding['score']:.2f} ", "bold"), (relation, style),
        (f" · {finding['kind']}", "dim"), (f" · {finding['label']}" if finding.get("label") else "", ""),
        (f" · similarity {finding['similarity']:.2f}", "dim"),
        (f" · story {finding['story']}" if finding.get("story") else "", "dim"), (f"  [{finding['id']}]", "dim"),
    )
    if verdict:
        header.append(f"  analyst: {verdict['verdict']}", style=VERDICT_STYLE.get(verdict["verdict"], ""))
    span_style = "bold white on red" if relation == "contradiction" else "bold black on yellow"
    copies = {key: [c for c in finding.get("copies") or () if c["side"] == key] for key in ("a", "b")}
    sides = side_by_side(*(side_panel(finding[key], span_style, copies[key]) for key in ("a", "b")))
    return Group(header, sides, Text(finding["explanation"], style="italic"), Text(""))


def side_by_side(left: RenderableType, right: RenderableType) -> Table:
    """Two renderables in equal columns, the way both sides of a finding are shown."""
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(left, right)
    return grid


def paragraph_panel(source: str, sentences: list[tuple[str, bool]], paragraph: int | None = None) -> Panel:
    """A side's surrounding paragraph: its sentences in order, the finding's own sentence in bold."""
    body = Text()
    for text, focus in sentences:
        body.append((" " if body.plain else "") + text, style="bold" if focus else "dim")
    title = Text.assemble((source, "cyan"), (f" · paragraph {paragraph}" if paragraph is not None else "", "dim"))
    return Panel(body, title=title, title_align="left", padding=(0, 1))


def render(console, data: dict[str, Any], *, verdicts: dict[str, dict] | None = None, show: int | None = None) -> None:
    """Print the report: the summary, then the findings in rank order (the first `show` of them; None: all)."""
    console.print(summary(data, show))
    console.print()
    findings = data["findings"]
    if not findings:
        console.print("No disagreements found between the sources at the current settings.")
        return
    for rank, finding in enumerate(findings[:show] if show else findings, start=1):
        console.print(finding_view(finding, rank, (verdicts or {}).get(finding["id"])))
    if show and len(findings) > show:
        console.print(f"Showing the top {show} of {len(findings):,} findings; --show 0 prints them all, "
                      "--json and --html keep them all.", style="bold")

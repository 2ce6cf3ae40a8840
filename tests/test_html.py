"""The HTML report: golden output, escaping of hostile article text, the pictures, and the page in Chromium."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
from collections import Counter
from functools import reduce
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from markupsafe import escape

from contradictions.model import ContradictionsError
from contradictions.report import charts, html
from contradictions.report.html import render_html, split_span, write_html
from contradictions.report.view import SCHEMA_VERSION
from tests.bigreport import big_report
from tests.goldtest import assert_golden

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Findings of the mixed report (tests/fixtures/mixed_articles.jsonl), by id: see tests/make_fixtures.py.
CONFIRMED_DENIED = "60b006a4c6b2"  # assertion, 000 × 005: "confirmed" vs "denied"; the top score
DOZENS = "db5dda44d7f5"  # troops killed, 003 × 004: more than 6,000 vs dozens of
WOUNDED = "71bee2602383"  # troops wounded, 001 × 003: fewer than 1,000 vs about 2,500
KILLED = "4832c4a48804"  # troops killed, 002 × 003: around 600 vs more than 6,000
QUOTE = "6bbdc5cb43e3"  # attribution, 000 × 004: the same quote via Rodong Sinmun vs KCNA
TROOPS = "655c096d9660"  # troops deployed, 001 × 003: around 15,000 vs around 14,000, possibly updated

VERDICTS = {
    TROOPS: {"verdict": "dismissed", "note": "same figure, rounded", "time": "2026-01-02T10:00:00Z"},
    KILLED: {"verdict": "confirmed", "note": None, "time": "2026-01-02T10:05:00Z"},
}

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</script>",
]


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def sample() -> dict:
    return load("sample_report.json")


@pytest.fixture
def mixed() -> dict:
    """Every finding kind, attributions, an open low, a log-scale spread, web addresses and a source in no finding."""
    return load("mixed_report.json")


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside <script> elements."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert match, "no embedded report data"
    return json.loads(match.group(1))


def card(page: str, finding_id: str) -> dict:
    """A finding as the page's script draws it: its fields, and each side with its texts looked up."""
    data = embedded_data(page)
    finding = next(f for f in data["findings"] if f["id"] == finding_id)
    sides = []
    for source, text, start, end, paragraph, focus, number, reads, credit, unattributed in finding["sides"]:
        sentence = data["texts"][text]
        marked = f"{sentence[:start]}<mark>{sentence[start:end]}</mark>{sentence[end:]}"
        texts = [data["texts"][t] for t in data["paragraphs"][paragraph]]
        sides.append({"source": data["sources"][source], "title": data["titles"][source], "marked": marked,
                      "paragraph": [marked if k == focus else t for k, t in enumerate(texts)],
                      "paragraph_number": number, "reads": reads, "credit": credit, "unattributed": unattributed})
    return dict(finding, sides=sides)


def hostile_report(data: dict) -> dict:
    """The sample with script-like text in every place article text or ids reach the page."""
    data = copy.deepcopy(data)
    renamed = {}
    for i, source in enumerate(data["sources"]):
        payload = PAYLOADS[i % len(PAYLOADS)]
        renamed[source["id"]] = f"{i:03d}_{payload}"
        source["id"] = renamed[source["id"]]
        source["title"] = f"Title {payload}"
        for sentence in source["sentences"]:
            sentence["text"] = f"Officials said {payload} before {PAYLOADS[0]} after."
    for n, finding in enumerate(data["findings"]):
        payload = PAYLOADS[n % len(PAYLOADS)]
        finding["id"] = f"f{n}{payload}"
        finding["label"] = f"killed {payload}"
        finding["explanation"] = f"because {PAYLOADS[1]}"
        for key in ("a", "b"):
            side = finding[key]
            side["source"] = renamed[side["source"]]
            side["sentence"] = f"Officials said {payload} before {PAYLOADS[0]} after."
            side["span"] = payload
            side["span_start"] = len("Officials said ")
            side["span_end"] = side["span_start"] + len(payload)
            side["attribution"] = {"speaker": PAYLOADS[2], "channel": PAYLOADS[3]}
    return data


# --- golden files -------------------------------------------------------------------------------


def test_sample_report_matches_golden(sample):
    assert_golden("sample_report.html", render_html(sample))


def test_mixed_report_with_verdicts_matches_golden(mixed):
    assert_golden("mixed_report_verdicts.html", render_html(mixed, verdicts=VERDICTS))


def test_the_fixtures_are_at_the_current_schema(sample, mixed):
    assert sample["schema"] == mixed["schema"] == SCHEMA_VERSION, "rebuild them: python -m tests.make_fixtures"


def test_same_data_gives_the_same_bytes(mixed):
    reordered = dict(reversed(list(VERDICTS.items())))
    assert render_html(mixed, verdicts=VERDICTS) == render_html(copy.deepcopy(mixed), verdicts=reordered)


# --- the file -----------------------------------------------------------------------------------


def test_write_html_marks_the_file_as_ours_and_refuses_to_overwrite_a_users_file(sample, tmp_path):
    out = write_html(sample, tmp_path / "report.html")
    text = out.read_text(encoding="utf-8")
    assert '<meta name="generator" content="contradictions 0.1.0">' in text[:4096]
    write_html(sample, out)  # our own output may be replaced

    user_file = tmp_path / "notes.html"
    user_file.write_text("<p>my notes</p>", encoding="utf-8")
    with pytest.raises(ContradictionsError, match="refusing to overwrite"):
        write_html(sample, user_file)
    assert user_file.read_text(encoding="utf-8") == "<p>my notes</p>"
    write_html(sample, user_file, force=True)
    assert "Where the sources disagree" in user_file.read_text(encoding="utf-8")


def test_page_is_self_contained(mixed):
    page = render_html(mixed, verdicts=VERDICTS)
    tags = Tags(page).tags
    assert not [attrs for _, attrs in tags if "src" in attrs], "nothing may be loaded from elsewhere"
    urls = {s["url"] for s in mixed["sources"] if s["url"]}
    assert urls, "the fixture should have sources with web addresses"
    assert all((attrs.get("href") or "#").startswith("#") or attrs["href"] in urls for _, attrs in tags if "href" in attrs)
    assert not [tag for tag, _ in tags if tag in ("link", "img", "iframe", "object", "embed")]
    for needle in ("http://", "https://", "url(", "@import", "@font-face"):
        assert needle not in reduce(lambda text, url: text.replace(url, ""), urls, page)  # but the sources' links
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp


def test_the_page_inlines_its_css_and_script_whole_and_they_fetch_nothing(sample):
    """The golden files leave the inlined CSS and JS out; here they are checked once, as assets."""
    page = render_html(sample)
    templates = resources.files("contradictions.report") / "templates"
    css, js = ((templates / name).read_text(encoding="utf-8") for name in ("report.css", "report.js"))
    [style] = re.findall(r"<style>\n?(.*?)</style>", page, re.S)
    scripts = Tags(page).scripts  # the embedded data, then the page's script
    assert style.strip() == css.strip() and len(css) > 1000
    assert scripts[-1].strip() == js.strip() and len(js) > 1000
    digest = base64.b64encode(hashlib.sha256(scripts[-1].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page  # the CSP lets exactly this script run
    for asset in (css, js):
        for needle in ("http://", "https://", "url(", "@import", "@font-face", "fetch(", "XMLHttpRequest", "import("):
            assert needle not in asset


# --- what the page shows --------------------------------------------------------------------------


def test_summary_shows_sources_counts_and_generator(sample):
    page = render_html(sample)
    for source in sample["sources"]:
        assert escape(source["title"]) in page
        assert source["id"].split("_")[1] in page
    assert "425 sentence pairs compared" in page
    assert "3 numeric" in page
    assert "generated 2026-01-01T00:00:00Z" in page
    assert "generated" not in render_html(dict(sample, generated_at=None)).split("<main")[0]


def test_card_highlights_the_disputed_words_and_shows_the_paragraph(mixed):
    shown = card(render_html(mixed), KILLED)
    a, b = shown["sides"]
    assert "said in April that <mark>around 600</mark> North Korean soldiers" in a["marked"]
    assert "officials say <mark>more than 6,000</mark> North Korean soldiers" in b["marked"]
    assert a["paragraph"][0] == a["marked"] and "could not be independently verified" in a["paragraph"][1]
    assert not any("as heroes" in text for text in a["paragraph"])  # another paragraph of the same source
    assert a["credit"] == "South Korean lawmakers, citing intelligence briefings" and a["reads"] == "540 – 660 (≈ 600)"
    assert shown["score"] == 0.6847 and shown["explanation"].startswith("troops killed: around 600 in April vs more "
                                                                        "than 6,000")


def test_page_holds_each_sentence_once(mixed):
    data = embedded_data(render_html(mixed))
    assert len(data["texts"]) == len(set(data["texts"]))
    shared = [f for f in data["findings"] if f["id"] in (KILLED, DOZENS)]
    three = data["sources"].index("003_955fedf622b4fe3e")
    texts = [side[1] for f in shared for side in f["sides"] if side[0] == three]
    assert len(texts) == 2 and texts[0] == texts[1]  # both cards show source 003's sentence 2
    assert '<li class="card' not in render_html(mixed)  # cards are drawn by the script, not sent twice


def test_card_without_attribution_keys_renders(sample):
    old = copy.deepcopy(sample)  # sides as a schema-1 file has them: no attribution, no credits
    for finding in old["findings"]:
        for key in ("a", "b"):
            del finding[key]["attribution"], finding[key]["credits"]
    page = render_html(old)
    sides = [side for f in embedded_data(page)["findings"] for side in card(page, f["id"])["sides"]]
    assert len(sides) == 2 * len(old["findings"])
    assert not any(side["credit"] or side["unattributed"] for side in sides)  # schema 1 sides say nothing either way


@pytest.mark.parametrize(
    ("sentence", "start", "end", "span", "expected"),
    [
        ("about 600 died", 0, 9, "about 600", ("", "about 600", " died")),
        ("about 600 died", 6, 99, "", ("about ", "600 died", "")),
        ("about 600 died", -3, 2, "", ("", "ab", "out 600 died")),
        ("they said about 600 died", 0, 9, "about 600", ("they said ", "about 600", " died")),  # stale offsets
        ("about 600 died", 9, 4, "", ("about 600", "", " died")),
    ],
)
def test_split_span(sentence, start, end, span, expected):
    assert split_span(sentence, start, end, span) == expected


def test_verdicts_show_on_cards(mixed):
    page = render_html(mixed, verdicts=VERDICTS | {DOZENS: {"verdict": "maybe", "note": "x", "time": ""}})
    dismissed = card(page, TROOPS)
    assert (dismissed["verdict"], dismissed["verdict_note"]) == ("dismissed", "same figure, rounded")
    assert card(page, KILLED)["verdict"] == "confirmed"
    assert "verdict" not in card(page, DOZENS)  # unknown verdicts are not shown
    assert 'id="hide-dismissed"' in page
    assert 'id="hide-dismissed"' not in render_html(mixed)
    assert {f["id"]: f.get("verdict") for f in embedded_data(page)["findings"] if f.get("verdict")} == {
        KILLED: "confirmed", TROOPS: "dismissed"}


def test_report_without_findings(sample):
    page = render_html(dict(sample, findings=[]))
    assert "no findings" in page
    assert '<p class="empty-state" id="empty-state">' in page
    assert "Disputed figures" not in page and "Which sources disagree" not in page


# --- pictures -----------------------------------------------------------------------------------


def test_number_lines_one_per_quantity_most_disputed_first(sample, mixed):
    colours = charts.source_colours([s["id"] for s in sample["sources"]])
    lines = charts.number_lines(sample["findings"], colours)
    assert [c["label"] for c in lines] == [
        "troops killed", "troops deployed (north korea)", "troops deployed (north korean soldier)"]
    killed = lines[0]
    assert not killed["log"]  # 540 to 6,000 spans less than 20×
    assert [r["span"] for r in killed["rows"]] == ["around 600", "more than 6,000"]
    open_end = killed["rows"][1]["mark"]
    assert open_end["x2"] == charts.PLOT_RIGHT and open_end["arrows"] and open_end["dot"] is None
    killed = charts.number_lines(mixed["findings"], colours)[0]  # two findings, both against 003's 6,000
    assert [r["span"] for r in killed["rows"]] == ["dozens of", "around 600", "more than 6,000"]  # each figure once


def test_number_line_uses_log_scale_for_wide_spreads(mixed):
    lines = {c["label"]: c for c in charts.number_lines(mixed["findings"], {})}
    assert lines["troops killed"]["log"]  # dozens (24 to 144) to more than 6,000
    assert [t["text"] for t in lines["troops killed"]["ticks"]] == ["100", "1,000", "10,000"]
    assert not lines["troops wounded"]["log"]
    fewer = next(r for r in lines["troops wounded"]["rows"] if r["span"] == "fewer than 1,000")["mark"]
    assert fewer["x1"] == charts.PLOT_LEFT and fewer["arrows"]  # an open low end points left


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"low": 540, "high": 660, "point": 600}, "540 – 660 (≈ 600)"),
        ({"low": 6000, "high": None, "point": None}, "6,000 or more"),
        ({"low": None, "high": 1000, "point": None}, "up to 1,000"),
        ({"low": 6000, "high": None, "point": None, "excludes_low": True}, "more than 6,000"),
        ({"low": None, "high": 40, "point": None, "excludes_high": True}, "less than 40"),
        ({"low": 15000, "high": 15000, "point": 15000}, "15,000"),
        ({"low": 2.5e6, "high": 3e6, "point": None}, "2.5M – 3M"),
        (None, ""),
    ],
)
def test_format_interval(value, text):
    assert charts.format_interval(value) == text


def test_source_matrix_is_symmetric_and_keeps_the_strongest_score(mixed):
    ids = [s["id"] for s in mixed["sources"]]
    matrix = charts.source_matrix(ids, mixed["findings"])
    assert matrix["sources"] == ids[:6]  # 006 is in no finding
    assert matrix["left_out"] == 1
    cells = {(c["a"], c["b"]): c for row in matrix["rows"] for c in row["cells"]}
    strongest = cells[("001_5bf3baf09f834f00", "003_955fedf622b4fe3e")]  # wounded (0.7022) and troops (0.2107)
    assert (strongest["count"], strongest["max"]) == (2, 0.7022)
    assert cells[("003_955fedf622b4fe3e", "001_5bf3baf09f834f00")]["background"] == strongest["background"]
    assert cells[("001_5bf3baf09f834f00", "002_89a78c87df518bb5")]["count"] == 0


def test_a_large_report_draws_the_most_disputed_quantities_and_sources_and_stays_small():
    data = big_report(3000)
    findings = data["findings"]
    page = render_html(data)
    assert len(page.encode()) < 1100 * len(findings)  # each finding once (it was 12 kB a finding with each card sent)
    assert page.count('<figure class="chart">') == html.MAX_CHARTS
    assert "more disputed quantities are in the findings below" in page

    uncapped = charts.number_lines(findings, {})
    capped = charts.number_lines(findings, {}, max_rows=html.MAX_CHART_ROWS)
    assert [c["label"] for c in capped] == [c["label"] for c in uncapped]
    assert all(len(c["rows"]) <= html.MAX_CHART_ROWS and len(c["rows"]) + c["more"] == len(u["rows"])
               for c, u in zip(capped, uncapped))
    assert any(c["more"] for c in capped) and not any(u["more"] for u in uncapped)

    ids = [s["id"] for s in data["sources"]]
    matrix = charts.source_matrix(ids, findings, max_sources=html.MAX_MATRIX_SOURCES)
    counts = Counter(f[k]["source"] for f in findings for k in "ab")
    assert len(matrix["rows"]) == html.MAX_MATRIX_SOURCES == len(matrix["sources"])
    assert matrix["not_shown"] == len(counts) - html.MAX_MATRIX_SOURCES
    assert min(counts[s] for s in matrix["sources"]) >= max(counts[s] for s in counts if s not in matrix["sources"])
    assert matrix["sources"] == [s for s in ids if s in matrix["sources"]]  # in the report's order
    assert f"{matrix['not_shown']} more are in the source filter below" in page
    assert 'class="panel disagreement wide"' in page  # many sources: the matrix takes the page's width


def test_a_matrix_of_a_few_sources_sits_beside_the_charts(mixed):
    assert 'class="panel disagreement"' in render_html(mixed)


# --- hostile text -------------------------------------------------------------------------------


def test_hostile_text_is_escaped_everywhere(sample):
    data = hostile_report(sample)
    page = render_html(data, verdicts={data["findings"][0]["id"]: {"verdict": "unsure", "note": PAYLOADS[0]}})
    for payload in PAYLOADS[:3]:
        assert payload not in page
    assert page.count("</script") == 2  # the data block and the page's own script, nothing else
    parsed = Tags(page)
    names = [t for t, _ in parsed.tags]
    assert "img" not in names
    assert names.count("svg") == page.count('<figure class="chart">')  # only the number lines
    assert not [(t, name) for t, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert len(parsed.scripts) == 2
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    embedded = embedded_data(page)
    assert embedded["sources"] == [s["id"] for s in data["sources"]]
    assert embedded["findings"][0]["id"] == data["findings"][0]["id"]


# --- in a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    if os.environ.get("CONTRADICTIONS_SKIP_BROWSER") == "1":
        pytest.skip("CONTRADICTIONS_SKIP_BROWSER=1")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) "
            "or set CONTRADICTIONS_SKIP_BROWSER=1 to skip the browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page opened from disk, with what it logged and requested."""

    def __init__(self, browser, path: Path, init_script: str | None = None) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        if init_script:
            self.page.add_init_script(init_script)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def visible_cards(self) -> int:
        return self.page.locator(".card:visible").count()

    def status(self) -> str:
        return self.page.locator("#visible-count").inner_text()


def distinct_colours(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as image:
        return len(image.convert("RGB").getcolors(maxcolors=1 << 20) or [])


@pytest.mark.browser
def test_page_in_chromium_filters_and_draws(chromium, mixed, tmp_path):
    path = write_html(mixed, tmp_path / "report.html", verdicts=VERDICTS)
    visit = Visit(chromium, path)
    page = visit.page
    findings = json.loads(page.locator("#report-data").text_content())["findings"]
    assert page.locator(".card").count() == len(findings) == len(mixed["findings"])
    assert visit.visible_cards() == len(findings)
    assert visit.status() == f"Showing {len(findings)} of {len(findings)} findings"

    page.locator("input[name=kind][value=numeric]").uncheck()
    assert visit.visible_cards() == sum(f["kind"] != "numeric" for f in findings) == 3
    page.locator("#reset").click()

    set_range = "el => { el.value = '0.5'; el.dispatchEvent(new Event('input', {bubbles: true})); }"
    page.eval_on_selector("#min-score", set_range)
    assert visit.visible_cards() == sum(f["score"] >= 0.5 for f in findings) == 5
    assert page.locator("#min-score-value").inner_text() == "0.50"
    page.locator("#reset").click()

    page.locator('.matrix .cell[data-a="002_89a78c87df518bb5"][data-b="003_955fedf622b4fe3e"]').click()
    assert visit.visible_cards() == 1 and page.locator(f"#f-{KILLED}").is_visible()
    page.locator("#pair-chip").click()
    assert visit.visible_cards() == len(findings)

    page.locator("#hide-dismissed").check()
    assert visit.visible_cards() == len(findings) - 1 and not page.locator(f"#f-{TROOPS}").is_visible()
    page.locator("#hide-dismissed").uncheck()

    page.locator("#sort").select_option("source")
    assert page.locator(".card").first.get_attribute("id") == f"f-{QUOTE}"  # sources 000 × 004 come first
    page.locator("#sort").select_option("score")
    assert page.locator(".card").first.get_attribute("id") == f"f-{CONFIRMED_DENIED}"

    killed = page.locator(f"#f-{KILLED}")
    assert killed.locator("mark").first.inner_text() == "around 600"
    assert "Credited to South Korean lawmakers, citing intelligence briefings" in killed.inner_text()
    assert killed.locator(".verdict").inner_text().startswith("Confirmed")
    assert f"ratio 10.0 · similarity 0.8056 · time 0.85 · #{KILLED}" in killed.locator(".card-foot").inner_text()
    context = page.locator(f"#f-{KILLED} details.context").first
    assert not context.locator(".paragraph").is_visible()
    context.locator("summary").click()
    assert "could not be independently verified" in context.locator(".paragraph").inner_text()

    assert page.locator("svg").count() == 3  # troops killed, wounded, deployed
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    blank = tmp_path / "blank.png"
    page.set_content("<html><body></body></html>")
    page.screenshot(path=str(blank), full_page=True)
    assert distinct_colours(blank) == 1
    assert distinct_colours(shot) > 200, "the screenshot looks blank"

    assert visit.errors == []
    assert visit.requests == [visit.url]
    page.close()


@pytest.mark.browser
def test_a_card_names_the_outlets_that_carry_a_side_and_the_source_filter_finds_them(
        chromium, mixed, tmp_path):
    carried = copy.deepcopy(mixed)
    killed = next(f for f in carried["findings"] if f["id"] == KILLED)
    killed["copies"] = [{"side": "b", "source": "006_e3b0c44298fc1c14", "sentence_index": 0, "exact": False}]
    visit = Visit(chromium, write_html(carried, tmp_path / "copies.html"))
    page = visit.page
    sides = page.locator(f"#f-{KILLED} .side")
    assert "Also carried by 006_e3b0c44298fc1c14 (reworded)" in sides.nth(1).inner_text()
    assert "Also carried" not in sides.nth(0).inner_text()
    page.locator("#source-filter").select_option("006_e3b0c44298fc1c14")
    assert visit.visible_cards() == 1 and page.locator(f"#f-{KILLED}").is_visible()
    assert visit.errors == []
    page.close()


def drawn_ids(page) -> list[str]:
    return page.eval_on_selector_all(".card", "cards => cards.map(card => card.id.slice(2))")


def assert_drawn(page, expected: list[dict]) -> None:
    """The cards drawn so far are the first of `expected`, in its order."""
    drawn = drawn_ids(page)
    assert drawn and drawn == [f["id"] for f in expected][: len(drawn)]


@pytest.mark.browser
def test_a_large_report_draws_cards_as_they_scroll_and_filters_and_sorts_all_findings(chromium, tmp_path):
    data = big_report(3000)
    findings, total = data["findings"], len(data["findings"])
    visit = Visit(chromium, write_html(data, tmp_path / "large.html"))
    page = visit.page
    assert visit.status() == f"Showing {total} of {total} findings"
    first_page = len(drawn_ids(page))
    assert 0 < first_page < total  # a page of cards, not 3,000
    page.locator("#more").scroll_into_view_if_needed()
    page.wait_for_function("n => document.querySelectorAll('.card').length > n", arg=first_page)  # as they scroll in
    assert_drawn(page, findings)

    page.locator("input[name=kind][value=numeric]").uncheck()
    kept = [f for f in findings if f["kind"] != "numeric"]
    assert visit.status() == f"Showing {len(kept)} of {total} findings"
    assert_drawn(page, kept)  # the filter ran over all 3,000
    while page.locator("#more").is_visible():
        page.locator("#more").click()
    assert drawn_ids(page) == [f["id"] for f in kept]  # to the last one

    page.locator("#reset").click()
    set_range = "el => { el.value = '0.9'; el.dispatchEvent(new Event('input', {bubbles: true})); }"
    page.eval_on_selector("#min-score", set_range)
    assert visit.status() == f"Showing {sum(f['score'] >= 0.9 for f in findings)} of {total} findings"

    page.locator("#reset").click()
    page.locator("#sort").select_option("source")
    rank = {s["id"]: n for n, s in enumerate(data["sources"])}
    by_source = sorted(range(total), key=lambda n: (sorted(rank[findings[n][k]["source"]] for k in "ab"),
                                                      -findings[n]["score"], n))
    assert_drawn(page, [findings[n] for n in by_source])

    last = findings[by_source[-1]]["id"]  # a link to a card not drawn yet draws down to it
    page.evaluate(f"location.hash = 'f-{last}'")
    page.locator(f"#f-{last}").wait_for(state="visible")
    assert page.locator(f"#f-{last}").is_visible() and len(drawn_ids(page)) == total
    assert visit.errors == []
    page.close()


@pytest.mark.browser
def test_hostile_text_runs_nothing_in_chromium(chromium, sample, tmp_path):
    data = hostile_report(sample)
    path = write_html(data, tmp_path / "hostile.html")
    hook = "window.__calls = []; for (const n of ['alert', 'confirm', 'prompt']) window[n] = () => __calls.push(n);"
    visit = Visit(chromium, path, init_script=hook)
    page = visit.page
    body = page.locator("body").inner_text()
    assert "Officials said <img src=x onerror=alert(1)> before <script>alert(1)</script> after." in body
    assert page.locator(".card").count() == len(data["findings"])
    for summary in page.locator("details summary").all():
        if summary.is_visible():
            summary.click()
    for cell in page.locator(".matrix .cell").all():
        cell.click()
    page.locator("#source-filter").select_option(data["sources"][2]["id"])
    page.wait_for_timeout(200)

    assert page.evaluate("window.__calls") == []
    assert visit.dialogs == []
    injected = page.evaluate(
        """() => ({
            imgs: document.querySelectorAll('img').length,
            scripts: document.scripts.length,
            handlers: [...document.querySelectorAll('*')].filter(
                el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
        })"""
    )
    assert injected == {"imgs": 0, "scripts": 2, "handlers": 0}
    assert visit.errors == []
    assert visit.requests == [visit.url]
    page.close()


def test_stories_show_only_when_the_corpus_was_grouped(mixed):
    assert "Story</th>" not in render_html(mixed)
    grouped = json.loads(json.dumps(mixed))
    grouped["summary"]["stories"] = 2
    for number, source in enumerate(grouped["sources"]):
        source["story"] = 1 + number % 2
    story = {s["id"]: s["story"] for s in grouped["sources"]}
    for finding in grouped["findings"]:
        finding["story"] = story[finding["a"]["source"]]
    page = render_html(grouped)
    assert '<th scope="col" class="num">Story</th>' in page
    first = grouped["findings"][0]
    assert card(page, first["id"])["story"] == first["story"]
    assert "story" not in card(render_html(mixed), first["id"])


def test_a_source_with_a_web_address_links_its_title_and_nothing_else_becomes_a_link(sample):
    data = copy.deepcopy(sample)
    data["sources"][0]["url"] = "https://news.example/kursk?a=1&b=2"
    data["sources"][1]["url"] = "javascript:alert(1)"
    page = render_html(data)
    title = data["sources"][0]["title"]
    assert 'href="https://news.example/kursk?a=1&amp;b=2" rel="noopener noreferrer"' in page
    assert f'rel="noopener noreferrer" target="_blank">{title}</a>' in page
    assert "javascript:" not in page
    assert embedded_data(page)["links"][:3] == ["https://news.example/kursk?a=1&b=2", None, None]  # for the cards

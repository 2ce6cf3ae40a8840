"""Real input formats: saved web pages, .jsonl/.csv/.parquet feeds, column mapping, ids, dates and bad rows."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime, timezone

import pytest

from contradictions.cli.main import main
from contradictions.io.dates import parse_date
from contradictions.io.formats import parse_columns
from contradictions.io.load import load_sources
from contradictions.model import ContradictionsError

from .conftest import FIXTURES

PAGE = FIXTURES / "feeds" / "harbour-news-ferry.html"

ARTICLES = [
    {"source": "Reuters", "title": "Storm kills 40", "date": "2025-04-01", "url": "https://example.com/r",
     "text": "Storm kills 40\n\nAt least 40 people were killed when the storm hit the coast, officials said."},
    {"source": "AP", "title": "Storm toll rises", "date": "April 1, 2025",
     "text": "Storm toll rises\n\nAround 400 people were killed when the storm hit the coast, officials said."},
    {"source": "AFP", "date": "Tue, 01 Apr 2025 10:00:00 GMT",
     "text": "Coastal storm leaves dead\n\nMore than 4,000 people were killed when the storm hit the coast."},
]


def write_jsonl(path, rows):
    path.write_text("".join(line if isinstance(line, str) else json.dumps(line) + "\n" for line in rows))
    return path


def by_id(sources):
    return {s.id: s for s in sources}


# --- saved web pages ---------------------------------------------------------------------------------------------


def test_saved_page_gives_article_text_title_date_outlet_and_url(tmp_path):
    shutil.copy(PAGE, tmp_path / "ferry.html")
    (tmp_path / "other.txt").write_text("Other\n\nA second source.")
    warnings = []
    page = by_id(load_sources(tmp_path, warn=warnings.append))["ferry"]
    assert warnings == []
    assert page.title == "Ferry capsizes off Port Alder; 37 rescued"
    assert page.published == "2025-03-09"  # published, not modified
    assert page.outlet == "Harbour News"
    assert page.url == "https://www.harbour-news.example/world/2025/03/09/ferry-capsizes-port-alder"
    assert "still searching for at least 60 people" in page.text
    for chrome in ("Subscribe", "Sign up for our morning briefing", "Related", "All rights reserved", "dataLayer"):
        assert chrome not in page.text
    assert "\n\nThe vessel was carrying 112" in page.text  # one paragraph per block, as in a .txt article


def test_page_without_metadata_uses_first_line_title_and_hostname(tmp_path):
    (tmp_path / "bare.htm").write_text(
        '<html><head><link rel="canonical" href="https://news.example.org/a/1"></head><body><article>'
        "<p>Bridge reopens after repairs</p><p>The bridge reopened on Friday after six weeks of repairs, "
        "the city said. Copyright 2024</p></article></body></html>"
    )
    (tmp_path / "other.txt").write_text("Other.")
    page = by_id(load_sources(tmp_path))["bare"]
    assert page.title == "Bridge reopens after repairs"
    assert page.outlet == "news.example.org" and page.url == "https://news.example.org/a/1"
    assert page.published is None  # a copyright year in the text is not a publication date


def test_page_with_no_article_text_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "empty.html").write_text(
        "<html><head><title>Loading...</title><script>app()</script></head><body></body></html>"
    )
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.txt").write_text("Two.")
    warnings = []
    assert [s.id for s in load_sources(tmp_path, warn=warnings.append)] == ["a", "b"]
    assert warnings == [f"{tmp_path / 'empty.html'}: no article text found; skipped"]


# --- feeds -------------------------------------------------------------------------------------------------------


def test_jsonl_feed_one_article_per_row_with_metadata(tmp_path):
    sources = by_id(load_sources(write_jsonl(tmp_path / "feed.jsonl", ARTICLES)))
    assert sorted(sources) == ["AFP", "AP", "Reuters"]
    reuters = sources["Reuters"]
    assert (reuters.title, reuters.outlet, reuters.published, reuters.url) == (
        "Storm kills 40", "Reuters", "2025-04-01", "https://example.com/r")
    assert reuters.text.startswith("Storm kills 40\n\nAt least 40 people")
    assert reuters.path == str(tmp_path / "feed.jsonl")
    assert sources["AFP"].title == "Coastal storm leaves dead"  # no title column value: the first line
    assert sources["AP"].url is None


def test_jsonl_bad_lines_are_skipped_with_their_line_numbers(tmp_path):
    rows = [ARTICLES[0], '{"source": "AP", "text": "broken\n', "\n", ARTICLES[1],
            {"source": "X", "text": ""}, {"source": "Y", "text": 17}, ["not", "an", "object"], ARTICLES[2],
            {"source": "Z", "title": ["a", "list"], "text": "Fine text."}]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    warnings = []
    assert sorted(s.id for s in load_sources(feed, warn=warnings.append)) == ["AFP", "AP", "Reuters"]
    assert sorted(warnings) == sorted([
        f"{feed}:2: not valid JSON; skipped",
        f"{feed}:5: no text; skipped",
        f"{feed}:6: the text is a number, not a string; skipped",
        f"{feed}:7: a list, not a JSON object; skipped",
        f"{feed}:9: the title is a list, not a string; skipped",
    ])


def test_ndjson_is_read_like_jsonl(tmp_path):
    assert len(load_sources(write_jsonl(tmp_path / "feed.ndjson", ARTICLES))) == 3


def test_csv_feed_with_a_bad_row_reports_its_physical_line(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text(
        "source,title,date,url,text\n"
        'Reuters,Storm kills 40,2025-04-01,https://example.com/r,"Storm kills 40\n\nAt least 40 people were killed."\n'
        "AP,Storm toll rises,2025-04-01,,Around 400 people were killed.,extra field\n"
        'AFP,,"April 1, 2025",,"More than 4,000 people were killed."\n'
        "BBC,No body,2025-04-01,,\n"
    )
    warnings = []
    sources = by_id(load_sources(feed, warn=warnings.append))
    assert sorted(sources) == ["AFP", "Reuters"]
    assert sources["Reuters"].text == "Storm kills 40\n\nAt least 40 people were killed."  # a quoted multi-line cell
    assert sources["AFP"].published == "2025-04-01" and sources["AFP"].url is None
    assert warnings == [
        f"{feed}:5: 6 fields where the header has 5; skipped",  # the row starts on line 5: line 2's cell spans 3 lines
        f"{feed}:7: no text; skipped",
    ]


def test_parquet_feed_reports_bad_rows_by_row_number(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({
        "source": ["Reuters", "AP", "AFP"],
        "title": ["Storm kills 40", None, "Storm toll"],
        "date": [datetime(2025, 4, 1, 23, 30, tzinfo=timezone.utc), datetime(2025, 4, 2), None],
        "text": [ARTICLES[0]["text"], ARTICLES[1]["text"], None],
    })
    feed = tmp_path / "feed.parquet"
    pq.write_table(table, feed)
    (tmp_path / "extra.txt").write_text("Extra\n\nOne more source.")
    warnings = []
    sources = by_id(load_sources([feed, tmp_path / "extra.txt"], warn=warnings.append))
    assert sorted(sources) == ["AP", "Reuters", "extra"]
    assert sources["Reuters"].published == "2025-04-01" and sources["AP"].published == "2025-04-02"
    assert sources["AP"].title == "Storm toll rises"
    assert warnings == [f"{feed}: row 3: no text; skipped"]


@pytest.mark.parametrize("name, content", [("feed.jsonl", ""), ("feed.jsonl", "\n\n"), ("feed.csv", "source,text\n")])
def test_empty_feed_warns_and_reads_nothing(tmp_path, name, content):
    (tmp_path / name).write_text(content)
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.txt").write_text("Two.")
    warnings = []
    assert [s.id for s in load_sources(tmp_path, warn=warnings.append)] == ["a", "b"]
    assert warnings == [f"{tmp_path / name}: empty feed; nothing read"]
    with pytest.raises(ContradictionsError, match="no readable source"):
        load_sources(tmp_path / name)


def test_empty_parquet_feed(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), tmp_path / "feed.parquet")
    warnings = []
    with pytest.raises(ContradictionsError, match="no readable source"):
        load_sources(tmp_path / "feed.parquet", warn=warnings.append)
    assert warnings == [f"{tmp_path / 'feed.parquet'}: empty feed; nothing read"]


def test_file_that_is_not_parquet_is_skipped_with_a_one_line_warning(tmp_path):
    (tmp_path / "feed.parquet").write_text("source,text\nA,One.\n")
    (tmp_path / "a.txt").write_text("One article.")
    (tmp_path / "b.txt").write_text("Another article.")
    warnings = []
    assert [s.id for s in load_sources(tmp_path, warn=warnings.append)] == ["a", "b"]  # the folder's other files
    [warning] = warnings
    assert re.fullmatch(r"cannot read .*feed.parquet as Parquet: [^\n]*; skipped", warning)


def test_feed_without_a_text_column_is_an_error_naming_its_columns(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"publication": "AP", "body": "Text."}, {"publication": "AFP"}])
    with pytest.raises(ContradictionsError) as err:
        load_sources(feed)
    message = str(err.value)
    assert "\n" not in message and str(feed) in message
    assert "its columns: publication, body" in message and "--columns text=COLUMN" in message


def test_columns_mapping_reads_other_column_names(tmp_path):
    rows = [{"publication": a["source"], "headline": a.get("title"), "body": a["text"]} for a in ARTICLES]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    sources = by_id(load_sources(feed, columns={"text": "body", "outlet": "publication", "title": "Headline"}))
    assert sorted(sources) == ["AFP", "AP", "Reuters"]
    assert sources["AP"].outlet == "AP" and sources["AP"].title == "Storm toll rises"  # column names match any case


def test_mapped_column_that_is_missing_warns(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"body": a["text"], "source": a["source"]} for a in ARTICLES])
    warnings = []
    load_sources(feed, columns={"text": "body", "url": "link"}, warn=warnings.append)
    assert warnings == [f"{feed}: no column 'link' for url (from --columns); left empty"]


@pytest.mark.parametrize(
    "columns, message",
    [({"body": "text"}, "unknown field 'body'"), ({"text": ""}, "must be a name"),
     ({"source": "a", "outlet": "b"}, "names the outlet column twice")],
)
def test_bad_columns_mapping(tmp_path, columns, message):
    with pytest.raises(ContradictionsError, match=message):
        load_sources(write_jsonl(tmp_path / "feed.jsonl", ARTICLES), columns=columns)


def test_parse_columns():
    assert parse_columns("text=body, source = publication") == {"text": "body", "outlet": "publication"}
    for spec, message in [("text", "FIELD=COLUMN"), ("text=body,,", "FIELD=COLUMN"), ("txt=body", "unknown field 'txt'"),
                          ("text=a,text=b", "names 'text' twice")]:
        with pytest.raises(ContradictionsError, match=message):
            parse_columns(spec)


# --- ids -------------------------------------------------------------------------------------------------------


def test_ids_from_id_column_else_unique_outlet_else_outlet_hash_n(tmp_path):
    first = write_jsonl(tmp_path / "one.jsonl", [
        {"source": "Reuters", "text": "R one."},
        {"source": "AP", "text": "AP only."},
        {"id": "custom", "source": "Reuters", "text": "R with an id."},
        {"text": "No outlet at all."},
    ])
    second = write_jsonl(tmp_path / "two.jsonl", [{"source": "Reuters", "text": "R two."}])
    sources = by_id(load_sources([first, second]))
    assert sorted(sources) == ["AP", "Reuters#1", "Reuters#3", "custom", "one"]
    assert sources["Reuters#1"].text == "R one." and sources["Reuters#3"].text == "R two."  # N counts in input order
    assert sources["custom"].outlet == "Reuters" and sources["one"].outlet is None  # no outlet: the feed's stem


def test_numeric_ids_are_text(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"id": 17, "text": "One."}, {"id": 18, "text": "Two."}])
    assert [s.id for s in load_sources(feed)] == ["17", "18"]


def test_ids_clashing_between_a_feed_and_a_file_are_refused(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"source": "AP", "text": "One."}, {"source": "AFP", "text": "Two."}])
    (tmp_path / "AP.txt").write_text("The file.")
    with pytest.raises(ContradictionsError, match="two sources share the source id 'AP'"):
        load_sources([feed, tmp_path / "AP.txt"])
    twice = write_jsonl(tmp_path / "twice.jsonl", [{"id": "x", "text": "One."}, {"id": "x", "text": "Two."}])
    with pytest.raises(ContradictionsError, match=r"'x': .*twice.jsonl:1 and .*twice.jsonl:2"):
        load_sources(twice)


# --- folders -----------------------------------------------------------------------------------------------------


def test_folder_mixes_every_format_and_names_the_suffixes_it_reads(tmp_path):
    shutil.copy(PAGE, tmp_path / "ferry.html")
    (tmp_path / "note.txt").write_text("Note\n\nA text article.")
    write_jsonl(tmp_path / "feed.jsonl", ARTICLES[:2])
    (tmp_path / "feed2.csv").write_text("source,text\nBBC,A CSV article.\n")
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4")
    warnings = []
    assert [s.id for s in load_sources(tmp_path, warn=warnings.append)] == ["AP", "BBC", "Reuters", "ferry", "note"]
    suffixes = ".txt, .md, .html, .htm, .jsonl, .ndjson, .csv or .parquet"
    assert warnings == [f"{tmp_path}: ignored 1 file(s) that are not {suffixes}"]


def test_loaded_sources_pass_through_load_sources_unchanged(tmp_path):
    sources = load_sources(write_jsonl(tmp_path / "feed.jsonl", ARTICLES))
    assert load_sources(sources) == sources


# --- dates -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-04-01", "2025-04-01"),
        ("2025-04-01T23:30:00Z", "2025-04-01"),
        ("2025-04-01T23:30:00-05:00", "2025-04-01"),  # the day as written, not moved to UTC
        ("2025-04-01 10:00:00", "2025-04-01"),
        ("2025-04-01T10:00:00.000+0000", "2025-04-01"),
        ("Tue, 01 Apr 2025 10:00:00 GMT", "2025-04-01"),
        ("Tue, 1 Apr 2025 10:00:00 +0200", "2025-04-01"),
        ("April 1, 2025", "2025-04-01"),
        ("Apr. 1, 2025", "2025-04-01"),
        ("Sept 3 2024", "2024-09-03"),
        ("1 April 2025", "2025-04-01"),
        ("Tuesday, April 1st, 2025 10:00 AM EDT", "2025-04-01"),
        ("2025/04/01", "2025-04-01"),
        (date(2025, 4, 1), "2025-04-01"),
        (datetime(2025, 4, 1, 12), "2025-04-01"),
        ("01/04/2025", None),  # day or month first: ambiguous
        ("yesterday", None),
        ("February 30, 2025", None),
        ("", None),
        (20250401, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_unreadable_date_warns_and_leaves_published_empty(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"source": "A", "date": "last week", "text": "One."},
                                                 {"source": "B", "date": 5, "text": "Two."}])
    warnings = []
    assert [s.published for s in load_sources(feed, warn=warnings.append)] == [None, None]
    assert warnings == [f"{feed}:1: date 'last week' not understood; published left empty",
                        f"{feed}:2: the date is a number, not a date; published left empty"]


# --- command line ------------------------------------------------------------------------------------------------


def test_cli_reads_a_feed_with_columns(tmp_path, fake_analyze, capsys):
    rows = [{"publication": a["source"], "body": a["text"], "date": a["date"], "link": a.get("url")} for a in ARTICLES]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    out = tmp_path / "findings.json"
    assert main(["run", str(feed), "--columns", "text=body,outlet=publication,url=link", "--no-cache",
                 "--json", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    data = json.loads(out.read_text())
    sources = {s["id"]: s for s in data["sources"]}
    assert sorted(sources) == ["AFP", "AP", "Reuters"]
    assert sources["Reuters"]["url"] == "https://example.com/r" and sources["AP"]["url"] is None
    assert sources["AFP"]["outlet"] == "AFP" and sources["AFP"]["published"] == "2025-04-01"
    assert any({f["a"]["source"], f["b"]["source"]} == {"AP", "AFP"} for f in data["findings"])


@pytest.mark.parametrize(
    "columns, message",
    [("body=text", "unknown field 'body' in the column mapping (--columns)"), ("text", "FIELD=COLUMN pairs")],
)
def test_cli_bad_columns_is_one_line_exit_2(tmp_path, capsys, columns, message):
    feed = write_jsonl(tmp_path / "feed.jsonl", ARTICLES)
    assert main(["run", str(feed), "--columns", columns]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("contradictions: error:") and message in err


def test_cli_missing_text_column_is_one_line_exit_2(tmp_path, capsys):
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"source": "A", "body": "One."}, {"source": "B", "body": "Two."}])
    assert main(["run", str(feed)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "its columns: source, body" in err and "--columns" in err

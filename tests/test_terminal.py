"""The terminal report's summary at a narrow width: no column an analyst reads is squeezed out."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from contradictions.report import terminal

FIXTURES = Path(__file__).parent / "fixtures"


def test_summary_keeps_sentence_counts_in_an_80_column_terminal():
    data = json.loads((FIXTURES / "mixed_report.json").read_text())
    out = io.StringIO()
    Console(file=out, width=80).print(terminal.summary(data))
    lines = out.getvalue().splitlines()
    header = next(line for line in lines if line.startswith("source"))
    assert "sentences" in header and "title" in header
    for source in data["sources"]:
        row = next(line for line in lines if line.startswith(source["id"]))
        assert f" {len(source['sentences'])} " in row


def test_a_long_report_prints_the_top_findings_and_says_how_many_more():
    data = json.loads((FIXTURES / "sample_report.json").read_text())
    assert len(data["findings"]) > 2

    def printed(show):
        out = io.StringIO()
        terminal.render(Console(file=out, width=100), data, show=show)
        return out.getvalue()

    top = printed(2)
    assert "#2 " in top and "#3 " not in top
    assert f"Showing the top 2 of {len(data['findings'])} findings" in " ".join(top.split())
    every = printed(None)
    assert f"#{len(data['findings'])} " in every and "Showing the top" not in every


def test_a_side_shows_every_credit_of_its_sentence_when_several_speakers():
    from contradictions.report.view import side_credit

    side = {"attribution": {"speaker": "South Korea", "channel": None, "cue": "accused"},
            "credits": [{"speaker": "South Korea", "channel": None, "cue": "accused"},
                        {"speaker": "Pyongyang and Moscow", "channel": None, "cue": "denied by"}]}
    assert side_credit(side) == "South Korea (accused); Pyongyang and Moscow (denied by)"
    assert side_credit({"attribution": side["attribution"], "credits": side["credits"][:1]}) == "South Korea"


def test_a_side_whose_credit_is_inside_a_clause_still_names_it():
    from contradictions.report.view import side_credit

    nobody = {"speaker": None, "channel": None, "cue": None}
    inside = {"attribution": nobody, "credits": [{"speaker": "Harbour Coalition", "channel": None, "cue": "said"}]}
    assert side_credit(inside) == "Harbour Coalition (said)"
    assert side_credit({"attribution": nobody, "credits": []}) is None
    main = {"speaker": "Harbour Coalition", "channel": None, "cue": "said"}
    assert side_credit({"attribution": main, "credits": [main]}) == "Harbour Coalition"


def test_a_credit_naming_no_one_shows_how_the_claim_came():
    from contradictions.report.view import side_credit

    relayed = {"attribution": {"speaker": None, "channel": None, "cue": "reports"},
               "credits": [{"speaker": "Harbour Council", "channel": None, "cue": "said"},
                           {"speaker": None, "channel": None, "cue": "reports"}]}
    assert side_credit(relayed) == "Harbour Council (said); unnamed sources (reports)"
    hedged = {"attribution": {"speaker": None, "channel": None, "cue": "reportedly"},
              "credits": [{"speaker": None, "channel": None, "cue": "reportedly"}]}
    assert side_credit(hedged) == "unnamed sources (reportedly)"
    assert side_credit({"attribution": {"speaker": None, "channel": None, "cue": None}, "credits": []}) is None


def test_a_side_carried_by_other_outlets_names_them_and_how():
    data = json.loads((FIXTURES / "sample_report.json").read_text())
    finding = data["findings"][0]
    finding["copies"] = [{"side": "a", "source": "wire-copy", "sentence_index": 3, "exact": True},
                         {"side": "a", "source": "rewrite", "sentence_index": 1, "exact": False}]
    out = io.StringIO()
    Console(file=out, width=160).print(terminal.finding_view(finding, 1))
    printed = " ".join(out.getvalue().split())
    assert printed.count("also carried by wire-copy (word for word), rewrite (reworded)") == 1


def test_a_large_feed_lists_only_the_sources_of_the_findings_printed():
    data = json.loads((FIXTURES / "sample_report.json").read_text())
    base = data["sources"][0]
    data["sources"] = data["sources"] + [dict(base, id=f"feed-{k:03d}", title=f"Filler {k}") for k in range(40)]
    out = io.StringIO()
    Console(file=out, width=120).print(terminal.summary(data, show=1))
    text = out.getvalue()
    first = data["findings"][0]
    assert first["a"]["source"] in text and first["b"]["source"] in text
    assert "feed-000" not in text
    listed = len({first["a"]["source"], first["b"]["source"]})
    assert f"{len(data['sources']) - listed} more sources" in text


def test_a_pronoun_no_one_is_named_for_says_so():
    from contradictions.report.view import side_credit

    it = {"speaker": "It", "channel": None, "cue": "warned"}
    assert side_credit({"attribution": it, "credits": [it]}) == "a speaker the text does not name (\u201cIt\u201d)"
    named = {"speaker": "Harbour Coalition", "channel": None, "cue": "warned"}
    assert side_credit({"attribution": named, "credits": [named]}) == "Harbour Coalition"

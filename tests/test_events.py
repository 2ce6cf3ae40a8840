"""Same event or not, end to end on small mixed corpora of hand-written reports (a fake encoder, real parse)."""

from __future__ import annotations

import contradictions
from contradictions.settings import Settings


def report(outlet: str, day: str | None, town: str, dead: str, extra: str = "") -> dict[str, str]:
    date = f"{day} " if day else ""
    return {
        "outlet": outlet,
        "text": f"{date}Blast in {town}. A car bomb exploded near the central market in {town}, officials said. "
                f"{dead} people were killed in the car bomb blast near the central market, officials said. {extra}",
    }


def corpus() -> dict[str, dict[str, str]]:
    """Two incidents in two cities on one day, one of them also reported a day later; fillers make it a feed
    large enough to be grouped into stories; one undated report."""
    articles = {
        "valencia-wire": report("wire", "Mon 03 Mar 2031", "Valencia", "Twelve"),
        "valencia-daily": report("daily", "Tue 04 Mar 2031", "Valencia", "Twenty"),
        "porto-post": report("post", "Mon 03 Mar 2031", "Porto", "Forty"),
        "porto-wire": report("wire", "Mon 03 Mar 2031", "Porto", "Forty"),
        "valencia-wire-again": report("wire", "Mon 03 Mar 2031", "Valencia", "Fifteen"),
        "undated-blog": report("blog", None, "Valencia", "Ninety"),
    }
    for k, town in enumerate(["Oslo", "Lima", "Quito", "Hanoi", "Dakar", "Perth", "Tunis", "Cusco"]):
        articles[f"filler-{k}"] = {"outlet": f"paper{k}", "text": f"0{k + 1} Jun 2029 Floods in {town}. "
                                   f"Rivers rose across {town} after days of rain, forecasters said."}
    return articles


def run(fake_encoder, tmp_path):
    import json

    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": k, **v}) for k, v in corpus().items()), encoding="utf-8")
    return contradictions.analyze(feed, settings=Settings(progress=False, cache=False, threshold=0.3),
                                  encoder=fake_encoder)


def test_only_reports_of_one_incident_from_different_outlets_are_set_against_each_other(fake_encoder, tmp_path):
    result = run(fake_encoder, tmp_path)
    numeric = [f for f in result.findings if f.kind == "numeric"]
    pairs = {frozenset((f.a.source, f.b.source)) for f in numeric}
    assert frozenset(("valencia-wire", "valencia-daily")) in pairs  # one incident, a day apart: compared
    for pair in pairs:
        assert not any(s.startswith("porto") for s in pair) or all(s.startswith("porto") for s in pair)
        assert "undated-blog" not in pair  # nothing places an undated report in a dated feed
        assert pair != frozenset(("valencia-wire", "valencia-wire-again"))  # one outlet is not two sources
    reasons = result.to_dict()["summary"]["pairs_not_compared"]
    assert reasons.get("same outlet") and reasons.get("date unknown")


def test_stories_carry_their_date_range_and_places(fake_encoder, tmp_path):
    data = run(fake_encoder, tmp_path).to_dict()
    stories = {s["story"]: s for s in data["stories"]}
    story_of = {s["id"]: s["story"] for s in data["sources"]}
    valencia = stories[story_of["valencia-daily"]]
    assert valencia["first"] == "2031-03-03" and valencia["last"] == "2031-03-04"
    assert "valencia" in valencia["places"]
    assert story_of["filler-0"] != story_of["valencia-wire"]  # floods in 2029 are not the 2031 blast


def test_the_html_lists_stories_with_dates_and_places(fake_encoder, tmp_path):
    page = tmp_path / "report.html"
    run(fake_encoder, tmp_path).to_html(page)
    html = page.read_text(encoding="utf-8")
    assert 'class="story-table"' in html and "2031-03-03 – 2031-03-04" in html and "Pairs not compared:" in html


def test_an_article_that_states_both_figures_does_not_disagree(fake_encoder):
    articles = {
        "a": "The bus blast wounded 20 people, the monitor said. State media said the bus blast wounded 19 people.",
        "b": "The bus blast wounded 19 people, state media said.",
        "c": "The bus blast wounded 31 people, a hospital said.",
    }
    found = contradictions.analyze(articles, settings=Settings(progress=False, cache=False), encoder=fake_encoder)
    pairs = {frozenset((a, b)) for f in found.findings if f.kind == "numeric"
             for a in [f.a.source] + [c.source for c in f.copies if c.side == "a"]
             for b in [f.b.source] + [c.source for c in f.copies if c.side == "b"]}
    assert frozenset(("a", "b")) not in pairs  # a carries b's 19 itself
    assert frozenset(("b", "c")) in pairs and frozenset(("a", "c")) in pairs  # b's 19 as a copy of a's, against 31


def test_a_war_toll_is_not_set_against_one_attack():
    from contradictions.findings.events import one_event
    from contradictions.model import Finding, Interval, Side

    def side(source, n):
        return Side(source, "s", 0, 0, 0, 1, str(n), 0, 1, value=Interval(n, n, n))

    def finding(ratio):
        return Finding("x", "numeric", 0.9, 0.8, "e", side("a", 700), side("b", 700 * ratio), factors={"ratio": ratio})

    a, b = {"outlet": "wire", "published": "2016-05-02"}, {"outlet": "daily", "published": "2016-05-02"}
    from contradictions.model import Source
    sa, sb = Source("a", "t", "x", **a), Source("b", "t", "x", **b)
    assert one_event(sa, sb, [finding(243.0)]) == []
    assert len(one_event(sa, sb, [finding(8.0)])) == 1


def _numeric(source_a, source_b, n_a, n_b, sentence_a="s", sentence_b="s", score=0.9, fid="x"):
    from contradictions.model import Finding, Interval, Side

    def side(source, n, sentence):
        return Side(source, sentence, 0, 0, 0, 1, str(n), 0, 1, value=Interval(n, n, n))

    return Finding(fid, "numeric", score, 0.8, "e", side(source_a, n_a, sentence_a), side(source_b, n_b, sentence_b),
                   factors={"ratio": max(n_a, n_b) / min(n_a, n_b)})


def _two_reports():
    """Two dated reports of two outlets, the same day."""
    from contradictions.model import Source

    return (Source("a", "t", "x", outlet="wire", published="2016-05-05"),
            Source("b", "t", "x", outlet="daily", published="2016-05-05"))


def test_two_weekdays_are_two_days_events():
    from contradictions.findings.events import one_event

    sa, sb = _two_reports()
    wed = _numeric("a", "b", 12, 20, "Raids on Wednesday killed 12.", "Barrel bombs on Thursday killed 20.")
    same = _numeric("a", "b", 12, 20, "Raids on Wednesday killed 12.", "Raids on Wednesday killed 20.")
    assert one_event(sa, sb, [wed]) == [] and len(one_event(sa, sb, [same])) == 1


def test_sentences_naming_different_specific_places_are_not_compared():
    from contradictions.findings.events import sentence_places

    places = {"Shelling of Valencia killed 12.": ["valencia"], "A massacre in Porto killed 20.": ["porto"],
              "Shelling in Valencia killed 20.": ["valencia"], "Shelling killed 20 in Spain.": ["spain"]}
    read = lambda texts: [places[t] for t in texts]  # noqa: E731
    two = _numeric("a", "b", 12, 20, "Shelling of Valencia killed 12.", "A massacre in Porto killed 20.")
    one = _numeric("a", "b", 12, 20, "Shelling of Valencia killed 12.", "Shelling in Valencia killed 20.")
    wide = _numeric("a", "b", 12, 20, "Shelling of Valencia killed 12.", "Shelling killed 20 in Spain.")
    kept = sentence_places([two, one, wide], ["valencia", "porto"], read=read)
    assert kept == [one, wide]  # "spain" is no specific place in this corpus: it parts nothing


def test_a_sentence_place_counts_when_it_is_as_specific_as_a_known_one():
    from contradictions.findings.events import sentence_places

    places = {"Shelling of Hill City killed 12.": ["hill city"], "Shelling in Old Quarter killed 20.": ["old quarter"],
              "Shelling of eastern Hill City killed 20.": ["eastern hill city"]}
    read = lambda texts: [places[t] for t in texts]  # noqa: E731
    wider = _numeric("a", "b", 12, 20, "Shelling of Hill City killed 12.", "Shelling in Old Quarter killed 20.")
    part = _numeric("a", "b", 12, 20, "Shelling of Hill City killed 12.", "Shelling of eastern Hill City killed 20.")
    # "hill city" is wider than the known "hill city countryside": it parts nothing from the old quarter
    assert sentence_places([wider, part], ["hill city countryside", "old quarter", "hill city east"], read) == [wider, part]
    assert sentence_places([wider], ["hill city", "old quarter"], read) == []  # two known places, apart


def test_a_sentence_naming_no_place_takes_its_reports_unless_the_report_names_the_other_place():
    from contradictions.findings.events import sentence_places
    from contradictions.model import Source

    places = {"Raids on a village in Eastfield killed 34 civilians.": ["eastfield"], "Four civilians were killed.": []}
    read = lambda texts: [places[t] for t in texts]  # noqa: E731
    pair = _numeric("a", "b", 34, 4, "Raids on a village in Eastfield killed 34 civilians.", "Four civilians were killed.")
    known = ["eastfield", "westbrook"]
    westbrook = Source("b", "Shelling hits Westbrook", "Shelling hit Westbrook on Sunday. Four civilians were killed.",
                       places=("westbrook",))
    assert sentence_places([pair], known, read, {"b": westbrook}) == []  # a Westbrook report's toll
    told = Source("b", "Shelling hits Westbrook", "Shelling hit Westbrook and Eastfields villages. Four civilians were "
                  "killed.", places=("westbrook",))
    assert sentence_places([pair], known, read, {"b": told}) == [pair]  # it names Eastfield too: a town in it, maybe
    unplaced = Source("b", "Shelling kills four", "Four civilians were killed.")
    assert sentence_places([pair], known, read, {"b": unplaced}) == [pair]  # nothing places the report
    assert sentence_places([pair], known, read) == [pair]  # no articles given: sentences alone


def test_a_town_is_one_place_with_the_province_its_report_puts_it_in():
    from contradictions.findings.events import sentence_places
    from contradictions.model import Source

    places = {"Gas killed nine children in Millbrook.": ["millbrook"], "Gas killed 11 children in Eastfield.": ["eastfield"],
              "Shelling killed 11 children in Westbrook.": ["westbrook"]}
    read = lambda texts: [places[t] for t in texts]  # noqa: E731
    known = ["millbrook", "eastfield", "westbrook"]
    town = Source("a", "Gas attack on Millbrook", "Gas hit Millbrook in Eastfield.", places=("millbrook",),
                  regions=("eastfield",))
    province = _numeric("a", "b", 9, 11, "Gas killed nine children in Millbrook.", "Gas killed 11 children in Eastfield.")
    other = _numeric("a", "b", 9, 11, "Gas killed nine children in Millbrook.", "Shelling killed 11 children in Westbrook.")
    assert sentence_places([province, other], known, read, {"a": town}) == [province]  # Millbrook lies in Eastfield
    assert sentence_places([province], known, read) == []  # nothing says where Millbrook lies
    elsewhere = Source("a", "Raids on Northtown", "Raids hit Northtown in Eastfield.", places=("northtown",),
                       regions=("eastfield",))
    assert sentence_places([province], known, read, {"a": elsewhere}) == []  # its region is another town's


def test_a_place_where_a_body_sits_is_not_where_it_happened():
    from contradictions.extract.places import lead_places

    assert "britain" not in lead_places(["A Britain-based monitor said 12 people were killed in Homs."])[0]


def test_the_same_two_figures_of_two_sources_are_one_finding():
    from contradictions.findings.rank import distinct_figures

    headline = _numeric("a", "b", 12, 20, score=0.8, fid="h")
    body = _numeric("a", "b", 12, 20, score=0.9, fid="b")
    other = _numeric("a", "c", 12, 20, score=0.7, fid="c")
    assert sorted(f.id for f in distinct_figures([headline, body, other])) == ["b", "c"]


def test_a_claim_whose_actor_one_side_leaves_unnamed_is_not_set_against_a_denial_in_a_mixed_feed():
    from dataclasses import replace

    from contradictions.findings.events import one_event

    sa, sb = _two_reports()
    claim = replace(_numeric("a", "b", 1, 1), kind="assertion", factors={"actors_named": 0.0})
    named = replace(claim, factors={"actors_named": 1.0})
    assert one_event(sa, sb, [claim]) == [] and len(one_event(sa, sb, [named])) == 1


def test_a_part_that_adds_up_to_the_other_sources_total_is_not_a_disagreement(fake_encoder):
    articles = {
        "a": "The first air strike on the depot killed 50 fighters, the ministry said. "
             "A second air strike on the depot killed another 20 fighters, the ministry said.",
        "b": "The air strikes on the depot killed 70 fighters, the ministry said.",
        "c": "The air strikes on the depot killed 110 fighters, a monitor said.",
    }
    found = contradictions.analyze(articles, settings=Settings(progress=False, cache=False), encoder=fake_encoder)
    pairs = {(f.a.source, f.a.span, f.b.source, f.b.span) for f in found.findings if f.kind == "numeric"}
    pairs |= {(b, sb, a, sa) for a, sa, b, sb in pairs}
    assert not any(p[0] == "a" and p[1] == "50" and p[2] == "b" for p in pairs)  # 50 + 20 = 70: a part of b's total
    assert ("b", "70", "c", "110") in pairs  # two totals that differ
    assert ("a", "50", "c", "110") in pairs  # 50 + 20 is not 110: the sum does not explain the gap


def test_a_sum_matches_a_point_exactly_and_a_bound_just_past_it():
    from contradictions.findings.numeric import _is_sum
    from contradictions.model import Interval, Quantity

    def q(low, high, point=None, strict=False):
        return Quantity("x", 0, 1, Interval(low, high, point, excludes_low=strict))

    assert _is_sum(q(70, 70, 70), 70) and not _is_sum(q(70, 70, 70), 71)
    assert _is_sum(q(100, None, strict=True), 104)  # "more than 100": 70 + 34
    assert not _is_sum(q(100, None, strict=True), 100) and not _is_sum(q(100, None, strict=True), 150)
    assert not _is_sum(q(24, 144), 60)  # "dozens" is no sum's


def test_a_place_the_parse_missed_counts_where_it_is_written_as_where_it_happened():
    from contradictions.findings.events import sentence_places
    from contradictions.lexicon import named_where

    known = ["northvale", "south port"]
    assert named_where("Strikes on the town of Akra in the south of rebel-held Northvale wounded 60.", known) == [
        "northvale"]
    assert named_where("A Northvale-based network said eight were killed.", known) == []  # where a body sits
    assert named_where("Northvale forces shelled the area.", known) == []  # an actor, not a place
    read = lambda texts: [[] for _ in texts]  # noqa: E731  # the parse finds no place at all
    apart = _numeric("a", "b", 50, 60, "Raids in the north of South Port left 50 hurt.",
                     "Raids in rebel-held Northvale wounded 60.")
    assert sentence_places([apart], known, read) == []


def test_one_wire_story_in_several_outlets_is_one_finding_that_lists_the_copies():
    from dataclasses import replace

    from contradictions.findings.rank import wire_copies
    from contradictions.model import Copy

    wire = "Shelling killed 6 civilians in the old town of Harbin on Monday, AFP reported."
    reworded = "Six civilians were killed by shelling in the old town of Harbin, the agency said on Monday."
    monitor = "Shelling killed 8 civilians in the old town, a monitor said."
    first = _numeric("wire-a", "monitor", 6, 8, wire, monitor, score=0.8, fid="first")
    second = _numeric("wire-b", "monitor", 6, 8, wire.upper(), monitor, score=0.9, fid="second")  # case aside
    flipped = _numeric("monitor", "wire-c", 8, 6, monitor, wire + " ", score=0.7, fid="flipped")  # either order
    rewrite = _numeric("rewrite", "monitor", 6, 8, reworded.replace("Six", "6"), monitor, score=0.6, fid="rewrite")
    other = _numeric("wire-a", "monitor", 6, 8, wire, "The monitor's count stood at 8 by Tuesday.", fid="other")
    kept = {f.id: f for f in wire_copies([first, second, flipped, rewrite, other])}
    assert sorted(kept) == ["other", "second"]
    assert kept["second"].copies == (Copy("a", "rewrite", 0, exact=False), Copy("a", "wire-a", 0),
                                     Copy("a", "wire-c", 0))
    assert kept["other"].copies == ()
    # other disputed words, or another measure, in the same sentences: another disagreement, not a copy
    seven = replace(first, id="seven", a=replace(first.a, span="7"))
    wounded = replace(first, id="wounded", label="civilians wounded")
    assert len(wire_copies([first, seven, wounded])) == 3


def test_a_wire_story_run_by_two_outlets_is_one_finding_end_to_end(fake_encoder):
    story = "Shelling on the old town of Valencia killed 6 civilians on Monday, the civil defence said."
    articles = {
        "wire-one": f"{story} Rescue teams searched the rubble.",
        "wire-two": f"{story} Schools were closed on Tuesday.",
        "monitor": "Shelling on the old town of Valencia killed 9 civilians on Monday, the civil defence said.",
    }
    found = contradictions.analyze(articles, settings=Settings(progress=False, cache=False), encoder=fake_encoder)
    numeric = [f for f in found.findings if f.kind == "numeric"]
    assert len(numeric) == 1
    (f,) = numeric
    copy_side = "a" if f.a.source.startswith("wire") else "b"
    carried = {f.a.source, f.b.source} | {c.source for c in f.copies}
    assert carried == set(articles) and [c.side for c in f.copies] == [copy_side]
    data = found.to_dict()
    assert data["findings"][0]["copies"][0]["source"] in {"wire-one", "wire-two"}


def _told(sentence_a: str, fig_a: str, sentence_b: str, fig_b: str):
    """A numeric finding between two figures as written in their sentences (spans where they stand)."""
    from dataclasses import replace

    f = _numeric("a", "b", 12, 20, sentence_a, sentence_b)
    return replace(f, a=replace(f.a, span=fig_a, span_start=sentence_a.index(fig_a), span_end=sentence_a.index(fig_a) + len(fig_a)),
                   b=replace(f.b, span=fig_b, span_start=sentence_b.index(fig_b), span_end=sentence_b.index(fig_b) + len(fig_b)))


def test_tolls_of_two_kinds_of_attack_are_two_incidents():
    from contradictions.findings.events import one_event

    sa, sb = _two_reports()
    strikes = "At least 12 people were killed in air strikes on the old town on Monday after rebels fired mortar rounds at it."
    rockets = "Rebels fired rocket shells at the old town, leaving 20 people killed."
    both = "Air strikes and shelling of the old town killed 20 people."
    plain = "Twenty people were killed in the old town."
    assert one_event(sa, sb, [_told(strikes, "12", rockets, "20")]) == []  # the 12 are the air strikes' own
    assert len(one_event(sa, sb, [_told(strikes, "12", both, "20")])) == 1  # a kind in common
    assert len(one_event(sa, sb, [_told(strikes, "12", plain, "Twenty")])) == 1  # one names no kind


def test_a_weapon_is_one_attack_with_what_carried_it():
    from contradictions.findings.events import one_event
    from contradictions.lexicon import kinds_meet

    sa, sb = _two_reports()
    gas = "At least 30 people, among them nine children, died in a suspected chemical attack on the town, medics said."
    raid = "At least 41 people, among them 11 children, were killed in an air raid on the town that released toxic gas."
    bomb = "A car bomb in the town killed 41 people, among them 11 children, police said."
    assert len(one_event(sa, sb, [_told(gas, "nine", raid, "11")])) == 1  # the gas came by air
    assert one_event(sa, sb, [_told(gas, "nine", bomb, "11")]) == []  # a car bomb carries no gas here
    assert kinds_meet(frozenset({"chemical"}), frozenset({"shelling"}))  # rockets carry it too
    assert not kinds_meet(frozenset({"air"}), frozenset({"shelling"}))  # two ways of delivery stay two


def test_a_figure_told_with_no_kind_of_attack_takes_its_reports_headline():
    from dataclasses import replace

    from contradictions.findings.events import one_event

    sa, sb = _two_reports()
    bomber = replace(sb, title="Suicide bomber kills 4 at a clinic in the old town")
    strikes = "At least 12 people were killed in air strikes on the old town, rescuers said."
    bare = "Twenty people were killed in the attack, the monitor said."
    assert one_event(sa, bomber, [_told(strikes, "12", bare, "Twenty")]) == []  # a blast's toll, by its headline
    assert len(one_event(sa, sb, [_told(strikes, "12", bare, "Twenty")])) == 1  # a headline naming no kind
    raid = replace(sb, title="Warplanes hit the old town", text="Air raids hit the old town on Monday. " + sb.text)
    assert len(one_event(sa, raid, [_told(strikes, "12", bare, "Twenty")])) == 1  # the same kind
    first = replace(sb, title="Old town toll rises", text="A car bomb went off in the old town on Monday. More later.")
    assert one_event(sa, first, [_told(strikes, "12", bare, "Twenty")]) == []  # no kind in the title: its first sentence's
    plain = "At least 12 people were killed, rescuers said."
    assert one_event(raid, bomber, [_told(plain, "12", bare, "Twenty")]) == []  # neither sentence names one: headlines
    assert len(one_event(sa, bomber, [_told(plain, "12", bare, "Twenty")])) == 1  # one headline names none


def test_a_toll_of_several_days_is_not_one_days():
    from contradictions.findings.events import one_event

    sa, sb = _two_reports()
    days = _numeric("a", "b", 12, 20, "Rescuers said 45 people were killed in three days of raids.", "Raids killed 7.")
    same = _numeric("a", "b", 12, 20, "Rescuers said 45 people were killed in raids.", "Raids killed 7.")
    assert one_event(sa, sb, [days]) == [] and len(one_event(sa, sb, [same])) == 1


def test_a_country_acting_or_a_body_named_is_no_place_of_the_incident():
    from contradictions.extract.places import lead_places

    assert lead_places(["US-led strikes killed 12 people in Lisbon on Monday.",
                        "US air strikes hit Lisbon, the Northvale Observatory for Human Rights said.",
                        "Fighters of the Islamic State of Iraq and the Levant attacked Lisbon.",
                        "Lisbon strikes killed 12 in Lisbon province."]) == [["lisbon"]] * 3 + [["lisbon", "lisbon province"]]


def test_every_word_of_a_kind_of_attack_is_read_as_that_kind():
    import json
    from importlib import resources

    from contradictions.lexicon import kinds_of_incident

    data = json.loads(resources.files("contradictions").joinpath("data/lexicon.json").read_text("utf-8"))["incidents"]
    for kind, words in data.items():
        if not kind.startswith("_"):
            for word in words:
                assert kind in kinds_of_incident(f"Residents said the {word}s hit the market."), word
    assert kinds_of_incident("The objective was reached by the jetty.") == frozenset()


def test_a_headline_figure_its_body_hedges_is_read_with_the_hedge(fake_encoder):
    settings = Settings(progress=False, cache=False, threshold=0.1)

    def numeric(body_hedge: str):
        articles = {
            "wire": f"Blast kills 60 in Northvale. {body_hedge}60 people were killed in a car bomb blast in Northvale on "
                    "Friday, officials said.",
            "daily": "A car bomb blast killed at least 70 people in Northvale on Friday, the monitor said.",
        }
        found = contradictions.analyze(articles, settings=settings, encoder=fake_encoder)
        return [{f.a.span, f.b.span} for f in found.findings if f.kind == "numeric"]

    assert numeric("At least ") == []  # the headline's 60 is the body's "at least 60": two lower bounds
    assert {"60", "at least 70"} in numeric("")  # the body says 60 too: a disagreement
    credited = {
        "wire": "At least 60 people were killed in a car bomb blast in Northvale on Friday, officials said. A militant "
                "website said 60 people were killed in the car bomb blast.",
        "daily": "A car bomb blast killed at least 70 people in Northvale on Friday, the monitor said.",
    }
    found = contradictions.analyze(credited, settings=settings, encoder=fake_encoder)
    spans = [{f.a.span, f.b.span} for f in found.findings if f.kind == "numeric"]
    assert spans == [{"60", "at least 70"}]  # another party's bare 60 is its own figure, not the officials' hedged one
    def exact(toll: str):
        articles = {
            "wire": "Blast in Northvale kills 60 people. At least 60 people were killed in a car bomb blast in Northvale "
                    "on Friday.",
            "daily": f"A car bomb blast killed {toll} people in Northvale on Friday, the monitor said.",
        }
        found = contradictions.analyze(articles, settings=settings, encoder=fake_encoder)
        return [{f.a.span, f.b.span} for f in found.findings if f.kind == "numeric"]

    assert exact("90") == []  # "at least 60" holds 90: the headline's 60 is that bound
    assert any("50" in spans for spans in exact("50"))  # 50 is below the bound: a disagreement


def test_a_hedge_on_one_party_written_two_ways_still_holds(fake_encoder):
    settings = Settings(progress=False, cache=False, threshold=0.1)
    articles = {
        "wire": "A car bomb blast killed 60 people in Northvale on Friday, the Coastal Rights Observatory said. At least "
                "60 people were killed in the blast, the Observatory said.",
        "daily": "A car bomb blast killed at least 70 people in Northvale on Friday, the monitor said.",
    }
    found = contradictions.analyze(articles, settings=settings, encoder=fake_encoder)
    assert [f for f in found.findings if f.kind == "numeric"] == []  # "the Observatory" is the Coastal Rights one


def test_a_toll_its_report_calls_provisional_is_not_contradicted_by_a_larger_one():
    from dataclasses import replace

    from contradictions.findings.events import one_event

    sa, sb = _two_reports()
    early = replace(sa, text="Twin blasts in the old town killed 18 and wounded 40. The monitor said the toll could rise.")
    deaths = replace(sa, text="Twin blasts killed 18 and wounded 40. The death toll was expected to rise.")

    def hurt(n_a, n_b):
        f = _numeric("a", "b", n_a, n_b, "Twin blasts wounded 40.", "The governor said 74 were wounded.")
        return replace(f, a=replace(f.a, counts="people wounded"), b=replace(f.b, counts="people wounded"))

    assert one_event(early, sb, [hurt(40, 74)]) == []  # its 40 "could rise": the 74 is a later count
    assert len(one_event(sa, sb, [hurt(40, 74)])) == 1  # no such word: a disagreement
    assert len(one_event(early, sb, [hurt(90, 74)])) == 1  # the provisional toll is the larger one
    assert len(one_event(deaths, sb, [hurt(40, 74)])) == 1  # only the death toll was to rise


def test_a_figure_without_a_day_of_its_own_is_told_on_its_leads_day():
    from dataclasses import replace

    from contradictions.findings.events import one_event

    sa, sb = _two_reports()
    tuesday = replace(sb, text="Air strikes on the port on Tuesday killed 26 people, a monitor said. A nurse said a "
                               "strike hit the clinic's yard killing 14.")
    thursday = _numeric("a", "b", 19, 14, "Strikes on Thursday killed 19 people.", "A nurse said a strike hit the "
                        "clinic's yard killing 14.")
    assert one_event(sa, tuesday, [thursday]) == []  # the 14 is Tuesday's, as its report's lead says
    assert len(one_event(sa, sb, [thursday])) == 1  # a lead that names no day: nothing tells two days
    own_time = replace(thursday, b=replace(thursday.b, time="on May 5"))
    assert len(one_event(sa, tuesday, [own_time])) == 1  # a figure with a time of its own is not the lead's


def test_a_toll_its_report_tells_as_grown_from_an_earlier_one_is_not_contradicted_by_a_smaller_one():
    from dataclasses import replace

    from contradictions.findings.events import one_event

    sa, sb = _two_reports()
    grown = replace(sb, text="A car bomb killed 25 in the port. The guards had first given a death toll of 20 but the "
                             "number climbed as bodies were found.")
    risen = replace(sb, text="The death toll from the car bomb in the port rose to 25 and 60 were wounded.")

    def toll(n_a, n_b, counts, sentence_b="A car bomb killed 25 in the port."):
        f = _numeric("a", "b", n_a, n_b, "A car bomb killed 20 in the port.", sentence_b)
        return replace(f, a=replace(f.a, counts=counts), b=replace(f.b, counts=counts))

    assert one_event(sa, grown, [toll(20, 25, "people killed")]) == []  # the earlier 20 it explains itself
    assert len(one_event(sa, sb, [toll(20, 25, "people killed")])) == 1  # no such words: a disagreement
    assert len(one_event(sa, grown, [toll(30, 25, "people killed")])) == 1  # the other side's is the larger
    assert len(one_event(sa, grown, [toll(40, 60, "people wounded")])) == 1  # a death toll grew, not the wounded
    assert one_event(sa, risen, [toll(40, 60, "people wounded", risen.text)]) == []  # told in the grown sentence


def test_a_figure_a_death_toll_is_given_as_counts_the_dead():
    from contradictions.extract.quantities import extract_all

    texts = ["The monitor had first given a death toll of 20 civilians.", "Officials put the death toll at 31.",
             "The death toll from the blast in the port rose to 25 and 60 were wounded."]
    found = [[(q.text, q.event_class) for q in qs] for qs in extract_all(texts)]
    assert found == [[("20", "killed")], [("31", "killed")], [("25", "killed"), ("60", "wounded")]]


def test_an_article_that_also_gives_a_figure_near_the_other_sides_does_not_disagree_with_it(fake_encoder):
    settings = Settings(progress=False, cache=False, threshold=0.1)

    def spans(elsewhere: str, own: str = "dozens of"):
        articles = {
            "wire": "A bus blast in Northvale wounded 20 people on Sunday, a monitor said.",
            "daily": f"A bus blast in Northvale wounded {own} people on Sunday. State media said {elsewhere} people "
                     "were wounded in the bus blast.",
        }
        found = contradictions.analyze(articles, settings=settings, encoder=fake_encoder)
        return [{f.a.span, f.b.span} for f in found.findings if f.kind == "numeric"]

    assert {"20", "dozens of"} not in spans("19")  # its article carries 19 beside "dozens": within rounding of 20
    assert {"20", "dozens of"} in spans("12")
    assert {"20", "35"} in spans("19", own="35")  # its own figure is precise: only the same figure elsewhere counts


def test_an_article_that_also_gives_the_other_sides_figure_told_of_another_doer_does_not_disagree_with_it(fake_encoder):
    def spans(elsewhere: str):
        return _numeric_spans({
            "wire": "The council is seeking clarity on reports that army units killed 1300 people in Northvale.",
            "daily": "Opposition groups say hundreds of people were killed in a gas attack in Northvale. An opposition "
                     f"leader said the attack had killed {elsewhere} people.",
        }, fake_encoder)

    assert {"1300", "hundreds of"} not in spans("1300")  # the very figure, told of the attack rather than the army
    assert {"1300", "hundreds of"} in spans("1200")


def _numeric_spans(articles: dict[str, str], encoder) -> list[set[str]]:
    """The two figures of each numeric finding between two short articles, every pair compared."""
    found = contradictions.analyze(articles, settings=Settings(progress=False, cache=False, threshold=0.1),
                                   encoder=encoder)
    return [{f.a.span, f.b.span} for f in found.findings if f.kind == "numeric"]


def test_a_report_that_gives_the_other_sides_figure_as_its_earlier_count_does_not_disagree_with_it(fake_encoder):
    assert _numeric_spans({
        "wire": "A car bomb blast killed 34 people in Northvale on Friday, the port authority said.",
        "daily": "A car bomb blast killed at least 53 people in Northvale on Friday, the port authority said. The "
                 "authority had initially given a death toll of 34 but the number climbed as bodies were found.",
    }, fake_encoder) == []  # its own earlier 34 is the wire's


def test_a_part_against_a_part_is_not_a_part_against_a_whole(fake_encoder):
    # the 11 are a part of the daily's own 58, but so are the wire's 20: children against children
    assert {"at least 20", "11"} in _numeric_spans({
        "wire": "The Harbour Watch said at least 20 children were among the dead of the blast in Northvale.",
        "daily": "The Harbour Watch said the blast in Northvale killed 58. The Harbour Watch said 11 children were "
                 "killed.",
    }, fake_encoder)


def test_a_place_read_in_other_leads_counts_where_this_lead_names_it_as_where():
    from contradictions.extract.places import article_places
    from contradictions.model import Source

    towns = [f"Town{chr(97 + i)}" for i in range(18)]
    leads = ["Shelling hit Portvale on Monday, killing four.", "Rockets hit Portvale market.",
             "Missile kills 18 in Northland's Portvale Monitor"] + [f"Shelling hit {t}." for t in towns]
    sources = [Source(id=str(i), title=t, text=t) for i, t in enumerate(leads)]  # 21: a corpus, not a handful
    reading = [["portvale"], ["portvale"], []] + [[t.lower()] for t in towns]  # the recogniser missed the third
    assert article_places(sources, read=lambda texts: reading)[:3] == [("portvale",)] * 3
    from contradictions.extract.places import named_where

    assert named_where("A Portvale-based network said 12 were killed.", ["portvale"]) == []  # whose, not where
    assert named_where("Residents of Portvale were evacuated to the hills.", ["portvale"]) == []  # from where
    assert named_where("Fighters of the Islamic State in Portvale and the Levant.", ["portvale"]) == []  # a name
    assert named_where("Shelling on the town of Portvale killed 3.", ["portvale"]) == ["portvale"]


def test_a_town_the_corpus_puts_in_a_province_is_one_with_the_province():
    from contradictions.extract.places import regions
    from contradictions.findings.events import frame_gate
    from contradictions.model import Source

    texts = ["A gas attack hit the town of Millbrook in Westmarch on Tuesday.", "Westmarch was shelled.",
             "Strikes on Westmarch and Ravensdale.", "Millbrook, Westmarch and Ravensdale.",  # a list says nothing
             "Fighters from Westmarch in Ravensdale.", "Ravensdale is quiet."]  # the wider place is the more named
    within = regions(texts, ["millbrook", "westmarch", "ravensdale"])
    assert within == {"millbrook": frozenset({"westmarch"})}

    def report(outlet, places, wider=()):
        return Source(id=outlet, title="t", text="x", outlet=outlet, published="2017-04-04", places=places,
                      regions=wider)

    town = report("wire", ("millbrook",), ("westmarch",))
    assert frame_gate(town, report("daily", ("westmarch",))) is None
    assert frame_gate(report("daily", ("westmarch",)), town) is None
    assert frame_gate(town, report("daily", ("ravensdale",))) == "different places: millbrook vs ravensdale"
    other_town = report("daily", ("oakford",), ("westmarch",))  # two towns of one province are two places
    assert frame_gate(town, other_town) == "different places: millbrook vs oakford"


def test_a_place_named_only_as_the_start_of_a_longer_one_is_not_named():
    from contradictions.lexicon import named_where

    known = ["kafr", "kafr nabl", "hillport", "hillport province"]
    assert named_where("Shelling in Kafr Nabl and in Hillport province killed 5.", known) == [
        "kafr nabl", "hillport province"]  # not "kafr" of Kafr Nabl, nor "hillport" of its province
    assert named_where("Raids on Kafr killed 2.", known) == ["kafr"]


def test_a_lead_cut_short_reads_no_name_cut_short():
    from contradictions.extract.places import LEAD_CHARS, lead
    from contradictions.model import Source

    def cut(opening: str, going_on: str) -> str:  # the lead's end falls `going_on`'s first letter in
        pad = "x " * ((LEAD_CHARS - len(opening) - 1) // 2)
        text = (pad + opening)[-(LEAD_CHARS - 1):] + going_on
        return lead(Source(id="a", title="T", text=text))[len("T. "):].rstrip()

    assert cut("Ministers met in Portvale on W", "ednesday and talked.").endswith("in Portvale on")
    assert cut("Shelling hit East G", "houta, killing four.").endswith("Shelling hit")
    assert cut("Shelling hit the town of Deir e", "z-Zor.").endswith("hit the town of")
    assert cut("A blast hit Portvale. N", "ine people died.").endswith("A blast hit Portvale.")
    assert cut("A blast hit Portvale ", "Monday.").endswith("A blast hit")  # a name may go on past the cut
    assert cut("A blast hit the market ", "on Monday.").endswith("hit the market")
    whole = "A blast hit Portvale on Monday."
    assert lead(Source(id="a", title="T", text=whole)) == f"T. {whole}"  # an uncut lead is whole
    unspaced = "\u6587" * (LEAD_CHARS + 50)  # a script written without spaces: cut, not emptied
    assert lead(Source(id="a", title="T", text=unspaced)) == f"T. {unspaced[:LEAD_CHARS]}"


def test_a_place_named_with_the_country_most_reports_name_is_the_place_alone():
    from contradictions.extract.places import article_places
    from contradictions.findings.events import frame_gate
    from contradictions.model import Source

    reading = [["northlands portvale"], ["portvale northland"], ["northland portvale"], ["northlands hillby"],
               ["western northland"], ["old northland"]] + [["northland", f"town{chr(97 + i)}"] for i in range(16)]
    sources = [Source(id=str(i), title="t", text="x") for i in range(len(reading))]  # 22: "northland" is general
    places = article_places(sources, read=lambda texts: reading)
    assert places[:6] == [("portvale",)] * 3 + [("hillby",), ("western northland",), ("old northland",)]

    def report(outlet, where):
        return Source(id=outlet, title="t", text="x", outlet=outlet, published="2031-03-03", places=where)

    assert frame_gate(report("wire", places[0]), report("daily", places[3])) == "different places: portvale vs hillby"
    assert frame_gate(report("wire", places[0]), report("daily", places[1])) is None

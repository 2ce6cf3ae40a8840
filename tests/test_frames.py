"""The frame gate: two articles are compared only when nothing rules one incident out (hand-written cases)."""

from __future__ import annotations

import pytest

from contradictions.findings.events import event_factor, frame_gate
from contradictions.io.dates import dateline_date
from contradictions.model import Source


def article(outlet=None, published=None, places=()):
    return Source(id=f"{outlet}-{published}-{'-'.join(places)}", title="t", text="x", outlet=outlet,
                  published=published, places=tuple(places))


@pytest.mark.parametrize(
    "a, b, reason",
    [
        (article("wire", "2016-05-02", ["harbour town"]), article("daily", "2016-05-02", ["hill city"]),
         "different places: harbour town vs hill city"),  # two incidents in two cities on one day
        (article("wire", "2016-05-02", ["hill city"]), article("daily", "2016-05-03", ["hill city"]), None),  # a day apart
        (article("wire", "2016-05-02", ["eastern hill city"]), article("daily", "2016-05-02", ["hill city"]), None),
        (article("wire", "2016-05-02"), article("daily", "2016-05-20"), "published 18 days apart"),
        (article("wire", "2016-05-02"), article("wire", "2016-05-02"), "same outlet"),
        (article("wire"), article("daily"), "date unknown"),  # undated: nothing places it in a mixed corpus
        (article("wire", "2016-05-02", ["hill city"]), article("daily", "2016-05-02"), None),  # one names no place
    ],
)
def test_frame_gate(a, b, reason):
    assert frame_gate(a, b) == reason


def test_reports_a_day_apart_rank_lower_than_same_day_ones():
    same_day, _ = event_factor(article("a", "2016-05-02"), article("b", "2016-05-02"))
    apart, note = event_factor(article("a", "2016-05-02"), article("b", "2016-05-03"))
    assert same_day == 1.0 and apart < same_day and note == "reports 1 day apart"


def test_one_incident_reported_the_next_day_is_compared_two_days_later_is_not():
    assert frame_gate(article("wire", "2016-05-02"), article("daily", "2016-05-03")) is None
    assert frame_gate(article("wire", "2016-05-02"), article("daily", "2016-05-04")) == "published 2 days apart"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wed 05 Apr 2017 Harbour blast kills nine. Nine people died ...", "2017-04-05"),
        ("Blast in hill city AFP Sunday 1 Feb 2015 At least seven people ...", "2015-02-01"),
        ("WIRE 18.10.2014 Shelling hit the market ...", "2014-10-18"),
        ("Shelling hit the market on Tuesday, killing 12 people.", None),
        ("Last updated at Mar 092016 HILLTOWN Shelling hit the market ...", "2016-03-09"),  # "Mar 09, 2016" stripped
        ("Updated Mar 92016 Shelling hit the market ...", "2016-03-09"),
        ("In March 2016 shelling hit the market ...", None),  # a month and year, no day
        ("Feb 302016 The market ...", None),  # no such day
        ("Shells hit the hill city market Rocket fire struck two districts of the hill city on Thursday killing 14 "
         "people and wounding 60 in the old market and near the bus station says the Hill City Watch monitoring "
         "group AP Thursday 3 Aug 2017 Rocket fire struck ...", "2017-08-03"),  # past a headline and lead run in
    ],
)
def test_dateline_dates_in_the_text(text, expected):
    assert dateline_date(text) == expected


def test_a_figure_recalled_from_another_time_is_not_set_against_todays():
    from contradictions.findings.events import placed_elsewhere
    from contradictions.model import Side

    def side(time):
        return Side("a", "s", 0, 0, 0, 1, "9", 0, 1, time=time)

    report = article("wire", "2017-04-06")
    assert placed_elsewhere(side("in August 2013"), report)
    assert not placed_elsewhere(side("on Tuesday"), report)
    assert not placed_elsewhere(side(None), report)
    assert not placed_elsewhere(side("in August 2013"), article("wire"))  # undated: nothing to measure from


def test_a_sentence_opening_with_a_date_places_its_figures_on_that_day():
    from contradictions.findings.events import placed_elsewhere
    from contradictions.model import Side

    def told(sentence):
        return Side("a", sentence, 0, 0, 0, 1, "900", 0, 1)

    report = article("wire", "2017-04-06")
    assert placed_elsewhere(told("March 3 2012 Rebels accuse the army of killing more than 900 people."), report)
    assert not placed_elsewhere(told("AFP Thursday 6 Apr 2017 More than 900 people fled, a monitor said."), report)
    assert not placed_elsewhere(told("More than 900 people fled on March 3 2012 and after."), report)  # not its opening


@pytest.mark.parametrize(
    "a, b, one",
    [("eastern aleppo", "aleppo", True), ("raqqa", "raqa", True), ("syrias deir", "deir ezzor", True),
     ("homs province", "homs", True), ("north korea", "south korea", False), ("eastern aleppo", "western aleppo", False),
     ("homs", "idlib", False), ("damascus", "eastern ghouta", False),
     # one Arabic name romanised two ways: an article joined on, doubled letters, "ou" for u, a final -eh for -a
     ("al-marjaneh", "al marjana", True), ("ghouta", "ghuta", True), ("talbiseh", "talbisa", True),
     ("hamah", "hama", True), ("al-dana", "duma", False), ("al-bab", "al-tab", False), ("sarmada", "sarmin", False),
     # alike by spelling only with the same consonants: a vowel is a romanisation's choice, a consonant a name's
     ("daraa", "deraa", True), ("jazal", "jabal al-turkmen", False)],
)
def test_places_that_can_be_one(a, b, one):
    from contradictions.findings.events import _inside

    assert _inside(a, b) is one and _inside(b, a) is one

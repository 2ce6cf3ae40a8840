"""Property-based tests of the figure reader: news-like strings with numbers in every form never make it raise, and
whatever it reads is a sane interval: low <= high, finite, at most `MAX_FIGURE`, and a span inside the text."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contradictions.extract.numbers import MAX_FIGURE, find_figures, parse_number
from contradictions.extract.quantities import extract, load_parser

WORDS = ["soldiers", "troops", "were", "killed", "said", "officials", "in", "April", "the", "of", "and", "about",
         "reported", "dollars", "people", "homes", "Aug.", "Type", "Resolution", "F-16", "by", "last", "year", "—",
         "between", "to", "up", "more", "than", "nearly", "a", "million", "billion", "dozen", "hundreds", "per", "cent"]
HEDGES = ["", "around ", "about ", "more than ", "up to ", "nearly ", "at least ", "fewer than ", "some ", "over "]
SCALES = ["", " million", " billion", " trillion", "k", "bn", " thousand", " hundred", "m"]
FIGURE_WORDS = ["nine", "two dozen", "half a million", "a quarter of a million", "¾ of a million", "3/4 of a billion",
                "twenty-five", "two hundred and fifty", "hundreds of", "tens of thousands of", "a million", "a dozen",
                "one", "the two", "one of", "several hundred", "2½ million", "a third of a"]
ODD = ["1/0", "24/7", "9/11", "0", "00", "0.0", "-5", "1e6", "1,2,3", "1,000.5.6", "9" * 40, "9" * 400, "10:11",
       "2019", "528th", "$", "%", "£5", "€", ",", ".", "5-3", "3-5", "1/2", "½", "Ⅻ", "٣", "１２", "²", "1,000,000,000,000,000,000"]


@st.composite
def digits(draw) -> str:
    value = draw(st.one_of(st.integers(0, 10**6), st.integers(0, 10**25), st.floats(0, 1e7, allow_nan=False)))
    if isinstance(value, float):
        text = f"{value:.{draw(st.integers(0, 3))}f}"
    else:
        text = f"{value:,}" if draw(st.booleans()) else str(value)
    currency = draw(st.sampled_from(["", "", "$", "US$", "€", "£"]))
    return f"{draw(st.sampled_from(HEDGES))}{currency}{text}{draw(st.sampled_from(SCALES))}" + draw(
        st.sampled_from(["", "%", " per cent", " percent", " dollars"]))


@st.composite
def figure(draw) -> str:
    one = draw(st.one_of(digits(), st.sampled_from(FIGURE_WORDS), st.sampled_from(ODD)))
    form = draw(st.sampled_from(["{}", "between {} and {}", "{}-{}", "{} to {}", "({})", '"{}"', "{},", "{}."]))
    return form.format(one, draw(st.one_of(digits(), st.sampled_from(FIGURE_WORDS + ODD))))


news = st.lists(st.one_of(st.sampled_from(WORDS), figure(), st.text(max_size=3)), min_size=1, max_size=14).map(
    " ".join)


def _sane(text: str, value, start: int, end: int) -> None:
    assert 0 <= start < end <= len(text), (start, end)
    ends = [x for x in (value.low, value.high, value.point) if x is not None]
    assert ends, "a figure with no value at all"
    assert all(math.isfinite(x) and 0 <= x <= MAX_FIGURE for x in ends), value
    if value.low is not None and value.high is not None:
        assert value.low <= value.high, value
        if value.point is not None:
            assert value.low <= value.point <= value.high, value


@settings(max_examples=400, deadline=None)
@given(news)
def test_the_figure_reader_never_raises_and_reads_sane_intervals(text):
    for fig in find_figures(text):
        _sane(text, fig.value, fig.start, fig.end)
    for quantity in extract(text):  # pattern only
        _sane(text, quantity.value, quantity.start, quantity.end)
        assert text[quantity.start : quantity.end] == quantity.text


@pytest.fixture(scope="module")
def nlp():
    return load_parser()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(news)
def test_the_figure_reader_with_the_parse_never_raises(nlp, text):
    for quantity in extract(text, nlp(text)):
        _sane(text, quantity.value, quantity.start, quantity.end)
        assert text[quantity.start : quantity.end] == quantity.text


@given(st.integers(0, 10**15))
def test_a_whole_number_as_written_reads_back(number):
    assert parse_number(f"{number:,}") == number
    assert parse_number(str(number)) == number


@pytest.mark.parametrize("text", ["9,999,999,999,999,999,999 soldiers", "3,000,000,000,000,000 soldiers", "9" * 400,
                                  "more than 5,000 trillion"])
def test_figures_past_what_any_report_states_are_not_read(text):
    assert find_figures(text) == []


@pytest.mark.parametrize("text, value", [("¾ of a million", 750_000), ("3/4 of a million", 750_000),
                                         ("a quarter of a million", 250_000), ("half a million", 500_000),
                                         ("two-thirds of a billion", 2e9 / 3), ("2½ million", 2_500_000)])
def test_shares_of_a_number(text, value):
    [fig] = find_figures(f"Officials said {text} people fled.")
    assert fig.value.point == pytest.approx(value)


@pytest.mark.parametrize("text", ["1/0 soldiers", "open 24/7 to all", "the 9/11 attacks", "1/0 of a million"])
def test_ratios_are_not_figures(text):
    assert find_figures(text) == []

"""Time context: anchors found on figures, publication dates, ordering, and time-shifted figures in scoring."""

from __future__ import annotations

import pytest

from contradictions.extract.quantities import extract_all
from contradictions.findings.numeric import score_pair
from contradictions.io.dates import publication_date
from contradictions.model import Sentence
from contradictions.timeline import compare_times, find_anchors, is_cumulative, order, resolve

ANCHORS = [
    "in April", "last year", "since last autumn", "in 2024", "as of Friday", "by mid-October", "on Aug. 21",
    "this week", "earlier this month", "so far", "to date", "at the latest briefing", "over the weekend",
    "since the start of the war", "in the first week", "as of April 3", "last month", "in December 2024",
    "until now", "yesterday", "two weeks ago", "on Thursday", "in early August", "by the end of the year",
    "over the past month", "as of 22 Aug. 2025", "since February 2022", "in mid-2024", "this year",
    "in recent weeks", "at the end of last year", "thus far", "since the war began", "last autumn",
]


@pytest.mark.parametrize("anchor", ANCHORS)
def test_a_figure_carries_its_time_anchor(anchor):
    (q,) = extract_all([f"North Korea sent 15,000 troops to Russia {anchor}."])[0]
    assert q.time == anchor


@pytest.mark.parametrize("anchor", ["In April", "Last year", "So far", "As of April 3", "Over the weekend"])
def test_a_sentence_opening_anchor_is_attached_too(anchor):
    (q,) = extract_all([f"{anchor}, North Korea sent 15,000 troops."])[0]
    assert q.time == anchor


def test_a_reporting_verbs_anchor_dates_the_figure_and_plain_words_are_no_anchor():
    (q,) = extract_all(["Lawmakers said in April that around 600 soldiers had been killed."])[0]
    assert q.time == "in April"
    assert find_anchors("The unit fought in the forest and in the Kursk region.") == []


@pytest.mark.parametrize(
    "anchor, published, day",
    [
        ("on Aug. 21", "2025-08-22", ("2025-08-21", "2025-08-21")),
        ("in April", "2025-08-22", ("2025-04-01", "2025-04-30")),
        ("in December", "2025-08-22", ("2024-12-01", "2024-12-31")),  # a later month is last year's
        ("last year", "2025-08-22", ("2024-01-01", "2024-12-31")),
        ("yesterday", "2025-08-22", ("2025-08-21", "2025-08-21")),
        ("on Friday", "2025-08-22", ("2025-08-22", "2025-08-22")),  # 22 Aug. 2025 is a Friday
        ("last autumn", "2025-08-22", ("2024-09-01", "2024-11-30")),
        ("so far", "2025-08-22", ("2025-08-22", "2025-08-22")),
        ("since last autumn", "2025-08-22", ("2025-08-22", "2025-08-22")),  # a total up to publication
        ("in December 2024", None, ("2024-12-01", "2024-12-31")),
        ("as of 22 Aug. 2025", None, ("2025-08-22", "2025-08-22")),
        ("in early August 2025", None, ("2025-08-01", "2025-08-10")),
    ],
)
def test_anchors_resolve_to_calendar_days(anchor, published, day):
    from datetime import date

    when = resolve(anchor, published)
    assert when.domain == "date"
    assert (date.fromordinal(when.low).isoformat(), date.fromordinal(when.high).isoformat()) == day


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (("in April", None), ("in August", None), "before"),  # months of an unknown year: same year assumed
        (("last year", None), ("so far", None), "before"),  # relative to the same unknown day
        (("in 2024", None), ("in April", None), "unknown"),  # a year against a month of unknown year
        (("in April", None), ("so far", None), "unknown"),
        (("in April", "2025-05-01"), ("so far", None), "unknown"),
        (("in April", "2025-05-01"), ("so far", "2025-08-22"), "before"),
        (("in the first week", None), ("in April", None), "unknown"),
        (("in December 2024", None), ("last year", "2025-03-01"), "overlap"),
    ],
)
def test_order_of_two_anchors(a, b, expected):
    assert order(resolve(*a), resolve(*b)) == expected


def test_cumulative_anchors():
    assert all(is_cumulative(a) for a in ["so far", "to date", "since last autumn", "as of April 3", "until now",
                                         "by mid-October", "at the latest briefing"])
    assert not any(is_cumulative(a) for a in ["in April", "last year", "on Friday", None])


def test_compare_times_uses_publication_dates_for_undated_figures():
    assert compare_times(None, None, "2025-04-01", "2025-08-01").later == "b"
    assert compare_times(None, None).later is None
    assert compare_times("in April", None).status == "one undated"
    assert compare_times("in April", "as of April 3").status == "same"
    assert compare_times("last year", "last year", "2024-06-01", "2025-06-01").status == "different"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Headline\nPublished: 2024-11-05\n\nBody text.", "2024-11-05"),
        ("Headline\nUpdated: Nov. 5, 2024 10:00\n\nBody text.", "2024-11-05"),
        ("Headline\nBy Jane Doe | November 5, 2024\n\nBody text.", "2024-11-05"),
        ("Headline\n\nNovember 5, 2024\n\nBody text.", "2024-11-05"),
        ("Headline\nPublished: 22 Aug. 2025, 10:11 Updated: 22 Aug. 2025, 14:03\nBody.", "2025-08-22"),
        ("Headline\nUpdated: 23 Aug. 2025\nPublished: 22 Aug. 2025\nBody.", "2025-08-22"),  # published wins
        ("Headline\nSEOUL, Nov. 5, 2024 (Yonhap) -- North Korea said on Tuesday that it had sent more troops to "
         "Russia than previously thought, according to officials who spoke on condition of anonymity.", "2024-11-05"),
        ("Headline\nThe pact was signed on November 5, 2024, in Pyongyang by both leaders after months of talks "
         "that officials in Seoul and Washington followed closely.", None),  # a date in a body sentence
        ("Headline\nPublished: Feb. 30, 2024\nBody.", None),  # not a date
        ("Headline\nNo date here at all.", None),
    ],
)
def test_publication_date(text, expected):
    assert publication_date(text) == expected


def test_publication_dates_of_the_seed_articles():
    from tests.conftest import SEEDS

    found = {p.stem[:3]: publication_date(p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt"))}
    assert found == {"000": None, "001": None, "002": None, "003": None, "004": "2025-08-22"}


# --- time-shifted figures in scoring --------------------------------------------------------------------------


def findings(text_a, text_b, published_a=None, published_b=None, similarity=0.8):
    qa, qb = extract_all([text_a, text_b])
    sa = Sentence("a", 0, 0, len(text_a), text_a, 0)
    sb = Sentence("b", 0, 0, len(text_b), text_b, 0)
    return score_pair(sa, sb, qa, qb, similarity, published_a=published_a, published_b=published_b)


UNDATED = ("Around 600 soldiers were killed.", "More than 6,000 soldiers were killed.")


def test_one_dated_figure_is_named_with_its_anchor_and_scores_lower():
    (undated,) = findings(*UNDATED)
    (f,) = findings("Around 600 soldiers had been killed as of April.", "More than 6,000 soldiers were killed.")
    assert f.relation == "contradiction" and f.score < undated.score
    assert "around 600 as of April vs more than 6,000, undated" in f.explanation
    assert "one figure dated as of April, the other undated" in f.explanation


def test_two_different_anchors_score_lower_than_one_and_say_which():
    (one,) = findings("Around 600 soldiers were killed in April.", "More than 6,000 soldiers were killed.")
    (two,) = findings("Around 6,000 soldiers were killed in April.", "About 600 soldiers were killed in August.")
    assert two.score < one.score and two.relation == "contradiction"  # the later figure is smaller: no update
    assert "figures from different times: in April vs in August" in two.explanation
    assert two.factors["time"] == 0.75


def test_anchors_that_cannot_be_ordered_say_so():
    (f,) = findings("Around 600 soldiers were killed as of April.", "More than 6,000 soldiers were killed last year.")
    assert "different times, order unknown: as of April vs last year" in f.explanation
    assert f.relation == "contradiction"


def test_equal_times_written_differently_are_not_time_shifted():
    (f,) = findings("Around 600 soldiers were killed in April.", "More than 6,000 soldiers were killed as of April 3.")
    assert f.factors["time"] == 1.0 and "different times" not in f.explanation


@pytest.mark.parametrize(
    "a, b, published",
    [
        ("Around 600 soldiers had been killed as of April.", "More than 6,000 soldiers have been killed so far.",
         ("2025-04-10", "2025-08-22")),
        ("Around 600 soldiers were killed in April.", "Around 6,000 soldiers were killed in August.", (None, None)),
        ("Around 600 soldiers have been killed.", "More than 6,000 soldiers have been killed to date.",
         ("2025-04-01", "2025-08-01")),
        ("At least 6,000 soldiers have been killed, officials said.", "Around 600 soldiers have been killed.",
         ("2025-08-01", "2025-04-01")),
    ],
    ids=["as of vs so far", "ordered months", "undated vs to date, later report", "at least, later report"],
)
def test_a_growing_running_total_is_possibly_updated(a, b, published):
    (f,) = findings(a, b, *published)
    assert f.relation == "possibly updated" and f.kind == "numeric"
    assert f.score <= 0.45
    assert "possibly updated: the later figure is larger" in f.explanation


def test_a_running_total_needs_a_cue_and_a_known_order():
    (no_cue,) = findings(*UNDATED, "2025-04-01", "2025-08-01")  # later report, larger, but no cumulative cue
    assert no_cue.relation == "contradiction"
    (no_order,) = findings("Around 600 soldiers were killed as of April.", "More than 6,000 soldiers were killed so far.")
    assert no_order.relation == "contradiction"  # a month of unknown year against an undated article's "so far"
    (shrinking,) = findings("Around 6,000 soldiers had been killed as of April.", "About 600 soldiers have been killed so far.",
                            "2025-04-10", "2025-08-22")
    assert shrinking.relation == "contradiction"


def test_possibly_updated_ranks_below_a_contradiction():
    (updated,) = findings("Around 600 soldiers were killed in April.", "Around 6,000 soldiers were killed in August.")
    (contradiction,) = findings(*UNDATED)
    assert updated.score < contradiction.score

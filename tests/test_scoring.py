"""Scoring: each rule, on figures extracted from real sentences, and the ranking between relations."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from contradictions.extract.quantities import extract_all
from contradictions.findings.numeric import compare, same_measure, score_pair
from contradictions.model import Sentence
from contradictions.report.charts import format_interval


def findings(text_a: str, text_b: str, similarity: float = 0.8):
    qa, qb = extract_all([text_a, text_b])
    sa = Sentence("a", 0, 0, len(text_a), text_a, 0)
    sb = Sentence("b", 0, 0, len(text_b), text_b, 0)
    return score_pair(sa, sb, qa, qb, similarity)


def test_disjoint_intervals_are_a_contradiction_with_the_fold_in_the_explanation():
    (f,) = findings("Around 600 North Korean soldiers had been killed.", "More than 6,000 soldiers were killed.")
    assert f.relation == "contradiction" and f.kind == "numeric"
    assert f.explanation.startswith("troops killed: around 600 vs more than 6,000 \u2014 tenfold; ranges don't overlap")
    assert (f.a.span, f.b.span) == ("Around 600", "More than 6,000")  # the spans stay as written
    assert f.a.sentence[f.a.span_start : f.a.span_end] == "Around 600"
    assert f.score > 0.8


def test_overlapping_hedged_estimates_are_a_weaker_discrepancy():
    (f,) = findings("North Korea sent around 14,000 troops.", "North Korea sent around 15,000 troops.")
    assert f.relation == "discrepancy"
    assert "7% apart" in f.explanation
    (c,) = findings("Around 600 soldiers were killed.", "More than 6,000 soldiers were killed.")
    assert f.score < c.score


@pytest.mark.parametrize(
    "a, b",
    [
        ("Pyongyang deployed more than 10,000 troops.", "Pyongyang deployed around 15,000 troops."),
        ("Up to 12,000 troops were sent.", "Around 11,000 troops were sent."),
        ("Thousands of soldiers were sent.", "Some 5,000 soldiers were sent."),
        ("Between 500 and 600 soldiers were killed.", "About 550 soldiers were killed."),
        ("North Korea sent 15,000 troops.", "North Korea sent around 15,000 troops."),
    ],
    ids=["bound holds value", "upper bound holds value", "vague holds value", "range holds value", "same point"],
)
def test_compatible_figures_are_not_findings(a, b):
    assert findings(a, b) == []


def test_compatible_bound_never_outranks_a_real_discrepancy():
    assert not findings("More than 10,000 troops were sent.", "Around 15,000 troops were sent.")
    assert findings("Around 14,000 troops were sent.", "Around 15,000 troops were sent.")


def test_a_part_is_not_set_against_the_whole():
    assert findings(
        "Around 600 North Korean soldiers had been killed.",
        "Kim confirmed that nine soldiers from the 528th Regiment had died during the mission.",
    ) == []


@pytest.mark.parametrize(
    "a, b",
    [
        ("Around 600 soldiers were killed.", "Around 6,000 soldiers were wounded."),  # different events
        ("Kim sent thousands of construction workers.", "Kim sent around 15,000 troops."),  # different things counted
        ("Russia pledged $7 billion in aid.", "Russia pledged 7 million shells."),  # different units
        ("The regiment stayed 120 days.", "The regiment marched 90 km."),  # different dimensions
    ],
)
def test_different_measures_are_not_compared(a, b):
    assert findings(a, b) == []


def test_bare_round_figures_close_together_are_a_discrepancy_not_a_contradiction():
    (f,) = findings("North Korea sent 14,000 troops.", "North Korea sent 15,000 troops.")
    assert f.relation == "discrepancy" and "round figures" in f.explanation


def test_exact_figures_far_apart_are_a_contradiction():
    (f,) = findings("North Korea sent 1,500 troops.", "North Korea sent 15,000 troops.")
    assert f.relation == "contradiction" and "tenfold" in f.explanation


def test_time_anchors_lower_the_score_and_say_so():
    (undated,) = findings("Around 600 soldiers were killed.", "More than 6,000 soldiers were killed.")
    (dated,) = findings("Lawmakers said in April that around 600 soldiers were killed.", "More than 6,000 soldiers were killed.")
    assert dated.score < undated.score
    assert "one figure dated in April, the other undated" in dated.explanation


def test_implicit_counted_noun_needs_similar_sentences():
    a = "Around 600 soldiers were killed."
    b = "Officials say more than 6,000 were killed."
    assert findings(a, b, similarity=0.5) == []
    (f,) = findings(a, b, similarity=0.7)
    assert "weakly aligned: both killed" in f.explanation and f.factors["match"] < 0.95


def test_low_similarity_is_named_in_the_explanation():
    (f,) = findings("Around 600 soldiers were killed.", "More than 6,000 soldiers were killed.", similarity=0.46)
    assert "sentences only 0.46 similar" in f.explanation


def test_each_figure_is_used_once_per_pair():
    fs = findings("Around 600 soldiers were killed and 900 soldiers were killed later.", "More than 6,000 soldiers were killed.")
    assert len(fs) == 1


def test_ids_are_stable_and_distinct():
    f1 = findings("Around 600 soldiers were killed.", "More than 6,000 soldiers were killed.")[0]
    f2 = findings("Around 600 soldiers were killed.", "More than 6,000 soldiers were killed.")[0]
    f3 = findings("Around 700 soldiers were killed.", "More than 6,000 soldiers were killed.")[0]
    assert f1.id == f2.id != f3.id and len(f1.id) == 12


def test_same_measure_and_compare_directly():
    (a,), (b,) = extract_all(["Around 600 soldiers were killed.", "More than 6,000 were killed."])
    assert same_measure(a, b)
    assert compare(a, b).relation == "contradiction"
    assert format_interval(asdict(a.value)) == "540 \u2013 660 (\u2248 600)"
    assert format_interval(asdict(b.value)) == "more than 6,000"


def test_publication_dates_are_optional_and_only_order_undated_figures():
    a, b = "Around 600 soldiers have been killed to date.", "More than 6,000 soldiers have been killed to date."
    (plain,) = findings(a, b)
    assert plain.relation == "contradiction"  # same anchor, no dates: a plain clash
    qa, qb = extract_all([a, b])
    sa, sb = Sentence("a", 0, 0, len(a), a, 0), Sentence("b", 0, 0, len(b), b, 0)
    (dated,) = score_pair(sa, sb, qa, qb, 0.8, published_a="2025-04-01", published_b="2025-08-01")
    assert dated.relation == "possibly updated" and dated.score <= 0.45
    (reversed_,) = score_pair(sa, sb, qa, qb, 0.8, published_a="2025-08-01", published_b="2025-04-01")
    assert reversed_.relation == "contradiction"  # the later report has the smaller total: not an update


def test_possibly_updated_scores_like_a_discrepancy_and_keeps_the_numeric_kind():
    (f,) = findings("Around 600 soldiers were killed in April.", "Around 6,000 soldiers were killed in August.")
    (d,) = findings("North Korea sent around 14,000 troops.", "North Korea sent around 15,000 troops.")
    assert f.kind == "numeric" and f.relation == "possibly updated"
    assert 0.25 <= f.score <= 0.45 and d.score <= 0.5
    assert f.explanation.startswith("troops killed: around 600 in April vs around 6,000 in August \u2014 tenfold")

"""Figures aligned with their true counterparts, then compared: a table of hand-written sentence pairs.

Each case: two sentences, and what the numeric judgement must say of them: None (no finding: the figures agree,
are compatible, or have no counterpart), or (span in a, span in b, relation) for the one finding expected.
Classes, as in issue 15: 1 alignment, 2 strict bounds, 3 coverage (ages, durations, distances, rates, units,
nouns outside the lexicon), 4 scope (parts and running totals), 5 no lexicon gate. All sentences invented.
"""

from __future__ import annotations

import pytest

from contradictions.extract.quantities import extract_all
from contradictions.findings.align import align, compatible
from contradictions.model import Interval

from .test_scoring import findings as judge

C, D = "contradiction", "discrepancy"

CASES = [
    # 1. alignment: each figure against its counterpart, not against every figure
    ("Ana scored 71 and Bo scored 90.", "Ana scored more than 60 and Bo scored 90.", None),
    ("Ana scored 71 and Bo scored 90.", "Ana scored 71 and Bo scored 95.", ("90", "95", C)),
    ("8 people died and scores were hurt.", "Eight people died and about 60 were hurt.", None),
    ("40% of men and 65% of women back the plan.", "40% of men and 65% of women back the plan.", None),
    ("40% of men and 65% of women back the plan.", "45% of men and 65% of women back the plan.", ("40%", "45%", C)),
    ("The convoy carried 12 trucks and 300 tents.", "The convoy carried 12 trucks and 300 tents.", None),
    ("The convoy carried 12 trucks and 300 tents.", "The convoy carried 12 trucks and 450 tents.", ("300", "450", C)),
    ("Rebels freed 14 hostages and kept 3.", "Rebels freed 14 hostages and kept 5.", ("3", "5", C)),
    ("Police arrested 20 men and questioned 70.", "Police questioned 70 and arrested 20 men.", None),
    ("Police arrested 20 men and questioned 70.", "Police questioned 70 and arrested 25 men.", ("20", "25", C)),
    ("Team A won 3 games and lost 9.", "Team A won 3 games and lost 9.", None),
    ("The ferry took 40 cars and 210 passengers.", "The ferry took 210 passengers and 40 cars.", None),
    ("A storm cut power to 5,000 homes and 30 schools.", "A storm cut power to 5,000 homes and 30 schools.", None),
    ("A storm cut power to 5,000 homes and 30 schools.", "A storm cut power to 8,000 homes and 30 schools.",
     ("5,000", "8,000", C)),
    ("The 2 lanes reopened after 6 hours.", "The 2 lanes reopened after 9 hours.", ("6 hours", "9 hours", C)),
    ("Floods killed 11 people and destroyed 400 homes.", "Floods destroyed 400 homes and killed 11 people.", None),
    ("Floods killed 11 people and destroyed 400 homes.", "Floods destroyed 400 homes and killed 17 people.",
     ("11", "17", C)),
    ("Three miners were rescued and two remain trapped.", "Three miners were rescued and two remain trapped.", None),
    # 2. strict bounds: "more/less than" exclude the bound, "at least/at most/up to" hold it
    ("The trail is more than 40 km long.", "The trail is 40 km long.", ("more than 40 km", "40 km", C)),
    ("They delivered less than 30 boxes.", "They delivered 30 boxes.", ("less than 30", "30", C)),
    ("They delivered at least 30 boxes.", "They delivered 30 boxes.", None),
    ("They delivered at most 30 boxes.", "They delivered 30 boxes.", None),
    ("They delivered up to 30 boxes.", "They delivered 30 boxes.", None),
    ("They delivered more than 30 boxes.", "They delivered 45 boxes.", None),
    ("They delivered fewer than 30 boxes.", "They delivered 12 boxes.", None),
    ("They delivered fewer than 30 boxes.", "They delivered 45 boxes.", ("fewer than 30", "45", C)),
    ("The march drew over 2,000 people.", "The march drew 2,000 people.", ("over 2,000", "2,000", C)),
    ("The march drew no fewer than 2,000 people.", "The march drew 2,000 people.", None),
    ("Nearly 500 flights were cancelled.", "500 flights were cancelled.", ("Nearly 500", "500", C)),
    ("More than 10,000 troops were sent.", "Around 15,000 troops were sent.", None),
    # 3. coverage: ages, durations, distances, rates, money with suffixes, nouns outside the lexicon
    ("A 38-year-old man was arrested.", "A 42-year-old man was arrested.", ("38-year-old", "42-year-old", C)),
    ("The suspect, aged 52, was charged.", "The suspect, aged 25, was charged.", ("52", "25", C)),
    ("The driver was 34 years old.", "The driver was 34 years old.", None),
    ("The city imposed a 72-hour curfew.", "The city imposed a 48-hour curfew.", ("72-hour", "48-hour", C)),
    ("The siege lasted 6 hours.", "The siege lasted 6 hours.", None),
    ("The fire spread 40 km along the coast.", "The fire spread 40,000 metres along the coast.", None),
    ("The fire spread 40 km along the coast.", "The fire spread 25 miles along the coast.", None),
    ("The fire spread 40 km along the coast.", "The fire spread 60 miles along the coast.", ("40 km", "60 miles", C)),
    ("The bus was doing 60 km/h.", "The bus was doing 90 km/h.", ("60 km/h", "90 km/h", C)),
    ("The wall is 800 metres long.", "The wall is 800 metres long.", None),
    ("The wall is 800 metres long.", "The wall is 1,200 metres long.", ("800 metres", "1,200 metres", C)),
    ("Engineers repaired 17 bridges.", "Engineers repaired 23 bridges.", ("17", "23", C)),
    ("Volunteers unloaded 30 boxes of aid.", "Volunteers unloaded 30 boxes of aid.", None),
    ("The fund lost $7bn last year.", "The fund lost $7 bn last year.", None),
    ("The fund lost $7bn last year.", "The fund lost $9bn last year.", ("$7bn", "$9bn", C)),
    ("The bank wrote off $400 billion.", "The bank wrote off $300 million.", ("$400 billion", "$300 million", C)),
    ("61% of voters back the plan.", "85% of voters back the plan.", ("61%", "85%", C)),
    ("The regiment stayed 120 days.", "The regiment marched 90 km.", None),
    # identifiers stay out: ordinals, regiment numbers, years, dates, clock times, model names
    ("The 528th Regiment lost 40 men.", "The 529th Regiment lost 40 men.", None),
    ("Talks began in 2019 with 12 envoys.", "Talks began in 2021 with 12 envoys.", None),
    ("The blast came at 10:15 and hurt 9 people.", "The blast came at 11:40 and hurt 9 people.", None),
    ("It flew a Hwasong 17 about 900 km.", "It flew a Hwasong 18 about 900 km.", None),
    ("Fighting resumed on May 4, killing 6.", "Fighting resumed on May 6, killing 6.", None),
    # 4. scope: a part is not the whole, a running total is not one day's toll, a change is not a level
    ("At least 30 people died in the market bombing.", "19 of the dead were soldiers.", None),
    ("At least 30 people died in the market bombing.", "24 people died in the market bombing.",
     ("At least 30", "24", C)),
    ("Some 900 people have been killed since the strikes began.", "Six civilians were killed on Tuesday.", None),
    ("The storm killed 40 people, including 12 children.", "The storm killed 40 people, including 15 children.",
     ("12", "15", C)),
    ("The storm killed 40 people, including 12 children.", "The storm killed 12 people.", ("40", "12", C)),
    ("Exports rose by 300 tonnes to 2,000 tonnes.", "Exports reached 2,000 tonnes.", None),
    ("The clinic treats 80 patients a day.", "The clinic treated 900 patients.", None),
    ("The clinic treats 80 patients a day.", "The clinic treats 120 patients a day.", ("80", "120", C)),
    # 5. no lexicon gate, but different things and events are still not set against each other
    ("The town counted 52 sheep.", "The town counted 70 sheep.", ("52", "70", C)),
    ("Around 600 soldiers were killed.", "Around 6,000 soldiers were wounded.", None),
    ("They sent 200 medics.", "They sent 200 doctors.", None),
    ("The pilot flew 3 sorties.", "The pilot flew 3 sorties.", None),
    ("Mars has a moon about 12 km across.", "Earth has a moon about 3,474 km across.", None),
    ("At least 40 people were killed or injured in the blast.", "Twelve people were killed in the blast.", None),
    ("Around 120 fighters were killed in the raid.", "Around 60 soldiers were killed in the raid.", None),
    ("Eight civilians were killed in the strikes.", "At least 22 people were killed in the strikes.", None),
    ("Fifteen people died in the attack.", "Three more people died of their wounds.", None),
    ("Fifteen people died in the attack.", "Another 12 people died in the attack.", None),
    ("The towns of some 9,000 people have been under siege since May.", "More than 300 people were killed there.", None),
    ("The agency will print its forms in the 12 other regional languages too.", "There are 14 regional languages.", None),
    ("Several hundred sailors will be moved to the port.", "More than 2,000 sailors were moved to the port on Friday.", None),
    ("Several hundred sailors will be moved to the port.", "More than 2,000 sailors will be moved to the port.",
     ("Several hundred", "More than 2,000", C)),
    ("Up to 30 sailors were reported killed.", "The navy said 45 sailors died.", ("Up to 30", "45", C)),
    ("The navy said 12 sailors hurt in the storm were being treated in Northvale.", "The storm injured 40 sailors.", None),
    ("12 sailors hurt in the storm were taken to hospital.", "Nine wounded sailors were taken to hospital.",
     ("12", "Nine", C)),
    ("At least 30 sailors were dead by the evening.", "The navy said 18 sailors died.", ("At least 30", "18", C)),
    # round figures and estimates stay discrepancies, below any contradiction
    ("North Korea sent around 14,000 troops.", "North Korea sent around 15,000 troops.", ("around 14,000", "around 15,000", D)),
]


def test_the_table_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("a, b, expected", CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_alignment_case(a, b, expected):
    findings = judge(a, b)
    if expected is None:
        assert [(f.a.span, f.b.span, f.relation) for f in findings] == []
        return
    span_a, span_b, relation = expected
    (f,) = findings
    assert (f.a.span, f.b.span, f.relation) == (span_a, span_b, relation)
    if relation == C:
        assert f.score >= 0.5
    else:
        assert f.score < 0.5


@pytest.mark.parametrize("a, b", [(a, a) for a, _, _ in CASES] + [(b, b) for _, b, _ in CASES])
def test_a_sentence_never_disagrees_with_itself(a, b):
    assert judge(a, b, similarity=1.0) == []


def test_the_explanation_names_the_excluded_bound_and_what_was_aligned():
    (f,) = judge("The trail is more than 40 km long.", "The trail is 40 km long.")
    assert "more than 40 km excludes 40 km" in f.explanation
    assert "aligned: same place in parallel wording" in f.explanation


def test_identical_figures_anchor_the_rest():
    text_a, text_b = "Ana scored 71 and Bo scored 90.", "Bo scored 90 and Ana scored 60."
    qa, qb = extract_all([text_a, text_b])
    pairs = {(qa[p.i].text, qb[p.j].text) for p in align(text_a, text_b, qa, qb)}
    assert ("90", "90") in pairs and ("71", "60") in pairs


def test_a_figure_without_a_counterpart_is_no_finding():
    assert judge("Floods killed 11 people.", "Floods destroyed 400 homes.") == []


@pytest.mark.parametrize(
    "low, high, excludes_low, excludes_high, value, inside",
    [(40, None, True, False, 40, False), (40, None, False, False, 40, True), (None, 30, False, True, 30, False),
     (None, 30, False, True, 29.9, True), (40, None, True, False, 41, True)],
)
def test_strict_bounds_in_the_interval_model(low, high, excludes_low, excludes_high, value, inside):
    interval = Interval(low, high, None, excludes_low, excludes_high)
    assert interval.contains(value) is inside
    assert interval.overlaps(Interval(value, value, value)) is inside


def test_reasons_a_pair_is_not_compared():
    qa, qb = extract_all(["Around 600 soldiers were killed.", "Around 600 soldiers were wounded."])
    assert compatible(qa[0], qb[0]) == "different events"
    qa, qb = extract_all(["The siege lasted 6 hours.", "The march covered 6 km."])
    assert compatible(qa[0], qb[0]) == "different units"
    qa, qb = extract_all(["The towns of some 9,000 people have been under siege.", "More than 300 people were killed."])
    assert compatible(qa[0], qb[0]) == "one says what happened to them, the other does not"
    qa, qb = extract_all(["The towns of 300 people have been under siege.", "300 people were killed."])
    assert compatible(qa[0], qb[0]) is None  # identical figures stay anchors
    qa, qb = extract_all(["Several dozen armed guards stood watch over the depot.",
                          "The trucks carried several hundred guards who were granted leave."])
    assert qa[0].event_class == "stand" and qb[-1].event_class not in (None, "stand")
    assert compatible(qa[0], qb[-1]) == "different events"  # a plain verb against a lexicon event: two events


@pytest.mark.parametrize(
    "a, b",
    [
        ("Twelve people were killed and 40 wounded in the blast.", "The blast killed 12 people and wounded 40."),
        ("At least 30 people died and 19 of the dead were soldiers.", "19 soldiers were among at least 30 people who died."),
        ("The fund lost $7bn, or 12% of its value, in 2020.", "In 2020 the fund lost 12% of its value, $7 billion."),
        ("Police said 3 officers and 14 protesters were hurt.", "Fourteen protesters and three officers were hurt, police said."),
        ("The convoy of 40 trucks carried 300 tonnes of aid.", "300 tonnes of aid came on 40 trucks."),
        ("Of the 120 passengers, 8 were injured.", "Eight of the 120 passengers were injured."),
        ("About 2,000 people fled, including 600 children.", "Some 2,000 people, 600 of them children, fled."),
    ],
)
def test_the_same_figures_in_other_words_agree(a, b):
    assert judge(a, b) == [] and judge(b, a) == []


def test_a_datelines_words_are_no_ones_figure():
    dated, plain = extract_all(["Tue Mar 4 2031 Shell blast kills 12 in Northvale .", "The moon has a diameter of 3,746 km."])
    assert dated[0].holder == "shell blast"  # not "tue mar shell blast"
    assert plain[0].holder == "moon"


def test_who_says_a_figure_is_neither_what_it_counts_nor_whose_it_is():
    glued, toll, based, published = extract_all([
        "Shells killed 4 people in Northvale on Monday and wounded at least 30 a monitoring group said.",
        "The Harbour Watch group put the death toll at 40 saying there were 6 children among the dead.",
        "The Lyon-based Harbour Watch put the number of boats lost at 14.",
        "Date of publication 4 March 2031 At least 12 people were hurt when a crane fell in Northvale.",
    ])
    assert glued[1].counts != "group" and glued[1].counts_class == "people"  # from the 4 people of its sentence
    assert glued[1].holder != "monitoring group"
    assert toll[0].counts_class is None  # the 6 children are a part of the 40, not what the 40 count
    assert toll[1].counts_class == "child"
    assert "base" not in (based[0].holder or "").split()
    assert not {"date", "publication"} & set((published[0].holder or "").split())

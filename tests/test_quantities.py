"""Quantity extraction: a table of figures (hedges, number words, vague amounts) and of non-figures."""

from __future__ import annotations

import pytest

from contradictions.extract.numbers import parse_number, words_to_number
from contradictions.extract.quantities import extract_all

INF = None  # an open end

# (sentence, span as written, low, high, point, hedge, counts class, event class)
FIGURES = [
    ("Around 600 North Korean soldiers had been killed.", "Around 600", 540, 660, 600, "around", "troops", "killed"),
    ("With more than 6,000 reported killed.", "more than 6,000", 6000, INF, None, "more than", None, "killed"),
    ("North Korea sent around 14,000 troops to Russia.", "around 14,000", 12600, 15400, 14000, "around", "troops", "deployed"),
    ("Pyongyang deployed 15,000 troops.", "15,000", 15000, 15000, 15000, None, "troops", "deployed"),
    ("Pyongyang deployed more than 10,000 troops to Kursk.", "more than 10,000", 10000, INF, None, "more than", "troops", "deployed"),
    ("About 300 soldiers were wounded.", "About 300", 270, 330, 300, "about", "troops", "wounded"),
    ("Some 3,000 workers were sent.", "Some 3,000", 2700, 3300, 3000, "some", "workers", "deployed"),
    ("Roughly 200 civilians died.", "Roughly 200", 180, 220, 200, "roughly", "civilians", "killed"),
    ("Nearly 1,000 troops were killed.", "Nearly 1,000", 900, 1000, 1000 and None, "nearly", "troops", "killed"),
    ("Almost 50 soldiers died.", "Almost 50", 45, 50, None, "almost", "troops", "killed"),
    ("Up to 12,000 troops could be deployed.", "Up to 12,000", INF, 12000, None, "up to", "troops", "deployed"),
    ("At least 40 people were killed.", "At least 40", 40, INF, None, "at least", "people", "killed"),
    ("Over 500 soldiers were captured.", "Over 500", 500, INF, None, "over", "troops", "captured"),
    ("Fewer than 100 troops returned.", "Fewer than 100", INF, 100, None, "fewer than", "troops", "returned"),
    ("Less than 20 soldiers were wounded.", "Less than 20", INF, 20, None, "less than", "troops", "wounded"),
    ("At most 30 officers were detained.", "At most 30", INF, 30, None, "at most", "officers", "captured"),
    ("As many as 8,000 troops were sent.", "As many as 8,000", INF, 8000, None, "as many as", "troops", "deployed"),
    ("Nine soldiers died in the attack.", "Nine", 9, 9, 9, None, "troops", "killed"),
    ("At least 12 sailors were dead by noon.", "At least 12", 12, INF, None, "at least", "troops", "killed"),
    ("Some 300 people were reported killed.", "Some 300", 270, 330, 300, "some", "people", "killed"),
    ("Forty guards were confirmed dead.", "Forty", 40, 40, 40, None, "guard", "killed"),
    ("Two dozen soldiers were wounded.", "Two dozen", 24, 24, 24, None, "troops", "wounded"),
    ("A dozen soldiers were wounded.", "A dozen", 12, 12, 12, None, "troops", "wounded"),
    ("Twenty-five soldiers were killed.", "Twenty-five", 25, 25, 25, None, "troops", "killed"),
    ("Two hundred soldiers were killed.", "Two hundred", 200, 200, 200, None, "troops", "killed"),
    ("Kim agreed to send thousands of military construction workers.", "thousands of", 2000, 9999, None, "thousands of", "workers", "deployed"),
    ("Hundreds of soldiers were killed.", "Hundreds of", 200, 999, None, "hundreds of", "troops", "killed"),
    ("Tens of thousands of troops were deployed.", "Tens of thousands of", 20000, 99999, None, "tens of thousands of", "troops", "deployed"),
    ("Dozens of civilians were wounded.", "Dozens of", 24, 144, None, "dozens of", "civilians", "wounded"),
    ("Several hundred soldiers were captured.", "Several hundred", 300, 900, None, "several hundred", "troops", "captured"),
    ("Between 500 and 600 people were killed.", "Between 500 and 600", 500, 600, None, "between", "people", "killed"),
    ("Some 3,000-4,000 soldiers were wounded.", "Some 3,000-4,000", 3000, 4000, None, "some", "troops", "wounded"),
    ("1.5 million shells were supplied.", "1.5 million", 1_500_000, 1_500_000, 1_500_000, None, "shells", "supplied"),
    ("Russia pledged $7 billion in aid.", "$7 billion", 7e9, 7e9, 7e9, None, None, "paid"),
    ("Up to 40% of the troops were killed.", "Up to 40%", INF, 40, None, "up to", None, "killed"),
    ("A 500-strong force was sent.", "500", 500, 500, 500, None, None, "deployed"),
    ("The army sent 7bn rubles.", "7bn rubles", 7e9, 7e9, 7e9, None, None, "deployed"),
]


@pytest.mark.parametrize("sentence, span, low, high, point, hedge, counts, event", FIGURES)
def test_figure(sentence, span, low, high, point, hedge, counts, event):
    found = extract_all([sentence])[0]
    assert [q.text for q in found] == [span]
    q = found[0]
    assert (q.value.low, q.value.high) == (pytest.approx(low) if low is not None else None,
                                           pytest.approx(high) if high is not None else None)
    if point is not None:
        assert q.value.point == pytest.approx(point)
    assert q.hedge == hedge
    assert q.counts_class == counts
    assert q.event_class == event


# Sentences whose numbers are not figures: years, dates, clock times, ordinals, durations, identifiers.
NOT_FIGURES = [
    "Nine soldiers from the 528th Regiment had died.|Nine",
    "The Type 23 frigate HMS Richmond entered the base.|",
    "The ships entered Busan on Aug. 11 and 12, respectively.|",
    "The Rodong Sinmun reported on Aug. 21.|",
    "The summit collapsed in 2019 after talks.|",
    "Thu 04 Jun 2020 at 0915 Harbour Desk - A ferry sank off the coast.|",  # a dateline's year and clock time
    "By March 2021 the bridge had reopened.|",
    "Published: 22 Aug. 2025, 10:11 Updated: 22 Aug. 2025, 14:03|",
    "The meeting began at 10 a.m. on Friday.|",
    "F-16 jets and Su-57 fighters flew over the G7 summit.|",
    "UN Resolution 2231 was cited.|",
    "He was the first leader to visit since 1953.|",
    "One of the soldiers said they had fought bravely.|",
    "The two countries signed a mutual defence pact.|",
    "The 1950-53 Korean War ended in an armistice.|",
    "Flight MH17 was shot down on 17 July 2014.|",
    "COVID-19 spread quickly in 2020.|",
    "The Hwasong 17 missile was shown at the parade.|",
    "The talks were held on 21 August.|",
    "Article 5 of the treaty was invoked.|",
    "A 7.8-magnitude quake struck.|",
    "Kim Jong Un, 41, met Putin.|",
    "Busan Naval Operations Base hosted 2 ships on Aug. 11 and 12.|2",
    "The panel found the navy behind at least three spills in 2014 and 2015 involving diesel.|at least three",
    "Between 2011 and 2015 some 25,000 trees were felled.|some 25,000",
    "The first two storms were reported in Northvale.|",
    "Between 1900 and 2000 people fled the storm.|Between 1900 and 2000",
    "Storm season: report 214 from Northvale|",  # a report's number, with nothing counted
    "Flood crisis, day 38: the river keeps rising.|",
    "Wardens report 12 stranded in the valley.|12",  # a verb's figure
]


@pytest.mark.parametrize("case", NOT_FIGURES)
def test_not_a_figure(case):
    sentence, expected = case.split("|")
    found = [q.text for q in extract_all([sentence])[0]]
    assert found == ([expected] if expected else [])


def test_part_scope_is_marked():
    (q,) = extract_all(["Kim confirmed that nine soldiers from the 528th Regiment had died during the mission."])[0]
    assert q.scope == "part" and "528th Regiment" in q.part


def test_a_subject_that_is_the_figures_own_event_holds_nothing():
    (q,) = extract_all(["The elimination of 34 militants was confirmed by the ministry."])[0]
    assert q.holder is None  # "elimination" is what happened to the 34, not whose figure it is
    found = extract_all(["Another 11 buses carrying some 500 people left the town."])[0]
    assert [q.holder for q in found if q.text == "some 500"] == ["bus"]  # the buses' 500


def test_a_place_named_after_the_counted_noun_is_where_not_a_part():
    (q,) = extract_all(["A car bomb killed 90 people in Northvale on Friday."])[0]
    assert q.scope == "whole"  # as "90 people were killed in Northvale": where they died


def test_others_count_what_the_rest_of_the_sentence_counts():
    dead, hurt = extract_all(["The blast killed 5 sailors and wounded 20 others."])[0]
    assert (hurt.counts, hurt.counts_class, hurt.event_class) == ("others", "troops", "wounded")


def test_a_group_told_twice_in_one_sentence_is_one_group():
    also, again = extract_all(["Nine sailors were also killed on Monday when the frigate sank, killing 9 sailors."])[0]
    assert also.scope == again.scope == "change"
    glued = extract_all(["Storm kills 12 sailors in Northvale harbour blast Monitor Twelve sailors died on Monday."])[0]
    assert "change" not in {q.scope for q in glued}


def test_a_count_its_article_gives_as_superseded_is_an_earlier_one():
    found = extract_all(["The previous death toll was 20 with 50 others injured.", "The port authority had initially "
                         "given a death toll of 34 sailors but the number climbed.", "The death toll was at least 24.",
                         "Earlier, 12 sailors were killed in Northvale."])
    assert [[(q.text, q.scope, q.event_class) for q in qs] for qs in found] == [
        [("20", "earlier", "killed"), ("50", "earlier", "wounded")], [("34", "earlier", "killed")],
        [("at least 24", "whole", "killed")], [("12", "whole", "killed")]]


def test_a_plan_is_not_what_happened():
    plans = extract_all(["Several hundred sailors will be moved to the port.", "About 3,000 people are expected to leave.",
                         "The deal is set to see more than 300 people evacuated."])
    assert [q.scope for found in plans for q in found] == ["plan"] * 3
    (done,) = extract_all(["Several hundred sailors were moved to the port."])[0]
    assert done.scope == "whole"


def test_a_group_included_takes_the_tolls_event():
    toll, part = extract_all(["The flood killed 30 people, including 12 children."])[0]
    assert (part.counts_class, part.event_class, part.scope) == ("child", "killed", "part")
    (convoy,) = extract_all(["The convoy included 40 trucks."])[0]
    assert convoy.event is None  # "included" says what is counted in, not what happened to them


def test_every_group_listed_after_including_is_a_part():
    toll, children, women, medics, hurt = extract_all(
        ["The blast killed 40 people, including 11 children, five women and two medics, and wounded 60."])[0]
    assert [q.scope for q in (toll, children, women, medics, hurt)] == ["whole", "part", "part", "part", "whole"]
    (soldiers, civilians) = extract_all(["The strike killed 12 soldiers and 30 civilians."])[0]
    assert soldiers.scope == civilians.scope == "whole"  # joined, but neither is within the other


def test_a_group_among_the_dead_takes_their_event():
    (civilians, total) = extract_all(["Four villagers were among at least 30 people killed in the raids."])[0]
    assert (civilians.counts_class, civilians.event_class) == ("people", "killed") and total.event_class == "killed"
    (one, hurt) = extract_all(["One farmer was among those killed and 12 were wounded."])[0]
    assert one.event_class == "killed" and hurt.event_class == "wounded"


def test_a_group_told_of_beside_another_is_not_the_toll():
    (also,) = extract_all(["Nine guards were also killed at the gate."])[0]
    (plain,) = extract_all(["Nine guards were killed at the gate."])[0]
    assert also.scope == "change" and plain.scope == "whole"


def test_kinds_of_vehicle_count_as_vehicles():
    suvs, vans = extract_all(["The strikes destroyed 5 SUVs and 2 vehicles carrying ammunition."])[0]
    assert suvs.counts_class == vans.counts_class == "vehicles"


def test_implicit_count_is_inferred_from_the_sentence():
    sentence = "Around 600 North Korean soldiers had been killed from a total deployment of 15,000."
    first, second = extract_all([sentence])[0]
    assert second.text == "15,000" and second.counts is None and second.counts_class == "troops"
    assert second.event_class == "deployed"


@pytest.mark.parametrize(
    "text, value",
    [("15,000", 15000), ("1.5 million", 1_500_000), ("7bn", 7e9), ("nine", 9), ("twenty-five", 25),
     ("two hundred and fifty", 250), ("a dozen", 12), ("two dozen", 24), ("half a million", 500_000), ("3.2k", 3200)],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_words_to_number_rejects_other_words():
    assert words_to_number("many soldiers") is None


def test_time_anchor_follows_the_figures_verb():
    sentence = ("South Korean lawmakers said in April that around 600 North Korean soldiers had been killed "
                "from a total deployment of 15,000, citing intelligence briefings.")
    q600 = extract_all([sentence])[0][0]
    assert q600.time == "in April"
    other = ("South Korean, Ukrainian and Western officials say North Korea sent around 14,000 troops to Russia "
             "last year under a mutual defence pact, with more than 6,000 reported killed.")
    sent, killed = extract_all([other])[0]
    assert sent.time == "last year" and killed.time is None


@pytest.mark.parametrize(
    "sentence, time",
    [
        ("Around 600 soldiers have been killed so far, officials said.", "so far"),
        ("As of Aug. 21, more than 6,000 soldiers had been killed.", "As of Aug. 21"),
        ("Since the start of the war, 14,000 troops have been sent.", "Since the start of the war"),
        ("Two weeks ago, officials said 600 soldiers had been killed.", "Two weeks ago"),
        ("The army sent 5,000 troops in the first week of the offensive.", "in the first week of the offensive"),
        ("Around 600 soldiers were killed in the Kursk region.", None),  # a place, not a time
        # the small parser reads "a blast, killed ..." (the verb an acl of the blast): the day is still the killing's
        ("On Sunday, a powerful blast killed at least 40 people at the crossing.", "On Sunday"),
    ],
)
def test_time_anchor_phrasings_beyond_dates(sentence, time):
    (q,) = extract_all([sentence])[0]
    assert q.time == time


def test_a_vague_amount_told_as_an_activity_going_on_is_no_incidents_toll():
    sentences = ["The monitor said the army was trying to clear the hills but killing dozens of farmers in the process.",
                 "Army shelling killed dozens of farmers in the hills on Monday.",
                 "Troops were shelling the hills, killing dozens of farmers."]  # a toll told beside what went on
    scopes = [[q.scope for q in found] for found in extract_all(sentences)]
    assert scopes == [["ongoing"], ["whole"], ["whole"]]


"""Attribution: who said it (a table of sentences, most from seeds/), the alias table, and attribution findings."""

from __future__ import annotations

import json

import pytest

from contradictions.aliases import AliasTable
from contradictions.extract.attribution import extract
from contradictions.findings.attribution import attribution_findings, compatible, describe, quote_match
from contradictions.model import Attribution, ContradictionsError, Sentence, SentenceAttribution

NKSM = "North Korean state media"


@pytest.fixture(scope="module")
def aliases() -> AliasTable:
    return AliasTable.load()


# (sentence, [(speaker, channel, cue, phrase as written)], describe(primary)); seed numbers in comments.
ATTRIBUTIONS = [
    # 001: an outlet as the subject is a channel, and names no speaker
    ("The official Korean Central News Agency (KCNA) said Kim awarded state \"hero\" titles to commanders.",
     [(None, "KCNA", "said", "The official Korean Central News Agency (KCNA) said")], "KCNA"),
    ("The Korean Central News Agency said Kim personally met the returning personnel.",  # 000
     [(None, "KCNA", "said", "The Korean Central News Agency said")], "KCNA"),
    ("North Korea's leader Kim Jong-un held a ceremony in the capital Pyongyang to award state honours to soldiers "
     "who returned from combat in Ukraine and to mourn those killed, state media said on Friday.",  # 001
     [(None, NKSM, "said", "state media said")], NKSM),
    ("\"The participants of overseas operations, through their steadfast struggle and noble sacrifice, achieved great "
     "feats that will be remembered in history forever,\" Kim said in a speech.",  # 001
     [("Kim Jong-un", None, "said", "Kim said")], "Kim Jong-un"),
    ("According to South Korean assessments, North Korea has sent around 15,000 troops to Russia since last autumn.",
     [("South Korean assessments", None, "according to", "According to South Korean assessments")],
     "South Korean assessments"),  # 001
    ("Kim has also agreed to send thousands of military construction workers and deminers to Kursk, a deployment "
     "South Korean intelligence believes could happen soon.",  # 001: inside a clause, so not the main claim
     [("NIS", None, "believes", "South Korean intelligence believes")], "unattributed"),
    ("Experts say North Korea's military would also obtain valuable combat experiences from the war.",  # 001
     [("Experts", None, "say", "Experts say")], "Experts"),
    ("Last week, Kim and Russian President Vladimir Putin held a phone call to discuss their deepening ties, "
     "according to both countries' state media.",  # 001
     [(None, "both countries' state media", "according to", "according to both countries' state media")],
     "both countries' state media"),
    ("Putin had reportedly praised the \"bravery, heroism and self-sacrificing spirit\" displayed by North Korean "
     "troops.", [(None, None, "reportedly", "reportedly")], "unnamed sources (reportedly)"),  # 001
    ("Russia's TASS state news agency reported that Putin had also shared information with Kim about the talks.",
     [(None, "TASS", "reported", "Russia's TASS state news agency reported")], "TASS"),  # 001
    ("Kim told Putin that Pyongyang will fully support \"all measures to be taken by the Russian leadership in the "
     "future, too,\" as they discussed advancing ties in \"all fields\" under a strategic partnership agreement, "
     "KCNA said.",  # 001: a speaker and the outlet that carries him, from two phrases
     [("Kim Jong-un", None, "told", "Kim told"), (None, "KCNA", "said", "KCNA said")], "Kim Jong-un, via KCNA"),
    ("According to state media, the North Korean leader said his forces had demonstrated the \"fighting spirit of the "
     "heroes\" in their role in retaking Russia's Kursk region.",  # 002
     [(None, NKSM, "according to", "According to state media"),
      ("Kim Jong-un", None, "said", "the North Korean leader said")], f"Kim Jong-un, via {NKSM}"),
    ("\"The combat activities of overseas operational forces ... proved without regret the power of the heroic "
     "[North Korean] army,\" Kim was quoted by the Korean Central News Agency (KCNA) as saying.",  # 002
     [("Kim Jong-un", "KCNA", "quoted by",
       "Kim was quoted by the Korean Central News Agency (KCNA) as saying")], "Kim Jong-un, via KCNA"),
    ("KCNA reported that Kim personally met officers of the overseas operation and expressed \"warm militant "
     "encouragement\" to the commanders and troops.",  # 002
     [(None, "KCNA", "reported", "KCNA reported")], "KCNA"),
    ("Putin described them as \"heroic\", recalling that Soviet and Korean forces had fought together against Japan.",
     [("Vladimir Putin", None, "described", "Putin described")], "Vladimir Putin"),  # 002
    ("Intelligence agencies in South Korea and the West estimate that Pyongyang deployed more than 10,000 troops.",
     [("Intelligence agencies in South Korea and the West", None, "estimate",
       "Intelligence agencies in South Korea and the West estimate")],
     "Intelligence agencies in South Korea and the West"),  # 002
    ("South Korean lawmakers said in April that around 600 North Korean soldiers had been killed from a total "
     "deployment of 15,000, citing intelligence briefings.",  # 002: "citing" names the channel
     [("South Korean lawmakers", "intelligence briefings", "citing", "South Korean lawmakers said")],
     "South Korean lawmakers, citing intelligence briefings"),
    ("DPRK state media reported Saturday that the 528th Regiment of Engineers had carried out combat duties.",
     [(None, NKSM, "reported", "DPRK state media reported")], NKSM),  # 003
    ("Russia's Defence Ministry also separately confirmed that North Korean troops had played an important role.",
     [("Russian Defence Ministry", None, "confirmed", "Russia's Defence Ministry also separately confirmed")],
     "Russian Defence Ministry"),  # 003
    ("South Korean, Ukrainian and Western officials say North Korea sent around 14,000 troops to Russia last year.",
     [("South Korean, Ukrainian and Western officials", None, "say",
       "South Korean, Ukrainian and Western officials say")], "South Korean, Ukrainian and Western officials"),  # 003
    ("The General Secretary of the Workers Party of Korea said that for its bravery, the unit will be awarded the "
     "Order of Freedom and Independence.",  # 003
     [("Kim Jong-un", None, "said", "The General Secretary of the Workers Party of Korea said")], "Kim Jong-un"),
    ("In his address, Kim said the regiment had operated in \"dangerous areas under combat conditions,\" "
     "demonstrating \"absolute loyalty\" to the party.",  # 003: after an introductory phrase
     [("Kim Jong-un", None, "said", "Kim said")], "Kim Jong-un"),
    ("North Korean leader Kim Jong-un met with commanders of the country's military unit recently returned from "
     "deployment in Russia, the state-run Rodong Sinmun reported on Aug. 21.",  # 004
     [(None, "Rodong Sinmun", "reported", "the state-run Rodong Sinmun reported")], "Rodong Sinmun"),
    ("North Korean leader Kim Jong-un is set to present them with national commendations - a move analysts say is "
     "intended to shore up public sentiment.",  # 004: inside a clause
     [("analysts", None, "say", "analysts say")], "unattributed"),
    ("\"Saying that the country assigned them the most important duty, Kim conveyed warm militant encouragement to "
     "all the commanding officers,\" the Rodong Sinmun reported.",  # 004: outlet after a quote
     [(None, "Rodong Sinmun", "reported", "the Rodong Sinmun reported")], "Rodong Sinmun"),
    ("\u201cOurs is a heroic army,\u201d Kim said during the meeting, quoted by Rodong Sinmun.",  # 004, curly quotes
     [("Kim Jong-un", "Rodong Sinmun", "quoted by", "Kim said")], "Kim Jong-un, via Rodong Sinmun"),
    ("\"In battlefield situations, commanders directly affect a unit's combat effectiveness,\" said Oh Gyeong-seob, "
     "a senior research fellow at the Korea Institute for National Unification.",  # 004: "said X"
     [("Oh Gyeong-seob", None, "said", "said Oh Gyeong-seob")], "Oh Gyeong-seob"),
    ("\"Given that U.S. President Donald Trump is reportedly mediating talks, North Korea may also be trying to "
     "emphasize the achievements of its deployment,\" Oh added.",  # 004: "reportedly" inside a quote is not ours
     [("Oh", None, "added", "Oh added")], "Oh"),
    ("He also placed medals beside the portraits of fallen North Korean troops, described by state media as "
     "\"martyrs.\"",  # 001: a passive credits the quote only
     [(None, NKSM, "described by", "described by state media")], "unattributed"),
    # constructed: the other patterns
    ("Yonhap, citing the NIS, reported that 600 soldiers had died.",  # an outlet citing a body
     [("NIS", "Yonhap", "cited by", "Yonhap, citing the NIS, reported")], "NIS, via Yonhap"),
    ("South Korean lawmakers, citing intelligence briefings, said 600 soldiers had died.",
     [("South Korean lawmakers", "intelligence briefings", "citing",
       "South Korean lawmakers, citing intelligence briefings, said")],
     "South Korean lawmakers, citing intelligence briefings"),
    ("An official told Yonhap that the troops had returned.",
     [("an official", "Yonhap", "told", "An official told")], "an official, via Yonhap"),
    ("He said the troops had returned.", [("he", None, "said", "He said")], "he"),
    ("\u201cWe will win,\u201d Kim Jong Un said, according to the Korean Central News Agency.",
     [("Kim Jong-un", None, "said", "Kim Jong Un said"),
      (None, "KCNA", "according to", "according to the Korean Central News Agency")], "Kim Jong-un, via KCNA"),
    ("Russian President Vladimir Putin denied that North Korean troops were in Kursk.",
     [("Vladimir Putin", None, "denied", "Russian President Vladimir Putin denied")], "Vladimir Putin"),
    # no attribution
    ("At the meeting, Kim received a detailed report on military activities conducted in the operational area.",
     [], "unattributed"),  # 004: "report" as a noun
    ("His government has dismissed Washington and Seoul's stated desires to restart diplomacy.", [], "unattributed"),
    # office holders and bodies whose names are lower-case words (a feed's flood report)
    ("Floods killed more than 400 people, the governor said on Friday.",
     [("governor", None, "said", "the governor said")], "governor"),
    ("Floods in Porto Alegre killed at least 40 people, the city council said on Friday.",
     [("city council", None, "said", "the city council said")], "city council"),
    ("At least 40 people died, the interior ministry and local police said.",
     [("interior ministry and local police", None, "said", "the interior ministry and local police said")],
     "interior ministry and local police"),
    ("Around 45 people died in the floods, the fire service said.",
     [("fire service", None, "said", "the fire service said")], "fire service"),
    ("Rescue teams pulled 12 people from the water, the coast guard said.",
     [("coast guard", None, "said", "the coast guard said")], "coast guard"),
    ("More than 6,000 were reported killed in the fighting.", [], "unattributed"),
    ("Kim Jong-un has praised North Korean soldiers, describing them as \"heroes\" during a ceremony in Pyongyang.",
     [], "unattributed"),  # 002
    # unnamed sources with their description, and outlets named by what they are (a wire feed's war reports)
    ("Shelling killed nine people in the port on Sunday a monitoring group said.",
     [("a monitoring group", None, "said", "a monitoring group said")], "a monitoring group"),  # closes it
    ("A Lyon-based anti-fraud activist network reported eight arrests.",
     [("a Lyon-based anti-fraud activist network", None, "reported",
       "A Lyon-based anti-fraud activist network reported")], "a Lyon-based anti-fraud activist network"),
    ("A separatist website said 10 people were killed.",
     [(None, "a separatist website", "said", "A separatist website said")], "a separatist website"),
    ("In a column on the paper's website Ana Ruiz of the Lisbon Policy Centre said talks had stalled.",
     [("Ana Ruiz of the Lisbon Policy Centre", None, "said", "Ana Ruiz of the Lisbon Policy Centre said")],
     "Ana Ruiz of the Lisbon Policy Centre"),  # only an introduction before her: she opens the sentence
    ("Ships were hit near Tallinn Finnish Defence Minister Aino Lahti said.",  # a place glued on before a title
     [("Finnish Defence Minister Aino Lahti", None, "said", "Finnish Defence Minister Aino Lahti said")],
     "Finnish Defence Minister Aino Lahti"),
    ("Aid stalled near South Korean officials said.",  # "South" is part of the name, not a place glued on
     [("South Korean officials", None, "said", "South Korean officials said")], "South Korean officials"),
    ("The Baltic Network for Press Freedom said two reporters were held.",  # a capitalised head word is a name's
     [("Baltic Network for Press Freedom", None, "said", "The Baltic Network for Press Freedom said")],
     "Baltic Network for Press Freedom"),
    ("It is a move analysts say could help.", [("analysts", None, "say", "analysts say")], "unattributed"),
]


# Whose claim the sentence is (describe(primary)) in wire copy with its commas and quote marks stripped: a credit that
# closes the sentence past a time, a setting or a clause of its own, one that opens it past an introduction or its
# own description, and one inside a clause about something else, which credits no one with the sentence.
MAIN_CREDITS = [
    ("Shelling hit the market in the old town a monitoring group said Saturday.", "a monitoring group"),
    ("The clinic ran out of fuel overnight the health minister told reporters in the capital.", "health minister"),
    ("Nothing will change the minister said in a statement on Monday.", "minister"),
    ("Two bridges were destroyed the agency said adding that repairs would take weeks.", "agency"),
    ("Roads were cut the governor said without giving details.", "governor"),
    ("Meanwhile the Red Crescent said convoys had reached the town.", "Red Crescent"),
    ("Relief director Karim Haddad said the road was cut.", "Karim Haddad"),
    ("In a report last month the commission said that both sides had shelled homes.", "commission"),
    ("Saturday 3 May 2014 Interior Minister Lena Varga said on Saturday that the border was closed.",
     "Interior Minister Lena Varga"),  # a dateline's "May" is no modal verb
    ("I believe the talks will fail the minister said on Tuesday.", "minister"),  # the closing credit covers "I"
    ("This morning jets struck the town said Ahmed Karim head of the health authority adding that 40 died.",
     "Ahmed Karim"),  # the speaker after the verb, the quote's marks stripped
    ("Government troops keep shelling homes said observatory head Rami Haddad.", "Rami Haddad"),
    ("Gunmen executed two officers of the rebel Northern Brigade a monitor said.", "a monitor"),
    ("The Red Crescent another aid group said 12 were hurt.", "Red Crescent"),
    ("The charity Doctors Without Borders said its clinic was hit.", "Doctors Without Borders"),
    ("The British ambassador to the United Nations said the vote failed.", "British ambassador to the United Nations"),
    ("The state-run Tanjug agency citing police officials said the road was closed.",
     "state-run Tanjug agency, citing police officials"),
    ("Maya Rossi a senior fellow at the Lisbon Policy Forum tells reporters that talks will resume.", "Maya Rossi"),
    ("Omar Haddad one of the spokespersons within the alliance said the road reopened.", "Omar Haddad"),  # not the body
    ("Twelve died near the group's northern bastion Tartus a monitor said.", "a monitor"),  # a lone place ends the clause
    ("An official familiar with initial intelligence reports said the blast was deliberate.",
     "An official familiar with initial intelligence reports"),  # what the official knows is not who speaks
    ("The port was shelled again sources close to the harbour authority told Reuters.",
     "sources close to the harbour authority, via Reuters"),
    ("Oslo wants a deal as the only way out Nordic diplomatic sources familiar with Norwegian thinking have said.",
     "Nordic diplomatic sources familiar with Norwegian thinking"),
    ("Twelve died according to sources close to the army on Monday.", "sources close to the army"),
    ("The daily said 40 people had died.", "daily"),  # "daily" after an article is no adverb: no passive
    ("OSLO, May 3, 2025 - Western governments have accused Norway of sending ships.", "Western governments"),
    ("OSLO, May 3, 2025 - Anna Lund told Reuters the ships had sailed.", "Anna Lund, via Reuters"),  # a year is no count
    # inside a clause about something else
    ("It was a move analysts said in private could backfire.", "unattributed"),
    ("The strikes killed five people although the group said the toll could rise.", "unattributed"),
    ("The attack came a day after the ministry said the area was safe.", "unattributed"),
    ("The district the army has repeatedly said had not fallen was shelled again.", "unattributed"),
    ("The fighters said Assad on Tuesday had fled.", "unattributed"),  # not "said Assad": the name closes nothing
    ("The head of a UN team visiting Lebanon says he wants access.", "unattributed"),
    ("No group has claimed responsibility for the blast.", "unattributed"),
    ("The envoy came to investigate Thursdays alleged attack.", "unattributed"),
]


@pytest.mark.parametrize(("text", "primary"), MAIN_CREDITS, ids=[t[:40] for t, _ in MAIN_CREDITS])
def test_main_credit_in_copy_without_commas(aliases, text, primary):
    assert describe(extract(text, aliases).primary) == primary


@pytest.mark.parametrize(("text", "not_the_speaker"), [
    ("Reports from the city where the charity Doctors Without Borders said 35 had died were confirmed.",
     "Doctors Without Borders"),  # its words are inside a clause about the city
    ("Deputy envoy Tom Harris speaking at the Lisbon Policy Forum said the talks had stalled.", "Lisbon Policy Forum"),
    ("The staunch Kremlin ally insisted that the convoy was never hit.", "Kremlin"),  # "ally" is no adverb
    ("Hospitals were hit again said the regional director for the Middle East.", "Middle East"),
    ("The advance was backed by fighters from the group sources close to the group told Reuters earlier this month.",
     "group, via Reuters"),  # what the sources are close to
    ("The US-led coalition targeting the militants in both Chad and Niger reported Monday it had launched 10 air "
     "strikes.", "Chad and Niger"),  # the places it targets
])
def test_a_name_the_sentence_does_not_credit_is_not_its_main_credit(aliases, text, not_the_speaker):
    assert describe(extract(text, aliases).primary) != not_the_speaker


@pytest.mark.parametrize(("text", "expected", "primary"), ATTRIBUTIONS, ids=[t[:40] for t, _, _ in ATTRIBUTIONS])
def test_attributions(aliases, text, expected, primary):
    result = extract(text, aliases)
    got = [(a.speaker, a.channel, a.cue, text[a.start:a.end]) for a in result.attributions]
    assert got == expected
    assert describe(result.primary) == primary


# (sentence, [(quoted text, speaker, channel)])
QUOTES = [
    ("The official Korean Central News Agency (KCNA) said Kim awarded state \"hero\" titles to commanders.",
     [("hero", None, "KCNA")]),  # 001: a one-word scare quote is still a quote
    ("He also placed medals beside the portraits of fallen troops, described by state media as \"martyrs.\"",
     [("martyrs", None, NKSM)]),  # 001
    ("\"The participants of overseas operations achieved great feats,\" Kim said in a speech.",
     [("The participants of overseas operations achieved great feats", "Kim Jong-un", None)]),  # speaker after
    ("Kim Jong-un said: \u201cWe will win.\u201d", [("We will win", "Kim Jong-un", None)]),  # speaker before
    ("Kim told Putin that Pyongyang will fully support \"all measures to be taken by the Russian leadership,\" as "
     "they discussed advancing ties in \"all fields\", KCNA said.",  # 001
     [("all measures to be taken by the Russian leadership", "Kim Jong-un", "KCNA"),
      ("all fields", "Kim Jong-un", "KCNA")]),
    ("\"The combat activities of overseas operational forces ... proved without regret the power of the heroic "
     "[North Korean] army,\" Kim was quoted by the Korean Central News Agency (KCNA) as saying.",  # 002
     [("The combat activities of overseas operational forces ... proved without regret the power of the heroic "
       "[North Korean] army", "Kim Jong-un", "KCNA")]),
    ("According to state media, the North Korean leader said his forces had demonstrated the \"fighting spirit of "
     "the heroes\" in Kursk.", [("fighting spirit of the heroes", "Kim Jong-un", NKSM)]),  # 002
    ("\u201cOurs is a heroic army,\u201d Kim said during the meeting, quoted by Rodong Sinmun.",  # 004
     [("Ours is a heroic army", "Kim Jong-un", "Rodong Sinmun")]),
    ("\"In battlefield situations, commanders directly affect a unit's combat effectiveness,\" said Oh Gyeong-seob.",
     [("In battlefield situations, commanders directly affect a unit's combat effectiveness", "Oh Gyeong-seob",
       None)]),  # 004: an apostrophe inside a quote
    ("Kim called them \u2018heroes\u2019 of the Workers\u2019 Party, KCNA said.", [("heroes", None, "KCNA")]),
    ("Kim called them 'heroes' of the Workers' Party, Russia's TASS said.", [("heroes", None, "TASS")]),
    ("The troops' return was 'a victory', officials said.", [("a victory", "officials", None)]),
    ("Russia's Defence Ministry praised the Workers' Party and the troops' courage.", []),  # apostrophes only
    ("The Royal Navy's \"Operation Highmast\" includes deployments across the Indo-Pacific.",
     [("Operation Highmast", None, None)]),  # 004: unattributed
    ("\"It is because our army is made up of the sons of our heroic people.", [
        ("It is because our army is made up of the sons of our heroic people", None, None)]),  # 004: runs on
    ("Such a result has cemented its reputation as the most powerful army in the world.\"", [
        ("Such a result has cemented its reputation as the most powerful army in the world", None, None)]),  # 004
]


@pytest.mark.parametrize(("text", "expected"), QUOTES, ids=[t[:40] for t, _ in QUOTES])
def test_quotes(aliases, text, expected):
    quotes = extract(text, aliases).quotes
    assert [(q.text, q.speaker, q.channel) for q in quotes] == expected
    assert all(text[q.start:q.end] == q.text for q in quotes)


# --- the alias table --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "canonical"), [
    ("Kim Jong Un", "Kim Jong-un"), ("kim jong-un", "Kim Jong-un"), ("Kim", "Kim Jong-un"),
    ("North Korean leader Kim Jong Un", "Kim Jong-un"), ("Kim Yo Jong", "Kim Yo-jong"),
    ("Kim Yong-bok", "Kim Yong-bok"),  # another Kim is not Kim Jong-un
    ("Korean Central News Agency", "KCNA"), ("the official Korean Central News Agency (KCNA)", "KCNA"),
    ("Russia's TASS state news agency", "TASS"), ("the state-run Rodong Sinmun", "Rodong Sinmun"),
    ("DPRK state media", NKSM), ("state media", NKSM), ("Workers Party of Korea", "Workers' Party of Korea"),
    ("National Intelligence Service", "NIS"), ("Russia\u2019s Defence Ministry", "Russian Defence Ministry"),
    ("the South Korean  lawmakers", "South Korean lawmakers"),  # unknown: as written, minus "the"
])
def test_resolve(aliases, name, canonical):
    assert aliases.resolve(name) == canonical


def test_groups_and_kinds(aliases):
    assert {aliases.group(n) for n in ("KCNA", "Rodong Sinmun", "state media", "DPRK state media")} == {NKSM}
    assert aliases.group("TASS") == aliases.group("RIA Novosti") == "Russian state media"
    assert aliases.group("Kim Jong-un") is None and aliases.group("South Korean lawmakers") is None
    assert aliases.kind("Korean Central News Agency") == "channel" and aliases.kind("Kim") == "speaker"
    assert aliases.kind("South Korean lawmakers") is None
    assert aliases.is_channel("intelligence briefings") and not aliases.is_channel("intelligence agencies")


def test_user_alias_file_extends_the_table(tmp_path):
    path = tmp_path / "aliases.json"
    path.write_text(json.dumps({"entities": [
        {"name": "Choe Son-hui", "kind": "speaker", "aliases": ["Choe Son Hui", "North Korea's foreign minister"]},
        {"name": "KCNA", "aliases": ["Pyongyang's news agency"]},
        {"name": "Russian state media", "kind": "channel", "aliases": ["state media"]},
    ]}), encoding="utf-8")
    table = AliasTable.load(path)
    assert table.resolve("north korea's foreign minister") == "Choe Son-hui"
    assert table.resolve("Pyongyang's news agency") == "KCNA" and table.group("KCNA") == NKSM
    assert table.resolve("state media") == "Russian state media"  # the user's alias wins
    assert AliasTable.load().resolve("state media") == NKSM  # and the packaged table is untouched


@pytest.mark.parametrize("content", [
    "{not json", json.dumps(["KCNA"]), json.dumps({"entities": [{"kind": "channel"}]}),
    json.dumps({"entities": [{"name": "X", "kind": "outlet"}]}),
    json.dumps({"entities": [{"name": "X", "aliases": "Y"}]}),
    json.dumps({"entities": [{"name": "X", "group": 3}]}),
])
def test_bad_alias_file(tmp_path, content):
    path = tmp_path / "aliases.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ContradictionsError) as error:
        AliasTable.load(path)
    assert "aliases.json" in str(error.value) and "\n" not in str(error.value)


def test_missing_alias_file(tmp_path):
    with pytest.raises(ContradictionsError, match="cannot read alias file"):
        AliasTable.load(tmp_path / "nope.json")


# --- compatible and describe ------------------------------------------------------------------------------------


def att(speaker=None, channel=None, cue=None) -> Attribution:
    return Attribution(speaker, channel, 0, 0, cue)


@pytest.mark.parametrize(("a", "b", "expected"), [
    (att(channel="KCNA"), att(channel="DPRK state media"), "same"),
    (att(channel="SANA"), att(channel="state media"), "unknown"),  # "state media" of a country the text never names
    (att(channel="Korean Central News Agency"), att(channel="KCNA"), "same"),
    (att("Kim", "KCNA"), att("Kim Jong Un", "Rodong Sinmun"), "same"),  # same speaker; channels are for quotes
    (att("Russia"), att("the Kremlin"), "same"),  # one government
    (att("South Korean assessments"), att("South Korean, Ukrainian and Western officials"), "overlap"),
    (att("South Korean lawmakers"), att("NIS"), "overlap"),  # the NIS is South Korean government
    (att("Kim Jong-un"), att("Vladimir Putin"), "different"),
    (att("Kim Jong-un"), att("Kim Yo-jong"), "different"),  # people are never grouped
    (att(channel="KCNA"), att(channel="TASS"), "different"),
    (att("NIS"), att("Ukraine's military intelligence"), "different"),
    (att("Kim"), att(channel="KCNA"), "unknown"),  # an outlet relays a speaker
    (att("he"), att("Kim"), "unknown"),
    (att("officials"), att("South Korean officials"), "unknown"),
    (att(cue="reportedly"), att("Kim"), "unknown"),
    (None, att("Kim"), "unattributed"),
    (att("Kim"), None, "unattributed"),
    (None, None, "none"),
])
def test_compatible(aliases, a, b, expected):
    assert compatible(a, b, aliases) == expected
    assert compatible(b, a, aliases) == expected


@pytest.mark.parametrize(("attribution", "expected"), [
    (None, "unattributed"),
    (att("Kim Jong-un", "KCNA", "quoted by"), "Kim Jong-un, via KCNA"),
    (att("South Korean lawmakers", "intelligence briefings", "citing"),
     "South Korean lawmakers, citing intelligence briefings"),
    (att(channel="KCNA", cue="said"), "KCNA"),
    (att("Experts", cue="say"), "Experts"),
    (att(cue="allegedly"), "unnamed sources (allegedly)"),
])
def test_describe(attribution, expected):
    assert describe(attribution) == expected


def test_sentence_attribution_without_main_claim_uses_all():
    both = SentenceAttribution((att("Kim Jong-un", cue="told"), att(channel="KCNA", cue="said")), ())
    assert describe(both.primary) == "Kim Jong-un, via KCNA"
    assert SentenceAttribution().primary is None


# --- findings ---------------------------------------------------------------------------------------------------


def sentence(source: str, text: str, index: int = 3) -> Sentence:
    return Sentence(source=source, index=index, start=100, end=100 + len(text), text=text, paragraph=1)


def findings(aliases, text_a, text_b, similarity=0.9, figure=None, figures_disagree=False):
    a, b = sentence("alpha", text_a), sentence("beta", text_b, index=7)
    return attribution_findings(a, b, similarity, extract(text_a, aliases), extract(text_b, aliases), aliases,
                                shared_figure=figure, figures_disagree=figures_disagree)


ARMY_RODONG = "\u201cOurs is a heroic army,\u201d Kim said during the meeting, quoted by Rodong Sinmun."  # 004
ARMY_KCNA = "\"Ours is a heroic army,\" Kim Jong Un was quoted by the Korean Central News Agency (KCNA) as saying."


def test_same_quote_different_state_outlet(aliases):
    [f] = findings(aliases, ARMY_RODONG, ARMY_KCNA)
    assert (f.kind, f.relation) == ("attribution", "quote credited differently")
    assert 0.3 <= f.score <= 0.45
    assert f.explanation == ("same quote credited to Kim Jong-un via Rodong Sinmun vs Kim Jong-un via KCNA "
                             "\u2014 same speaker, different state outlet")
    assert f.label == "quote: \u201cOurs is a heroic army\u201d"
    assert (f.a.source, f.a.sentence_index, f.a.paragraph, f.a.start) == ("alpha", 3, 1, 100)
    assert f.a.span == f.a.sentence[f.a.span_start:f.a.span_end] == "Ours is a heroic army"
    assert (f.a.attribution.speaker, f.a.attribution.channel) == ("Kim Jong-un", "Rodong Sinmun")
    assert (f.b.attribution.speaker, f.b.attribution.channel) == ("Kim Jong-un", "KCNA")
    assert f.a.value is None and f.factors["match"] == 1.0
    assert f.id == findings(aliases, ARMY_RODONG, ARMY_KCNA)[0].id  # stable


def test_same_quote_same_entity_by_alias_is_no_finding(aliases):
    other = "\"Ours is a heroic army,\" Kim Jong-un said, according to KCNA."
    assert findings(aliases, ARMY_KCNA, other) == []
    assert findings(aliases, ARMY_RODONG, ARMY_RODONG.replace("Kim said", "Kim Jong Un said")) == []


def test_same_quote_different_speakers_outranks_numeric_contradictions(aliases):
    putin = "\"Ours is a heroic army,\" Putin said."
    [f] = findings(aliases, ARMY_KCNA, putin)
    assert f.explanation.endswith("\u2014 different speakers") and 0.6 <= f.score <= 0.85


def test_quote_survives_small_edits(aliases):
    kcna = ("\"The combat activities of overseas operational forces ... proved without regret the power of the heroic "
            "[North Korean] army,\" Kim was quoted by the Korean Central News Agency (KCNA) as saying.")  # 002
    rodong = ("\u201cThe combat activities of the overseas operational forces proved without regret the power of "
              "the heroic army,\u201d the Rodong Sinmun reported.")
    [f] = findings(aliases, kcna, rodong)
    assert f.relation == "quote credited differently" and "different state outlet" in f.explanation
    assert 0.85 <= f.factors["match"] < 1


def test_phrase_quoted_inside_a_longer_quote_highlights_only_the_phrase(aliases):
    kcna = "Kim conveyed \u201cwarm militant encouragement\u201d to the units, KCNA reported."  # 002
    rodong = ("\u201cKim conveyed warm militant encouragement to all the commanding officers of the units,\u201d "
              "the Rodong Sinmun said.")  # 004
    [f] = findings(aliases, kcna, rodong, similarity=0.6)
    assert f.relation == "quote credited differently" and f.explanation.endswith("different state outlet")
    assert f.a.span == f.b.span == "warm militant encouragement"
    assert f.b.sentence[f.b.span_start:f.b.span_end] == "warm militant encouragement"


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Ours is a heroic army", "ours is a heroic army!", 1.0),
    ("all fields", "All fields", 1.0),  # two identical words still count
    ("heroes", "heroes", 0.0),  # one word is too generic
    ("heroic army", "a heroic army", 0.0),  # under four words and not identical
    ("warm militant encouragement", "Kim conveyed warm militant encouragement to all", 0.9),  # quoted inside
    ("militant encouragement", "Kim conveyed warm militant encouragement to all", 0.0),  # two words inside: too few
    ("The bonds of militant friendship remain solid", "The bonds of militant friendship remain solid today", 0.9),
    ("Ours is a heroic army", "The paper announced a ceremony", 0.0),
])
def test_quote_match(a, b, expected):
    assert quote_match(a, b) == pytest.approx(expected, abs=0.1 if expected else 0.0)


def test_scare_quote_is_too_generic(aliases):
    a = "Putin described them as \"heroes\" in a message."
    b = "Kim described them as \"heroes\" during a ceremony."
    assert findings(aliases, a, b, similarity=0.5) == []


def test_claim_credited_differently(aliases):
    a = ("According to South Korean assessments, North Korea has sent around 15,000 troops to Russia since last "
         "autumn.")  # 001
    b = ("South Korean lawmakers said in April that around 600 North Korean soldiers had been killed from a total "
         "deployment of 15,000, citing intelligence briefings.")  # 002
    [f] = findings(aliases, a, b, similarity=0.62, figure="15,000")
    assert f.relation == "claim credited differently" and 0.35 <= f.score <= 0.5
    assert f.label == "claim: 15,000"
    assert "South Korean assessments vs South Korean lawmakers, citing intelligence briefings" in f.explanation
    assert (f.a.span, f.b.span) == ("According to South Korean assessments", "South Korean lawmakers said")


def test_sentences_whose_figures_disagree_are_two_claims_not_one_credited_twice(aliases):
    a = "Around 45 people died in the floods, the fire service said."
    b = "More than 400 people died in the floods, the governor said."
    assert [f.relation for f in findings(aliases, a, b, similarity=0.86)] == ["claim credited differently"]
    assert findings(aliases, a, b, similarity=0.86, figures_disagree=True) == []
    plain = "More than 400 people died in the floods."
    assert findings(aliases, a, plain, similarity=0.86, figures_disagree=True) == []  # nor "stated as fact"
    shared = ("Around 45 people died in the floods and 2,000 homes were lost, the fire service said.",
              "More than 400 people died in the floods and 2,000 homes were lost, the governor said.")
    [f] = findings(aliases, *shared, similarity=0.86, figure="2,000 homes", figures_disagree=True)
    assert f.relation == "claim credited differently" and f.label == "claim: 2,000 homes"


def test_claim_credited_to_different_bodies_scales_with_similarity(aliases):
    a = "According to the NIS, North Korea has sent around 15,000 troops to Russia."
    b = "Ukraine's military intelligence says North Korea has sent around 15,000 troops to Russia."
    low = findings(aliases, a, b, similarity=0.8)[0]
    high = findings(aliases, a, b, similarity=1.0, figure="15,000 troops")[0]
    assert "NIS vs HUR \u2014 different sources" in low.explanation
    assert 0.35 <= low.score < high.score <= 0.6


def test_attributed_vs_stated_as_fact(aliases):
    fact = "North Korea has sent around 15,000 troops to Russia since last autumn."
    said = "According to South Korean assessments, North Korea has sent around 15,000 troops to Russia since last autumn."
    [f] = findings(aliases, fact, said, similarity=0.93, figure="15,000 troops")
    assert f.relation == "attributed vs stated as fact" and 0.2 <= f.score <= 0.35
    assert f.a.source == "alpha" and f.a.attribution is None and f.a.span == "15,000 troops"
    assert f.b.span == "According to South Korean assessments"
    assert f.explanation == ("claim (15,000 troops) credited to South Korean assessments in beta, stated as fact "
                             "in alpha")


def test_a_sentence_telling_what_the_credited_body_did_is_not_its_claim_stated_bare(aliases):
    said = "The Agency for Coastal Flood Defence (ACFD) said it is deeply worried about the breach."
    about = "The city and the Agency for Coastal Flood Defence (ACFD) have opened an inquiry into the breach."
    assert findings(aliases, said, about, similarity=0.85) == []
    bare = "The breach is deeply worrying for the whole coast."  # the claim itself, told without a credit
    [f] = findings(aliases, said, bare, similarity=0.85)
    assert f.relation == "attributed vs stated as fact"
    assert findings(aliases, said, bare, similarity=0.82) == []  # alike, but not surely one claim with no credit


@pytest.mark.parametrize(("a", "b", "similarity"), [
    # unrelated sentences
    ("The KCNA said the regiment was dispatched in early August.", "Experts say the war will go on.", 0.3),
    # no attribution on either side
    ("Kim met the commanders in Pyongyang.", "Kim met commanders in Pyongyang on Thursday.", 0.95),
    # the same entity under two names
    ("The KCNA said the regiment was dispatched in early August.",
     "The Korean Central News Agency said the regiment was dispatched in early August.", 0.95),
    ("Kim said the regiment had operated in dangerous areas.", "Kim Jong Un said the regiment had operated in danger.",
     0.9),
    # a speaker on one side, the outlet that carried him on the other
    ("Kim said the regiment was dispatched in early August.", "KCNA said the regiment was dispatched in August.", 0.9),
    # same-group outlets on a claim are the same voice
    ("The KCNA said the regiment returned.", "The Rodong Sinmun reported that the regiment returned.", 0.9),
])
def test_no_finding(aliases, a, b, similarity):
    assert findings(aliases, a, b, similarity=similarity) == []


def test_same_source_gives_no_finding(aliases):
    a = sentence("alpha", ARMY_RODONG)
    b = sentence("alpha", "\"Ours is a heroic army,\" Putin said.")
    assert attribution_findings(a, b, 0.9, extract(a.text, aliases), extract(b.text, aliases), aliases) == []


def test_a_figure_clash_between_two_speakers_is_one_numeric_finding(fake_encoder):
    import contradictions
    from contradictions.settings import Settings

    articles = {
        "afp": "Around 45 people died in the floods in the south, the fire service said on Friday.",
        "ap": "More than 400 people died in the floods in the south, the governor said on Friday.",
    }
    report = contradictions.analyze(articles, settings=Settings(cache=False, progress=False), encoder=fake_encoder)
    [finding] = report.findings
    assert finding.kind == "numeric" and finding.relation == "contradiction"
    assert {finding.a.attribution.speaker, finding.b.attribution.speaker} == {"fire service", "governor"}


@pytest.mark.parametrize("body", ["", " Amnesty said nine people were killed."])
def test_a_plain_line_is_no_claim_stated_as_fact_when_its_article_credits_it_elsewhere(fake_encoder, body):
    import contradictions
    from contradictions.settings import Settings

    articles = {
        "wire": "A car bomb killed nine people in the harbour town on Sunday, Amnesty said.",
        "daily": "A car bomb killed nine people in the harbour town on Sunday." + body,  # a headline, then its body
    }
    report = contradictions.analyze(articles, settings=Settings(cache=False, progress=False), encoder=fake_encoder)
    stated_bare = [f for f in report.findings if f.relation == "attributed vs stated as fact"]
    assert len(stated_bare) == (0 if body else 1)


def test_a_lead_s_unnamed_monitor_takes_the_one_monitor_named_after_it():
    from contradictions.extract.speakers import resolve_speakers

    aliases = AliasTable.load()
    lead = "Shelling killed nine people in the port on Sunday a monitoring group said."
    named = "The Coastal Rights Observatory said the port was shelled from the hills."

    def credit(texts: list[str]) -> str:
        sentences = [Sentence("x", i, 0, 0, t, 0) for i, t in enumerate(texts)]
        return resolve_speakers(sentences, [extract(t, aliases) for t in texts])[0].primary.speaker

    assert credit([lead, named]) == "Coastal Rights Observatory"
    assert credit([lead, named, "The Harbour Watch Monitor said five died."]) == "a monitoring group"  # which one?


@pytest.mark.parametrize(("text", "expected"), [
    # accusers, deniers and confirmers are credited
    ("Lawmakers in Oslo have accused the shipping firm of hiding the cargo, allegations denied by both the firm "
     "and the port authority.", [("Lawmakers in Oslo", "accused"), ("firm and the port authority", "denied by")]),
    ("The transfer was later confirmed by the Kremlin.", [("Kremlin", "confirmed by")]),
    ("The captain was accused of hiding the cargo.", []),  # the accused is not an accuser
    # credits read whatever their case
    ("The observatory said 12 people were killed.", [("observatory", "said")]),
    ("At least 12 people were killed, the group said.", [("group", "said")]),
])
def test_verdicts_and_lower_case_speakers_are_credits(aliases, text, expected):
    assert [(a.speaker, a.cue) for a in extract(text, aliases).attributions] == expected


@pytest.mark.parametrize("fact", [
    "At least 40 homes were flooded in the delta on Sunday, he said.",  # credited, if only to "he"
    "At least 40 homes were flooded in the delta on Sunday, reportedly.",
    "\u201cAt least 40 homes were flooded in the delta on Sunday.\u201d",  # someone's words
])
def test_a_sentence_that_credits_anyone_is_not_stated_as_fact(aliases, fact):
    said = "According to the Delta Relief Network, at least 40 homes were flooded in the delta on Sunday."
    assert [f.relation for f in findings(aliases, said, fact, similarity=0.9)] == []


def test_a_shared_figure_alone_is_not_the_same_claim_stated_as_fact(aliases):
    said = "Two people were wounded in the blast, the Delta Relief Network said."
    fact = "Two bridges were closed after the storm."
    assert findings(aliases, said, fact, similarity=0.5, figure="Two") == []


@pytest.mark.parametrize(
    "x, y, relation",
    [("Hezbollahs official television station Al-Manar", "Hezballahs official television station al-Manar", "same"),
     ("SHOR", "Syrian Observatory for Human Rights", "same"), ("Rami Abdel Rahman", "Syrian Rami Abdel Rahman", "unknown"),
     ("police", "army", "different"), ("commander Tariq Benhallou", "Ahmad bin Tariq Benhalou", "unknown"), ("army spokesman", "police spokesman", "different")],
)
def test_one_name_spelled_two_ways_is_one_speaker(x, y, relation):
    from contradictions.aliases import AliasTable

    assert AliasTable.load(None).relate(x, y) == relation


def test_neither_confirmed_nor_denied_by_credits_no_one():
    from contradictions.aliases import AliasTable
    from contradictions.extract.attribution import extract

    text = "Officials say 14,000 troops were sent, figures neither confirmed nor denied by either Moscow or Pyongyang."
    assert [a.cue for a in extract(text, AliasTable.load(None)).attributions] == ["say"]


def test_a_body_role_and_a_name_after_the_verb_credit_the_person():
    from contradictions.aliases import AliasTable
    from contradictions.extract.attribution import extract

    text = '"The toll could rise," said Monitor director Ana Lopez Ruiz.'
    found = extract(text, AliasTable.load(None))
    assert [a.speaker for a in found.attributions] == ["Ana Lopez Ruiz"] and found.quotes[0].speaker == "Ana Lopez Ruiz"
    glued = '"The toll could rise," said Monitor director Ana Lopez Ruiz The families had fled the town.'
    assert extract(glued, AliasTable.load(None)).quotes[0].speaker == "Ana Lopez Ruiz"  # a feed's lost full stop


def test_one_speaker_spelled_two_ways_is_no_finding():
    from contradictions.aliases import AliasTable
    from contradictions.model import Quote

    aliases = AliasTable.load(None)
    spelled = [Quote("the rebels will not pass the river", 0, 10, "Harbour Radio official Lena Marsh", None),
               Quote("the rebels will not pass the river", 0, 10, "Harbor Radio official Lena Marsh", None)]
    a, b = (Sentence(source, 0, 0, 60, f'"{q.text}," said {q.speaker}.', 0) for source, q in zip("ab", spelled))
    found = attribution_findings(a, b, 0.9, SentenceAttribution(quotes=(spelled[0],)),
                                 SentenceAttribution(quotes=(spelled[1],)), aliases)
    assert found == []


@pytest.mark.parametrize("text", ["An alleged chemical attack killed 58 people, officials said.",
                                  "Six people said they saw the plane."])
def test_articles_and_counts_of_people_are_no_speakers(text):
    from contradictions.aliases import AliasTable
    from contradictions.extract.attribution import extract

    speakers = [a.speaker for a in extract(text, AliasTable.load(None)).attributions]
    assert not any(s and s.lower().split()[0] in ("an", "six") for s in speakers)


def test_a_role_word_left_unresolved_names_no_one(aliases):
    group, named = Attribution("the group"), Attribution("Harbour Watch")
    assert compatible(group, named, aliases) == "unknown"
    assert compatible(Attribution("the fire service"), Attribution("the governor"), aliases) == "different"


def test_two_kinds_of_people_are_no_two_identified_sources(aliases):
    assert compatible(Attribution("Rebels"), Attribution("the opposition"), aliases) == "unknown"
    assert compatible(Attribution("residents"), Attribution("Northvale residents"), aliases) == "unknown"
    assert compatible(Attribution("Northvale officials"), Attribution("Southport officials"), aliases) == "different"
    assert compatible(Attribution("Rebels"), Attribution("Harbour Watch"), aliases) == "different"  # one is named
    assert compatible(Attribution("Free Harbour Brigade rebels"), Attribution("the opposition"), aliases) == "different"
    a = Sentence("a", 0, 0, 60, "Rebels say they were forced out by the siege.", 0)
    b = Sentence("b", 0, 0, 60, "The opposition says they were forced out by the siege.", 0)
    found = attribution_findings(a, b, 0.95, extract(a.text, aliases), extract(b.text, aliases), aliases)
    assert found == []


@pytest.mark.parametrize("text, speaker, channel, cue", [
    ("Leaders answered the claim by activists in the Harbour Relief Committee that 640 people died.",
     "activists in the Harbour Relief Committee", None, "claim by"),
    ("The ministry denied the allegations made by the opposition that troops used gas.", "ministry", None, "denied"),
    ("There were no reports by the monitor that anyone was hurt.", None, None, None),
])
def test_a_claim_named_as_someones_credits_them(aliases, text, speaker, channel, cue):
    primary = extract(text, aliases).primary
    assert (primary.speaker, primary.channel, primary.cue) == (speaker, channel, cue) if cue else primary is None


def test_an_allegation_by_someone_is_theirs_beside_the_denial(aliases):
    found = extract("The ministry denied the allegations made by the opposition that troops used gas.", aliases)
    assert ("opposition", "allegations by") in [(a.speaker, a.cue) for a in found.attributions]


@pytest.mark.parametrize("text, speaker", [
    ("Port governor Karim al-Hadi said 31 people were killed.", "Port governor Karim al-Hadi"),
    ("Crown Prince Salim bin Tariq told reporters the talks would go on.", "Crown Prince Salim bin Tariq"),
    ("Minister Nour el-Din Farah had also reported 12 dead.", "Minister Nour el-Din Farah"),
    ("The Harbour Watch put the death toll at 58.", "Harbour Watch"),  # "put the toll at": a credit
    ("The rebel Northern Harbour Coalition said 650 people died.", "Northern Harbour Coalition"),  # its own words
    ("The Harbour Watch for Human Rights monitoring group put the toll at 58.", "Harbour Watch for Human Rights"),
])
def test_names_with_a_lowercase_particle_are_read_whole_and_a_toll_put_is_credited(aliases, text, speaker):
    assert extract(text, aliases).primary.speaker == speaker


@pytest.mark.parametrize("text, speaker, channel", [
    ("Homes were flattened by the shelling, a Daily Harbour correspondent said.", "a Daily Harbour correspondent", None),
    ("The streets were empty a witness said.", "a witness", None),
    ("The coalition said its jets struck 16 targets.", "coalition", None),
    ("The regime has denied any role in the blast.", "regime", None),
    ("Northern states said the council was to blame.", "Northern states", None),
    ("\"We held the bridge\" said coalition spokesman Lt. Col. Ravi Mertens.",
     "coalition spokesman Lt. Col. Ravi Mertens", None),
])
def test_correspondents_witnesses_and_bodies_of_one_kind_are_speakers(aliases, text, speaker, channel):
    found = extract(text, aliases).attributions
    assert [(a.speaker, a.channel) for a in found] == [(speaker, channel)]


@pytest.mark.parametrize("text", [
    "About 130 people are reported to have died in the camp.",  # a passive names no speaker
    "Twelve fighters were also reported killed near the dam.",
    "Port militiamen accused of looting were held.",  # the accused
    "A double blast in the harbour town has claimed the lives of 18 people.",  # no one claims anything
    "Harbour Watch has not confirmed the toll.",  # a credit refused is no claim
    "Northvale is home to an estimated 40,000 people.",  # an adjective, not a verb
    "Ministry Denies The harbour ministry spokesman on Friday rejected the report.",  # a headline run in
])
def test_verbs_that_credit_no_one(aliases, text):
    assert extract(text, aliases).attributions == ()


@pytest.mark.parametrize("text, speaker", [
    ("20 people died according to a toll compiled by the Harbour Watch.", "Harbour Watch"),
    ("20 people died according to figures from the Harbour Watch.", "Harbour Watch"),
    ("20 people died according to a Harbour Watch toll.", "Harbour Watch"),
    ("According to Harbour Watch the blast also hit a school.", "Harbour Watch"),  # its comma lost
    ("\"The bridge fell\" said Ana Ruiz a local official.", "Ana Ruiz"),
    ("The Harbour Watch which relies on a network of sources in Northvale said 12 died.", "Harbour Watch"),
    ("The Harbour Watch which relies on a network of activists and medics said 12 died.", "Harbour Watch"),
    ("Fighting raged in Kessel and Ardo said the Harbour Watch which tracks the war.", "Harbour Watch"),
])
def test_a_record_a_clause_or_a_place_between_is_not_the_speaker(aliases, text, speaker):
    assert [a.speaker for a in extract(text, aliases).attributions] == [speaker]


def test_a_clause_ending_in_a_new_subject_keeps_that_subject(aliases):
    text = "The blast was set off by a rebel brigade the Northvale-based watchdog said."
    assert [a.speaker for a in extract(text, aliases).attributions] == ["watchdog"]  # not the rebel brigade


def test_a_plural_before_a_name_is_not_its_title(aliases):
    text = "After viewing footage of killings by rebels Ana Ruiz said the images were shocking."
    assert [a.speaker for a in extract(text, aliases).attributions] == ["Ana Ruiz"]


def test_two_unnamed_sources_described_two_ways_are_no_two_sources(aliases):
    assert compatible(Attribution("a Northvale military source"), Attribution("a Northvale army source"),
                      aliases) == "unknown"
    assert compatible(Attribution("a Northvale military source"), Attribution("a Southport military source"),
                      aliases) == "different"
    assert aliases.relate("spokesman Lt. Col. Ravi Mertens", "spokesman Lieutenant Colonel Ravi Mertens") == "unknown"
    assert compatible(Attribution("sources close to the Northvale army"), Attribution("Northvale military sources"),
                      aliases) == "unknown"  # what they are close to is not whose they are


@pytest.mark.parametrize("text, credit", [
    ("According to independent monitors hundreds of civilians have died.", ("independent monitors", None)),
    ("According to the Harbour Watch 200 people died.", ("Harbour Watch", None)),
    ("According to diplomats the inspectors will leave next week.", ("diplomats", None)),
    ("According to the Tide news agency gunmen fired rockets at the port.", (None, "Tide news agency")),
    ("According to the Harbour Watch more than 30 fighters died.", ("Harbour Watch", None)),
])
def test_a_name_after_according_to_ends_where_the_claim_begins(aliases, text, credit):
    assert [(a.speaker, a.channel) for a in extract(text, aliases).attributions] == [credit]


def test_according_to_a_manner_credits_no_one(aliases):
    text = "The monitor says it determines whose planes struck according to type, location and flight patterns."
    assert [a.cue for a in extract(text, aliases).attributions] == ["says"]


@pytest.mark.parametrize("text, speakers", [
    ("Ten people died in a market in northern Northvale a monitor said.", ["a monitor"]),  # the place is no monitor
    ("Extremists were seen in Northvale and militants in Northvale announced a truce.", []),  # a place, not who
    ("Another opposition activist from Kessel said the towns had fallen.",
     ["Another opposition activist from Kessel"]),
    ("The UN Commission of Inquiry on Northvale said the camp was hit.", ["UN Commission of Inquiry on Northvale"]),
    ("Mortar fire wounded three people in northeast Kessel Tide Radio said.", ["Kessel Tide Radio"]),  # kept whole
    ("Jets struck the village of Ardo said the Harbour Watch.", ["Harbour Watch"]),  # said after the place
    ("Jets struck several parts of Ardo said Ana Ruiz director of the Harbour Watch.", ["Ana Ruiz"]),
])
def test_a_place_before_said_is_not_who_said_it(aliases, text, speakers):
    assert [a.speaker or a.channel for a in extract(text, aliases).attributions] == speakers


@pytest.mark.parametrize("text, speaker", [
    ("A witness at the port hospital said the ward was full.", "a witness at the port hospital"),
    ("Kessel urging an independent inquiry said the team was welcome.", "Kessel"),  # not the inquiry urged
    ("Survivors from what activists say was a gas attack rest in a mosque.", "activists"),
])
def test_who_stands_before_a_place_or_a_participle_speaks(aliases, text, speaker):
    assert [a.speaker for a in extract(text, aliases).attributions] == [speaker]


def test_a_person_and_a_body_are_no_two_sources_they_may_be_one_voice(aliases):
    person, body = Attribution("Ana Lopez Ruiz"), Attribution("Harbour Watch for Human Rights")
    assert compatible(person, body, aliases) == "unknown"  # she may speak for the watch
    assert compatible(Attribution("Watch director Ana Ruiz"), body, aliases) == "unknown"
    assert compatible(Attribution("Ana Lopez Ruiz"), Attribution("Lena Maria Vos"), aliases) == "different"
    assert compatible(Attribution("South Harbour"), Attribution("Iran"), aliases) == "different"  # no person
    assert compatible(Attribution(None, channel="broadcaster"), Attribution(None, channel="Tide Radio"), aliases) == "unknown"


def test_a_speaker_who_refuses_one_claim_but_makes_another_is_credited_with_it(aliases):
    text = "The Harbour Watch could not confirm the cause but said the blast hit the pier."
    assert [(a.speaker, a.cue) for a in extract(text, aliases).attributions] == [("Harbour Watch", "said")]


@pytest.mark.parametrize("text, speaker", [
    ("Jets from two members of the US-led coalition Harbour officials said.", "Harbour officials"),
    ("Slideshow (2 Images) Another resident of Kessel Ana Lopez Ruiz said the towns fell.",
     "Another resident of Kessel Ana Lopez Ruiz"),
])
def test_a_body_word_or_a_page_caption_before_a_name_is_not_part_of_it(aliases, text, speaker):
    assert [a.speaker for a in extract(text, aliases).attributions] == [speaker]


def test_the_title_words_persons_read_are_titles():
    from contradictions.extract import persons, phrases

    assert set(persons._PERSONS_TITLES) <= phrases.TITLES and set(phrases.DESCRIBING_ROLES) <= phrases.TITLES


def test_a_list_of_accusers_is_credited_whole(aliases):
    assert aliases.resolve("Western governments and South Korea") == "Western governments and South Korea"
    assert aliases.resolve("North Korean leader Kim Jong Un") == "Kim Jong-un"  # one name after its title still resolves
    primary = extract("Western governments and South Korea have accused Norland of sending ships.", aliases).primary
    assert primary.speaker == "Western governments and South Korea"


@pytest.mark.parametrize("text, speaker", [
    ("Shells hit the pier on Monday a source in Kessel province told the radio.", "a source"),
    ("Many went hungry, the monitor and doctors at the scene said.", "monitor and doctors"),
    ("The assault has yet to begin monitors and sources on the ground said.", "monitors and sources"),
    ("The Harbour opposition in exile said in a statement that the talks had failed.", "Harbour opposition"),
])
def test_a_speaker_placed_before_its_verb_is_credited(aliases, text, speaker):
    assert [a.speaker for a in extract(text, aliases).attributions] == [speaker]


@pytest.mark.parametrize("text", [
    "The Watch relies on a network of sources inside Norland and says it can tell whose jets flew.",  # the Watch says
    "The Medical Society which supports hospitals in rebel-held towns said it sent a team.",  # the Society said
    "Gunfire killed 213 people on Wednesday in what would if confirmed be the worst attack.",  # no one confirmed
    "The army in Norland received several confirmed reports of a deal.",  # an adjective, no speaker
    "Gas killed 58 people a war monitor and medical workers in the area said.",  # a list cut: not the workers alone
])
def test_a_placed_noun_that_does_not_speak_is_not_credited(aliases, text):
    assert all(a.speaker not in ("sources", "hospitals", "people", "army", "workers")
               for a in extract(text, aliases).attributions)

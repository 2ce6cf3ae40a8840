"""Pronoun and role-word speakers named from the article around them."""

from __future__ import annotations

import pytest

from contradictions.aliases import AliasTable
from contradictions.extract.attribution import extract
from contradictions.extract.speakers import resolve_speakers
from contradictions.model import Sentence


def _speakers(texts: list[str]) -> list[list[str | None]]:
    aliases = AliasTable.load()
    sentences = [Sentence("x", i, 0, 0, t, 0) for i, t in enumerate(texts)]
    return [[a.speaker for a in att.attributions]
            for att in resolve_speakers(sentences, [extract(t, aliases) for t in texts])]


def test_a_role_word_in_a_name_said_before_takes_the_name():
    texts = ["The Harbour Safety Monitor said 12 boats sank.", "Fishing resumed on Tuesday.", "The weather cleared.",
             "The monitor said the count may rise."]
    assert _speakers(texts)[3] == ["Harbour Safety Monitor"]


@pytest.mark.parametrize("closing", ["he said", "the group said", "they said"])
def test_a_pronoun_or_role_word_takes_the_one_speaker_named_just_before(closing):
    texts = ["Ahmed Karimi of the Delta Relief Network said the levee broke at dawn.",
             f"At least 40 homes were flooded, {closing}."]
    assert _speakers(texts)[1] == ["Ahmed Karimi of the Delta Relief Network"]


@pytest.mark.parametrize("closing", ["a military source said", "officials said", "residents said"])
def test_an_unnamed_source_on_purpose_stays_unnamed(closing):
    texts = ["Ahmed Karimi of the Delta Relief Network said the levee broke at dawn.",
             f"At least 40 homes were flooded, {closing}."]
    assert _speakers(texts)[1] != ["Ahmed Karimi of the Delta Relief Network"]


def test_an_unnamed_source_takes_the_name_that_holds_its_word_and_only_that():
    texts = ["Western officials say 300 troops crossed the river.", "The weather cleared.",
             "The officials said the count may rise.", "Ahmed Karimi of the Delta Relief Network said the levee broke.",
             "At least 40 homes were flooded, residents said."]
    speakers = _speakers(texts)
    assert speakers[2] == ["Western officials"] and speakers[4] == ["residents"]


def test_a_speaker_stays_as_read_when_the_text_does_not_say_who():
    two = ["Ahmed Karimi said the levee broke.", "Lena Vos said it held.", "Forty homes were flooded, he said."]
    far = ["Ahmed Karimi said the levee broke.", "Rain fell.", "Rain fell again.", "Roads closed.", "He said so."]
    other = [["Ahmed Karimi said the levee broke."], ["Forty homes were flooded, he said."]]
    assert _speakers(two)[2] == ["he"]  # two speakers just before: either could be "he"
    assert _speakers(far)[4] == ["he"]  # too far back
    aliases = AliasTable.load()
    sentences = [Sentence(f"s{i}", 0, 0, 0, t[0], 0) for i, t in enumerate(other)]
    resolved = resolve_speakers(sentences, [extract(t[0], aliases) for t in other])
    assert resolved[1].attributions[0].speaker == "he"  # another article's speaker is no antecedent


def test_a_pronoun_is_not_an_outlet():
    assert _speakers(["Reuters reported the levee broke.", "Forty homes were flooded, he said."])[1] == ["he"]


def test_quotes_follow_their_speaker():
    aliases = AliasTable.load()
    texts = ["Ahmed Karimi said the levee broke.", "\u201cWe lost everything,\u201d he said."]
    sentences = [Sentence("x", i, 0, 0, t, 0) for i, t in enumerate(texts)]
    resolved = resolve_speakers(sentences, [extract(t, aliases) for t in texts])
    assert [q.speaker for q in resolved[1].quotes] == ["Ahmed Karimi"]


def test_glued_place_descriptions_and_relayed_reports_are_read_as_the_speaker():
    from contradictions.aliases import AliasTable
    from contradictions.extract.attribution import extract

    aliases = AliasTable.load(None)

    def primary(text):
        found = extract(text, aliases).primary
        return (found.speaker, found.cue) if found else None

    # a place before the speaker where the comma was stripped
    assert primary("Two blasts hit the police station in central Harbourtown the interior ministry said.") == (
        "interior ministry", "said")
    # a name with its description beside it, with or without commas
    assert primary("The Northvale Monitor for Rights a London-based monitoring group said 30 died.")[0] == (
        "Northvale Monitor for Rights")
    assert primary("NMR, a London-based monitor, said 30 died.")[0] == "NMR"
    assert (primary("Ten people were killed in Harbourtown a monitoring group said.") or (None,))[0] != "Harbourtown"
    # the verb before its speaker, the comma stripped after a count
    assert primary("The raid wounded more than 60 people said the Monitor a London-based group.")[0] == "Monitor"
    # a speaker who only mentions others' reports does not stand behind the figure
    assert primary("The council said it is seeking clarity on reports suggesting that troops killed 900 people.") == (
        None, "reports")
    assert primary("I am alarmed by reports that 900 people were killed the Northvale foreign minister said.") == (
        None, "reports")  # the speaker closes the sentence: still only mentioning the reports
    # a thing and where it was, before a speaker's description, is not the speaker
    assert primary("Nine died in shelling and rocket fire in Harbourtown a monitoring group said.")[0] == (
        "a monitoring group")
    # quoted as saying by an outlet
    assert primary("Governor Lund was quoted as saying by the Northvale TV channel.") == ("Governor Lund", "quoted by")


def test_where_a_body_sits_and_its_acronym_do_not_make_it_another_source():
    from contradictions.aliases import AliasTable

    aliases = AliasTable.load(None)
    assert aliases.resolve("the London-based Northvale Monitor") == "Northvale Monitor"
    assert aliases.relate("Britain-based Northvale Monitor", "Northvale Monitor (NVM)") == "same"
    assert aliases.relate("Britain-based Northvale Monitor", "Harbour Rights Group (HRG)") != "same"


def test_a_pronoun_takes_its_own_sentences_speaker_first():
    texts = ["The coast guard said 14 boats were lost.",
             "The Harbour Safety Monitor also reported the rescue, which it said saved 30 crew."]
    assert _speakers(texts)[1] == ["Harbour Safety Monitor", "Harbour Safety Monitor"]


def test_it_may_be_an_outlet_and_the_agency_is_one():
    texts = ["Valencia Radio said the bridge collapsed at noon.", "It said 12 cars fell into the river.",
             "The bulletin was repeated at night.", "The agency reported that divers were searching."]
    assert _speakers(texts)[1] == ["Valencia Radio"]
    texts = ["Ana Ruiz said the bridge collapsed.", "Valencia Radio reported 12 cars fell.",
             "The group said divers were searching."]
    assert _speakers(texts)[2] == ["Ana Ruiz"]  # a body's role word is a speaker, not the radio


def test_a_new_unnamed_source_is_not_the_one_before_and_a_described_one_is_not_the_bare_word():
    texts = ["The Valencia Civil Defence said 12 died.", "A monitor reported a third blast.",
             "Harbour officials said the port was shut.", "The army was on alert, military officials said."]
    speakers = _speakers(texts)
    assert speakers[1] == ["a monitor"] and speakers[3] == ["military officials"]


def test_a_role_word_takes_a_body_written_before_and_not_a_person_titled_by_it():
    texts = ["Floods hit Marlow Valley Monitor AFP Monday 3 May 2032 Floods hit the valley.",  # a headline's run
             "Shelling rose, with the Northvale-based Harbour Safety Monitor for Coastal Towns warning of more.",
             "\"The levee broke at dawn\" monitor chief Ida Brandt said.",
             "At least 40 homes were flooded, the monitor said."]
    assert _speakers(texts)[3] == ["Harbour Safety Monitor for Coastal Towns"]  # written, not credited, before
    assert _speakers(texts[2:])[1] == ["monitor"]  # Ida Brandt is someone of the monitor, not the monitor
    assert _speakers([texts[0], texts[3]])[1] == ["monitor"]  # "Monitor AFP Monday" names no body


def test_one_speaker_named_two_ways_is_one_for_a_pronoun():
    texts = ["Boats sank off the coast, according to the Harbour Safety Monitor.",
             "\"The crews were lost at sea\" the Monitor said.", "It warned that more boats were missing."]
    assert _speakers(texts)[2] == ["Harbour Safety Monitor"]  # "Monitor" is the Harbour Safety Monitor said shorter


def test_a_role_word_takes_no_source_unnamed_on_purpose():
    texts = ["Regional officials said the levee broke.", "Forty homes were flooded, analysts said."]
    assert _speakers(texts)[1] == ["analysts"]  # analysts are not the officials just named


def test_a_role_word_of_one_kind_takes_only_a_name_that_holds_it():
    texts = ["Harbour Watch said 40 homes were flooded.", "The coalition said its boats were not involved."]
    assert _speakers(texts)[1] == ["coalition"]  # the coalition is no monitor named just before
    texts = ["The Northern Harbour Coalition said 40 homes were flooded.", "The coalition said it would help."]
    assert _speakers(texts)[1] == ["Northern Harbour Coalition"]


def test_it_may_stand_for_a_body_of_one_kind_said_just_before():
    texts = ["The interior ministry said two blasts hit the port.", "\"The guards held the gate\" it added."]
    assert _speakers(texts)[1] == ["interior ministry"]
    texts = ["Harbour Watch said 40 civilians died.", "The coalition says it avoids civilian deaths.",
             "Last month it acknowledged 70 deaths in its strikes."]
    assert _speakers(texts)[2] != ["Harbour Watch"]  # the coalition was named since
    texts = ["The army denied any role.", "The global watchdog said it was concerned."]
    assert _speakers(texts)[1] == ["global watchdog"]  # a role word for any body is no army


def test_bare_state_media_is_no_country_the_article_never_names():
    aliases = AliasTable.load()
    texts = ["Shells hit the port of Kessel on Monday, state media said.", "Ten people were hurt in Kessel."]
    sentences = [Sentence("x", i, 0, 0, t, 0) for i, t in enumerate(texts)]
    resolved = resolve_speakers(sentences, [extract(t, aliases) for t in texts])
    assert resolved[0].attributions[0].channel == "state media"  # not the table's North Korean state media
    korea = ["Pyongyang fired a missile, state media said.", "North Korea said the test succeeded."]
    sentences = [Sentence("y", i, 0, 0, t, 0) for i, t in enumerate(korea)]
    resolved = resolve_speakers(sentences, [extract(t, aliases) for t in korea])
    assert resolved[0].attributions[0].channel == "North Korean state media"


def test_he_takes_the_person_and_the_group_the_body_when_both_were_named():
    said = ["The Coastal Rights Observatory said the ferry sank at dawn.",
            "Eight people drowned said Observatory director Lina Farid."]
    speakers = _speakers([*said, "He said the search would go on."])
    assert speakers[1] == ["Lina Farid"]  # the title's person after the verb, not the body before the title
    assert speakers[2] == ["Lina Farid"]
    assert _speakers([*said, "The group said the toll may rise."])[2] == ["Coastal Rights Observatory"]


def test_a_place_read_as_the_object_of_a_title_is_no_speaker_for_a_pronoun():
    texts = ["Hospitals were hit again the regional director for the Middle East told reporters.",
             "He said the attacks must stop."]
    speakers = _speakers(texts)
    assert speakers[0] == []  # "the Middle East" is what the director is for, not who told
    assert speakers[1] == ["he"]


def test_a_person_who_opens_a_sentence_without_speaking_may_be_the_next_he():
    texts = ["Nadia Rahimi a senior fellow at the Harbour Institute told reporters that talks would fail.",
             "Omar Saleh told the radio that talks would go on.",
             "Rahimi does not expect a deal soon.",
             "Still she warns that time is short."]
    assert _speakers(texts)[3] == ["she"]  # Rahimi or Saleh: the text does not say, so not Saleh by default


def test_sources_described_by_what_they_know_name_no_one_a_role_word_may_stand_for():
    texts = ["Sources close to the army told Reuters the port had closed.", "The army said 12 boats sank."]
    assert _speakers(texts) == [["Sources close to the army"], ["army"]]  # the sources are not the army


def test_a_quote_of_several_sentences_credits_its_first_ones_too():
    aliases = AliasTable.load()
    sentences = [Sentence("x", i, 0, 0, t, 0) for i, t in enumerate(
        ['"The shell struck when people were still inside.', 'It killed 18 civilians" said Lena Varga of the '
         'Harbour Watch.', '"The port is open.', 'Ships are loading."', "The governor said so."])]
    found = resolve_speakers(sentences, [extract(s.text, aliases) for s in sentences])
    assert [a.primary.speaker if a.primary else None for a in found] == [
        "Lena Varga of the Harbour Watch", "Lena Varga of the Harbour Watch",
        None, None, "governor"]  # a quote closed before its speaker's sentence credits no one by it


def test_words_in_the_first_person_run_on_into_the_sentence_naming_their_speaker():
    assert _speakers(["After the port I will see where the rest of my family is.",
                      "My house and my land are all there a resident said."]) == [["a resident"], ["a resident"]]
    assert _speakers(["We work to hold the port and we will not let the army in.",  # the next names another speaker's
                      "Shells hit the port last week the governor said."]) == [[], ["governor"]]  # news, not our words
    assert _speakers(["It never told us what the crates held complained a docker.",  # a speech verb of its own
                      "We did not know what they were she said."])[0] == []
    assert _speakers(['"After the port I will see where my family is.',
                      'My house is in Kessel" Ana Ruiz said.'])[0] == ["Ana Ruiz"]  # marked: the quote rule's

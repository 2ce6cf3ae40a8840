"""Sentence splitting on news text: offsets, abbreviations, quotes, headlines and boilerplate."""

from __future__ import annotations

import pytest

from contradictions.extract.sentences import split_source
from contradictions.io.load import load_sources, normalise
from contradictions.model import Source

from .conftest import SEEDS


def split(text: str) -> list[str]:
    return [s.text for s in split_source(Source("s", "t", normalise(text)))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Rodong Sinmun reported on Aug. 21. Kim met commanders.",
         ["The Rodong Sinmun reported on Aug. 21.", "Kim met commanders."]),
        ("U.S. President Donald Trump is mediating. Talks continue.",
         ["U.S. President Donald Trump is mediating.", "Talks continue."]),
        ("Sanctions were imposed by the U.S. The North objected.",
         ["Sanctions were imposed by the U.S.", "The North objected."]),
        ("Mr. Kim met Gen. Ri in Pyongyang. They spoke.", ["Mr. Kim met Gen. Ri in Pyongyang.", "They spoke."]),
        ("John F. Kennedy spoke. He left.", ["John F. Kennedy spoke.", "He left."]),
        ('"Ours is a heroic army," Kim said. "It is strong."', ['"Ours is a heroic army," Kim said.', '"It is strong."']),
        ('He called it "a war visit pushing the situation to the brink." The ships left.',
         ['He called it "a war visit pushing the situation to the brink."', "The ships left."]),
        ("More than 6,000 were killed \u2014 figures neither confirmed nor denied. Moscow was silent.",
         ["More than 6,000 were killed \u2014 figures neither confirmed nor denied.", "Moscow was silent."]),
        ("Kim met commanders, the paper reported on Aug. 21. [NEWS1]",
         ["Kim met commanders, the paper reported on Aug. 21."]),  # a photo credit is dropped
        ("Why now? Analysts are unsure.", ["Why now?", "Analysts are unsure."]),
        ('"Why?" he asked.', ['"Why?" he asked.']),
        ("It grew 3.5 percent. Growth slowed.", ["It grew 3.5 percent.", "Growth slowed."]),
        ("The talks stalled. al-Hadi said they would resume.",  # a name's lowercase particle opens a sentence
         ["The talks stalled.", "al-Hadi said they would resume."]),
        ("He met Gen. al-Hadi in Tunis. They spoke.", ["He met Gen. al-Hadi in Tunis.", "They spoke."]),
    ],
)
def test_splits(text, expected):
    assert split(text) == expected


def test_headline_and_standfirst_are_sentences_of_their_own():
    text = "Kim praises troops\n\nLeader lauds mission as symbol of ties\n\nKim Jong Un has hailed troops. He spoke."
    assert split(text) == ["Kim praises troops", "Leader lauds mission as symbol of ties", "Kim Jong Un has hailed troops.", "He spoke."]


def test_a_section_head_on_its_own_line_is_its_own_sentence():
    assert split("Experts say so.\nDeepening ties with Putin\nLast week, Kim called.") == [
        "Experts say so.", "Deepening ties with Putin", "Last week, Kim called."]


def test_soft_wrapped_lines_join():
    assert split("North Korea sent troops to the\nfront last year. They\nreturned.") == [
        "North Korea sent troops to the\nfront last year.", "They\nreturned."]


def test_repeated_caption_is_kept_once_and_boilerplate_dropped():
    caption = "Kim met commanders of the unit, the Rodong Sinmun reported on Aug. 21. [NEWS1]"
    text = "\n\n".join(["Title", "Published: 22 Aug. 2025, 10:11 Updated: 22 Aug. 2025, 14:03", caption,
                       "Related Article", "Body sentence one.", caption.replace("'", "\u2019"), caption,
                       "BY CHUNG YEONG-GYO [[email protected]]", caption])
    assert split(text) == ["Title", caption.removesuffix(" [NEWS1]"), "Body sentence one."]


def test_offsets_point_into_the_source_text():
    for source in load_sources(SEEDS):
        sentences = split_source(source)
        assert sentences, source.id
        for s in sentences:
            assert source.text[s.start : s.end] == s.text
            assert s.text == s.text.strip()
        assert [s.index for s in sentences] == list(range(len(sentences)))


def test_seed_caption_printed_six_times_is_kept_once():
    (source,) = [s for s in load_sources(SEEDS) if s.id.startswith("004")]
    texts = [s.text for s in split_source(source)]
    caption = [t for t in texts if t.startswith("North Korean leader Kim Jong-un met with commanders of the country's military unit recently")]
    assert len(caption) == 1
    assert not any(t.startswith(("Published:", "Related Article", "BY CHUNG")) for t in texts)


def test_a_sentence_past_the_limit_is_cut_into_pieces_with_one_warning():
    from contradictions.extract.sentences import MAX_SENTENCE

    text = "Short one. The army said " + "very " * 3_000 + "600 soldiers died. " + "X" * 5_000 + " end.\nLast line."
    warnings: list[str] = []
    sentences = split_source(Source("a", "t", text, path="a.txt"), warnings.append)
    assert warnings == ["a.txt: 2 sentence(s) longer than 2,000 characters (the longest 15,032) read in pieces of at "
                        "most 2,000"]
    assert all(len(s.text) <= MAX_SENTENCE and text[s.start : s.end] == s.text for s in sentences)
    assert sentences[0].text == "Short one." and sentences[-1].text == "Last line."
    assert "600 soldiers died." in " ".join(s.text for s in sentences)


def test_splitting_is_linear_in_the_length_of_a_paragraph():
    import time

    text = "".join(f"line {i} of the report about the border\n" for i in range(50_000))  # one soft-wrapped paragraph
    started = time.perf_counter()
    sentences = split_source(Source("a", "t", text))
    assert time.perf_counter() - started < 20  # 214 s when each line looked back over the whole paragraph
    assert len(sentences) > 1_000

"""A speaker named around its speech verb in copy whose commas were stripped: after the verb ("... wounded more than 60
people said the Observatory"), by title after a body's name ("said Syrian Observatory for Human Rights director Rami
Abdel Rahman"), or before their own title ("Andrew Tabler a senior fellow at the Washington Institute tells"). Read
by `extract.attribution`, with the name phrases of `extract.phrases`. And sources described by what they know ("sources
close to the group told", "an official familiar with the assessments said"), who are named by no name at all."""

from __future__ import annotations

import re

from contradictions.aliases import KNOWING, NOT_NAMES, SPEAKER_WORDS
from contradictions.extract.phrases import (
    BODY_ROLES,
    CLAUSE_END,
    CLAUSE_WORDS,
    DESCRIBING,
    DESCRIBING_ROLES,
    INSIDE_A_CLAUSE,
    PARTICLE_NAME,
    PLURAL,
    SKIP,
    TITLES,
    closes,
    np_before,
)

# A body's role word and a person's name after it: the person speaks ("said Observatory director Rami Abdel Rahman").
# A capitalised function word ends the name: feeds glue the next sentence on ("... Rami Abdel Rahman The displaced").
_PERSONS_TITLES = (*DESCRIBING_ROLES, "spokesperson", "leader", "commander", "chairman", "president", "minister", "official")
TITLED_NAME = re.compile(rf"\s+(?:{'|'.join(_PERSONS_TITLES)})\s+((?:(?!(?:The|A|An|This|That|These|Those|It|He|She|They|"
                         r"We|In|On|At|But|And|As|After|Before|When|While)\b)[A-Z][\w'\u2019-]+\s?){2,4})")
# The verb before its speaker where the comma after the reported words was stripped: "... wounded more than 60
# people said the Observatory": a counted noun right after a figure is not who said it.
_COUNTED_BEFORE = re.compile(r"(?i)(?:(?<![\d,.])(?!(?:19|20)\d\d\s)\d[\d,.]*|dozens|hundreds|thousands|scores)\s+"
                             r"(?:[a-z-]+\s+){0,1}$")  # not a dateline's year: "5 April 2017 Blaming Assad Trump says"
_NAME_AFTER = re.compile(rf"\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:{'|'.join(BODY_ROLES)})\s+)?"
                         r"(?P<name>[A-Z][\w.'-]*(?:\s+(?:(?:for|of|and)\s+)?[A-Z][\w.'-]*)*)")
_DESCRIBED_AFTER = re.compile(rf"\s+(?:who|which|{'|'.join(DESCRIBING_ROLES)})\b")  # "X who ...", "X director of"
_OF_A_NAME = re.compile(r"(?:\s+(?:for|of)(?:\s+[A-Z][\w'-]*)+)?")  # the rest of a body's name: "for Human Rights"


def titled_after(plain: str, end: int) -> re.Match | None:
    """A person named by title after the body's name that ends at `end`: "[Syrian Observatory] for Human Rights
    director Rami Abdel Rahman" (`TITLED_NAME`; its group 1 is the person's name)."""
    return TITLED_NAME.match(plain, _OF_A_NAME.match(plain, end).end())


def inverted(tokens: list[re.Match], plain: str, end: int, k: int) -> tuple[int, str] | None:
    """(end, name) of the speaker named after its verb (token k, ending at `end`) where the comma before the verb
    was stripped: "... wounded more than 60 people said the Observatory", "... in Hardatain and Ratain said the
    Observatory which tracks the war", "... sarin and chlorine said Mounzer Khalil head of ...": the words before the
    verb are a count, a place or a common noun no one speaks as, and the name after it ends the clause."""
    who, after = np_before(tokens, k), _NAME_AFTER.match(plain, end)
    bare = who is None and k > 0 and re.fullmatch(r"[a-z]+|\d[\d,.]*", word := tokens[k - 1].group()) is not None and (
        word not in NOT_NAMES and word not in CLAUSE_WORDS and word not in SKIP)
    if not ((who or bare) and after) or (who and tokens[who[0]].group().lower() in ("a", "an", "the")):
        return None
    name = re.sub(r"(?<=[a-z])\.$", "", after.group("name"))  # the sentence's stop, not "U.N."
    if name.lower() in NOT_NAMES:
        return None  # "... west of Raqqa local media reported Sunday."
    ends = CLAUSE_END.match(plain, after.end("name")) is not None
    if bare:  # after a common noun the name must close the sentence or be described: not "fighters said Assad on
        # Tuesday had fled"
        ends = closes(plain, after.start("name") + len(name)) or bool(_DESCRIBED_AFTER.match(plain, after.end("name")))
    if (bare and ends) or (who and (_COUNTED_BEFORE.search(plain[: tokens[who[0]].start()]) or (
            who[0] > 0 and tokens[who[0] - 1].group().lower() in INSIDE_A_CLAUSE | {"of", "on"} and ends))):
        if titled := titled_after(plain, after.start("name") + len(name)):  # "said Observatory director Rami
            return titled.end(1) - (titled.group(1)[-1:] == " "), titled.group(1).strip()  # Abdel Rahman": he speaks
        return after.start("name") + len(name), name
    return None


# A person named before their title, its commas stripped: "Andrew Tabler a senior fellow at the Washington Institute
# tells", "Redur Khalil one of the spokespersons within SDF said", "Lama Fakih the watchdog's deputy for Mideast told".
_PERSON = r"[A-Z][\w'\u2019-]+(?:\s+(?:(?:al|el|bin|ibn|de)[\s-]+)?[A-Z][\w'\u2019-]+){1,3}"
_ROLE = "|".join(sorted(TITLES | {"fellow", "deputy", "expert", "spokespersons", "researcher", "analyst", "adviser",
                                  "advisor", "representative", "correspondent", "coordinator"}))
_TITLED_BEFORE = re.compile(rf"(?P<person>{_PERSON})\s+(?:an?|the|one\s+of\s+the)\s+(?:[\w'\u2019-]+\s+){{0,4}}?"
                            rf"(?:{_ROLE})(?:\s+(?:at|of|for|with|within|in)\s+(?:[\w'().\u2019-]+\s+){{0,8}})?\s*$")


def titled_before(plain: str, verb: int) -> re.Match | None:
    """The person named before their title and body just before a speech verb at `verb` (`_TITLED_BEFORE`; its
    group "person"), when no clause runs between them."""
    window = max(0, verb - 200)
    found = _TITLED_BEFORE.search(plain, window, verb)
    between = found.group(0)[len(found.group("person")):].lower().split() if found else []
    return found if found and not any(w in CLAUSE_WORDS for w in between) else None


# Sources described by what they know, their commas stripped: "sources close to the group told Reuters", "sources
# familiar with Syrian government thinking have said", "an official familiar with initial intelligence assessments
# said". The words after "close to" are what they know, not who speaks.
_INFORMED = re.compile(rf"\b(?:sources?|officials?|diplomats?|insiders?)\s+{KNOWING}\s+"
                       r"(?P<what>(?:[\w'\u2019.-]+\s+){1,6}?)(?:(?:have|has|had)\s+)?$", re.I)
_RECORDS = {"assessments", "estimates", "reports"}  # speaker words that are no people: "familiar with the assessments"
_NATIONAL = re.compile(r"[A-Z][a-z]+(?:an|ern|ish|ese|ic|i)|[A-Z]{2,4}|[A-Z](?:\.[A-Z])+\.?")  # "Western", "U.S."


def informed_before(plain: str, verb: int) -> int | None:
    """Where a phrase of sources described by what they know starts (`_INFORMED`, with its article and description:
    "Western diplomatic sources close to the talks"), when it runs up to a speech verb at `verb`; else None, and None
    too when what they know ends in who may be speaking ("officials close to the border residents said")."""
    found = _INFORMED.search(plain, max(0, verb - 160), verb)
    if found is None:
        return None
    what = found.group("what").split()
    if any(w.lower() in CLAUSE_WORDS for w in what) or any(
            PLURAL.fullmatch(w) and w in SPEAKER_WORDS - _RECORDS and what[i - 1].lower() not in ("the", "a", "an")
            for i, w in enumerate(what) if i > 0):
        return None
    start, words = found.start(), plain[: found.start()].split()
    for word in reversed(words[-2:]):  # its description: "security sources", "an informed official"
        if not (DESCRIBING.fullmatch(word) or _NATIONAL.fullmatch(word) or word.lower() in SPEAKER_WORDS) or (
                word.lower() in CLAUSE_WORDS or PARTICLE_NAME.fullmatch(word)):  # not "Bashar al-Assad sources"
            break
        start = plain.rindex(word, 0, start)
    article = re.search(r"\b(?:an?|the)\s+$", plain[:start], re.I)
    return article.start() if article else start

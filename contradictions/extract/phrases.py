"""Name phrases in a sentence's tokens: the speaker before a speech verb ("Homs governor Talal al-Barazi said"),
the name after "according to" or "by", and the words that open, join or end such a name. Read by
`extract.attribution`, which finds the verbs and phrases these names belong to; with the patterns it reads them
by: a record someone keeps ("a toll compiled by"), a clause about the speaker before its verb ("which relies on")."""

from __future__ import annotations

import re

from contradictions.aliases import CHANNEL_HEADS, HEAD_ONLY, NOT_NAMES, SPEAKER_WORDS
from contradictions.extract.sentences import ABBREVIATIONS

DETERMINERS = {"the", "a", "an", "some", "several", "many", "both", "either"}
CONNECTORS = {"of", "and", "in", "for", "&", ",", "bin", "ibn", "al", "el"}  # "Mohammed bin Salman"
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|bin|ibn|abu|abd|ben|bint)-[A-Z][\w'-]*")  # "al-Barazi"
_SKIP = set("also has have had was were is are did does do again later earlier then separately previously "
            "not never would will could may might once further first".split())
# The adverbs between a subject and its verb, not the auxiliaries `_SKIP` also passes: "were also reported" is a passive.
ADVERBS = {"also", "not", "never", "again", "first", "later", "earlier", "previously", "separately", "widely"}
# What may follow a speech verb that closes its sentence: "... a monitoring group said on Sunday."
CLOSING = re.compile(r"(?:\s+(?:on|late|early|last)\s+\w+|\s+(?:earlier|later|today|yesterday))*\s*[.!?\u25a0'\"\u201d]*\s*$")
_FORWARD_STOP = set("that as who which whose on when while after before because saying to from at during with since "
                    "last this earlier said says told reported was were is are has have had but if amid into for over "
                    "about showed show shows will would could can may might must should hundreds thousands dozens "
                    "scores tens more less least nearly almost near".split())
PLACE_BEFORE = {"in", "near", "at", "on", "of", "from", "outside", "around", "across", "into", "to", "towards"}
_WORD = r"[^\W_](?:[\w&-]|[.'\u2019](?=[^\W_])|(?<=s)['\u2019](?![^\W_]))*"
TOKEN = re.compile(rf"\([^()]{{1,60}}\)|{_WORD}|\S")
_ADJECTIVE = re.compile(r"[A-Z][a-z]*(?:an|ern|ish|ese|ic|i)|[A-Z]{2,4}")
# A word describing an unnamed source: hyphenated ("Raqqa-based", "anti-ISIS") or an adjective's ending
# ("militant", "monitoring", "independent"), never a noun's ("a move analysts say", "a deployment officials expect")
DESCRIBING = re.compile(r"\w+(?:-\w+)+|[a-z]+(?:ing|ant|ent|al|ist|ive|ic|ian|ary|ous)(?<!ment)")
# A body's lowercase word before a capitalised name is no title of it: "members of the US-led coalition Pentagon
# officials said" (the comma stripped) credits the Pentagon officials.
_BODY_WORD = frozenset("coalition alliance regime ministry government council committee brigade".split())
PLURAL = re.compile(r"[a-z]+[^s]s")  # "rebels", "officials"; not "witness"
_COMPASS = {"North", "South", "East", "West", "Central", "Upper", "Lower", "New"}

# What a body keeps rather than who it is: "according to [a toll compiled] by the Observatory", "[figures] from the UN".
_GIVEN = "provided|released|issued|compiled|published|given|gathered|collected|obtained|announced"
RECORD = re.compile(r"(?i)\b(?:(?:latest|new|updated|final|official|initial|preliminary)\s+)?(?:information|figures?|data|"
                    r"tolls?|tally|tallies|counts?|numbers?|statistics|estimates?|records?|statements?|reports?)"
                    rf"(?:\s+(?:{_GIVEN}))?$")
KEPT_BY = re.compile(rf"(?i)\s+(?:(?:{_GIVEN})\s+)?(?:by|from|of)\s+")
# A clause about the speaker between its name and the verb: "The Observatory which relies on a network of sources
# inside Syria said", "Lavrov who is visiting Ankara said" (a clause's own subject, "which activists said", is not one).
INSIDE_A_CLAUSE = {"in", "inside", "across", "throughout", "to", "by"}  # "which monitors violence in Syria said"
CLAUSE_END = re.compile(r"\s*(?:[.!?;]|$|\s*\u25a0|\s+(?:which|who|on|in|late|early|earlier|later|director|head|chief|"
                        r"spokesman|spokeswoman|founder)\b)")  # "... said Rami Abdel Rahman director of the Observatory"
TRACKING = {"relies", "relied", "monitors", "monitored", "tracks", "tracked", "gathers", "documents", "depends",
             "draws", "bases", "runs", "operates"}
RELATIVE_CLAUSE = re.compile(rf"\s+-?\s*(?:which|who)\s+(?:has\s+|had\s+)?(?P<verb>{'|'.join(sorted(TRACKING))}|has|had|is|"
                       r"was)\b[^,;:\u25a0]*?(?:\s+-)?\s*$")

def is_name_word(tok: str) -> bool:
    low = tok.lower()
    return (tok[0] == "(" or (tok[0].isupper() and low not in NOT_NAMES) or low in SPEAKER_WORDS
            or _PARTICLE_NAME.fullmatch(tok) is not None)


def skip_back(tokens: list[re.Match], j: int) -> int:
    """The index of the first token at or before j that is not an adverb or auxiliary ("also separately")."""
    while j >= 0 and (tokens[j].group().lower() in _SKIP or (re.fullmatch(r"[a-z]+ly", tokens[j].group())
                                                             and tokens[j].group() not in SPEAKER_WORDS)):
        j -= 1
    return j


def np_before(tokens: list[re.Match], i: int) -> tuple[int, int] | None:
    """Token range [first, last] of the name that ends just before token i (adverbs skipped), or None."""
    last = j = skip_back(tokens, i - 1)
    if last < 0 or not is_name_word(tokens[last].group()):
        return None
    while j >= 0 and last - j < 12:
        tok = tokens[j].group()
        nxt = tokens[j + 1].group() if j < last else ""  # a page's "(2 Images)" ends a name before it too
        if j < last and (tok in HEAD_ONLY or re.fullmatch(r"\(\d+ \w+\)", tok) or ((PLURAL.fullmatch(tok) or tok in _BODY_WORD)
                                             and nxt[:1].isupper() and nxt.lower() not in SPEAKER_WORDS)):
            break  # "a militant website Charles said"; "committed by rebels Pillay said": no title is plural
        if tok == ",":  # only inside a list of proper adjectives: "South Korean, Ukrainian and Western"
            if not (j > 0 and _ADJECTIVE.fullmatch(tokens[j - 1].group()) and _ADJECTIVE.fullmatch(tokens[j + 1].group())):
                break
        elif not (is_name_word(tok) or tok.lower() in CONNECTORS or tok.lower() in DETERMINERS):
            break
        elif tok.lower() in ("the", "a", "an") and not (j > 0 and tokens[j - 1].group().lower() in CONNECTORS):
            j -= 1  # an article opens the name unless a connector joins it to more ("Organisation for the
            break   # Prohibition"): "in central Damascus the interior ministry said" credits the ministry
        j -= 1
    first = j + 1
    while tokens[first].group().lower() in CONNECTORS:
        first += 1
    return _described(tokens, _unglued(tokens, first, last), last), last


def _described(tokens: list[re.Match], first: int, last: int) -> int:
    """The start of a common-noun speaker with its description: "a [monitoring] group", "A [Raqqa-based anti-ISIS]
    activist network", "A [militant] website" (at most two words between the article and the name, hyphenated or
    adjectives: `DESCRIBING`)."""
    if (tokens[first].group().lower() in DETERMINERS or tokens[last].group() not in SPEAKER_WORDS
            or any(tokens[k].group().lower() in CONNECTORS for k in range(first, last))):
        return first
    j = first - 1
    while j >= 0 and first - j <= 2 and DESCRIBING.fullmatch(tokens[j].group()) and tokens[j].group() not in DETERMINERS:
        j -= 1
    return j if j < first - 1 and j >= 0 and tokens[j].group().lower() in ("a", "an", "the") else first


def _unglued(tokens: list[re.Match], first: int, last: int) -> int:
    """The start of a name once a place glued before it is dropped: "near Damascus British Foreign Secretary William
    Hague said" (the comma stripped): a place word after a locative preposition, then a nationality."""
    if (0 < first and last - first >= 2 and tokens[first - 1].group().lower() in PLACE_BEFORE
            and not _ADJECTIVE.fullmatch(tokens[first].group()) and tokens[first].group() not in _COMPASS
            and _ADJECTIVE.fullmatch(tokens[first + 1].group()) and tokens[first + 1].group()[1:].islower()):
        return first + 1
    return first


def np_after(tokens: list[re.Match], i: int, strict: bool = False) -> tuple[int, int] | None:
    """Token range [first, last] of the name that starts at token i ("according to [South Korean assessments]")."""
    j = i
    while j < len(tokens) and j - i < 10:
        tok, low = tokens[j].group(), tokens[j].group().lower()
        nxt = tokens[j + 1].group() if j + 1 < len(tokens) else ""
        if low in _FORWARD_STOP or low in NOT_NAMES - {"of", "and", "in"}:
            break
        if low == "in" and not (nxt[:1].isupper() and nxt.lower() not in NOT_NAMES):
            break
        if low in ("the", "a", "an") and j > i and tokens[j - 1].group().lower() not in CONNECTORS | DETERMINERS:
            break  # a name ends where an article opens the next words: "Rami Abdel Rahman the bus was ..."
        if j > i and (re.fullmatch(r"\d[\d,.]*", tok) or (
                tok.islower() and low not in CONNECTORS | SPEAKER_WORDS | {"station", "stations"}
                and tokens[j - 1].group().lower() in CHANNEL_HEADS | {"agency"})):
            break  # "according to monitors 200 people died", "according to SANA news agency terrorists fired"
        if tok == "." and j > i and tokens[j - 1].group().lower() in ABBREVIATIONS and nxt[:1].isupper():
            j += 1  # "spokesman Lt. Col. Thomas Gilleran"
            continue
        if not re.match(r"[\w(]", tok) or (strict and not (is_name_word(tok) or low in CONNECTORS | DETERMINERS)):
            break
        j += 1
    last = j - 1
    while last >= i and tokens[last].group().lower() in CONNECTORS | DETERMINERS:
        last -= 1
    if last < i or (strict and tokens[i].group().lower() not in DETERMINERS and not is_name_word(tokens[i].group())):
        return None
    return i, last


_AT = ("at", "in", "from", "of")


def speaker_span(tokens: list[re.Match], who: tuple[int, int]) -> tuple[int, int] | None:
    """The speaker's tokens, given the name read just before its verb (`who`), or None when that name is only a
    place (`only_a_place`) with no speaker before it ("extremists in Syria announced"). A speaker before a place or
    a lowercase noun it is at is read whole ("Another opposition activist from Deir al-Zor said", "A witness at the
    town hospital said"); the subject of a participle is ("Moscow urging an objective inquiry said")."""
    first = tokens[who[0]].group()
    if first[:1].isupper() and only_a_place(tokens, who) and (at := place_before(tokens, who[0])) is not None:
        holder = np_before(tokens, at) if at > 0 and is_name_word(tokens[at - 1].group()) else None
        return (holder[0], who[1]) if holder else None
    j = who[0] - 1
    if first.islower() and first not in DETERMINERS:  # "at the town hospital"
        while j >= who[0] - 3 and j >= 0 and tokens[j].group() not in _AT + ("what", "which", "that") and (tokens[j].group() == "the" or (
                tokens[j].group().islower() and not is_name_word(tokens[j].group()))):
            j -= 1
        if 0 < j < who[0] - 1 and tokens[j].group() in _AT and is_name_word(
                tokens[j - 1].group()) and (holder := np_before(tokens, j)):
            return holder[0], who[1]
    elif first.lower() in ("a", "an", "the") and j > 0 and re.fullmatch(r"[a-z]+ing", tokens[j].group()) and (
            tokens[j].group() not in SPEAKER_WORDS) and (holder := np_before(tokens, j)) and tokens[holder[0]].group()[:1].isupper():
        return holder
    return who


def only_a_place(tokens: list[re.Match], who: tuple[int, int]) -> bool:
    """Whether the name at tokens `who` may be only a place's ("Syria", "Deir al-Zor"), not a speaker glued on after
    one ("Damascus SANA", "Paris Fabius", "Syria state media")."""
    words = [t.group() for t in tokens[who[0] : who[1] + 1]]
    return words[0][:1].isupper() and not any(w.lower() in SPEAKER_WORDS for w in words) and (
        len(words) == 1 or any(_PARTICLE_NAME.fullmatch(w) for w in words))


def place_before(tokens: list[re.Match], first: int) -> int | None:
    """The index of the preposition that makes the name at token `first` a place ("in northern Syria", "inside
    Aleppo", "at war with Damascus"), else None."""
    j = first - 1
    while j >= 0 and re.fullmatch(r"(?:north|south|east|west|central|rural|coastal)[a-z-]*|the", tokens[j].group()):
        j -= 1
    return j if j >= 0 and tokens[j].group().lower() in PLACE_BEFORE | {"inside", "with", "throughout"} else None


_NOT_A_SPEAKER = re.compile(r"(?i)^(?:an?|the|this|that|these|those|some|any|\(.*|to\s.*|(?:one|two|three|four|five|six|"
                            r"seven|eight|nine|ten|\d+)\s+(?:people|persons|civilians|dead|children|women|men)\b.*)$")


def no_one(speaker: str | None) -> bool:
    """Whether a speaker the patterns read is no one: an article ("An alleged attack"), a parenthesis ("(to the U.N.
    team)"), or a count of the dead ("Six people")."""
    return bool(speaker) and bool(_NOT_A_SPEAKER.match(speaker.strip()))

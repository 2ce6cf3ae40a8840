"""Name phrases in a sentence's tokens: the speaker before a speech verb ("Homs governor Talal al-Barazi said"),
the name after "according to" or "by", and the words that open, join or end such a name. Read by
`extract.attribution`, which finds the verbs and phrases these names belong to; with the patterns it reads them
by: a record someone keeps ("a toll compiled by"), a clause about the speaker before its verb ("which relies on");
and where a speaker's phrase stands in its sentence (`clause_role`: it closes the sentence, opens it, or sits inside
a clause about something else). A speaker named after its verb or by title: `extract.persons`."""

from __future__ import annotations

import re

from contradictions.aliases import CHANNEL_HEADS, HEAD_ONLY, NOT_NAMES, PRONOUNS, SPEAKER_WORDS
from contradictions.extract.sentences import ABBREVIATIONS
from contradictions.timeline import WEEKDAYS

DETERMINERS = {"the", "a", "an", "some", "several", "many", "both", "either"}
CONNECTORS = {"of", "and", "in", "for", "&", ",", "bin", "ibn", "al", "el"}  # "Mohammed bin Salman"
_ENVOYS = {"ambassador", "envoy", "adviser", "advisor", "representative", "delegate"}  # "the ambassador to the UN"
PARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|bin|ibn|abu|abd|ben|bint)-[A-Z][\w'-]*")  # "al-Barazi"
SKIP = set("also has have had was were is are did does do again later earlier then separately previously "
            "not never would will could may might once further first".split())
# The adverbs between a subject and its verb, not the auxiliaries `SKIP` also passes: "were also reported" is a passive.
ADVERBS = {"also", "not", "never", "again", "first", "later", "earlier", "previously", "separately", "widely"}
# What may follow a speech verb that closes its sentence, its comma stripped: a time ("... a monitoring group said on
# Sunday.", "... said Saturday."), where it was said ("said in a statement", "said on a visit to Paris", "added in an
# e-mail to AFP", "told reporters in Paris on Wednesday.") or a clause of its own ("said adding that ...", "said
# without giving details").
_WHEN = (rf"(?:{'|'.join(WEEKDAYS)})(?:\s+(?:morning|afternoon|evening|night))?|today|tonight|yesterday|earlier|later|"
         r"overnight|(?:on|late|early|last|this)\s+[\w.]+(?:\s+(?:morning|afternoon|evening|night))?")
_SETTING = ("statement|report|interview|briefing|conference|e-?mail|video|message|post|posting|tweet|update|toll|speech|"
            "letter|visit|trip|call|sidelines|meeting|session|broadcast|address|communiqu\\w|bulletin|response|remarks|"
            "comments|article|tally")
_AUXILIARY = "is|are|was|were|has|have|had|will|would|could|can|may|might|should|must"  # a finite verb ends a phrase
_PLACE_WORD = rf"(?!(?:{_AUXILIARY}|did)\b)[\w'.-]+"
_WHERE = rf"\s+(?:in|at|near|from|outside)\s+(?:{_PLACE_WORD}\s+){{0,3}}{_PLACE_WORD}"  # "told reporters in Paris"
CLOSING = re.compile(rf"(?i:\s+(?:{_WHEN}))*(?:(?:{_WHERE}(?i:\s+(?:{_WHEN}))*)?\s*[.!?\u25a0'\"\u201d]*\s*$"
                     rf"|(?i:\s+(?:in|at|during|on|via|through|from|after)\s+(?:[\w'-]+\s+){{0,4}}?(?:{_SETTING})\b"
                     r"|\s+(?:adding|while|without|citing|referring|noting|stressing|but|although|though|when)\b))")
# Whom a closing "told" names: "... Observatory director Rami Abdel Rahman told AFP.", "told reporters in Paris."
_NAMED = r"(?:[A-Z]|al-|el-)[\w.'-]*"
_TOLD = re.compile(rf"(?:(?<=told)|(?<=tells))\s+(?:the\s+)?(?:{_NAMED}(?:\s+{_NAMED}){{0,3}}(?:\s+news\s+agency)?|"
                   r"reporters|journalists|(?:a|the)\s+(?:news|press)\s+conference|the\s+press)")
# A clause before a speaker's phrase: its subordinating or relative word, an auxiliary, a past tense ("came").
CLAUSE_WORDS = frozenset("that which who whom whose where as although though while when whereas because since if unless "
                          "until but is are was were be been has have had will would can could may might shall should "
                          "must do does did come comes came went took fell rose struck began broke brought fled fought "
                          "gave held left lost made met ran saw sent shot sought spoke spread swept threw tore won".split())
_OBJECT = frozenset("a an the this these those his her its their at more over about nearly some dozens hundreds thousands "
                    "scores".split())  # what follows a past tense, not an adjective: "killed 17", "targeted the"
# A verb right after the speech verb: the speaker is inside a clause about something else ("the district the army
# has repeatedly said had not fallen").
_GAP = re.compile(rf"\s+(?:(?:also|not|never|now)\s+)?(?:{_AUXILIARY})\b", re.I)
_FORWARD_STOP = set("that as who which whose on when while after before because saying to from at during with since "
                    "last this earlier said says told reported was were is are has have had but if amid into for over "
                    "about showed show shows will would could can may might must should hundreds thousands dozens "
                    "scores tens more less least nearly almost near".split())
_KNOWING = {"close", "familiar", "knowledgeable", "briefed"}  # "according to sources close to the army"
PLACE_BEFORE = {"in", "near", "at", "on", "of", "from", "outside", "around", "across", "into", "to", "towards"}
_WORD = r"[^\W_](?:[\w&-]|[.'\u2019](?=[^\W_])|(?<=s)['\u2019](?![^\W_]))*"
TOKEN = re.compile(rf"\([^()]{{1,60}}\)|{_WORD}|\S")
_ADJECTIVE = re.compile(r"[A-Z][a-z]*(?:an|ern|ish|ese|ic|i)|[A-Z]{2,4}")
# A word describing an unnamed source: hyphenated ("Raqqa-based", "anti-ISIS") or an adjective's ending
# ("militant", "monitoring", "independent"), never a noun's ("a move analysts say", "a deployment officials expect")
DESCRIBING = re.compile(r"\w+(?:-\w+)+|[a-z]+(?:ing|ant|ent|al|ist|ive|ic|ian|ary|ous)(?<!ment)")
# A body's lowercase word before a capitalised name is no title of it: "members of the US-led coalition Pentagon
# officials said" (the comma stripped) credits the Pentagon officials.
SIDE_WORDS = {"rebel", "opposition", "state", "government", "regime", "army", "police"}  # "the rebel X said"
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
# A body's titles that may stand between its name and a person's ("Observatory director Rami Abdel Rahman"), and with
# "founder" those that describe a name just read ("Rami Abdel Rahman director of the Observatory"); all are `TITLES`.
BODY_ROLES = ("director", "head", "chief", "spokesman", "spokeswoman")
DESCRIBING_ROLES = (*BODY_ROLES, "founder")
CLAUSE_END = re.compile(rf"\s*(?:[.!?;]|$|\s*\u25a0|\s+(?:which|who|on|in|late|early|earlier|later|"
                        rf"{'|'.join(DESCRIBING_ROLES)})\b)")  # "... said Rami Abdel Rahman director of the Observatory"
TRACKING = {"relies", "relied", "monitors", "monitored", "tracks", "tracked", "gathers", "documents", "depends",
             "draws", "bases", "runs", "operates"}
RELATIVE_CLAUSE = re.compile(rf"\s+-?\s*(?:which|who)\s+(?:has\s+|had\s+)?(?P<verb>{'|'.join(sorted(TRACKING))}|has|had|is|"
                       r"was)\b[^,;:\u25a0]*?(?:\s+-)?\s*$")

def is_name_word(tok: str) -> bool:
    low = tok.lower()
    return (tok[0] == "(" or (tok[0].isupper() and low not in NOT_NAMES) or low in SPEAKER_WORDS
            or PARTICLE_NAME.fullmatch(tok) is not None)


_LY_NOUNS = frozenset("ally family assembly rally".split())  # not adverbs: "the staunch Assad ally insisted"


def adverb(tokens: list[re.Match], j: int) -> bool:
    """Whether token j is an adverb: one of `ADVERBS`, or a word in -ly that is no noun: not a speaker's ("the
    weekly"), not one of `_LY_NOUNS`, and not after an article ("The daily said")."""
    word = tokens[j].group()
    return word.lower() in ADVERBS or (re.fullmatch(r"[a-z]+ly", word) is not None and word not in SPEAKER_WORDS | _LY_NOUNS
                                       and not (j > 0 and tokens[j - 1].group().lower() in ("the", "a", "an")))


def skip_back(tokens: list[re.Match], j: int) -> int:
    """The index of the first token at or before j that is not an adverb or auxiliary ("also separately")."""
    while j >= 0 and (tokens[j].group().lower() in SKIP or adverb(tokens, j)):
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
        elif not (is_name_word(tok) or tok.lower() in CONNECTORS or tok.lower() in DETERMINERS or (
                tok == "Without" and 0 < j < last and tokens[j - 1].group()[:1].isupper()) or (  # "Doctors Without Borders"
                tok == "to" and j > 0 and tokens[j - 1].group().lower() in _ENVOYS) or (  # "the ambassador to the UN"
                tok.lower() in _ENVOYS and nxt == "to")):
            break
        elif tok.lower() in ("the", "a", "an") and not (j > 0 and tokens[j - 1].group().lower() in CONNECTORS) and not (
                j > 1 and tokens[j - 1].group() == "to" and tokens[j - 2].group().lower() in _ENVOYS):
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
        knowing = j > i and tokens[j - 1].group().lower() in _KNOWING and low in ("to", "with", "about", "on")
        if (low in _FORWARD_STOP or low in NOT_NAMES - {"of", "and", "in"}) and not knowing:
            break
        if low == "in" and not (nxt[:1].isupper() and nxt.lower() not in NOT_NAMES):
            break
        if low in ("the", "a", "an") and j > i and tokens[j - 1].group().lower() not in CONNECTORS | DETERMINERS and not (
                j > i + 1 and tokens[j - 2].group().lower() in _KNOWING):
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
    named = (who[0] + 1, who[1]) if tokens[who[0]].group() in ("both", "either") and who[0] < who[1] else who
    first = tokens[named[0]].group()  # "in both Syria and Iraq": the places after "both"
    if first[:1].isupper() and only_a_place(tokens, named) and (at := place_before(tokens, who[0])) is not None:
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


_PLACING = ("at", "in", "from", "inside", "on")  # "a source in Hasaka province", "doctors at the scene"
# Words that end a phrase placing a speaker ("on the ground", "in the rebel-held area"): a clause goes on past them.
_NOT_PLACING = frozenset("what which that who whom would will could should may might can if when where and or but to be "
                         "been is are was were has have had do does did not its their his her it they he she we".split())


def placed_before(tokens: list[re.Match], k: int) -> tuple[int, int] | None:
    """The speaker before a short phrase that places it, right before its speech verb at token k, when the words
    just before the verb name no one: "a source in Hasaka province [told]", "the monitor and doctors at the scene
    [said]", "monitors and sources on the ground [said]": at most four words after "in", "at", "inside", "on" or
    "from", none a verb's ("received several [confirmed reports]") or a clause's ("in what would if [confirmed]"),
    and before it a lowercase noun that can speak and that is no object ("relies on a network of sources inside
    Syria and [says]", "which supports hospitals in opposition-held territory [said]") nor the cut end of a list
    ("a war monitor and medical workers in the area [said]": not the workers alone)."""
    last = skip_back(tokens, k - 1)
    if last < 1 or tokens[k - 1].group().lower() in ("and", "but"):
        return None  # "... and says": the verb's subject stands before a clause of its own
    for p in range(last, max(0, last - 5), -1):
        word = tokens[p].group()
        if (not re.fullmatch(r"[A-Za-z][\w-]*", word) or word.lower() in _NOT_PLACING | DETERMINERS - {"the", "a", "an"}
                or re.fullmatch(r"[a-z]+ed", word)):
            return None  # a figure, a stop, a verb or a clause: no phrase that only places the speaker
        if p < last and word in _PLACING and tokens[p - 1].group() in SPEAKER_WORDS:
            who = np_before(tokens, p)
            if who is None or governed(tokens, who[0]):
                return None
            before, two_before = (tokens[i].group().lower() if i >= 0 else "" for i in (who[0] - 1, who[0] - 2))
            relative = {before, two_before} & {"which", "who", "that"}  # "which supports hospitals in ..."
            return None if relative or (before.islower() and two_before == "and") else who
    return None


def only_a_place(tokens: list[re.Match], who: tuple[int, int]) -> bool:
    """Whether the name at tokens `who` may be only a place's ("Syria", "Deir al-Zor"), not a speaker glued on after
    one ("Damascus SANA", "Paris Fabius", "Syria state media")."""
    words = [t.group() for t in tokens[who[0] : who[1] + 1]]
    return words[0][:1].isupper() and not any(w.lower() in SPEAKER_WORDS for w in words) and (
        len(words) == 1 or any(PARTICLE_NAME.fullmatch(w) for w in words)
        or (len(words) == 3 and words[1] == "and" and words[2].istitle()))  # "in both Syria and Iraq"


def place_before(tokens: list[re.Match], first: int) -> int | None:
    """The index of the preposition that makes the name at token `first` a place ("in northern Syria", "inside
    Aleppo", "at war with Damascus"), else None."""
    j = first - 1
    while j >= 0 and (re.fullmatch(r"(?:north|south|east|west|central|rural|coastal)[a-z-]*|the", tokens[j].group())
                      or (tokens[j].group() == "and" and j + 1 < first and tokens[j + 1].group() != "the")):
        j -= 1  # "in northern and northeastern Syria"
    return j if j >= 0 and tokens[j].group().lower() in PLACE_BEFORE | {"inside", "with", "throughout"} else None


_NOT_A_SPEAKER = re.compile(rf"(?i)^(?:an?|the|this|that|these|those|some|any|(?:{'|'.join(WEEKDAYS)})s?|\(.*|to\s.*|"
                            r"(?:one|two|three|four|five|six|"
                            r"seven|eight|nine|ten|\d+)\s+(?:people|persons|civilians|dead|children|women|men)\b.*)$")


def no_one(speaker: str | None) -> bool:
    """Whether a speaker the patterns read is no one: an article ("An alleged attack"), a parenthesis ("(to the U.N.
    team)"), a day ("Wednesdays [attack]") or a count of the dead ("Six people")."""
    return bool(speaker) and bool(_NOT_A_SPEAKER.match(speaker.strip()))


def closes(plain: str, end: int) -> bool:
    """Whether the speech verb ending at `end` closes its sentence (`CLOSING`), past whom it was told."""
    told = _TOLD.match(plain, end)
    return CLOSING.match(plain, end) is not None or (told is not None and CLOSING.match(plain, told.end()) is not None)


_DESCRIBED_BY = re.compile(r"\w+-[a-z]+|[a-z]+(?:al|ant|ent|ive|ous)|[A-Z][a-z]+(?:an|ern|ish|ese|ic|i)")
_GOVERNING = {"of", "with", "to", "for", "against", "about", "over"}
# A person's title: "the head of the Observatory" speaks for it, "observatory chief Rami Abdel Rahman" is someone of it.
TITLES = frozenset("chief head director founder spokesman spokeswoman spokesperson official officials member members "
                   "chairman chairwoman president leader commander envoy minister secretary ambassador".split())


def governed(tokens: list[re.Match], first: int) -> bool:
    """Whether the name at token `first` is the object of a word before it, not a subject: "officers of the rebel
    Free Syrian Army", "an official familiar with initial intelligence assessments", "a team visiting Syria"; a
    title's "of" excepted ("the head of the Observatory" speaks for it)."""
    if tokens[first].group().lower() in PRONOUNS:
        return False
    j = first - 1
    while j >= 0 and first - j <= 5:  # past its description: "the Western and Arab-backed rebel Free Syrian Army"
        word, after = tokens[j].group(), tokens[j + 1].group()
        if not (word.lower() in ("the", "and") or _DESCRIBED_BY.fullmatch(word)
                or (word in SIDE_WORDS and after[:1].isupper())):
            break
        j -= 1
    word = tokens[j].group() if j >= 0 else ""
    if (j == first - 1 and re.fullmatch(r"[a-z]+ing", word) and tokens[first].group()[:1].isupper() and j > 0
            and re.fullmatch(r"[a-z]+", tokens[j - 1].group()) and tokens[j - 1].group() not in DETERMINERS):
        return True  # a participle's object after its noun: "a team visiting Syria" (not "the opposing Observatory")
    if word == "of":
        return not (j > 0 and tokens[j - 1].group().lower() in TITLES)
    return word in _GOVERNING or (word in ("at", "to", "from", "in") and j > 0  # "Tony Blinken speaking at
                                  and re.fullmatch(r"[a-z]+ing", tokens[j - 1].group()) is not None)  # the Carnegie ..."


def a_thing_placed(tokens: list[re.Match], name: tuple[int, int]) -> bool:
    """Whether the tokens read as a name are a lowercase noun and where it was: "rocket fire in Aleppo"."""
    return any(tokens[j].group() in ("in", "near", "at") and tokens[j - 1].group().islower()
               for j in range(name[0] + 1, name[1]))


def ends_a_clause(tokens: list[re.Match], who: tuple[int, int]) -> bool:
    """Whether a one-word name right after a lowercase word most likely ends the clause before it, a place rather than
    who the description after it names: "near the group's Syrian bastion Raqqa a monitor said" (not "SOHR a monitor
    said", an acronym, nor a name that opens its clause)."""
    word, before = tokens[who[0]].group(), tokens[who[0] - 1].group() if who[0] > 0 else ""
    return who[0] == who[1] and word.istitle() and before.islower() and before not in ("and", "but", "the")


def only_an_object(tokens: list[re.Match], who: tuple[int, int]) -> bool:
    """Whether the name at tokens `who`, read before a speech verb, is only the object of a word before it, with no
    speaker's word of its own: "... regional director for the Near and Middle East told Reuters" (who told is not
    read); not "the province of Hama state news agency SANA reported" (a place glued on before the agency)."""
    words = [t.group() for t in tokens[who[0] : who[1] + 1]]
    named = words[1:] if words[0].lower() == "the" and len(words) > 1 else words
    close_to = who[0] > 1 and [t.group().lower() for t in tokens[who[0] - 2 : who[0]]] == ["close", "to"]
    return close_to or (named[0][:1].isupper() and governed(tokens, who[0])  # "sources close to the group told"
                        and not any(w.lower() in SPEAKER_WORDS for w in words))


def clause_role(tokens: list[re.Match], plain: str, first: int, end: int | None, spoken_before: bool) -> str:
    """How a speaker's phrase from token `first` to its verb (ending at `end`; None when there is none to read) stands
    in its sentence: "closing" (it credits all before it: "... a monitoring group said on Sunday."), "opening" (all
    after it: "Meanwhile Human Rights Watch said in a report"), or "inside" a clause about something else ("a move
    analysts say could backfire", "officers of the rebel Free Syrian Army a monitor said"). `spoken_before`: a speech
    verb comes earlier in the sentence."""
    if end is not None and closes(plain, end):  # a place glued before it is no sign of a clause: "... in the province
        return "closing"  # of Hama state news agency SANA reported."
    if governed(tokens, first):
        return "inside"
    before = tokens[first - 1].group() if first > 0 else ""
    if before[:1].isupper() and tokens[first].group().lower() == "the":
        return "opening"  # a name closes the clause before it, comma stripped: "in central Damascus the ministry said"
    opening = [t.group() for t in tokens[max(0, first - 3) : first]]
    if 0 < first <= 3 and opening[0].lower() in ("the", "a", "an") and all(
            w in SIDE_WORDS or DESCRIBING.fullmatch(w) for w in opening[1:]):
        return "opening"  # the name's own article and description: "The rebel Syrian National Coalition said"
    if (end is not None and not spoken_before and tokens[first].group().lower() not in ("i", "we")
            and opens(tokens, plain, first, end)):
        return "opening"  # nothing but an introduction before it
    return "inside" if re.match(r"[^\W_]", before) and before.lower() not in ("and", "but") else "opening"


def opens(tokens: list[re.Match], plain: str, first: int, end: int) -> bool:
    """Whether a speaker's phrase from token `first` to its verb (ending at `end`) opens its sentence: no clause
    before it, only an introduction ("Meanwhile", "On Saturday", "In a report in October last year", a dateline) or
    the speaker's description ("Observatory director", "Syrian rescue workers the Civil Defence")."""
    if _GAP.match(plain, end):
        return False
    for k in range(first):
        word = tokens[k].group()
        known_as = word == "as" and k > 0 and tokens[k - 1].group() == "known"  # "a group known as the LCC"
        if word.lower() in CLAUSE_WORDS and word != "May" and not known_as:
            return False
        if re.fullmatch(r"[a-z]+ed", word) and k + 1 < first and (
                tokens[k + 1].group().lower() in _OBJECT or tokens[k + 1].group()[:1].isdigit()):
            return False
    return True

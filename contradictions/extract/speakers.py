"""Who "he", "the group" or "the monitor" is: a speaker read from one sentence, named from the article around it.

`attribution.extract` reads one sentence at a time, so "..., the group said" or "he said" credits no one by name,
and the same credited claim in two outlets would read as "credited to group" against a named body. Here each
article's sentences are read in order and such a speaker takes the nearest named one before it, where the text
makes it clear:
- a role word that is part of a name said or written before ("the observatory" after "the Syrian Observatory for
  Human Rights said", or after "the Syrian Observatory for Human Rights monitor saying") takes that name, however far
  back in the article, but not a person's name that holds it as a title ("observatory chief Rami Abdel Rahman" is
  someone of the observatory, not the observatory);
- a pronoun or a role word that may stand for any body ("he", "they", "the group", "the monitor", "the agency")
  takes the named speaker of the same or the previous `SPEAKER_WINDOW` sentences, when exactly one was named there
  ("he" a person's name over a body's, "the group" a body's over a person's, when both were named; a person credited
  before who opens a sentence by surname, "Tabler does not expect ...", counts as named there);
  a role word of one kind ("the coalition", "the ministry", "the army") takes only a name that holds it;
- a lead's unnamed monitor ("... a monitoring group said.") takes the one monitor named in the next
  `NAMED_LATER_WINDOW` sentences, as wire copy names it once the lead has given the news;
- a sentence that opens a quote and leaves it open, naming no one, takes the credit of the sentence that closes the
  quote within `QUOTE_WINDOW` and names its speaker after the closing mark (a quote of several sentences).
  Words in the first person without quote marks take the credit of the next sentence, in the first person too,
  that closes with their speaker (`_spoken_on`: wire copy with its quote marks stripped).
Otherwise the speaker stays as read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from contradictions.aliases import BODY_HEADS, CHANNEL_HEADS, PRONOUNS, who_knows, written_shorter
from contradictions.extract.phrases import PLURAL, TITLES
from contradictions.model import Attribution, Sentence, SentenceAttribution

SPEAKER_WINDOW = 2  # sentences back a pronoun or role word may reach for its speaker
REFERRING = PRONOUNS - {"i", "we", "you"}  # "we" and "I" are the quoted speaker talking, not a reference
# Who speaks without a name on purpose: "a military source", "officials", "residents" stand for no one named nearby.
ANONYMOUS = frozenset("source sources official officials witness witnesses resident residents activist activists "
                      "diplomat diplomats".split())


def _named(att: Attribution) -> str | None:
    """The name an attribution credits, when it is one: capitalised, or a body of one kind ("the coalition", "the
    army"); not a pronoun, a role word that may stand for any body ("the group") or a source unnamed on purpose."""
    name = att.speaker or att.channel
    if name and who_knows(name) != name:
        return None  # "Sources close to the group" name no group
    if name and name == name.lower():
        return name if len(name.split()) <= 2 and name.split()[-1] in _ONE_KIND else None
    return name if name and any(ch.isupper() for ch in name) else None


def _referring(att: Attribution) -> bool:
    """Whether a speaker refers back to one named before: a pronoun or a bare role word ("the group", "monitor");
    "a monitor" brings in a new one."""
    speaker = att.speaker
    return bool(speaker) and att.channel is None and not speaker.startswith(("a ", "an ")) and (
        speaker.lower() in REFERRING or (speaker == speaker.lower() and len(speaker.split()) <= 2))


# A body's name as written: capitalised words, with "for", "of", "and" or "the" between ("Syrian Observatory for
# Human Rights", "Ghouta Media Center").
_BODY_NAME = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+(?:(?:for|of|and|the)\s+)*[A-Z][\w'\u2019-]*)+")
_SEAT = re.compile(r"[A-Z][\w'\u2019]*-(?:based|led|backed|held|run)")  # "Britain-based": where a body sits
# Bodies of one kind, named by what they are ("the coalition", "the interior ministry"): "it" may stand for one.
_ONE_KIND = frozenset("coalition alliance regime army military ministry government commission inquiry council "
                      "committee brigade police command".split())
# Role words that stand for any body, so for whichever one was named just before ("the group", "the monitor"); a
# role word of one kind ("the coalition", "the ministry", "the army") stands only for a name that holds it.
_ANY_BODY = frozenset("group monitor watchdog observatory organisation organization body agency network".split())


def _holds_as_body(name: str, word: str) -> bool:
    """Whether `name` holds the role word `word` as the body it names, not as a person's title."""
    words = name.casefold().split()
    return word in words and not any(w in TITLES for w in words[words.index(word) + 1:][:1])


def _bodies_written(text: str) -> list[str]:
    """The names of bodies a sentence writes, capitalised, whether or not it credits them: a role word as the name's
    head, its last word or one before "for", "of" or "on" ("Syrian Observatory for Human Rights", "Ghouta Media
    Center"), without "The" or a seat before it ("Britain-based"). Not a headline's run of words ("... kills 3
    Monitor AFP Monday")."""
    names = []
    for match in _BODY_NAME.finditer(text):
        words = [w for w in match.group().split() if not _SEAT.fullmatch(w)]
        words = words[1:] if words[:1] == ["The"] else words
        heads = [i for i, w in enumerate(words) if w.casefold() in BODY_HEADS]
        if heads and (heads[-1] == len(words) - 1 or words[heads[-1] + 1] in ("for", "of", "on")) and len(words) > 1:
            names.append(" ".join(words))
    return names


def _antecedent(speaker: str, before: list[tuple[int, str, bool]], at: int,
                written: Sequence[str] = ()) -> str | None:
    """The named speaker `speaker` stands for, from (sentence index, name, named as a speaker rather than an
    outlet) said before, nearest last. A person's pronoun or a body's role word ("he", "the group") stands for a
    speaker, an outlet's ("the agency", "the channel") for an outlet, "it" for either. A source unnamed on purpose (`ANONYMOUS`) is only the
    name that holds its word ("the officials" after "Western officials say"), never whoever was named nearby ("a
    military source" is not the activist quoted before)."""
    word = speaker.split()[-1].casefold()
    if word in ANONYMOUS:  # only "the officials" itself: "military officials" are not "US officials"
        return next((name for _, name, _ in reversed(before) if word in name.casefold().split()), None) if (
            len(speaker.split()) == 1) else None
    if word not in REFERRING:
        for _, name, _ in reversed(before):
            if _holds_as_body(name, word):
                return name
        for name in reversed(written) if word in BODY_HEADS else ():
            if _holds_as_body(name, word):
                return name
        if word not in _ANY_BODY and word not in CHANNEL_HEADS:
            return None  # "the coalition" or "the army" is no monitor named before
    outlet = word in CHANNEL_HEADS or word == "agency"  # "the agency" is an outlet; "the group", "he" a speaker
    recent = {name for index, name, person in before  # "it": either; "the monitor" is not "monitor chief X"
              if at - index <= SPEAKER_WINDOW and (word == "it" or person != outlet)
              and (word == "it" or name != name.lower())  # only "it" stands for "the coalition" said before
              and not (word in ("he", "she") and PLURAL.fullmatch(name.split()[-1]))  # not "groups"
              and (word not in name.casefold().split() or _holds_as_body(name, word))}
    if word not in REFERRING:  # a body's role word ("the watchdog") is no source unnamed on purpose
        recent = {name for name in recent if not (name.casefold().split()[-1] in ANONYMOUS
                                                  or name.casefold().startswith(("a ", "an ")))}
    if word in ("he", "she") and (people := {name for name in recent if not _a_body(name)}):
        recent = people  # "he" after the Observatory and its director named is the director
    elif word in _ANY_BODY and (bodies := {name for name in recent if _a_body(name)}):
        recent = bodies  # and "the group" the Observatory
    recent = {name for name in recent if not any(other != name and written_shorter(name, other) for other in recent)}
    return recent.pop() if len(recent) == 1 else None  # one named there, however many ways it was written


def _persons_opening(text: str, before: list[tuple[int, str, bool]]) -> list[str]:
    """A person credited earlier in the article who opens this sentence by surname without speaking in it ("Tabler
    does not expect ..." after "Andrew Tabler ... tells"): a "he" after it may be that person as well."""
    first = re.match(r"[A-Z][\w'\u2019-]+", text)
    named = {name for _, name, person in before if first and person and not _a_body(name)
             and len(name.split()) > 1 and name.split()[-1] == first.group()}
    return [max(named, key=len)] if named else []  # one person, however many ways the surname was written


def _a_body(name: str) -> bool:
    """Whether a name is a body's or an outlet's, not a person's: it holds a body's head word ("Syrian Observatory
    for Human Rights", "Syrian government", "state media") or is an acronym ("SANA")."""
    words = name.casefold().split()
    return name.isupper() or any(w in BODY_HEADS or w in _ONE_KIND or w in _ANY_BODY or w in CHANNEL_HEADS for w in words)


_GENERIC_MEDIA = re.compile(r"(?i)\b(?:state(?:-run)?|official)\s+(?:media|broadcaster)\b")


def _unplaced(text: str, att: SentenceAttribution, article: Sequence[str]) -> SentenceAttribution:
    """`att` with a country's state media named only as "state media" kept as written when the article never names
    that country: the alias table reads bare "state media" as one country's ("North Korean state media"), which a
    report of another war's "state media said" is not."""
    def generic(channel: str | None, start: int, end: int) -> str | None:
        if not channel or not channel.endswith("state media") or channel == "state media":
            return channel
        country = re.sub(r"(?:ern|ians?|ia|ans?|n)$", "", channel[: -len("state media")].split()[-1].casefold())
        written = _GENERIC_MEDIA.search(text[start:end])
        return written.group().lower() if written and country not in " ".join(article).casefold() else channel
    if not any(a.channel for a in att.attributions):
        return att
    return replace(att, attributions=tuple(replace(a, channel=generic(a.channel, a.start, a.end))
                                           for a in att.attributions),
                   quotes=tuple(replace(q, channel=generic(q.channel, 0, len(text))) for q in att.quotes))


def resolve_speakers(sentences: Sequence[Sentence], attributions: Sequence[SentenceAttribution]
                     ) -> list[SentenceAttribution]:
    """`attributions` (one per sentence, in the sentences' order) with pronoun and role-word speakers named from
    the sentences before them in the same article (module docstring); quotes they credit follow."""
    texts: dict[str, list[str]] = {}
    for sentence in sentences:
        texts.setdefault(sentence.source, []).append(sentence.text)
    out = [_unplaced(sentence.text, att, texts[sentence.source]) for sentence, att in zip(sentences, attributions)]
    said: dict[str, list[tuple[int, str, bool]]] = {}
    written: dict[str, list[str]] = {}
    for row, (sentence, att) in enumerate(zip(sentences, out)):
        before = said.setdefault(sentence.source, [])
        bodies = written.setdefault(sentence.source, [])
        changed, here = {}, []
        for a in sorted(att.attributions, key=lambda a: a.start):
            if _referring(a):  # its own sentence's speaker first: "SOHR reported the transfer, which it said ..."
                name = _antecedent(a.speaker, here, sentence.index) or _antecedent(
                    a.speaker, before, sentence.index, bodies + _bodies_written(sentence.text[:a.start]))
                if name is not None:
                    changed[a.speaker] = name
            elif named := _named(a):
                here.append((sentence.index, named, a.speaker is not None))
        if changed:
            out[row] = replace(att, attributions=tuple(
                replace(a, speaker=changed.get(a.speaker, a.speaker)) for a in att.attributions), quotes=tuple(
                replace(q, speaker=changed.get(q.speaker, q.speaker)) for q in att.quotes))
        before += [(sentence.index, name, a.speaker is not None)
                   for a in out[row].attributions if (name := _named(a))]
        before += [(sentence.index, name, True) for name in _persons_opening(sentence.text, before)]
        bodies += _bodies_written(sentence.text)
    return _spoken_on(sentences, _quoted_on(sentences, _named_later(sentences, out)))


_MONITOR = re.compile(r"(?i)\b(?:monitor\w*|observatory|watchdog)\b")
NAMED_LATER_WINDOW = 3  # sentences ahead an unnamed monitor in a lead may find its name


def _named_later(sentences: Sequence[Sentence], out: list[SentenceAttribution]) -> list[SentenceAttribution]:
    """A lead's unnamed monitor ("... a monitoring group said.") named in the sentences after it: wire copy names the
    monitor once its lead has given the news ("The Britain-based Syrian Observatory for Human Rights said ..."). Taken
    only when exactly one monitor is named in the next `NAMED_LATER_WINDOW` sentences of the article."""
    rows: dict[str, list[int]] = {}
    for row, sentence in enumerate(sentences):
        rows.setdefault(sentence.source, []).append(row)
    for article in rows.values():
        for at, row in enumerate(article):
            sentence, att = sentences[row], out[row]
            unnamed = [a.speaker for a in att.attributions if a.speaker and a.speaker.startswith(("a ", "an "))
                       and _MONITOR.search(a.speaker)]
            if unnamed:
                out[row] = _name_monitor(att, unnamed, {
                    name for later in article[at + 1 : at + 1 + NAMED_LATER_WINDOW]
                    if sentences[later].index - sentence.index <= NAMED_LATER_WINDOW
                    for a in out[later].attributions if (name := _named(a)) and _MONITOR.search(name)})
    return out


def _name_monitor(att: SentenceAttribution, unnamed: list[str], ahead: set[str]) -> SentenceAttribution:
    """`att` with its unnamed monitors named, when the names `ahead` are one monitor, however written."""
    ahead = {name for name in ahead if not any(other != name and written_shorter(name, other) for other in ahead)}
    if len(ahead) != 1:
        return att
    name = ahead.pop()
    return replace(att, attributions=tuple(replace(a, speaker=name) if a.speaker in unnamed else a
                                           for a in att.attributions),
                   quotes=tuple(replace(q, speaker=name) if q.speaker in unnamed else q for q in att.quotes))


_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")
QUOTE_WINDOW = 3  # sentences a quote opened and left open may run on before its speaker is named


def _quoted_on(sentences: Sequence[Sentence], out: list[SentenceAttribution]) -> list[SentenceAttribution]:
    """A quote of several sentences credits its first ones too: "\"The missile struck when people were still inside
    their homes. It killed 18 civilians\" said Rami Abdel Rahman" splits into two sentences, the first opening a
    quote it does not close and naming no one. Such a sentence takes the credit of the sentence within
    `QUOTE_WINDOW` that closes the quote, when its speaker is named after the closing mark."""
    for row, sentence in enumerate(sentences):
        marks = _QUOTE_MARKS.findall(sentence.text)
        if out[row].attributions or len(marks) % 2 == 0 or not _QUOTE_MARKS.match(sentence.text.lstrip()):
            continue
        for later in range(row + 1, min(len(sentences), row + 1 + QUOTE_WINDOW)):
            if sentences[later].source != sentence.source:
                break
            text = sentences[later].text
            if len(_QUOTE_MARKS.findall(text)) % 2 == 0:
                continue  # a sentence inside the quote
            closing, primary = _QUOTE_MARKS.search(text).start(), out[later].primary
            if primary is not None and primary.start >= closing and not _QUOTE_MARKS.search(text, closing + 1):
                credit = Attribution(primary.speaker, primary.channel, len(sentence.text), len(sentence.text),
                                     primary.cue)
                for inside in range(row, later):
                    if not out[inside].attributions:
                        out[inside] = replace(out[inside], attributions=(credit,), main_claim=(0,))
            break
    return out


# A sentence in the first person: someone's words ("After Aleppo Ill see ...", "We owned three houses ...").
_FIRST_PERSON = re.compile(r"\b(?:I|I['\u2019]?(?:m|ll|ve|d)|Im|Ill|Ive|we|We|my|My|our|Our|me|us)\b")
SPOKEN_TAIL = 40  # characters from a sentence's end within which a closing credit ends
# A verb of speech the sentence's own reading may have missed ("complained a female fighter named ..."): its speaker
# is its own, not the next sentence's.
_OWN_SPEECH = re.compile(r"(?i)\b(?:said|says|say|told|tells|complained|complains|added|warned|stated|explained)\b")


def _spoken_on(sentences: Sequence[Sentence], out: list[SentenceAttribution]) -> list[SentenceAttribution]:
    """Words quoted without their marks run on into the sentence that names their speaker: "After Aleppo Ill see
    what the rest of the group is doing. My house land and belongings are all in al-Foua Mehdi Tahhan said." (wire
    copy with its quote marks stripped). A sentence in the first person that credits no one and has no quote marks
    takes the credit of the next sentence of its article when that one is in the first person too, has no quote
    marks, and closes with its speaker (within `SPOKEN_TAIL` characters of its end); not when it has a speech verb
    of its own (`_OWN_SPEECH`)."""
    for row in range(len(sentences) - 1):
        sentence, later = sentences[row], sentences[row + 1]
        primary = out[row + 1].primary
        if (out[row].attributions or later.source != sentence.source or primary is None
                or primary.end < len(later.text.rstrip(" .")) - SPOKEN_TAIL or primary.start == 0
                or not all(_FIRST_PERSON.search(t) and not _QUOTE_MARKS.search(t) for t in (sentence.text, later.text))
                or _OWN_SPEECH.search(sentence.text)):
            continue
        credit = Attribution(primary.speaker, primary.channel, len(sentence.text), len(sentence.text), primary.cue)
        out[row] = replace(out[row], attributions=(credit,), main_claim=(0,))
    return out

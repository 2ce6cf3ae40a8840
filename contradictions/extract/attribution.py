"""Attribution: whom a sentence credits for its claim ("who said it"), and every quoted span in it.

`extract(text, aliases)` reads ONE sentence with regular expressions (fast, no model) and returns a
`SentenceAttribution`: each attribution phrase as an `Attribution` (speaker, channel, the phrase's offsets
in the sentence, the reporting cue) and each quoted span as a `Quote` credited to the phrase that governs it.
Patterns: "according to X"; "X said / says / reported / told / estimated / claimed / confirmed / denied /
described / believes / assessed / added ..." (adverbs may sit between: "also separately confirmed");
"“…,” Kim said", "“…,” said Oh Gyeong-seob"; "X, citing Y" and "..., citing Y"; "X was quoted by Y as saying"
and "..., quoted by Y"; passives "described / portrayed by Y as"; "reportedly" / "allegedly" (no one named).
"According to a toll compiled by Y" credits Y. A verb credits no one when it is a passive ("are reported to"), a
refusal ("has not confirmed"), "accused of", "claimed the lives", an adjective or a headline's ("Military Denies").

Speaker or channel: a name the alias table calls a channel, or a phrase headed by an outlet word ("media",
"newspaper", "news agency", "briefings", ...), is a channel; the object of "citing" and "quoted by" always is.
When an outlet is the subject ("The official Korean Central News Agency (KCNA) said Kim awarded ...") the
attribution is `speaker=None, channel="KCNA"`: the outlet carries the claim and names no other source.
"X, citing Y" gives speaker X and channel Y, except an outlet citing a body ("Yonhap, citing the NIS"):
then the body speaks through the outlet. Names are canonical after alias resolution; a name the table does
not know is kept as written, minus a leading "the". Pronoun speakers ("he said") are kept lower-cased.
`cue` is the reporting word ("said", "according to", "quoted by"); a speaker whose channel a later
"..., citing Y" or "..., quoted by Y" names takes that cue, and its offsets stay those of its own phrase.

`SentenceAttribution.primary` covers the sentence's main claim: "according to", or a phrase that opens the
sentence (after an introduction or its own description: "Meanwhile", "Observatory director") or closes it (past a
time, where it was said or a clause of its own: "... a monitor said Saturday.", "... told AFP.";
`phrases.clause_role`), a closing one first. A speaker and a channel from two such phrases combine ("Kim told
Putin that ..., KCNA said" -> Kim Jong-un via KCNA). A phrase inside a clause ("a deployment South Korean
intelligence believes could happen") or a passive is never primary.

The alias table and its file format: `contradictions.aliases`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from contradictions.aliases import PRONOUNS, AliasTable
from contradictions.extract.persons import informed_before, inverted, titled_after, titled_before
from contradictions.extract.phrases import (
    DESCRIBING,
    INSIDE_A_CLAUSE,
    KEPT_BY,
    RECORD,
    RELATIVE_CLAUSE,
    TOKEN,
    TRACKING,
    a_thing_placed,
    adverb,
    clause_role,
    ends_a_clause,
    governed,
    is_name_word,
    no_one,
    np_after,
    np_before,
    only_an_object,
    place_before,
    placed_before,
    skip_back,
    speaker_span,
)
from contradictions.extract.quotes import inner_span, quote_spans
from contradictions.model import Attribution, Quote, SentenceAttribution

__all__ = ["extract", "quote_spans"]

_SPEECH = (r"said|says|say|told|tells|reported|reports|report|estimated|estimates|estimate|claimed|claims|claim|"
           r"confirmed|confirms|confirm|denied|denies|deny|described|describes|believes|believe|believed|assessed|"
           r"assesses|assess|added|adds|announced|announces|stated|noted|warned|warns|wrote|insisted|insists|"
           r"argued|argue|argues|suggest|suggests|explained|acknowledged|alleged|portrayed|portrays|accused|accuses|"
           r"accuse|put(?=\s+the\s+(?:death\s+)?toll\b)|puts(?=\s+the\s+(?:death\s+)?toll\b)")  # "put the toll at"
_BE = {"was", "were", "is", "are", "been", "be", "being"}
_NOUNISH = {"report", "reports", "estimate", "estimates", "claim", "claims", "stated"}  # verbs only before "that"
_VERB = re.compile(rf"\b(?:{_SPEECH})\b", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.I)
_QUOTED_AS = re.compile(r"\b(?:was|were|is|are|has\s+been|had\s+been)\s+quoted\s+(?:as\s+saying\s+)?by\s+", re.I)
_MODIFIER = re.compile(r"\b(citing|quoted\s+by)\s+", re.I)
_PASSIVE = re.compile(r"\b(described|portrayed|characteri[sz]ed|hailed|branded|labell?ed|dubbed|denied|confirmed|"
                      r"rejected|dismissed|disputed|refuted|disavowed|acknowledged)\s+by\s+", re.I)
# A claim named as someone's: "the claim by activists in the Syrian Revolution General Commission that ...".
_CLAIM_BY = re.compile(r"(?<!\bno )\b(claims?|reports?|statements?|allegations?|accusations?|assertions?|estimates?|"
                       r"announcements?)\s+(?:made\s+|issued\s+)?by\s+", re.I)
_THAT_AFTER = re.compile(r"(?P<of>\s+(?:in|of|at|from)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+(?:for\s+)?[A-Z][\w'-]*)*)?\s+that\b")
_NEGATED_BEFORE = re.compile(r"(?i)\b(?:not|nor|never|neither)\s+(?:[\w-]+\s+){0,2}$")
# A name with its description beside it, commas stripped or not, before the speech verb: "SOHR, a Britain-based
# monitor, said", "The Syrian Observatory for Human Rights a Britain-based monitoring group said": the name speaks.
_APPOSITIVE = re.compile(r"(?:\s*,)?\s+(?:an?|another)\s+(?:[\w-]+\s+){0,4}?(?:group|monitor|organi[sz]ation|agency|"
                         r"body|network|watchdog|ngo|charity|outlet|newspaper|broadcaster|channel|observatory)\s*,?\s*$",
                         re.I)
_UNNAMED = re.compile(r"\b(reportedly|allegedly|purportedly)\b", re.I)
# A speaker who only passes on others' reports: "said it is seeking clarity on reports suggesting that ... killed 1,300"
_RELAYED = re.compile(r"\b(?:on|of|about|into|citing|amid|following|by|over)\s+(?:[a-z]+\s+){0,2}(reports)\s+"
                      r"(?:suggesting|saying|claiming|indicating|alleging|that)\b", re.I)
_MASK = "\u25a0"


# --- extraction ----------------------------------------------------------------------------------------------


@dataclass
class _Found:
    start: int
    end: int
    speaker: str | None
    channel: str | None
    cue: str
    main: bool

    def attribution(self) -> Attribution:
        return Attribution(self.speaker, self.channel, self.start, self.end, self.cue)


def _credit(name: str, aliases: AliasTable) -> tuple[str | None, str | None]:
    """(speaker, channel) for a name in a subject slot."""
    if name.lower() in PRONOUNS:
        return name.lower(), None
    name = re.sub(r"(?i)^(?:both|either)\s+(?=.*\b(?:and|or)\b)", "", name)  # "denied by both Pyongyang and Moscow"
    return (None, aliases.resolve(name)) if aliases.is_channel(name) else (aliases.resolve(name), None)


def _cited(name: str, cited: str, cue: str, aliases: AliasTable) -> tuple[str | None, str, str]:
    """(speaker, channel, cue) when `name` cites `cited`; an outlet citing a body: the body speaks through it."""
    if not aliases.is_channel(name):
        return aliases.resolve(name), aliases.resolve(cited), cue
    if not aliases.is_channel(cited):
        return aliases.resolve(cited), aliases.resolve(name), "cited by"
    return None, aliases.resolve(cited), cue


class _Reader:
    """One sentence with its quotes masked, read pattern by pattern into `found` (phrases and their credit)."""

    def __init__(self, text: str, aliases: AliasTable) -> None:
        self.text, self.aliases = text, aliases
        self.spans = quote_spans(text)
        masked = list(text)
        for s, e in self.spans:
            masked[s:e] = _MASK * (e - s)
        self.plain = "".join(masked)
        self.tokens = list(TOKEN.finditer(self.plain))
        self.at = {m.start(): k for k, m in enumerate(self.tokens)}
        self.found: list[_Found] = []
        self.refused: tuple[int, int] | None = None
        self.closing: set[int] = set()

    def token_at(self, pos: int) -> int:
        return next((k for k, m in enumerate(self.tokens) if m.start() >= pos), len(self.tokens))

    def span(self, rng: tuple[int, int]) -> tuple[int, int, str]:
        s, e = self.tokens[rng[0]].start(), self.tokens[rng[1]].end()
        return s, e, self.text[s:e]

    def covered(self, pos: int) -> bool:
        return any(f.start <= pos < f.end for f in self.found)

    def embedded(self, first: int, end: int | None = None) -> bool:  # inside a clause: "a move analysts say ..."
        spoken = any(_VERB.fullmatch(t.group()) and t.group().islower() and t.group() not in _NOUNISH
                     for t in self.tokens[:first])  # a speech verb before it: "Activists said ... the monitor said"
        role = clause_role(self.tokens, self.plain, first, end, spoken)
        if role == "closing":  # it credits all before it: first among the main phrases
            self.closing.add(self.tokens[first].start())
        return role == "inside"

    def named_before(self, head: int) -> tuple[int, int] | None:
        """The name before a role word and its description, no article between: "The Syrian Observatory for Human
        Rights monitoring group [put ...]" names the Observatory."""
        j = head - 1
        while j >= head - 2 and j >= 0 and DESCRIBING.fullmatch(self.tokens[j].group()):
            j -= 1
        if j == head - 1 or j < 0 or not self.tokens[j].group()[:1].isupper():
            return None
        return np_before(self.tokens, j + 1)

    def told(self, end: int, cue: str, speaker: str | None) -> str | None:
        """The outlet a speaker told, named right after "told" ending at `end` ("an official told Yonhap"), or None."""
        told = self.after(end, strict=True) if cue in ("told", "tells") else None
        return self.aliases.resolve(told[2]) if told and speaker and self.aliases.is_channel(told[2]) else None

    def record_keeper(self, by: tuple[int, int, str] | None) -> tuple[int, int, str] | None:
        """Who keeps a record named after "according to": "a toll compiled by the Observatory", "figures from the
        UN", "an Observatory toll" credit the Observatory and the UN, not the toll or the figures."""
        record = RECORD.search(by[2]) if by else None
        if record is None:
            return by
        kept = KEPT_BY.match(self.plain, by[0] + record.end())
        if kept and (keeper := self.after(kept.end())):
            return by[0], keeper[1], keeper[2]
        name = re.sub(r"(?i)^(?:an?|the)\s+", "", by[2][: record.start()].strip())
        return (by[0], by[1], name) if name[:1].isupper() else by

    def no_claim(self, k: int, cue: str, rest: str) -> str | None:
        """Why the speech verb at token k credits no one with a claim, or None when it does."""
        if cue in _NOUNISH and not re.match(r"\s+that\b", rest):
            return "a noun"
        if (k > 0 and self.tokens[k].group()[:1].isupper()) or (0 < k <= 3 and re.match(r"\s+(?:The|A|An)\s", rest)
                                                                and self.tokens[k - 1].group().lower() not in PRONOUNS):
            return "a headline"  # "Military Denies The Syrian military source ...": a headline run into the text
        j = k - 1
        while j >= 0 and adverb(self.tokens, j):
            j -= 1
        if j >= 0 and self.tokens[j].group().lower() in _BE | {"a", "an", "the"}:
            return "a passive"  # "he was accused of", "were also reported killed"; "an estimated 350000": an adjective
        negated = any(t.group().lower() in ("not", "never") for t in self.tokens[max(0, k - 2) : k])
        if (negated and not cue.startswith("believ")) or (
                (head := skip_back(self.tokens, k - 1)) > 0 and self.tokens[head - 1].group().lower() == "no"):
            return "refused"  # "a toll the regime has not confirmed", "no group claimed" ("they do not believe" claims)
        if cue in ("accused", "accuses") and re.match(r"\s+of\b", rest):
            return "the accused"  # "IS fighters accused of atrocities": the accused, not the accuser
        lives = cue in ("claimed", "claims", "claim") and re.match(r"\s+(?:the\s+)?(?:[\d,]+\s+)?lives\b", rest)
        return "lives" if lives else None

    def relative_before(self, pos: int, k: int) -> re.Match | None:
        """A clause about the speaker that runs up to its speech verb at token k ("The Observatory which monitors
        violence in Syria said"), when the words just before the verb are the clause's own (none that can speak,
        a place, "and medics" after a monitor's sources) rather than a new subject ("... which was carried out by a
        rebel brigade the Britain-based watchdog said")."""
        relative = RELATIVE_CLAUSE.search(self.plain[:pos])
        if relative is None:
            return None
        who = np_before(self.tokens, k)
        if who is None:
            return relative
        first, before = self.tokens[who[0]].group(), self.tokens[who[0] - 1].group().lower() if who[0] else ""
        if before in INSIDE_A_CLAUSE:
            return relative  # "which monitors violence in Syria said"
        return relative if first.islower() and relative.group("verb").lower() in TRACKING else None

    def after(self, pos: int, strict: bool = False) -> tuple[int, int, str] | None:
        rng = np_after(self.tokens, self.token_at(pos), strict)
        return self.span(rng) if rng else None

    def read(self) -> list[_Found]:
        self.quoted_as()
        pending = self.modifiers()
        for m in _ACCORDING.finditer(self.plain):  # not "according to type, location and flight patterns"
            if (by := self.record_keeper(self.after(m.end()))) and any(map(is_name_word, by[2].split())):
                self.found.append(_Found(m.start(), by[1], *_credit(by[2], self.aliases), "according to", True))
        for m in _PASSIVE.finditer(self.plain):
            if _NEGATED_BEFORE.search(self.plain[: m.start()]):
                continue  # "neither confirmed nor denied by Moscow": no one confirmed or denied anything
            if (by := self.after(m.end())) and not self.covered(m.start()):
                cue = f"{m.group(1).lower()} by"
                self.found.append(_Found(m.start(), by[1], *_credit(by[2], self.aliases), cue, False))
        for m in _CLAIM_BY.finditer(self.plain):  # not "no reports by the monitor that"
            that = _THAT_AFTER.match(self.plain, by[1]) if (by := self.after(m.end())) else None
            if that and not self.covered(m.start()) and not _NEGATED_BEFORE.search(self.plain[: m.start()]):
                end = that.end("of") if that.group("of") else by[1]
                who = _credit(self.text[by[0] : end], self.aliases)
                self.found.append(_Found(m.start(), end, *who, f"{m.group(1).lower()} by", True))
        for m in _VERB.finditer(self.plain):
            self.verb(m)
        self.attach(pending)
        for m in _UNNAMED.finditer(self.plain):
            self.found.append(_Found(m.start(), m.end(), None, None, m.group().lower(), True))
        for m in _RELAYED.finditer(self.plain):
            relaying = [f for f in self.found if f.main and (f.end <= m.start() or f.start in self.closing)]
            if relaying:  # the claim after it is the reports', which the speaker only mentions
                for f in relaying:
                    f.main = False
                self.found.append(_Found(m.start(1), m.end(1), None, None, "reports", True))
        return sorted(self.found, key=lambda f: (f.start, f.end))

    def quoted_as(self) -> None:
        """ "X was quoted by Y as saying"."""
        for m in _QUOTED_AS.finditer(self.plain):
            who, by = np_before(self.tokens, self.token_at(m.start())), self.after(m.end())
            if who and by:
                s, _, name = self.span(who)
                tail = re.match(r"\s+as\s+saying\b", self.plain[by[1]:])
                speaker, channel = _credit(name, self.aliases)[0], self.aliases.resolve(by[2])
                self.found.append(_Found(s, by[1] + (tail.end() if tail else 0), speaker, channel, "quoted by", True))

    def modifiers(self) -> list[tuple[int, int, str, str]]:
        """ "X, citing Y" as found; "..., citing Y" / "..., quoted by Y" returned to attach to a phrase before."""
        pending = []
        for m in _MODIFIER.finditer(self.plain):
            by = self.after(m.end())
            if self.covered(m.start()) or not by:
                continue
            cue, comma = " ".join(m.group(1).lower().split()), re.search(r",\s*$", self.plain[: m.start()])
            who = np_before(self.tokens, self.token_at(comma.start())) if comma else None
            if who and self.span(who)[1] == comma.start():
                s, _, name = self.span(who)
                self.found.append(_Found(s, by[1], *_cited(name, by[2], cue, self.aliases), not self.embedded(who[0])))
            else:
                pending.append((m.start(), by[1], by[2], cue))
        return pending

    def verb(self, m: re.Match) -> None:
        """ "X said", "X also separately confirmed that", "he said", "“…,” said X"."""
        cue, k, rest = m.group().lower(), self.at.get(m.start()), self.plain[m.end():]
        if k is None or self.covered(m.start()) or re.match(r"\s+by\b", rest):
            return
        if reason := self.no_claim(k, cue, rest):
            if reason == "refused":  # "The monitor could not confirm ... but said": it speaks after
                self.refused = np_before(self.tokens, k)
            return
        j = skip_back(self.tokens, k - 1)
        if j >= 0 and self.tokens[j].group().lower() in PRONOUNS:
            pronoun = self.tokens[j].group().lower()
            self.found.append(_Found(self.tokens[j].start(), m.end(), pronoun, None, cue, not self.embedded(j, m.end())))
            return
        if (informed := informed_before(self.plain, m.start())) is not None:  # "sources close to the group told"
            speaker = re.sub(r"\s+(?:have|has|had)$", "", self.text[informed : m.start()].strip())  # as written: no
            self.found.append(_Found(informed, m.end(), speaker, self.told(m.end(), cue, speaker), cue,  # alias names
                                     not self.embedded(self.token_at(informed), m.end())))  # unnamed sources
            return
        if (name := inverted(self.tokens, self.plain, m.end(), k)) is not None and (  # whom a speaker told is no
                cue not in ("told", "tells") or self.aliases.is_channel(name[1])):  # speaker, only the outlet it is
            self.found.append(_Found(m.start(), name[0], *_credit(name[1], self.aliases), cue, True))
            return
        relative = self.relative_before(m.start(), k)  # "the Observatory which relies on ... medics said"
        stop = relative.start() if relative else m.start()
        appositive = _APPOSITIVE.search(self.plain[:stop])
        head = np_before(self.tokens, self.token_at(appositive.start())) if appositive else None
        if head and self.tokens[head[1]].group()[:1].isupper() and place_before(self.tokens, head[0]) is None and not (
                governed(self.tokens, head[0]) or ends_a_clause(self.tokens, head) or a_thing_placed(self.tokens, head)):  # no place
            # ("in northern Syria a monitor said", "Syrian bastion Raqqa a monitor said", "rocket fire in Aleppo a
            # monitoring group said") nor object
            s, _, name = self.span(head)
            self.found.append(_Found(s, m.end(), *_credit(name, self.aliases), cue, not self.embedded(head[0], m.end())))
            return
        who = np_before(self.tokens, self.token_at(stop) if relative else k) or placed_before(self.tokens, k) or (
            self.refused if k > 0 and self.tokens[k - 1].group().lower() in ("but", "and") else None)
        if who and who[0] > 1 and self.tokens[who[0] - 1].group().lower() == "citing":  # "Anadolu Agency citing
            who = np_before(self.tokens, who[0] - 1) or who  # military officials said": the agency says it, citing them
        if who and who[0] == who[1] and self.tokens[who[0]].group().islower():  # a bare role word: "... group put"
            who = self.named_before(who[0]) or who
        person = titled_before(self.plain, m.start()) if who else None  # "Andrew Tabler a senior fellow at the
        if person:  # Washington Institute tells": Tabler speaks, not the institute
            who = (self.token_at(person.start("person")), who[1])
        elif who and ((who := speaker_span(self.tokens, who)) is None or only_an_object(self.tokens, who)):
            return  # "Al-Qaeda-affiliated extremists in Syria announced": a place, not who spoke
        if who and re.search(r"['\u2019]s?$", self.tokens[who[1]].group()):
            return  # "Seoul's stated desires": a possessive before an adjective
        if who:
            s, _, name = self.span(who)
            if person:
                s, name = person.start("person"), person.group("person")
            speaker, channel = _credit(name, self.aliases)
            channel = self.told(m.end(), cue, speaker) or channel
            self.found.append(_Found(s, m.end(), speaker, channel, cue, not self.embedded(who[0], m.end())))
            return
        before = self.plain[: m.start()].rstrip()
        joined = next((f for f in self.found if before.endswith(",") and f.end == len(before) - 1), None)
        if joined:  # "Yonhap, citing the NIS, reported"
            joined.end = m.end()
        elif before.endswith((",", _MASK)) and (who := self.after(m.end(), strict=True)):  # "“…,” said Oh"
            titled = titled_after(self.plain, who[1])  # "said Observatory director Rami Abdel Rahman"
            if titled:
                who = (who[0], titled.end(), titled.group(1).strip())
            self.found.append(_Found(m.start(), who[1], *_credit(who[2], self.aliases), cue, True))

    def attach(self, pending: list[tuple[int, int, str, str]]) -> None:
        """Give "..., citing intelligence briefings" to the nearest phrase before it that lacks a channel."""
        for start, end, cited, cue in pending:
            host = next((f for f in reversed(self.found) if f.start < start and (f.speaker or f.channel)
                         and not (f.speaker and f.channel)), None)
            if host is None:
                self.found.append(_Found(start, end, None, self.aliases.resolve(cited), cue, True))
            elif host.speaker:
                host.channel, host.cue = self.aliases.resolve(cited), cue
            elif not self.aliases.is_channel(cited):
                host.speaker = self.aliases.resolve(cited)


def extract(text: str, aliases: AliasTable) -> SentenceAttribution:
    """The attributions and quotes of one sentence; offsets are into `text`."""
    reader = _Reader(text, aliases)
    found = [f for f in reader.read() if not no_one(f.speaker) or f.channel or f.speaker is None]
    main = tuple(sorted((i for i, f in enumerate(found) if f.main), key=lambda i: found[i].start not in reader.closing))
    result = SentenceAttribution(tuple(f.attribution() for f in found), (), main)
    outlet = next((f.channel for f in found if f.main and f.channel and not f.speaker), None)
    quotes = []
    for s, e in reader.spans:
        qs, qe = inner_span(text, s, e)
        if qe <= qs:
            continue
        gov = _governing(found, reader.plain, s, e) or (result.primary if any(found[i].start >= e for i in main) else None)
        if gov is not None and gov.speaker and not gov.channel:
            gov = replace(gov, channel=outlet)
        elif gov is not None and not gov.speaker and result.primary and result.primary.channel == gov.channel:
            gov = result.primary  # the outlet that carries the whole sentence carries its speaker's words
        quotes.append(Quote(text[qs:qe], qs, qe, gov.speaker if gov else None, gov.channel if gov else None))
    return replace(result, quotes=tuple(quotes))


def _governing(found: list[_Found], plain: str, start: int, end: int) -> Attribution | None:
    """The phrase that credits a quote: right after it, right before it ("... as"), else the nearest before."""
    for f in found:
        if f.start >= end and re.fullmatch(r"[\s,.;:!?\u2014-]*", plain[end:f.start]):
            return f.attribution()
    before = [f for f in found if f.end <= start]
    for f in reversed(before):
        if re.fullmatch(r"[\s,:]*(?:as\s+(?:saying\s+)?|that\s+)?", plain[f.end:start]):
            return f.attribution()
    spoken = [f for f in before if not f.cue.endswith(" by") or f.cue == "quoted by"]
    return spoken[-1].attribution() if spoken else None

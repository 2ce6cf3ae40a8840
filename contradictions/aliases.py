"""The alias table: canonical names, kinds and groups of the speakers and channels a corpus credits.

Alias file (JSON; the packaged one is `contradictions/data/aliases.json`)::

    {"entities": [
      {"name": "KCNA", "kind": "channel", "group": "North Korean state media",
       "aliases": ["Korean Central News Agency", "the official Korean Central News Agency"]},
      {"name": "Kim Jong-un", "kind": "speaker", "aliases": ["Kim", "Kim Jong Un"]}]}

`name` is the canonical, displayed name; `kind` is "speaker" (a person or body that makes a claim) or
"channel" (an outlet, agency or document that carries it); `aliases` are other spellings; `group` (optional)
is a set an analyst treats as one voice: a state's media (KCNA, Rodong Sinmun and plain "state media", which
in this corpus means Pyongyang's, are "North Korean state media") or a government's institutions. People are
never grouped: a quote of Kim Yo-jong credited to Kim Jong-un is a different speaker.

Matching ignores case, hyphens, apostrophes, punctuation and a leading "the" ("Kim Jong Un" = "kim jong-un"),
a parenthesised acronym ("Korean Central News Agency (KCNA)") and leading "official" / "state-run". A known
outlet inside a longer phrase ("Russia's TASS state news agency") and a known proper name of two words or
more ending one ("North Korean leader Kim Jong Un") count too. `AliasTable.load(extra)` merges a user file on
top: its aliases win, and an entity with an existing name is extended.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from pathlib import Path

from contradictions.model import ContradictionsError
from contradictions.weights import CORPUS

KINDS = ("speaker", "channel")
CHANNEL_HEADS = {"media", "newspaper", "newspapers", "paper", "broadcaster", "broadcasters", "outlet", "outlets",
                 "television", "tv", "radio", "daily", "wire", "report", "reports", "briefing", "briefings",
                 "statement", "statements", "footage", "documents", "bulletin", "website", "websites", "page", "account",
                 "accounts", "channel", "channels"}
# Speaker words that only end a name ("a militant website said"), never stand inside one ("on CNN's website Charles
# Lister said" credits Lister).
HEAD_ONLY = {"website", "websites", "page", "account", "accounts", "channel", "channels", "network", "networks"}

# Lower-case words that may stand in a speaker's name ("South Korean lawmakers", "state media").
SPEAKER_WORDS = CHANNEL_HEADS | set(
    "officials official lawmakers lawmaker legislators intelligence agencies agency experts expert analysts analyst "
    "observers observes state state-run state-owned news sources source ministry military government spokesperson "
    "spokesman spokeswoman leader president minister army command authorities diplomats diplomat assessments "
    "assessment estimates researchers researcher fellow senior unnamed anonymous defence defense foreign security "
    "top former regional local spy presidential ruling opposition staff chief general people residents witnesses "
    "commanders commander members committee council service office department secretary spokespeople governor "
    "governors mayor mayors city municipal provincial interior police prosecutors fire firefighters rescue "
    "rescuers emergency emergencies health hospital hospitals doctors medics paramedics coast guard civil "
    "services disaster relief county federal national group groups monitor monitors observatory watchdog "
    "organisation organization activists activist governments network networks correspondent correspondents "
    "reporter reporters journalist journalists photographer photographers witness resident evacuees survivors workers volunteers coalition "
    "alliance inquiry commission brigade brigades rebels regime states".split())
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
NOT_NAMES = set(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday his her their its our "
    "my but and or so yet however meanwhile separately additionally also then now still instead moreover "
    "furthermore earlier later last this that these those since after before when while although though because "
    "if as in at on during under over with without for from by to of into amid despite following today yesterday "
    "according".split()) | PRONOUNS
_DESCRIPTORS = {"official", "state", "run", "owned", "controlled", "ruling"}


# What a name carries beside itself: where the body sits ("the Britain-based Syrian Observatory") and its acronym
# after it ("Syrian Observatory for Human Rights (SOHR)").
_BASED = re.compile(r"^(?:(?:the|The)\s+)?[\w.]+(?:-|\s+)based\s+")
_ACRONYM = re.compile(r"\s*\([^()]*\)\s*$")


def _key(name: str) -> str:
    """The matching form of a name: case, apostrophes, hyphens, punctuation, a leading article, where the body
    sits and a closing acronym ignored."""
    name = _ACRONYM.sub("", _BASED.sub("", name)) or name
    text = re.sub(r"'s\b|'", "", name.casefold().replace("\u2019", "'").replace("\u2018", "'"))
    words = re.sub(r"[\W_]+", " ", text).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _clean(name: str) -> str:
    name = _BASED.sub("", " ".join(name.split())) or name
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return re.sub(r"^(?:A|An|Some|Several|Many)\b", lambda m: m.group().lower(), name)


@dataclass
class _Entity:
    name: str
    kind: str
    group: str | None


def _entities(data: object, where: str) -> list[dict]:
    """The entity records of an alias file, checked; a problem raises ContradictionsError in one line."""
    entities = data.get("entities") if isinstance(data, dict) else None
    if not isinstance(entities, list):
        raise ContradictionsError(f"alias file {where}: expected an object with an \"entities\" list")
    for i, raw in enumerate(entities):
        problem = None
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
            problem = "needs a \"name\" string"
        elif raw.get("kind", "speaker") not in KINDS:
            problem = f"\"kind\" must be one of {', '.join(KINDS)}"
        elif not isinstance(raw.get("aliases", []), list) or not all(isinstance(a, str) for a in raw.get("aliases", [])):
            problem = "\"aliases\" must be a list of strings"
        elif raw.get("group") is not None and not isinstance(raw.get("group"), str):
            problem = "\"group\" must be a string"
        if problem:
            raise ContradictionsError(f"alias file {where}: entity {i + 1} {problem}")
    return entities


@lru_cache(maxsize=1)
def _packaged() -> tuple[dict, ...]:
    text = resources.files("contradictions").joinpath("data/aliases.json").read_text("utf-8")
    return tuple(_entities(json.loads(text), "contradictions/data/aliases.json"))


class AliasTable:
    """Canonical names, kinds (speaker or channel) and groups of the sources a corpus credits."""

    def __init__(self, entities: Iterable[Mapping] = ()) -> None:
        self._entities: dict[str, _Entity] = {}
        self._by_key: dict[str, _Entity] = {}
        self._proper: dict[str, _Entity] = {}  # aliases distinctive enough to find inside a longer phrase
        self._found: dict[str, _Entity | None] = {}  # name -> entity; a corpus asks for the same names again and again
        for raw in entities:
            self.add(raw)

    @classmethod
    def load(cls, extra: str | Path | None = None) -> AliasTable:
        """The packaged table, with the user's alias file `extra` (same format) merged on top."""
        table = cls(_packaged())
        if extra is not None:
            path = Path(extra)
            try:
                data = json.loads(path.read_text("utf-8"))
            except OSError as error:
                raise ContradictionsError(f"cannot read alias file {path}: {error.strerror or error}") from None
            except ValueError as error:
                raise ContradictionsError(f"alias file {path} is not valid JSON: {error}") from None
            for raw in _entities(data, str(path)):
                table.add(raw)
        return table

    def add(self, raw: Mapping) -> None:
        """Add one entity record; a record whose name is already known extends that entity."""
        name = raw["name"].strip()
        self._found.clear()
        entity = self._entities.get(_key(name))
        if entity is None:
            entity = self._entities[_key(name)] = _Entity(name, raw.get("kind", "speaker"), raw.get("group"))
        else:
            entity.kind = raw.get("kind", entity.kind)
            entity.group = raw.get("group", entity.group)
        for alias in [name, *raw.get("aliases", [])]:
            key = _key(alias)
            if not key:
                continue
            self._by_key[key] = entity
            if any(c.isupper() for c in alias) and (" " in key or (alias.isupper() and len(key) >= 3)):
                self._proper[key] = entity

    def fingerprint(self) -> str:
        """A digest of everything the table answers from (every alias, its entity's name, kind and group, in the
        order they were added): the extraction cache's key changes when an alias file does."""
        content = [[key, e.name, e.kind, e.group, key in self._proper] for key, e in self._by_key.items()]
        content.append(list(self._proper))
        return hashlib.sha1(json.dumps(content).encode("utf-8")).hexdigest()

    def _find(self, name: str) -> _Entity | None:
        if name not in self._found:
            self._found[name] = self._lookup(name)
        return self._found[name]

    def _lookup(self, name: str) -> _Entity | None:
        key = _key(name)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        paren = re.search(r"\(([^()]+)\)", name)
        if paren:  # "Korean Central News Agency (KCNA)"
            for part in (paren.group(1), name[: paren.start()]):
                if _key(part) in self._by_key:
                    return self._by_key[_key(part)]
            key = _key(name[: paren.start()] + name[paren.end():])
        words = key.split()
        while len(words) > 1 and words[0] in _DESCRIPTORS:  # "state-run Rodong Sinmun"
            words = words[1:]
            if " ".join(words) in self._by_key:
                return self._by_key[" ".join(words)]
        if " and " in f" {key} ":
            return None  # a list of names ("Western governments and South Korea") is not the last one named
        padded, best = f" {key} ", ""
        for alias, entity in self._proper.items():
            inside = f" {alias} " in padded if entity.kind == "channel" else padded.endswith(f" {alias} ")
            if inside and len(alias) > len(best):
                best = alias
        return self._proper[best] if best else None

    def known(self, name: str) -> bool:
        """Whether the table knows a name."""
        return self._find(name) is not None

    def resolve(self, name: str) -> str:
        """The canonical name ("Kim Jong Un" -> "Kim Jong-un"); an unknown name as written, minus "the"."""
        entity = self._find(name)
        return entity.name if entity else _clean(name)

    def group(self, name: str) -> str | None:
        """The group a name belongs to ("Rodong Sinmun" -> "North Korean state media"), if any."""
        entity = self._find(name)
        return entity.group if entity else None

    def kind(self, name: str) -> str | None:
        """ "speaker" or "channel" for a known name, else None."""
        entity = self._find(name)
        return entity.kind if entity else None

    def is_channel(self, name: str) -> bool:
        """Whether a name is an outlet, agency or document ("state media", "intelligence briefings")."""
        kind = self.kind(name)
        if kind:
            return kind == "channel"
        words = _key(name).split()
        return bool(words) and (words[-1] in CHANNEL_HEADS or (words[-1] in ("agency", "agencies") and "news" in words))

    def relate(self, x: str, y: str) -> str:
        """How two names relate: "same", "overlap", "different" or "unknown" (see `attribution.compatible`)."""
        if _key(self.resolve(x)) == _key(self.resolve(y)):
            return "same"
        gx, gy = self.group(x), self.group(y)
        if gx and gx == gy:
            return "same"
        if self.known(x) and self.known(y):
            return "different"
        kx, ky = _key(self.resolve(x)), _key(self.resolve(y))
        if SequenceMatcher(None, kx, ky).ratio() >= CORPUS.name_spelling or _acronym_of(kx, ky) or _acronym_of(ky, kx):
            return "same"  # "Hezbollah's ..." and "Hezballah's ...", "SOHR" and "SHOR" spelled out
        nx, ny = _name_words(kx), _name_words(ky)
        if _within(nx, ny) or _within(ny, nx):
            return "unknown"  # "Rami Abdel Rahman" and "Syrian Rami Abdel Rahman": maybe one, said more fully
        if _places(f"{x} {gx or ''}") & _places(f"{y} {gy or ''}"):
            return "overlap"
        return "different"




# The head nouns of bodies' names ("Syrian Observatory for Human Rights", "Ghouta Media Center"): a role word ("the
# observatory") may stand for such a name, and a name holding one is a body's, not a person's.
BODY_HEADS = frozenset("observatory monitor group agency ministry council coalition committee organisation "
                       "organization network center centre front commission".split())

# What sources unnamed on purpose are described by: what they know ("sources close to the group", "an official
# familiar with the assessments"). The words after it are not who speaks.
KNOWING = r"(?:close\s+to|familiar\s+with|knowledgeable\s+(?:about|of)|briefed\s+on|with\s+knowledge\s+of|privy\s+to)"
_KNOWING_PHRASE = re.compile(rf"(?i)\s+{KNOWING}\s")


def who_knows(name: str) -> str:
    """A speaker described by what they know, cut to who they are: "sources close to the group" -> "sources"; any
    other name unchanged."""
    return _KNOWING_PHRASE.split(name, maxsplit=1)[0]


def written_shorter(short: str, long: str) -> bool:
    """Whether one name is another written shorter, word for word: "Observatory" and "Syrian Observatory for Human
    Rights", "Abdel Rahman" and "Rami Abdel Rahman" (case and "the" aside)."""
    return set(short.casefold().split()) - {"the"} <= set(long.casefold().split())


# Ranks and honorifics before a person's name, written out or cut short ("Lt. Col.", "Lieutenant Colonel").
_RANKS = frozenset("lt lieutenant col colonel gen maj major capt captain sgt sergeant cmdr adm admiral brig brigadier "
                   "mr mrs ms dr prof sheikh".split())


def _name_words(key: str) -> list[str]:
    """A name's words without the title or role words before it ("leader Zahran Alloush": zahran, alloush), when
    at least two are left; else all of them ("army spokesman", "South Korean lawmakers")."""
    words = key.split()
    k = 0
    while k < len(words) and (words[k] in SPEAKER_WORDS or words[k].rstrip(".") in _RANKS):
        k += 1
    return words[k:] if len(words) - k >= 2 else words


def _within(short: list[str], long: list[str]) -> bool:
    """Every word of one name is a word of the other, spelled alike or the same ("Zahran Alloush" in "Mohammed bin
    Abdullah Zahran Aloush": one man, named more fully and transliterated another way)."""
    return all(any(w == v or (min(len(w), len(v)) >= 4 and SequenceMatcher(None, w, v).ratio() >= CORPUS.name_spelling)
                   for v in long) for w in short)


def _acronym_of(short: str, long: str) -> bool:
    """Whether `short` is the initials of `long`'s words, allowing two letters swapped ("shor" for "sohr")."""
    initials = "".join(w[0] for w in long.split() if w not in ("of", "for", "the", "and"))
    return len(short) >= 3 and " " not in short and len(initials) == len(short) and sorted(initials) == sorted(short)


def _places(name: str) -> set[str]:
    """Where a source is from, stemmed: "South Korean, Ukrainian and Western officials" -> south kore, ukrain, west."""
    words = re.findall(r"[\w'\u2019-]+", name)
    out, i = set(), 0
    while i < len(words):
        word = words[i]
        if word[0].isupper() and word.lower() not in SPEAKER_WORDS | NOT_NAMES | {"the"}:
            stem = re.sub(r"(?:ern|ians?|ia|ans?|e|a)$", "", re.sub(r"['\u2019]s?$", "", word.lower()))
            if stem in ("north", "south", "east") and i + 1 < len(words) and words[i + 1][0].isupper():
                i += 1
                stem += " " + re.sub(r"(?:ern|ians?|ia|ans?|e|a)$", "", words[i].lower())
            out.add(stem)
        i += 1
    return out

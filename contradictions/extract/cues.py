"""The cue words that deny, confirm, negate or doubt a claim (`data/polarity.json`), and the cheap test that says
whether a sentence holds one, so that only such sentences are parsed for claims."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from contradictions.lexicon import lexicon


@lru_cache(maxsize=1)
def cues() -> dict:
    """The cue lexicon (`data/polarity.json`), lists turned into sets, plus a lemma -> verb-class map."""
    data = json.loads(resources.files("contradictions").joinpath("data/polarity.json").read_text("utf-8"))
    out = {key: set(value) for key, value in data.items() if isinstance(value, list)}
    classes = dict(lexicon()[1])
    classes.update({lemma: cls for cls, lemmas in data["verb_classes"].items() for lemma in lemmas})
    out["classes"] = classes
    out["verdict"] = out["affirm"] | out["deny"]
    return out


GATE_LISTS = ("affirm", "deny", "unconfirmed", "negation")  # the words that can oppose a claim to another


def _inflected(word: str) -> str:
    """A pattern for a cue lemma and its inflections and nouns: "deny" -> denies, denied, denying, denial;
    "dispute" -> disputed, disputing; "confirm" -> confirmed, confirmation. Other words match as written."""
    if not word.isalpha():
        return re.escape(word)
    if word.endswith("y"):
        return word[:-1] + r"(?:y|ies|ied|ying|ials?|ication\w*)"
    if word.endswith("e"):
        return word[:-1] + r"(?:e\w*|ing|ation\w*|al|ment)"
    return word + r"\w*"


@lru_cache(maxsize=1)
def cue_gate() -> re.Pattern:
    """A cheap test for a sentence that may deny, confirm, negate or doubt a claim, built from the same cue lists
    (`GATE_LISTS` of `data/polarity.json`) that `claims_of` reads: a word the parser would read as a cue passes."""
    c = cues()
    verbs = sorted(c["affirm"] | c["deny"])
    words = sorted(w for key in ("unconfirmed", "negation") for w in c[key] if w.isalpha())
    contracted = sorted(w for w in c["negation"] if not w.isalpha())  # "n't" is glued to its verb
    return re.compile(r"(?i)\b(?:" + "|".join([*map(_inflected, verbs), *map(re.escape, words)]) + r")\b|"
                      + "|".join(map(re.escape, contracted)))


def has_polarity_cue(text: str) -> bool:
    """Cheap test: could this sentence negate, deny, confirm or doubt a claim? (Only such pairs need a parse.)"""
    return bool(cue_gate().search(text))

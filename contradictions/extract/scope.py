"""Scope: whether a figure is a whole toll or something narrower, which a whole is never set against.

A part of a larger whole ("19 of the dead", "nine soldiers from the 528th Regiment", those in care: "were being
treated"), a running total ("900 so far"), a change or a group beside the toll ("rose by 300", "another 12", "six
were also killed"), a rate ("8,000 a day"), a plan ("will be transported"); else the whole. Read from the parse
where it says (`of_noun`, `planned`) and from the words around the figure (`in_text`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from contradictions.extract.numbers import VAGUE, Figure
from contradictions.model import Quantity
from contradictions.timeline import is_cumulative

_PART_PREPS = {"from", "of", "in", "among"}
_PART_HEADS = {"regiment", "unit", "battalion", "brigade", "division", "company", "platoon", "squad", "corps",
               "group", "team", "village", "town", "city", "province", "region", "district", "camp", "ship"}


def of_noun(noun):
    """('part', name) when the counted noun is limited to a named part ('from the 528th Regiment', 'its'). A name
    after "in" is where, not a part: "killed 90 people in Northvale" tells what "90 people were killed in Northvale"
    does, the parse only hanging the place on the noun."""
    if noun is None:
        return "whole", None
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ in ("its", "their", "his", "her"):
            return "part", child.text
        if child.dep_ == "prep" and child.lower_ in _PART_PREPS:
            for obj in child.children:
                named = obj.pos_ == "PROPN" and child.lower_ != "in"
                if obj.dep_ == "pobj" and (named or obj.lemma_.lower() in _PART_HEADS):
                    words = [t.text for t in obj.subtree]
                    return "part", " ".join(words)
    return "whole", None


_PART_AFTER = re.compile(r"(?i)\s+of\s+(?:the|them|whom|those|these|its|their)\b[^,;.:()]{0,30}")
_PART_BEFORE = re.compile(r"(?i)\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which|among\s+(?:the|those)\s+\w+"
                          r"(?:\s+(?:were|was|are))?)\s*$")
_TOTAL_AFTER = re.compile(r"(?i)^[^,;:()]{0,40}?\b(?P<cue>so\s+far|to\s+date|thus\s+far|until\s+now|"
                          r"since\s+(?:the|it|they|its|their|then|[A-Z]\w+|\d)|over\s+the\s+(?:past|last)\s+\w+)")
_CHANGE_BEFORE = re.compile(r"(?i)\b(?:(?:rise|rose|risen|rising|rises|grow|grew|grown|grows|growing|increase[sd]?|"
                            r"increasing|fall|fell|fallen|falls|falling|drop(?:ped|s)?|declined?|decreased?|cut|"
                            r"raised?|lowered?|climbed?|jumped?|slipped?|gained?|lost|shrank|shrunk)\s+(?:by\s+)?|"
                            r"(?:up|down)\s+(?:by\s+)?|by\s+(?=\S+\s+to\b))$")
# A count its own article gives as superseded: "the previous death toll was 20", "an earlier death toll from the
# strike ... reported 15", "had initially given a death toll of 34".
_EARLIER_BEFORE = re.compile(r"(?i)(?:\b(?:previous|earlier|old|former)\s+(?:death\s+)?(?:toll|tally|count|figure)s?\b|"
                             r"\binitially\s+(?:given|gave|put|reported|said)\b)[^,.;:]{0,80}?$")
_MORE_AFTER = re.compile(r"(?i)\s+(?:more|additional|further|new|extra)\b(?!\s+than)")  # "three more died"
_ANOTHER_BEFORE = re.compile(r"(?i)\b(?:another|an\s+additional|a\s+further|an\s+extra)\s+$")
# "Six people were also killed": a group beside one just told of, as "another six" is
_ALSO_AFTER = re.compile(r"(?i)(?:\s+[a-z-]+){0,2}\s+(?:were|was|are|is|have\s+been|had\s+been|has\s+been)\s+also\b")
_RATE_AFTER = re.compile(r"(?i)^(?:\s+[a-z]+){0,2}?\s+(?P<rate>(?:per|a|an|each|every)\s+(?:day|week|month|year|hour|"
                         r"minute|second|share|capita|person|head|household|barrel|tonne|ton|kg|litre|gallon))\b")


def in_text(text: str, fig: Figure, time: str | None) -> tuple[str, str | None]:
    """A figure's scope from the words around it: a part of a larger whole ("19 of the dead", "including 12
    children"), an earlier count its article gives as superseded ("the previous death toll was 20"), a running total
    ("900 so far", "since the strikes began"), a change ("rose 12%", "up by 300", "three more", "another 12", "six
    were also killed"), a rate ("8,000 a day", "79 cents per share"), else the whole."""
    after = _PART_AFTER.match(text, fig.end)
    if after and not fig.text_ends_with_of and fig.hedge not in VAGUE:
        return "part", re.split(r"(?i)\s+(?:were|was|are|is|had|have|has|who|which|that)\b", after.group(0))[0].strip()
    before = _PART_BEFORE.search(text[: fig.start])
    if before:
        return "part", before.group(0).strip()
    if _EARLIER_BEFORE.search(text, max(0, fig.start - 140), fig.start):
        return "earlier", None
    rate = _RATE_AFTER.match(text[fig.end :])
    if rate:
        return "rate", re.sub(r"\s+", " ", rate.group("rate").lower())
    if fig.unit != "%" and (_CHANGE_BEFORE.search(text[: fig.start]) or _MORE_AFTER.match(text, fig.end)
                            or _ANOTHER_BEFORE.search(text[: fig.start]) or _ALSO_AFTER.match(text, fig.end)):
        return "change", None
    total = _TOTAL_AFTER.match(text[fig.end :])
    if total or is_cumulative(time):
        return "total", (total.group("cue") if total else time).strip()
    cared = _CARED_AFTER.match(text, fig.end)
    if cared:  # "31 people hurt in the attack were being treated in Turkish hospitals": those treated, not all hurt
        return "part", cared.group("how").lower()
    return "whole", None


# Those of a toll in someone's care: a part, whatever the toll ("were treated", "were taken to hospital").
_CARED_AFTER = re.compile(r"(?i)[^,;.]{0,60}?\b(?:were|was|are|is|have\s+been|had\s+been|has\s+been)\s+(?:being\s+)?"
                          r"(?P<how>treated|hospitali[sz]ed|admitted|(?:taken|brought|transferred|airlifted|rushed)\s+to)\b")


_FUTURE = frozenset({"will", "shall", "'ll"})
_PLANNING = frozenset({"set", "due", "expect", "schedule", "plan"})


def planned(verb) -> bool:
    """Whether a figure's verb tells what is to happen: a future ("will be transported") or a plan ("are set to
    leave", "is expected to reach")."""
    if verb is None:
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE for c in verb.children):
        return True
    if verb.lemma_.lower() in _PLANNING and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "3,000 people are expected to leave"
    # "is set to see 300 people evacuated": the plan governs the clause the figure sits in
    return _up_the_verbs(verb, ("xcomp", "ccomp"), lambda v: v.dep_ == "xcomp" and v.head.lemma_.lower() in _PLANNING)


def ongoing(verb) -> bool:
    """Whether a figure's verb tells an activity going on rather than what happened: a progressive, or joined to one
    ("the regime was trying to ... but killing scores of civilians in the process")."""
    if verb is None or verb.tag_ != "VBG":
        return False
    # up through the verbs it is joined to: "was trying to clear ... but killing"
    return _up_the_verbs(verb, ("conj", "xcomp"), lambda v: v.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "be" for c in v.children))


def _up_the_verbs(verb, through: tuple[str, ...], holds: Callable[[Any], bool], steps: int = 3) -> bool:
    """Whether `holds` is true of `verb` or of one of the (at most `steps` - 1) verbs above it, climbing only by the
    relations `through` (a parse's tokens)."""
    node = verb
    for _ in range(steps):
        if holds(node):
            return True
        if node.dep_ not in through or node.head is node:
            return False
        node = node.head
    return False


def same_group_same_scope(quantities: list[Quantity]) -> list[Quantity]:
    """A figure told twice in one sentence is one group: "Twenty-six civilians were also killed ... killing 26
    civilians" are both a group beside the toll, not the second one the whole toll. (Only a change passes on: a
    part is read from the parse, which a glued headline misleads: "kills 32 rebels in Daraa province ambush NGO".)"""
    told = {(q.value, q.counts_class) for q in quantities if q.scope == "change" and q.counts_class}
    return [replace(q, scope="change") if q.scope == "whole" and (q.value, q.counts_class) in told else q
            for q in quantities]

"""Weights and thresholds of the judgement, each named and explained once. Every stage reads them from here.

Measured on labelled real pairs with `benchmarks/quality.py` (figures) and `benchmarks/events.py` (same
incident); docs/benchmarks.md has the figures. Change one only with both benchmarks run before and after.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Similarity:
    """How a finding's score follows the cosine similarity of its two sentences: `floor` at `low` or below, rising
    linearly to 1.0 at `high`. Sentences less alike than `low` + `noted` of the way are named in the explanation."""

    floor: float
    low: float = 0.4
    high: float = 0.8

    def factor(self, similarity: float) -> float:
        return self.floor + (1 - self.floor) * min(1.0, max(0.0, (similarity - self.low) / (self.high - self.low)))

    def noted(self, factor: float) -> bool:
        """Whether a factor is low enough to name in the explanation ("sentences only 0.52 similar")."""
        return factor < (1 + self.floor) / 2


@dataclass(frozen=True)
class Corpus:
    """How a corpus is read before any judgement: what is embedded and whether articles are grouped in stories."""

    all_sentences_up_to: int = 100  # up to this many sources every sentence is embedded and paired; above it only
    # checkable ones (30% fewer on the benchmark corpus, docs/how-it-works.md "What is compared")
    stories_above: int = 12  # articles are grouped into stories above this many sources (seeds/: 5, one event)
    story_threshold: float = 0.6  # article similarity that links two into a story; seeds/ is one story
    name_weight: float = 0.3  # share of that similarity from the names the two articles share
    date_window_days: int = 3  # articles further apart than this are linked only by a much closer similarity
    story_span_days: int = 7  # a story's known publication dates span at most this (one incident, its follow-ups)
    name_spelling: float = 0.85  # two unknown names this alike (difflib ratio) are one name spelled two ways
    place_spelling: float = 0.8  # two place words this alike are one place spelled two ways


CORPUS = Corpus()


@dataclass(frozen=True)
class AlignWeights:
    """Evidence that two figures of two sentences are counterparts (`findings.align.align`)."""

    parallel: float = 2.0  # the figures sit at matching places of a word-by-word alignment of parallel sentences
    parallel_stretch: float = 1.0  # ... of a matched stretch of words in sentences not parallel as wholes
    parallel_share: float = 0.6  # sentences are parallel as wholes when this share of their tokens align
    counted: float = 1.5  # the same counted-noun class ("soldiers" = "troops")
    event: float = 1.0  # the same event class ("killed" = "died")
    unit: float = 0.5  # the same dimension of a named unit (km and miles, $ and $)
    context: float = 1.0  # times the overlap of content words within `window` tokens of each figure
    neighbour: float = 0.25  # the same word right before (or right after) both figures
    identical: float = 1.0  # the same figure, hedge and unit: an anchor for the rest
    parallel_run: int = 3  # tokens a matched stretch needs (the figure's placeholder included) to count as parallel
    window: int = 4
    min_evidence: float = 1.0  # below this a pair is not aligned: no counterpart, no finding


ALIGN = AlignWeights()


@dataclass(frozen=True)
class ScoreWeights:
    """A numeric finding's score: a base for the relation and the gap, times factors for how sure the match is
    (`scoring`). Every factor below 1 is named in the finding's explanation."""

    contradiction_low: float = 0.7  # disjoint figures: 0.7 at any gap ("6" vs "less than 6") ...
    contradiction_span: float = 0.3  # ... up to 1.0 at tenfold; the gap counts less than the evidence of one event
    discrepancy_low: float = 0.25  # overlapping estimates with different stated values: 0.25-0.5
    discrepancy_span: float = 0.25
    round_low: float = 0.3  # two bare round figures under `round_gap` apart ("14,000" vs "15,000"): 0.3-0.5
    round_span: float = 0.2
    updated_low: float = 0.25  # a running total that grew: 0.25-0.45
    updated_span: float = 0.2
    weak_alignment: float = 0.75  # the match factor at the least alignment evidence accepted (`align_floor`) ...
    align_floor: float = 1.0
    align_sure: float = 3.0  # ... rising to 1.0 at this much evidence
    similarity: Similarity = Similarity(floor=0.7)  # sentences 0.4 similar or less: x0.7
    round_gap: float = 0.15  # two bare round figures closer than this are news rounding: a discrepancy at most
    conversion_gap: float = 0.03  # figures in two units of one dimension this close are one figure converted
    implicit_min_similarity: float = 0.55  # a figure whose counted noun is implied needs sentences this close


SCORE = ScoreWeights()


@dataclass(frozen=True)
class EventWeights:
    """Whether two articles report one incident (`frames`): the gate and a factor of every finding's score."""

    window_days: int = 1  # reports of one incident come out the same day or the next. On fa-kes-dev, of the
    # cross-outlet pairs of one labelled incident with both dates read, 82 were published the same day, 2 a day
    # apart, 2 two days apart (33 more a week or more: misread dates or labels); of the pairs of different
    # incidents within three days, 178 the same day, 384 one day, 350 two, 365 three apart. A later day's figure
    # is a later toll or another incident. (3 days, before: 20 of 49 findings set two incidents against each other.)
    same_day_days: int = 0  # the same day: one news cycle, full weight
    days_apart: float = 0.9  # the next day: a follow-up may carry a later toll
    undated: float = 0.0  # one side's date unknown: 0 leaves the pair out (nothing places it); else a score factor
    dated_share: float = 0.5  # frames apply to a story when at least this share of its articles are dated
    max_ratio: float = 30.0  # reports of one incident put its toll within this factor of each other (reviewed
    # on fa-kes-dev: "dozens" vs "1,300" of one attack was a real dispute; 700 vs 170,000 two scopes)
    sum_slack: float = 0.1  # a one-sided bound is a sum's when the sum passes it by at most this share ("more than
    # 100" for 70 + 34); further past, the bound says nothing of the sum
    recalled_days: int = 7  # a figure anchored further than this from its article's date is another incident's
    time_shift: float = 0.8  # a numeric finding whose time factor is below this has figures of two different times
    general_share: float = 0.15  # a place named by more of a corpus's articles than this is too general to part two
    general_min: int = 20  # ... judged only in a corpus of at least this many articles
    lead_chars: int = 400  # an article's lead, its title and this much of its text: read for its places and, for
    # a figure whose sentence names no day, its weekdays (its dateline, a headline run in, a first sentence or two)


EVENT = EventWeights()


@dataclass(frozen=True)
class CandidateWeights:
    """Pairs added from shared claim keys (`candidates`), beside the similarity pairs."""

    per_key: int = 3  # each denied or unconfirmed claim meets this many most similar asserted ones under each key
    claim_floor: float = 0.3  # ... that are at least this similar (similarity pairs: 0.45; seeds' pair: 0.4456)
    block_values: int = 4_000_000  # similarities computed at once while choosing (memory, not judgement)


CANDIDATES = CandidateWeights()


@dataclass(frozen=True)
class CopyWeights:
    """One disagreement carried by several outlets (`rank.wire_copies`): listed once, with the others as copies."""

    overlap: float = 0.5  # two sentences with the same disputed words are one story's when at least this share of
    # their words is shared (Jaccard). On fa-kes-dev the findings with the same label and the same disputed words on
    # both sides shared 0.59-1.0 of each side's words (a wire story and an outlet's rewrite of it); with other
    # disputed words, at most 0.37.


COPIES = CopyWeights()


@dataclass(frozen=True)
class AssertionWeights:
    """A claim one source asserts and another denies or doubts (`findings.assertion`)."""

    contradiction: float = 0.9  # asserted vs denied
    unconfirmed: float = 0.55  # asserted vs not confirmed
    contradiction_floor: float = 0.6  # the least an aligned denial scores, however weak the evidence
    unconfirmed_floor: float = 0.35
    hedged: float = 0.7  # a denied or confirmed claim that was only "potentially" made (and floors 0.1 lower)
    similarity: Similarity = Similarity(floor=0.8)


ASSERTION = AssertionWeights()


@dataclass(frozen=True)
class AttributionWeights:
    """The credit two sources give the same quote or claim (`findings.attribution`)."""

    quote_match: float = 0.85  # two quotes this alike (word alignment) are one quote
    min_quote_words: int = 4  # shorter quotes are too common to match
    min_contained_words: int = 3  # a quote inside the other counts from this many words
    claim_similarity: float = 0.8  # two sentences this similar state one claim (without a shared figure)
    # ... and for a claim one side credits and the other states bare, which has no credit to compare: more alike.
    # On slices of fa-kes-dev the two such findings at 0.80 and 0.82 were other claims ("the attack was on rebel-held
    # areas" / "regime forces were on a wide offensive"; a background fact), the one at 0.95 a credit dropped.
    stated_similarity: float = 0.85
    similarity: Similarity = Similarity(floor=0.0, low=0.5, high=1.0)  # a claim credited differently: 0 at 0.5


ATTRIBUTION = AttributionWeights()


@dataclass(frozen=True)
class NliWeights:
    """An NLI model's contradiction probability p nudges a finding's score: x(floor + weight * p) (`findings.nli`)."""

    floor: float = 0.85
    weight: float = 0.3


NLI = NliWeights()

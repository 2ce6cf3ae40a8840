"""The data that flows between pipeline stages: small frozen dataclasses, no behaviour beyond shape."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Kind = Literal["numeric", "attribution", "assertion"]


class ContradictionsError(Exception):
    """A problem with the user's input or settings, worded for the user (the CLI prints it on one line)."""


@dataclass(frozen=True)
class Source:
    """One article: its id (a file stem or a feed value), title and normalised text, and where it came from."""

    id: str
    title: str
    text: str
    path: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    places: tuple[str, ...] = ()  # the specific places its title and lead name (`extract.places.article_places`)
    regions: tuple[str, ...] = ()  # wider places the corpus's texts put those in ("Idlib" of Khan Sheikhoun's)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a source, with character offsets into that source's normalised text."""

    source: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Interval:
    """A figure as an interval. `None` is an open end; `point` is the stated value when there is one.

    `excludes_low`/`excludes_high`: the bound itself is outside ("more than 40" excludes 40; "at least 40" holds it).
    """

    low: float | None
    high: float | None
    point: float | None = None
    excludes_low: bool = False
    excludes_high: bool = False

    def overlaps(self, other: Interval) -> bool:
        """Whether some value satisfies both intervals (a strict bound does not reach its own value)."""
        return _reaches(self.low, self.excludes_low or other.excludes_high, other.high) and _reaches(
            other.low, other.excludes_low or self.excludes_high, self.high)

    def contains(self, value: float) -> bool:
        return (self.low is None or self.low < value or (self.low == value and not self.excludes_low)) and (
            self.high is None or value < self.high or (value == self.high and not self.excludes_high))

    def scaled(self, factor: float) -> Interval:
        """The same interval in another unit (`factor` per unit as written: km -> m is 1000)."""
        if factor == 1:
            return self
        mul = lambda x: None if x is None else x * factor  # noqa: E731
        return Interval(mul(self.low), mul(self.high), mul(self.point), self.excludes_low, self.excludes_high)

    @property
    def reference(self) -> float:
        """The single number this interval is best summarised by (the point, else the bound given)."""
        if self.point is not None:
            return self.point
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high  # type: ignore[return-value]


def _reaches(low: float | None, strict: bool, high: float | None) -> bool:
    """Whether an interval starting at `low` reaches one ending at `high` (touching counts unless `strict`)."""
    if low is None or high is None:
        return True
    return low < high or (low == high and not strict)


@dataclass(frozen=True)
class Quantity:
    """A figure mentioned in a sentence: where it is, what interval it means, and what it counts.

    `start`/`end` are offsets into the sentence text. `counts` is the counted noun as written ("soldiers"),
    `counts_class` its normalised class ("troops"); `event` is the verb as written ("killed") and
    `event_class` its class ("killed"). `scope` is "whole", or "part" when the figure is for a named part
    ("nine soldiers from the 528th Regiment"), "total" for a running total ("900 since the strikes began"),
    "change" for a group beside the toll ("another 12"), "rate" ("80 a day"), "plan" for what is to happen ("will
    be transported"), "ongoing" for an activity told as going on ("was ... killing scores of civilians in the
    process"), "earlier" for a count its article gives as superseded ("the previous death toll was 20"); `part` names the part, total or rate. `holder` is whose figure it is when the clause's subject is not the figure itself ("the
    moon has a diameter of 3,746 km": "moon"), as lower-case lemmas in text order.
    """

    text: str
    start: int
    end: int
    value: Interval
    hedge: str | None = None
    unit: str | None = None
    counts: str | None = None
    counts_class: str | None = None
    event: str | None = None
    event_class: str | None = None
    scope: str = "whole"
    part: str | None = None
    time: str | None = None
    holder: str | None = None

    @property
    def label(self) -> str:
        """What the figure measures, in the analyst's words: "troops sent", "killed", "$ aid"."""
        words = [w for w in (self.counts, self.event) if w]
        return " ".join(words) if words else (self.unit or "figure")


@dataclass(frozen=True)
class Attribution:
    """Who a sentence credits: a speaker (person or body) and the channel it came through, if named."""

    speaker: str | None
    channel: str | None = None
    start: int = 0
    end: int = 0
    cue: str | None = None


@dataclass(frozen=True)
class Quote:
    """A quoted span in a sentence and whom it is attributed to."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class Pair:
    """Two sentences from different sources (indices into the sentence list, a < b) and their cosine."""

    a: int
    b: int
    similarity: float


@dataclass(frozen=True)
class SentenceAttribution:
    """The attribution phrases and quotes of one sentence.

    `main_claim` holds the indices of the attributions that cover the sentence's main claim, outermost
    first; None means all of them. Read it through `primary`.
    """

    attributions: tuple[Attribution, ...] = ()
    quotes: tuple[Quote, ...] = ()
    main_claim: tuple[int, ...] | None = None

    @property
    def primary(self) -> Attribution | None:
        """The attribution covering the main claim; a speaker takes the channel another main phrase names."""
        indices = range(len(self.attributions)) if self.main_claim is None else self.main_claim
        chosen = sorted((self.attributions[i] for i in indices), key=lambda a: (a.speaker is None, a.channel is None))
        if not chosen:
            return None
        first = chosen[0]
        if first.speaker and not first.channel:
            channel = next((a.channel for a in chosen if a.channel and not a.speaker), None)
            return replace(first, channel=channel) if channel else first
        return first


def credit_line(speaker: str | None, channel: str | None, cue: str | None) -> str | None:
    """Who is credited, as one line: "Kim Jong-un, via KCNA", "South Korean lawmakers, citing intelligence
    briefings"; None when no one is named."""
    if speaker and channel:
        return f"{speaker}, {'citing' if cue == 'citing' else 'via'} {channel}"
    return speaker or channel or None


@dataclass(frozen=True)
class Claim:
    """One claim in a sentence: its verb, actors, object, stance, and where the stance words are."""

    lemma: str
    verb_class: str
    subject: str | None
    actors: tuple[str, ...]
    object: str | None
    object_class: str | None
    destination: str | None
    reporters: tuple[str, ...]  # who states, confirms, denies or alleges it ("Pyongyang", "Moscow")
    stance: str  # asserted, negated, unconfirmed, alleged, hedged
    cue: str
    cue_start: int
    cue_end: int
    nominal: bool = False
    qualifiers: tuple[str, ...] = ()  # where, how or when ("in combat", "during the mission")
    hedge: str = ""  # a hedge on a claim a later verdict still denies or confirms ("potentially")


@dataclass(frozen=True)
class ClaimInfo:
    """The claims of one sentence (empty when it was not parsed)."""

    claims: tuple[Claim, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Record:
    """A sentence with what extraction read from it: the one record per sentence every finder compares.

    `claims` is None for a sentence not parsed for claims (it has no figure and no polarity cue); the sentences of
    a pair that needs their claims get them when the pair is compared.
    """

    sentence: Sentence
    figures: tuple[Quantity, ...] = ()
    attribution: SentenceAttribution = field(default_factory=SentenceAttribution)
    claims: ClaimInfo | None = None


@dataclass(frozen=True)
class Side:
    """One side of a finding: the sentence, where it sits, and the words that disagree."""

    source: str
    sentence: str
    sentence_index: int
    paragraph: int
    start: int
    end: int
    span: str
    span_start: int
    span_end: int
    value: Interval | None = None
    hedge: str | None = None
    counts: str | None = None
    attribution: Attribution | None = None
    time: str | None = None


@dataclass(frozen=True)
class Copy:
    """Another article that carries one side's sentence, with the same disputed words (a wire story run by several
    outlets, as it is or reworded): the same disagreement, shown once."""

    side: str  # "a" or "b": the side whose sentence it carries
    source: str
    sentence_index: int
    exact: bool = True  # word for word (case and punctuation aside); False: reworded


@dataclass(frozen=True)
class Finding:
    """A disagreement between two sources, with its evidence, score in [0, 1] and a one-line reason."""

    id: str
    kind: Kind
    score: float
    similarity: float
    explanation: str
    a: Side
    b: Side
    relation: str = "contradiction"
    label: str = ""
    factors: dict[str, float] = field(default_factory=dict)
    story: int | None = None  # the story both sentences belong to, when the corpus was grouped into stories
    copies: tuple[Copy, ...] = ()  # other articles carrying a side's sentence, from rank.wire_copies


@dataclass(frozen=True)
class ReportData:
    """What a run found: the sources, how much was compared, and the findings, highest score first.

    Plain data; `contradictions.report.Report` adds its renderings (JSON, HTML, pandas).
    """

    sources: tuple[Source, ...]
    sentences: tuple[Sentence, ...]
    pairs_compared: int
    findings: tuple[Finding, ...]
    settings: dict[str, object] = field(default_factory=dict)
    attributions: dict[int, tuple[Attribution, ...]] = field(default_factory=dict)
    quotes: dict[int, tuple[Quote, ...]] = field(default_factory=dict)
    stories: dict[str, int] = field(default_factory=dict)  # source id -> story number, when grouped
    embedded: int | None = None  # sentences the model embedded in this run (the rest came from the cache)
    compared: int | None = None  # sentences embedded or taken from the cache and paired (None: all of them)
    not_compared: dict[str, int] = field(default_factory=dict)  # pairs the frame gate left out, by reason

    @property
    def sentences_compared(self) -> int:
        """How many sentences were embedded (or taken from the cache) and paired."""
        return len(self.sentences) if self.compared is None else self.compared


def finding_id(kind: str, a: Side, b: Side) -> str:
    """A stable id for a finding: a hash of its kind, the two sources, sentences and disputed spans.

    The same input gives the same ids run after run, so analyst verdicts keyed by id keep applying.
    """
    import hashlib

    parts = [kind]
    for side in (a, b):
        parts += [side.source, side.sentence, side.span, str(side.span_start)]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]

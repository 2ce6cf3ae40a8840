"""Scoring numeric disagreements: compare only figures that measure the same thing, then weigh the gap.

Rules, in the order they apply to two figures in a pair of similar sentences:
1. Same thing: the same unit, the same event class (killed, deployed, ...) and counted-noun class (troops,
   workers, ...) where both sides name one, at least one of the two shared, and the same scope (a figure
   for a named part, "nine soldiers from the 528th Regiment", is never set against the whole).
2. Disjoint intervals are a *contradiction* ("around 600" vs "more than 6,000"), except two bare round
   figures less than 15% apart, which are a *discrepancy* (news rounds).
3. Overlapping intervals with two different stated points are a *discrepancy* ("around 14,000" vs
   "around 15,000"), scored lower than any contradiction.
4. A bound or a range that contains the other figure is compatible: no finding ("more than 10,000" vs
   "around 15,000").
5. Figures from different times (`timeline.compare_times`) are named with their anchors ("around 600 in April
   vs more than 6,000, undated") and score lower: x0.85 when one is dated and the other not, x0.75 when both
   are dated differently (ordered, or "order unknown"). When the figure that holds later (by its anchor, or
   by its source's publication date when undated) is the larger one, and the pair reads as a running total
   (the anchors are ordered, or a cumulative cue: "so far", "to date", "since ...", "as of ...", "total",
   "at least"), the relation is *possibly updated*, scored 0.25-0.45 like a discrepancy.
The score is the base for the relation and gap, times factors for how sure the match is, how similar the
sentences are and whether the figures carry different time anchors. Every factor below 1 is named in the
explanation, so the analyst sees why a finding ranks where it does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from contradictions.aliases import written_shorter
from contradictions.findings.align import Aligned, align, compatible
from contradictions.findings.context import Context, credited
from contradictions.lexicon import lexicon, unit_dimension
from contradictions.model import Finding, Interval, Quantity, Record, Sentence, Side, finding_id
from contradictions.timeline import RUNNING_TOTAL, TimeRelation, compare_times, is_cumulative
from contradictions.weights import EVENT, SCORE

FOLD_WORDS = {2: "twofold", 3: "threefold", 4: "fourfold", 5: "fivefold", 6: "sixfold", 7: "sevenfold",
              8: "eightfold", 9: "ninefold", 10: "tenfold"}


@dataclass(frozen=True)
class Comparison:
    relation: str  # "contradiction", "discrepancy" or "possibly updated"
    ratio: float  # larger reference over smaller (>= 1)
    base: float
    reason: str


def same_measure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures may measure the same thing in the same scope (nothing rules it out: `align.compatible`)."""
    return compatible(a, b) is None


def _is_round(q: Quantity) -> bool:
    v = q.value
    if q.hedge is not None or v.point is None or v.point < 100:
        return False
    digits = str(int(v.point)).rstrip("0")
    return len(digits) <= 2


def _fold(ratio: float) -> str:
    if ratio < 1.005:
        return "the same number"
    if ratio < 1.995:
        return f"{(1 - 1 / ratio) * 100:.0f}% apart"
    whole = round(ratio)
    return FOLD_WORDS.get(whole, f"{whole}-fold")


def compare(a: Quantity, b: Quantity) -> Comparison | None:
    """How two counterpart figures relate (rules 2-4), or None when they agree. Figures with units are compared in
    their dimension's base unit ("40 km" = "40,000 metres")."""
    va, vb = a.value.scaled(unit_dimension(a.unit)[1]), b.value.scaled(unit_dimension(b.unit)[1])
    ref_a, ref_b = va.reference, vb.reference
    if ref_a is None or ref_b is None or ref_a <= 0 or ref_b <= 0:
        return None
    ratio = max(ref_a, ref_b) / min(ref_a, ref_b)
    if a.unit != b.unit and ratio - 1 < SCORE.conversion_gap:
        return None  # "40 km" vs "25 miles": the same distance, rounded in another unit
    if not va.overlaps(vb):
        if _is_round(a) and _is_round(b) and ratio - 1 < SCORE.round_gap:
            return Comparison("discrepancy", ratio, SCORE.round_low + SCORE.round_span * min(1.0, (ratio - 1) / 0.3),
                              "round figures that differ")
        severity = min(1.0, math.log10(ratio))
        reason = _excludes(a, b) or ("ranges don't overlap" if a.hedge or b.hedge else "figures differ")
        return Comparison("contradiction", ratio, SCORE.contradiction_low + SCORE.contradiction_span * severity, reason)
    if va.point is None or vb.point is None or va.point == vb.point:
        return None  # a bound, a range or a vague amount that holds the other figure: compatible
    return Comparison("discrepancy", ratio, SCORE.discrepancy_low + SCORE.discrepancy_span * min(1.0, (ratio - 1) / 0.3),
                      "estimates overlap")


def _excludes(a: Quantity, b: Quantity) -> str | None:
    """"more than 40 excludes 40" when a strict bound is all that parts the two figures."""
    for bound, other in ((a, b), (b, a)):
        value = bound.value
        edge = value.low if value.excludes_low else value.high if value.excludes_high else None
        if edge is not None and other.value.point == edge and other.unit == bound.unit:
            return f"{_in_line(bound)} excludes {_in_line(other)}"
    return None


def _label(a: Quantity, b: Quantity) -> str:
    """What both figures measure: the counted noun's class and the event's ("troops killed"). An event outside the
    lexicon is named as the first side wrote it ("people left", not the lemma "leave")."""
    classes = set(lexicon()[1].values())
    event = next((q.event_class if q.event_class in classes else q.event for q in (a, b) if q.event_class), None)
    words = [a.counts_class or b.counts_class, event]
    label = " ".join(dict.fromkeys(w for w in words if w)) or a.unit or "figure"
    holder = a.holder or b.holder
    return f"{label} ({holder})" if holder and holder not in label else label


def _side(sentence: Sentence, q: Quantity) -> Side:
    words = [w for w in (q.counts, q.event) if w]
    return Side(
        source=sentence.source, sentence=sentence.text, sentence_index=sentence.index,
        paragraph=sentence.paragraph, start=sentence.start, end=sentence.end, span=q.text,
        span_start=q.start, span_end=q.end, value=q.value, hedge=q.hedge,
        counts=" ".join(words) or None, time=q.time,
    )


def _time_factor(a: Quantity, b: Quantity, times: TimeRelation) -> tuple[float, str | None]:
    if times.status == "same":
        return 1.0, None
    if times.status == "one undated":
        return 0.85, f"one figure dated {a.time or b.time}, the other undated"
    if times.status == "different":
        return 0.75, f"figures from different times: {a.time} vs {b.time}"
    return 0.75, f"different times, order unknown: {a.time} vs {b.time}"


def _running_total(sa: Sentence, sb: Sentence, a: Quantity, b: Quantity, times: TimeRelation) -> bool:
    """Whether the later figure only grows a running total of the earlier one."""
    if times.later is None:
        return False
    later, earlier = (a, b) if times.later == "a" else (b, a)
    if later.value.reference <= earlier.value.reference or (
            later.value.high is not None and earlier.value.low is not None and later.value.high < earlier.value.low):
        return False
    cues = (times.status == "different" or is_cumulative(a.time) or is_cumulative(b.time)
            or "at least" in (a.hedge, b.hedge) or RUNNING_TOTAL.search(sa.text) or RUNNING_TOTAL.search(sb.text))
    return bool(cues)


def find(a: Record, b: Record, context: Context) -> list[Finding]:
    """The finder (`findings.FINDERS`): numeric findings between two records' figures, credited."""
    if not (a.figures and b.figures):
        return []
    found = score_pair(a.sentence, b.sentence, list(a.figures), list(b.figures), context.similarity,
                       published_a=context.published.get(a.sentence.source),
                       published_b=context.published.get(b.sentence.source))
    return credited(found, a, b)


def score_pair(
    sa: Sentence, sb: Sentence, qa: list[Quantity], qb: list[Quantity], similarity: float, *,
    published_a: str | None = None, published_b: str | None = None,
) -> list[Finding]:
    """Numeric findings between two paired sentences: each figure is used in at most one finding.

    `published_a`/`published_b` are the sources' publication dates (ISO), when known: they place relative
    anchors ("last year") and undated figures in time.
    """
    findings = []
    for pair in align(sa.text, sb.text, qa, qb):
        a, b = qa[pair.i], qb[pair.j]
        if (a.counts is None or b.counts is None) and similarity < SCORE.implicit_min_similarity and not pair.parallel:
            continue  # an implicit counted noun needs closer sentences to be trusted
        comparison = compare(a, b)
        if comparison is None:
            continue
        times = compare_times(a.time, b.time, published_a, published_b)
        if _running_total(sa, sb, a, b, times):
            comparison = Comparison("possibly updated", comparison.ratio,
                                    SCORE.updated_low + SCORE.updated_span * min(1.0, math.log10(comparison.ratio)),
                                    "possibly updated: the later figure is larger, as a running total grows")
        findings.append(_finding(sa, sb, a, b, comparison, similarity, times, pair))
    return findings


def _in_line(q: Quantity) -> str:
    """The figure as written, for the middle of a line: a sentence's capital dropped ("About 3,500" -> "about 3,500")."""
    text = q.text
    if q.start == 0 and text[:1].isupper() and not text.split()[0].isupper():
        return text[0].lower() + text[1:]
    return text


def _dated(q: Quantity, times: TimeRelation) -> str:
    """The figure as written, with its time anchor when the two figures' times differ."""
    if times.status == "same":
        return _in_line(q)
    return f"{_in_line(q)} {q.time}" if q.time else f"{_in_line(q)}, undated"


def _finding(sa: Sentence, sb: Sentence, a: Quantity, b: Quantity, comparison: Comparison, similarity: float,
             times: TimeRelation, pair: Aligned) -> Finding:
    notes = []
    match = SCORE.weak_alignment + (1 - SCORE.weak_alignment) * min(
        1.0, max(0.0, (pair.evidence - SCORE.align_floor) / (SCORE.align_sure - SCORE.align_floor)))
    if match < 0.95:
        notes.append("weakly aligned: " + (", ".join(pair.reasons) or "similar words around the figures"))
    sim_factor = SCORE.similarity.factor(similarity)
    if SCORE.similarity.noted(sim_factor):
        notes.append(f"sentences only {similarity:.2f} similar")
    time_factor, time_note = _time_factor(a, b, times)
    if comparison.relation == "possibly updated":
        time_factor = 1.0  # the times are the finding's reason, not a doubt about it
    elif time_note:
        notes.append(time_note)
    score = comparison.base * match * sim_factor * time_factor
    label = _label(a, b)
    explanation = (f"{label}: {_dated(a, times)} vs {_dated(b, times)} \u2014 {_fold(comparison.ratio)}; "
                   f"{comparison.reason}")
    if match >= 0.95 and pair.reasons:
        explanation += f"; aligned: {', '.join(pair.reasons)}"
    if notes:
        explanation += " (" + "; ".join(notes) + ")"
    side_a, side_b = _side(sa, a), _side(sb, b)
    return Finding(
        id=finding_id("numeric", side_a, side_b), kind="numeric", score=round(min(1.0, score), 4),
        similarity=similarity, explanation=explanation, a=side_a, b=side_b, relation=comparison.relation,
        label=label,
        factors={"base": comparison.base, "match": round(match, 4), "alignment": round(pair.evidence, 3), "similarity": sim_factor, "time": time_factor,
                 "ratio": comparison.ratio},
    )


def stated_elsewhere(finding: Finding, qa: Sequence[Quantity], qb: Sequence[Quantity],
                     stated: dict[str, list[tuple[int, Quantity, str | None]]]) -> bool:
    """Whether either article also states the other side's figure (or, where its own figure is a vague amount, one
    within news rounding of it, `_near`: a "dozens" whose article also gives state media's 19, against 20) for the
    same measure in another of its sentences, whoever that sentence says did it and even as a count it calls earlier
    (`stated`: each source's figures with their sentence index and credit): then the two sources do not disagree; one
    sentence gives another party's figure, or one convoy's, while its article carries both. (Within the compared
    sentences the alignment has already said which figure is whose counterpart.) Nor do they when one side's bare
    figure is one its own article also gives as a bound, and the bound holds the other side's figure: a headline
    drops the body's "at least" ("Raids kill 19" over "at least 19 were killed", against another's 31 or "at least
    70"), when the bare figure is credited to no one or to the same party (`_one_party`). A bound the other figure falls outside
    ("at least 19" against 12) still disagrees."""
    figure_a = next((q for q in qa if q.start == finding.a.span_start), None)
    figure_b = next((q for q in qb if q.start == finding.b.span_start), None)
    if figure_a is None or figure_b is None:
        return False

    def states(side, own: Quantity, figure: Quantity) -> bool:  # a vague own figure: a near one elsewhere will do
        vague = own.value.point is None and own.value.low is not None and own.value.high is not None  # "dozens"
        same = _near if vague else _same_stated
        return any(index != side.sentence_index and same(q.value, figure.value) and compatible(
            replace(q, holder=figure.holder, scope=figure.scope if q.scope == "earlier" else q.scope)
            if _same_stated(q.value, figure.value) else q, figure) is None
            for index, q, _ in stated.get(side.source, ()))  # the very figure, whoever is said to have done it
        # ("the attack had killed 1300", "regime forces killed 1300")

    def hedges(side, own: Quantity, other: Quantity) -> bool:  # "Blast kills 60" over "At least 60 were killed"
        if own.value.point is None or own.hedge:
            return False
        credit = _credit_of(side, own, stated)
        return any(index != side.sentence_index and q.hedge and q.value.reference == own.value.point
                   and (credit is None or _one_party(by, credit)) and q.value.overlaps(other.value)
                   and compatible(q, own) is None for index, q, by in stated.get(side.source, ()))

    return (states(finding.a, figure_a, figure_b) or states(finding.b, figure_b, figure_a)
            or hedges(finding.a, figure_a, figure_b) or hedges(finding.b, figure_b, figure_a))


def _one_party(by: str | None, credit: str) -> bool:
    """Whether two credits of one article name one party: the same name, or one written shorter ("observatory" and
    "syrian observatory for human rights")."""
    return bool(set((by or "").split()) - {"the"}) and (written_shorter(by, credit) or written_shorter(credit, by))


def _credit_of(side: Side, figure: Quantity, stated: dict[str, list[tuple[int, Quantity, str | None]]]) -> str | None:
    """The canonical name a side's own sentence credits for its figure (`stated`'s third item)."""
    return next((c for index, q, c in stated.get(side.source, ())
                 if index == side.sentence_index and q.start == figure.start), None)


def _near(a: Interval, b: Interval) -> bool:
    """The same figure, or two stated values within news rounding of each other (`SCORE.round_gap`: 19 and 20)."""
    if a == b:
        return True
    if a.point is None or b.point is None or min(a.point, b.point) <= 0:
        return False
    return max(a.point, b.point) / min(a.point, b.point) - 1 <= SCORE.round_gap


def _same_stated(a: Interval, b: Interval) -> bool:
    """The same figure, or the same stated value hedged differently ("34" and "some 34")."""
    return a == b or (a.point is not None and a.point == b.point)


def part_of_its_own(finding: Finding, qa: Sequence[Quantity], qb: Sequence[Quantity],
                     stated: dict[str, list[tuple[int, Quantity, str | None]]]) -> bool:
    """Whether either side's figure is smaller than another figure its own article states for the same measure, at
    the same time, on the same credit and within `EVENT.max_ratio` of it: then it is likely a part of that
    article's total ("50 killed in the first strike" of the ministry's "70 killed" that day), and setting it against
    another source's total compares a part with a whole, when the other side's figure reads as a whole
    (`_nearer`). An article giving several sources' tolls (activists' 1,300, a monitor's dozens) gives each on its
    own credit: those are estimates, not parts.

    `stated`: each source's figures with their sentence index and the canonical name the sentence credits."""
    for side, figures, across in ((finding.a, qa, finding.b), (finding.b, qb, finding.a)):
        figure = next((q for q in figures if q.start == side.span_start), None)
        if figure is None or not figure.value.reference or across.value is None:
            continue
        credit = _credit_of(side, figure, stated)
        for _, q, other in stated.get(side.source, ()):
            if (credit and other == credit and q.value.reference and figure.value.reference < q.value.reference
                    <= EVENT.max_ratio * figure.value.reference and q.time == figure.time
                    and compatible(q, figure) is None
                    and _nearer(across.value.reference, q.value.reference, figure.value.reference)):
                return True
    return False


def _nearer(value: float | None, whole: float, part: float) -> bool:
    """Whether the other side's figure reads as a whole (nearer, by ratio, the article's whole than its part): "at
    least 20 children" against "11 children" of 58 dead is a part against a part."""
    return bool(value and value > 0) and abs(math.log(value / whole)) <= abs(math.log(value / part))


def _same_thing(q: Quantity, figure: Quantity) -> bool:
    """Whether two figures of one article count the same thing (unit, counted class, event class), whatever part,
    time or holder each is for: the terms of a sum ("50 killed in the first strike", "another 20" in the second)."""
    return q.unit == figure.unit and compatible(
        replace(q, scope=figure.scope, part=figure.part, holder=figure.holder), figure) is None


def _is_sum(target: Quantity, total: float) -> bool:
    """Whether a sum of figures is what `target` states: its number, or a one-sided bound that the sum passes by at
    most `EVENT.sum_slack` ("more than 100" for 70 + 34). A vague amount ("dozens") or a range is no sum's."""
    value = target.value
    if value.point is not None:
        return total == value.point
    if (value.low is None) == (value.high is None) or not value.contains(total):
        return False
    return total <= value.low * (1 + EVENT.sum_slack) if value.low is not None else total * (1 + EVENT.sum_slack) >= value.high


def adds_up(finding: Finding, qa: Sequence[Quantity], qb: Sequence[Quantity],
            stated: dict[str, list[tuple[int, Quantity, str | None]]]) -> bool:
    """Whether one side's figure, with one or two other figures of the same thing its own article states, adds up to
    the other side's figure: then it is a part of the other's whole ("50 killed in the first strike" and "another 20"
    in the second, against "a total of 70"; "17 civilians ... another two" against "at least 19"), not a
    disagreement. Each other figure counts once however often the article repeats it; one in the figure's own
    sentence counts only when it is told as more ("another two"), as a list of figures in one sentence is no sum.

    `stated`: each source's figures with their sentence index (and credit, not read here)."""
    for side, figures, other, other_figures in ((finding.a, qa, finding.b, qb), (finding.b, qb, finding.a, qa)):
        figure = next((q for q in figures if q.start == side.span_start), None)
        target = next((q for q in other_figures if q.start == other.span_start), None)
        if (figure is None or target is None or figure.value.point is None or target.value.reference is None
                or figure.unit or target.unit or not (figure.counts_class or figure.event_class)
                or figure.value.point >= target.value.reference):
            continue  # only counts of something add up: not rates, amounts, speeds or bare numbers
        terms = sorted({q.value.point for index, q, _ in stated.get(side.source, ())
                        if q.value.point and q.value.point != figure.value.point and q.value.point < target.value.reference
                        and (index != side.sentence_index or q.scope == "change")  # beside it: "another two"
                        and q.time in (None, figure.time) and _same_thing(q, figure)})
        if any(_is_sum(target, figure.value.point + sum(extra))
               for size in (1, 2) for extra in combinations(terms, size)):
            return True
    return False


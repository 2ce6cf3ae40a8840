"""A generated report of any size, in the view model's shape (`report_to_dict`), for the large-report browser test
and `benchmarks/html_size.py`.

Its proportions follow a real run (409 news reports, 2,051 findings): about 7 findings per source, sentences of
about 190 characters in paragraphs of a few sentences, each side's sentence shared by about four findings, 85%
numeric findings, some 200 quantity labels, explanations of about 110 characters, five scoring factors, sources
grouped into stories of eight. The words are random; no real text is used. Same arguments, same report.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

WORDS = (
    "officials said the army forces troops border city region ministry spokesperson reported on Tuesday that "
    "fighting near capital continued while residents fled their homes after shelling overnight according to "
    "local authorities who asked not be named because they were not authorised speak media statement added "
    "government rejected claims talks ceasefire agency estimated damage hospital aid convoy reached province"
).split()
UNITS = ("people killed", "soldiers", "troops sent", "civilians wounded", "refugees", "homes destroyed", "tonnes of aid",
         "prisoners released", "drones shot down", "missiles fired")
PLACES = ("in Kursk", "in the north", "near the border", "in the capital", "since March", "this week", "last year",
          "across the region", "in two provinces", "on the coast", "at the front", "in the south", "overall",
          "in the camps", "on Monday", "in April", "by the army", "by the rebels", "in total", "at night")
HEDGES = ("around", "more than", "at least", "nearly", "up to", "about", "")
SPEAKERS = (("the defence ministry", None, None), ("officials", None, None), (None, "state media", None),
            ("the UN", "a statement", "via"), ("analysts", "satellite images", "citing"), (None, None, None))
FACTORS = ("base", "gap", "hedge", "match", "ratio", "time")


def _id(*parts: object, size: int = 12) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:size]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _figure(rng: random.Random) -> tuple[str, dict[str, Any]]:
    value = rng.choice((12, 40, 70, 150, 600, 1200, 6000, 14000, 15000, 250000))
    hedge = rng.choice(HEDGES)
    text = f"{hedge} {value:,}".strip()
    if hedge in ("more than", "at least"):
        return text, {"low": value, "high": None, "point": None}
    if hedge == "up to":
        return text, {"low": None, "high": value, "point": None}
    spread = round(value * 0.1) if hedge else 0
    return text, {"low": value - spread, "high": value + spread, "point": value}


def _source(rng: random.Random, number: int, story: int) -> dict[str, Any]:
    sentences, offset, paragraph = [], 0, 0
    for index in range(rng.randint(24, 36)):
        if index and rng.random() < 0.3:
            paragraph += 1
        text = f"{_words(rng, rng.randint(6, 14)).capitalize()} {_words(rng, rng.randint(12, 20))}."
        if index % 3 == 1:  # a sentence with a figure: findings pick these
            figure, _ = _figure(rng)
            text = f"{_words(rng, rng.randint(5, 12)).capitalize()} {figure} {rng.choice(UNITS)} {_words(rng, 12)}."
        if rng.random() < 0.02:
            text = text[:-1] + ' & "<b>not bold</b>".'  # markup in article text shows as text
        sentences.append({"index": index, "start": offset, "end": offset + len(text), "paragraph": paragraph,
                          "text": text, "attributions": [], "quotes": []})
        offset += len(text) + 1
    ident = f"{number:04d}_{_id('source', number, size=16)}"
    url = rng.choice((f"https://news.example/{number}", None, None))
    return {"id": ident, "title": f"{_words(rng, rng.randint(5, 9)).capitalize()} ({number})", "path": None,
            "outlet": f"Outlet {number % 37}", "published": f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}",
            "url": url, "story": story, "sentences": sentences}


def _side(rng: random.Random, source: dict[str, Any]) -> dict[str, Any]:
    figure_rows = [s for s in source["sentences"] if s["index"] % 3 == 1][:4]
    sentence = rng.choice(figure_rows)
    figure, value = _figure(rng)
    start = sentence["text"].find(" ", 8) + 1
    text = sentence["text"]
    span = text[start : start + len(figure)]
    speaker, channel, cue = rng.choice(SPEAKERS)
    return {
        "source": source["id"], "sentence": text, "sentence_index": sentence["index"],
        "paragraph": sentence["paragraph"], "start": sentence["start"], "end": sentence["end"], "span": span,
        "span_start": start, "span_end": start + len(span), "value": value, "hedge": figure.split(" ")[0],
        "counts": rng.choice(UNITS), "time": None, "attribution": {"speaker": speaker, "channel": channel, "cue": cue},
    }


def big_report(findings: int = 3000, *, seed: int = 0) -> dict[str, Any]:
    """A report dict with `findings` findings over about findings / 7 sources, highest score first."""
    rng = random.Random(seed)
    n_sources = max(8, findings // 7)
    sources = [_source(rng, number, 1 + number // 8) for number in range(n_sources)]
    labels = [f"{unit} {place}" for unit in UNITS for place in PLACES]
    made = []
    for k in range(findings):
        story = rng.randrange(0, n_sources, 8)
        members = sources[story : story + 8]
        a, b = rng.sample(members, 2) if len(members) > 1 else (members[0], sources[(story + 8) % n_sources])
        kind = rng.choices(("numeric", "attribution", "assertion"), (85, 10, 5))[0]
        label = rng.choice(labels) if kind == "numeric" else _words(rng, 4)
        side_a, side_b = _side(rng, a), _side(rng, b)
        score = round(rng.random() ** 1.5, 4)
        factors = {name: round(rng.uniform(0.5, 1.5), 4) for name in rng.sample(FACTORS, 4)}
        made.append({
            "id": _id("finding", seed, k), "kind": kind, "relation": rng.choice(("contradiction", "contradiction",
            "unconfirmed", "disagreement")), "label": label, "score": score, "similarity": round(rng.uniform(0.45, 1), 4),
            "explanation": f"{label}: {side_a['span']} vs {side_b['span']} — {_words(rng, rng.randint(6, 10))}",
            "factors": dict(sorted(factors.items())), "a": side_a, "b": side_b, "story": a["story"], "verdict": None,
        })
    made.sort(key=lambda f: (-f["score"], f["id"]))
    kinds: dict[str, int] = {}
    for finding in made:
        kinds[finding["kind"]] = kinds.get(finding["kind"], 0) + 1
    return {
        "schema": 4, "generator": "contradictions 0.1.0", "generated_at": "2026-12-03T00:00:00Z",
        "summary": {"sources": n_sources, "sentences": sum(len(s["sentences"]) for s in sources),
                    "sentences_compared": None, "pairs_compared": findings * 8, "findings": findings,
                    "stories": 1 + (n_sources - 1) // 8, "by_kind": dict(sorted(kinds.items()))},
        "settings": {"threshold": 0.45, "top_k": 8, "min_score": 0.0},
        "sources": sources,
        "findings": made,
    }

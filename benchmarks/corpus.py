"""A generated news corpus for benchmarks: many articles of real length, built from the seed articles.

Each article mixes sentences of the five seed articles with their figures, actors and places varied, so the
sentence splitter, the quantity extractor, the parser and the model see realistic text. `events` > 1 gives
a mixed feed whose stories use different actors and places.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from contradictions.load import load_sources
from contradictions.sentences import split_sources

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ACTORS = [("North Korea", "Pyongyang", "Kim"), ("Belarus", "Minsk", "Lukashenko"), ("Iran", "Tehran", "Pezeshkian"),
          ("Syria", "Damascus", "al-Sharaa"), ("Venezuela", "Caracas", "Maduro"), ("Myanmar", "Naypyidaw", "Min Aung Hlaing")]
PLACES = ["Kursk", "Belgorod", "Donetsk", "Kherson", "Zaporizhzhia", "Luhansk", "Bryansk", "Kharkiv"]


def _pool() -> list[str]:
    return [s.text for s in split_sources(load_sources(SEEDS)) if len(s.text) > 40]


def _vary(sentence: str, rng: random.Random, event: int) -> str:
    country, capital, leader = ACTORS[event % len(ACTORS)]
    place = PLACES[event % len(PLACES)]
    text = sentence.replace("North Korea", country).replace("Pyongyang", capital).replace("Kursk", place)
    text = re.sub(r"\bKim\b", leader, text)

    def number(match: re.Match) -> str:
        value = int(match.group(0).replace(",", ""))
        return f"{max(1, int(value * rng.uniform(0.5, 1.5))):,}"

    return re.sub(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{3,}\b(?<!\b(?:19|20)\d\d)", number, text)


def generate(folder: Path, n_articles: int, *, events: int = 1, seed: int = 0) -> list[Path]:
    """Write `n_articles` articles (about 15-30 sentences each) into `folder`; returns their paths."""
    rng = random.Random(seed)
    pool = _pool()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_articles):
        event = i % events
        body = [_vary(rng.choice(pool), rng, event) for _ in range(rng.randint(15, 30))]
        paragraphs = [" ".join(body[j : j + 3]) for j in range(0, len(body), 3)]
        path = folder / f"article_{i:05d}_event{event:03d}.txt"
        path.write_text(f"Report {i} on event {event}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths

"""A generated news corpus for benchmarks: many articles of real length, built from the seed articles.

Each article mixes sentences of the five seed articles with their figures, actors, places, weekdays and months
varied, so the sentence splitter, the quantity extractor, the parser and the model see realistic text. `events`
> 1 gives a mixed feed: each event has its own actors (country, capital, leader, ally), front-line place and
date, written into its articles' datelines. An article's file name says its event (`article_00042_event007.txt`).

The seeds hold about 90 sentences, so a large corpus repeats sentence *shapes*: sentences with a figure are
nearly always distinct (their figures are drawn anew), others repeat within an event far more than real news
does. Benchmarks print how many sentences are distinct, so that the benefit of embedding each text once is
visible rather than hidden.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from contradictions.extract.sentences import split_sources
from contradictions.io.load import load_sources

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# (country, demonym, capital, leader, ally, ally's capital, ally's leader)
ACTORS = [
    ("North Korea", "North Korean", "Pyongyang", "Kim Jong-un", "Russia", "Moscow", "Putin"),
    ("Belarus", "Belarusian", "Minsk", "Alexander Lukashenko", "Russia", "Moscow", "Putin"),
    ("Iran", "Iranian", "Tehran", "Masoud Pezeshkian", "Syria", "Damascus", "al-Sharaa"),
    ("Venezuela", "Venezuelan", "Caracas", "Nicolas Maduro", "Cuba", "Havana", "Diaz-Canel"),
    ("Myanmar", "Burmese", "Naypyidaw", "Min Aung Hlaing", "China", "Beijing", "Xi"),
    ("Eritrea", "Eritrean", "Asmara", "Isaias Afwerki", "Ethiopia", "Addis Ababa", "Abiy"),
    ("Serbia", "Serbian", "Belgrade", "Aleksandar Vucic", "Hungary", "Budapest", "Orban"),
    ("Chad", "Chadian", "N'Djamena", "Mahamat Deby", "Sudan", "Khartoum", "Burhan"),
]
PLACES = ["Kursk", "Belgorod", "Donetsk", "Kherson", "Zaporizhzhia", "Luhansk", "Bryansk", "Kharkiv", "Goma",
          "Tigray", "Darfur", "Sagaing", "Aleppo", "Idlib", "Maracaibo", "Novi Sad"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SPEAKERS = ["officials said", "a spokesperson said", "analysts said", "diplomats said", "state media reported",
            "a government statement said", "a military source said", "witnesses said"]


def _pool() -> list[str]:
    """Seed sentences long enough to be body text and ending like one (headlines would run into the next)."""
    texts = [s.text for s in split_sources(load_sources(SEEDS))]
    return [t for t in texts if len(t) > 40 and re.search(r"[.!?\"\u201d]$", t)]


def _event(event: int) -> dict[str, str]:
    country, demonym, capital, leader, ally, ally_capital, ally_leader = ACTORS[event % len(ACTORS)]
    return {
        "country": country, "demonym": demonym, "capital": capital, "leader": leader, "surname": leader.split()[-1],
        "ally": ally, "ally_capital": ally_capital, "ally_leader": ally_leader,
        # (actors, place) is unique for the first len(ACTORS) * len(PLACES) events; events on the same actors
        # happen at different places, as two battles of one war do.
        "place": PLACES[(event + event // len(ACTORS)) % len(PLACES)], "day": DAYS[event % len(DAYS)],
        "month": MONTHS[event % len(MONTHS)],
    }


def _vary(sentence: str, rng: random.Random, facts: dict[str, str]) -> str:
    text = re.sub(r"\bKim Jong[- ][Uu]n\b", facts["leader"], sentence)
    for old, new in [("North Korean", facts["demonym"]), ("North Korea", facts["country"]),
                     ("Pyongyang", facts["capital"]), ("Kursk", facts["place"]), ("Russian", facts["ally"] + "n"
                     if facts["ally"] == "Russia" else facts["ally"] + "'s"), ("Russia", facts["ally"]),
                     ("Moscow", facts["ally_capital"]), ("Putin", facts["ally_leader"])]:
        text = text.replace(old, new)
    text = re.sub(r"\bKim\b", facts["surname"], text)
    text = re.sub(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", lambda m: rng.choice(DAYS), text)
    text = re.sub(r"\b(?:April|August|September|July)\b", lambda m: rng.choice(MONTHS), text)
    text = re.sub(r"\b(officials|analysts) (said|say)\b", lambda m: rng.choice(SPEAKERS), text)

    def number(match: re.Match) -> str:
        value = int(match.group(0).replace(",", ""))
        return f"{max(1, int(value * rng.uniform(0.5, 1.5))):,}"

    return re.sub(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{3,}\b(?<!\b(?:19|20)\d\d)", number, text)


def published(paths: list[Path]) -> dict[str, str]:
    """{source id: ISO date} for generated articles: each event's date, as its datelines give it."""
    dates = {}
    for path in paths:
        event = int(path.stem.rsplit("event", 1)[1])
        dates[path.stem] = f"2025-{event % len(MONTHS) + 1:02d}-{1 + event % 28:02d}"
    return dates


def generate(folder: Path, n_articles: int, *, events: int = 1, seed: int = 0, distinct: bool = False) -> list[Path]:
    """Write `n_articles` articles (15-30 sentences each) into `folder`, article i on event i % events.

    Returns their paths. Each article opens with a headline and a dateline naming its event's place and date.
    `distinct` makes every sentence unique (a desk note in brackets), so nothing is saved by embedding a text once.
    """
    rng = random.Random(seed)
    pool = _pool()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_articles):
        event = i % events
        facts = _event(event)
        body = [_vary(rng.choice(pool), rng, facts) for _ in range(rng.randint(15, 30))]
        if distinct:
            body = [f"{text[:-1]} ({facts['place']} desk, item {i}-{j}){text[-1]}" for j, text in enumerate(body)]
        body[0] = f"{facts['place'].upper()}, {facts['month']} {1 + event % 28}, 2025 - {body[0]}"
        paragraphs = [" ".join(body[j : j + 3]) for j in range(0, len(body), 3)]
        headline = f"{facts['leader']} and {facts['ally']}: report {i} from {facts['place']}"
        path = folder / f"article_{i:05d}_event{event:03d}.txt"
        path.write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths

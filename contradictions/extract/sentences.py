"""Sentence splitting for news text, with character offsets into the source and boilerplate removed.

A line that ends a sentence (or is followed by a capitalised line) is a paragraph of its own, so headlines,
standfirsts and section heads are sentences of their own. Inside a paragraph, a sentence ends at `.`, `!`
or `?` (plus closing quotes or brackets) followed by a capital or an opening quote, unless the word before
is an abbreviation ("Aug. 21", "Mr. Kim", "U.S. President", "John F. Kennedy"). Text inside quotes is split
like any other text; em-dashes never split.

Boilerplate is dropped: repeated sentences within one source (a caption printed four times is kept once),
"Related Article", "Published:/Updated:" stamps, bylines and e-mail credits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from contradictions.model import Sentence, Source

# Longer "sentences" (text without stops: a table, a transcript, a scraped blob) are cut into pieces of at most
# this many characters at a space. News sentences run to a few hundred; the model reads about the first 1,000 of a
# sentence and spaCy's parser at most 1,000,000 (and slows down long before).
MAX_SENTENCE = 2_000

# Abbreviations after which a full stop never ends a sentence (lower-cased, without the dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm rep sen gov pres supt insp det rev fr hon
    st jr sr no nos vol vols fig figs art sec ch pp p para approx est dept univ assn bros inc corp ltd co
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun vs v cf
    e.g i.e""".split()
)
# Abbreviations that also end sentences: a stop after them ends one only before a sentence-opening word.
AMBIGUOUS = frozenset("etc u.s u.k u.n e.u a.m p.m u.s.a d.c".split())
SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you his her its their our this that these those there but and so yet
    in on at as after before when while however meanwhile still also earlier later now then last""".split()
)

_LONGEST_WORD = 64  # how far back a stop looks for the word it follows
# A stop before a capital, a digit or a name written with its lowercase particle ("... the war. al-Sharaa said").
_BOUNDARY = re.compile(r"""(?:[.!?]+|\.\.\.)["')\]]*(?=\s+["'(\[]?(?:[A-Z0-9]|(?:al|el|ad|ar|as|ash|at|az)-[A-Z]))""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"""\s+["'(\[]?([A-Za-z]+)""")
_TERMINAL = re.compile(r"""[.!?]["')\]]*$|[:;]$""")

_BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^related (?:article|articles|stories|story|coverage|content|news)\W*$",
        r"^(?:read more|read next|advertisement|sponsored|share this|share|today|subscribe\b.*|sign up\b.*)\W*$",
        r"^(?:published|updated|posted|last updated|first published)\s*:?.*\d",
        r"^by\s+[A-Z][\w.' -]+(?:\s+(?:and|&)\s+[A-Z][\w.' -]+)?(?:\s*[\[(].*[\])])?\s*$",
        r"\[email\s*protected\]|^\S+@\S+\.\w+$",
        r"^(?:©|copyright\b|all rights reserved)",
        r"^(?:photo|image|video|file photo|credit)s?\s*:",
    )
]
_BYLINE_CASE = re.compile(r"^BY\s+[A-Z]")
_CREDIT = re.compile(r"\s*\[[A-Z0-9 ]{2,20}\]\s*$")


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: a run of lines, broken where a line ends a sentence or a head."""
    start = None
    prev_end = 0
    previous = ""  # the paragraph's last line, stripped: only its end decides (the whole paragraph was quadratic)
    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            if start is not None:
                yield start, prev_end
                start = None
            continue
        lead = line_start + (len(line) - len(line.lstrip()))
        if start is None:
            start = lead
        else:
            soft_wrap = not _TERMINAL.search(previous) and stripped[0].islower()
            if not soft_wrap:
                yield start, prev_end
                start = lead
        prev_end = line_start + len(line.rstrip())
        previous = stripped
    if start is not None:
        yield start, prev_end


def _is_boundary(text: str, stop_start: int, stop_end: int) -> bool:
    """Whether the stop at text[stop_start:stop_end] ends a sentence."""
    if text[stop_start] != ".":
        return True
    window = max(0, stop_start - _LONGEST_WORD)  # not from 0: each stop would rescan the text before it
    match = _WORD_BEFORE.search(text, window, stop_start)
    if not match or (match.start() == window and window and re.match(r"[A-Za-z.]", text[window - 1])):
        return True  # no word, or one longer than any abbreviation
    word = match.group(1).lower().rstrip(".")
    nxt = _NEXT_WORD.match(text, stop_end)
    next_word = nxt.group(1).lower() if nxt else ""
    if word in AMBIGUOUS:
        return next_word in SENTENCE_OPENERS
    if word in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha() and match.group(1).isupper():
        return False  # an initial: "John F. Kennedy"
    if "." in word:  # other dotted acronyms: "N.K. officials"
        return next_word in SENTENCE_OPENERS
    return True


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, match.start(), match.end()):
            yield cursor, match.end()
            cursor = match.end()
            while cursor < end and text[cursor].isspace():
                cursor += 1
    if cursor < end:
        yield cursor, end


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence as (start, end), or, past `MAX_SENTENCE` characters, as pieces of at most that, cut at a space or
    a line break in their second half where there is one."""
    while end - start > MAX_SENTENCE:
        space = max(text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE),
                    text.rfind("\n", start + MAX_SENTENCE // 2, start + MAX_SENTENCE))
        cut = space if space > start else start + MAX_SENTENCE
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def boilerplate_key(sentence: str) -> str | None:
    """The key under which a sentence counts as a repeat within its source, or None if it is boilerplate."""
    stripped = sentence.strip()
    if any(p.search(stripped) for p in _BOILERPLATE) or _BYLINE_CASE.match(stripped):
        return None
    core = _CREDIT.sub("", stripped)
    key = re.sub(r"\W+", " ", core.casefold()).strip()
    return key or None


def split_source(source: Source, warn: Callable[[str], None] | None = None) -> list[Sentence]:
    """The sentences of one source, in order, with offsets into `source.text`; boilerplate and repeats dropped.

    A sentence longer than `MAX_SENTENCE` characters becomes several, cut at spaces; `warn` is told, naming the
    source.
    """
    text = source.text
    sentences: list[Sentence] = []
    seen: set[str] = set()
    longest, cut = 0, 0
    for paragraph, (p_start, p_end) in enumerate(_paragraphs(text)):
        for whole_start, whole_end in _split_paragraph(text, p_start, p_end):
            if whole_end - whole_start > MAX_SENTENCE:
                longest, cut = max(longest, whole_end - whole_start), cut + 1
            for s_start, s_end in _pieces(text, whole_start, whole_end):
                piece = text[s_start:s_end].rstrip()
                s_end = s_start + len(piece)
                key = boilerplate_key(piece)
                if key is None or key in seen:
                    continue
                seen.add(key)
                sentences.append(Sentence(source.id, len(sentences), s_start, s_end, piece, paragraph))
    if cut and warn is not None:
        warn(f"{source.path or source.id}: {cut} sentence(s) longer than {MAX_SENTENCE:,} characters (the longest "
             f"{longest:,}) read in pieces of at most {MAX_SENTENCE:,}")
    return sentences


def split_sources(sources: list[Source]) -> list[Sentence]:
    """All sentences of all sources, grouped by source in the sources' order."""
    return [sentence for source in sources for sentence in split_source(source)]

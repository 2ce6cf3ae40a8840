"""Quoted spans in one sentence: where each quote starts and ends, and the quoted words inside its marks."""

from __future__ import annotations

import re


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted span, quote marks included; apostrophes ("Russia's", "Workers'") are not quotes.

    A double quote left open runs to the sentence end, and a closing one with none before it starts at the
    sentence start: the quote goes on from, or into, a neighbouring sentence.
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for m in re.finditer('["\u201c\u201d]', text):
        i, ch = m.start(), m.group()
        before, after = text[i - 1] if i else " ", text[i + 1] if i + 1 < len(text) else " "
        can_open = ch == "\u201c" or (ch == '"' and (before.isspace() or before in "([{\u2014-/") and not after.isspace())
        can_close = ch == "\u201d" or (ch == '"' and not before.isspace() and not after.isalnum())
        if opened is None and can_open:
            opened = i
        elif opened is not None and can_close:
            spans.append((opened, i + 1))
            opened = None
        elif opened is None and can_close and not spans:
            spans.append((0, i + 1))
    if opened is not None:
        spans.append((opened, len(text)))
    opened = None
    for m in re.finditer("['\u2018\u2019]", text):
        i, ch = m.start(), m.group()
        if any(s <= i < e for s, e in spans):
            continue
        before, after = text[i - 1] if i else " ", text[i + 1] if i + 1 < len(text) else " "
        if opened is None and (ch == "\u2018" or (ch == "'" and (before.isspace() or before in "([") and after.isalpha())):
            opened = i
        elif opened is not None and ch != "\u2018" and not before.isspace() and not (after.isalnum() or after == "_"):
            spans.append((opened, i + 1))
            opened = None
    return sorted(spans)


def inner_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words inside a span, without the quote marks or trailing punctuation."""
    s = start + 1 if text[start] in "\"'\u201c\u2018" else start
    e = end - 1 if end - 1 > s and text[end - 1] in "\"'\u201d\u2019" else end
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:"):
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e

"""Sentence boundaries in repaired text."""

from __future__ import annotations

import re

from knowledge.normalize import UPPER

_END = re.compile(rf"[.!?…]+[»”\")\]]*\s+(?=[{UPPER}«\"(\[•\d–—-])")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
# Periods that end an abbreviation rather than a sentence.
ABBREVIATIONS = frozenset({
    "т.б", "т.с.с", "т.с", "б", "ж", "жж", "бб", "т", "г", "гг", "т.е", "т.д", "т.п", "др",
    "стр", "ст", "с", "им", "см", "напр", "no", "e.g", "i.e", "etc", "vs", "p", "pp", "mr",
    "dr", "n", "млн", "млрд", "тыс", "обл", "р", "проф", "акад",
})


def _is_abbreviation(before: str) -> bool:
    match = _TOKEN_BEFORE.search(before)
    if match is None:
        return False
    token = match.group(1).rstrip(".!?…»”\")]").lstrip("«\"([").lower()
    # "А.С.Автономов": an initial is a single letter.
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of text[start:end]; lines always break."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    line_start = start
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end == -1 else line_end
        cursor = line_start
        for match in _END.finditer(text, line_start, line_end):
            if _is_abbreviation(text[cursor:match.start()]):
                continue
            stop = match.end() - (len(match.group()) - len(match.group().rstrip()))
            spans.append((cursor, stop))
            cursor = match.end()
        if cursor < line_end:
            spans.append((cursor, line_end))
        line_start = line_end + 1
    return [(s, e) for s, e in spans if text[s:e].strip()]

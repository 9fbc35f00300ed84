"""Sentence boundaries in repaired text."""

from __future__ import annotations

import re

from knowledge.normalize import LOWER, UPPER

# A sentence ends at a stop and a space before a capital, a quote, a bullet or a number; or, where the
# source lost the space ("…қабілетсіз болды.1996 жылы …", "…байланысты.Бүгінгі күні …"), at a stop right
# after a lower-case word and before a capital or a year (not "А.С.Автономов", "7.03.2021", "adilet.zan.kz").
_END = re.compile(rf"[.!?…]+[»”\")\]]*\s+(?=[{UPPER}«\"(\[•\d–—-])"
                  rf"|(?<=[{LOWER}]{{2}})[.!?](?=[{UPPER}][{LOWER}]|\d{{4}}(?![\d.,]))")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
# Periods that end an abbreviation rather than a sentence.
ABBREVIATIONS = frozenset({
    "т.б", "т.с.с", "т.с", "б", "ж", "жж", "бб", "т", "г", "гг", "т.е", "т.д", "т.п", "др",
    "стр", "ст", "с", "им", "см", "напр", "no", "e.g", "i.e", "etc", "vs", "p", "pp", "mr",
    "dr", "n", "млн", "млрд", "тыс", "обл", "р", "проф", "акад",
})


# "etc." closes an enumeration: before a capital ("… Т.Г.Морозова, А.Н.Швецов, т.б. Сонымен қатар …")
# a new sentence begins.
CLOSING = frozenset({"т.б", "т.с.с", "т.д", "т.п", "etc"})
_ITEM_NUMBER = re.compile(r"\d{1,2}")
_WINDOW = 64  # longer than any abbreviation: a token is read from this much text before a period


def _is_abbreviation(text: str, cursor: int, at: int) -> bool:
    """Whether the token ending at `at` (not before `cursor`) is an abbreviation, an initial or the
    number of a list item opening the sentence («1. Жергілікті мәселелерді …» is one sentence).

    Only the last _WINDOW characters are read, so that a line of many periods stays linear.
    """
    begin = max(cursor, at - _WINDOW)
    match = _TOKEN_BEFORE.search(text, begin, at)
    if match is None or (match.start() == begin > cursor and not text[begin - 1].isspace()):
        return False  # no token, or one longer than the window
    if not text[cursor:match.start()].strip() and _ITEM_NUMBER.fullmatch(match.group(1)):
        return True
    token = match.group(1).rstrip(".!?…»”\")]").lstrip("«\"([").lower()
    # "А.С.Автономов": an initial is a single letter.
    return (token in ABBREVIATIONS and token not in CLOSING) or (len(token) == 1 and token.isalpha())


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
            if _is_abbreviation(text, cursor, match.start()):
                continue
            stop = match.end() - (len(match.group()) - len(match.group().rstrip()))
            spans.append((cursor, stop))
            cursor = match.end()
        if cursor < line_end:
            spans.append((cursor, line_end))
        line_start = line_end + 1
    return [(s, e) for s, e in spans if text[s:e].strip()]

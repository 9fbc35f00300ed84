"""The short forms an act defines for itself: «Республиканская бюджетная комиссия (далее – Комиссия)».

A by-law names its subject once in full and then only by the short form: «Протоколы заседаний
Комиссии оформляет рабочий орган». A student asks about "протоколы Республиканской бюджетной
комиссии", and the passage that answers holds only «Комиссии». Each passage using a short form is
therefore indexed with the full name too (legal_passages.py), the way it is with its heading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

# «… (далее – Комиссия)», «… (бұдан әрі – Комиссия)»; a dash of any kind, or a hyphen between spaces
_DEFINED = re.compile(r"\((?:далее|бұдан\s+әрі)\s*(?:[-–—]|-\s)\s*([^()«»\"]{3,60}?)\s*\)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# where the full name stops, going back from the parenthesis: a clause's punctuation, a quoted title's end, a date
_STOP = re.compile(r"[,;:.!?«»\"()\n№\d]")
# a Russian adjective before the noun it names («Республиканскую бюджетную комиссию»)
_RU_ADJECTIVE = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ую|юю|ого|его|ому|ему|ым|им|ых|их|ыми|ими)$", re.I)
# Kazakh words that join phrases, not name a thing («және», «туралы»): a full name does not reach past them
_KK_JOINING = frozenset({"және", "мен", "бен", "пен", "немесе", "үшін", "туралы", "бойынша", "арқылы", "сияқты",
                         "осы", "бұл", "ол", "оның"})
MAX_BEFORE = 2  # words a full name runs before its head word («Республикалық бюджет комиссиясы»)
WINDOW = 16  # words before the parenthesis in which the head word is sought


def short_forms(text: str, lang: str) -> dict[str, str]:
    """Each short form the text defines → its full name, as the text writes them («Комиссия» → «Республиканскую
    бюджетную комиссию»). Only a capitalised one names a thing (the body, the rules, the plan the act is about):
    a lower-case term («проступок») is a word the act uses throughout, a unit («см», «%») none, and a quoted
    title («Закон «О …»») is read by the act's citations."""
    found: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        short = " ".join(match.group(1).split())
        if not short[:1].isupper() or not _WORD.fullmatch(short.replace(" ", "-")) or len(short) < 4 \
                or short in found:
            continue
        before = text[max(0, match.start() - 300):match.start()]
        stop = max((m.end() for m in _STOP.finditer(before)), default=0)
        words = _WORD.findall(before[stop:])[-WINDOW:]
        full = _full_name(words, short, lang)
        if full and full.lower() != short.lower():
            found[short] = full
    return found


def _full_name(words: list[str], short: str, lang: str) -> str:
    """The words before a definition that name what the short form stands for: the short form's own words (in any
    case ending), the words that qualify them before, and in Russian those after («Положение о … комиссии»; a
    Kazakh name ends with them); none when the short form's words are not there («Алматинской области (далее –
    Правила)» ends a long name this cannot tell)."""
    heads = [_stem(word) for word in short.split()]
    n = len(heads)
    at = next((i for i in range(len(words) - n, -1, -1)
               if all(words[i + j].lower().startswith(head) for j, head in enumerate(heads))), None)
    if at is None:
        return ""
    start = at
    while start > 0 and at - start < MAX_BEFORE and _qualifies(words[start - 1], lang):
        start -= 1
    return " ".join(words[start:] if lang == "ru" else words[start:at + n])


def _qualifies(word: str, lang: str) -> bool:
    if lang == "ru":
        return bool(_RU_ADJECTIVE.search(word))
    return word.lower() not in _KK_JOINING


def _stem(word: str) -> str:
    """A word's beginning that its case endings leave alone («комисси» of «Комиссия», «Комиссии»)."""
    word = word.lower()
    return word[: max(4, len(word) - 2)]


def names_used(text: str, forms: Mapping[str, str]) -> list[str]:
    """The full names of the short forms a passage's text uses (not where it defines them): a capitalised
    short form is matched capitalised, so «Комиссия» is not any «постоянная комиссия»."""
    return [full for short, full in forms.items() if _use_of(short).search(text) and full not in text]


@lru_cache(maxsize=256)
def _use_of(short: str) -> re.Pattern[str]:
    """The short form in any case ending: «Комисси…», «Бюджет кодекс…» (made once per act, not per passage)."""
    words = [re.escape(_stem(word) if word[:1].islower() else word[:1] + _stem(word)[1:]) + r"\w*"
             for word in short.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words))

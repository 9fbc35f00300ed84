"""Character-level preparation of a legal act's text, and the dates its notes mention.

Offsets of every legal node point into the text this module returns, so it changes
characters but never the order of lines.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from knowledge.normalize import DELETED_CHARS, SPACE_CHARS

_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]")
# a word holding a Latin look-alike (the only words folding may change: the rest are not visited)
_LOOKALIKE_WORD = re.compile(r"[^\W\d_]*[aceopxyiABCEHIKMOPTXYəƏ][^\W\d_]*")
# Latin letters that look like Cyrillic ones; the portal's older Kazakh texts typed "i" for "і", and the
# Constitution's Kazakh text the Latin schwa "ə" for "ә" («мəслихат»).
_LOOKALIKE_SET = frozenset("aceopxyiABCEHIKMOPTXY")
_LATIN_TO_CYRILLIC = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "Ү", "ə": "ә", "Ə": "Ә",
}  # fmt: skip
# The portal's Markdown export escapes a parenthesis after a number: "27\) осуществляет".
_ESCAPED = re.compile(r"\\([).\-*_\[\]])")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)

RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
KK_MONTHS = {
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6,
    "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}  # fmt: skip
_RU_MONTH = r"(январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
_KK_MONTH = "(" + "|".join(KK_MONTHS) + r")[а-яәғқңөұүһі]*"
_DATE_DMY = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])")
_DATE_YMD = re.compile(r"(?<![\d.])(\d{4})\.(\d{1,2})\.(\d{1,2})(?![\d])")
_DATE_RU = re.compile(rf"(?<!\d)(\d{{1,2}})\s+{_RU_MONTH}\s+(\d{{4}})", re.I)
_DATE_KK = re.compile(rf"(\d{{4}})\s+жылғы\s+(\d{{1,2}})\s+{_KK_MONTH}", re.I)


def fold_lookalikes(text: str, lang: str = "kk") -> str:
    """Turn Latin look-alike letters into Cyrillic inside words that are otherwise Cyrillic.

    Only mixed words change, so "N 126-IV" or a Latin name stays as written. Latin "Y" is
    Kazakh "Ү" ("Yкiмет") in Kazakh text and "У" elsewhere.
    """
    table = dict(_LATIN_TO_CYRILLIC)
    if lang != "kk":
        table["Y"] = "У"

    def fold(match: re.Match[str]) -> str:
        word = match.group(0)
        if not _CYRILLIC.search(word) or word.isascii():
            return word
        if any(ch.isascii() and ch not in _LOOKALIKE_SET for ch in word):
            return word
        return "".join(table.get(ch, ch) for ch in word)

    return _LOOKALIKE_WORD.sub(fold, text)


def normalise_legal_text(text: str, lang: str = "kk") -> str:
    """NFC, Unix newlines, visible spaces, unescaped punctuation and Cyrillic look-alikes."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(DELETED_CHARS).translate(SPACE_CHARS).replace("\t", " ")
    text = _ESCAPED.sub(r"\1", text)
    text = _TRAILING_SPACE.sub("", text)
    return fold_lookalikes(text, lang)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _ru_month(stem: str) -> int:
    return RU_MONTHS[stem.lower()]


# the date of an act, as a note names the law that amended it: «Законом РК от 11.06.2026 № 306-VIII», «ҚР 2011.07.22
# N 479-IV Заңымен», «от 11 мая 2004 года № 553» (a date followed by the act's number) …
_ACT_NUMBER_AFTER = re.compile(r"\s*(?:года|г\.|жылғы)?\s*(?:№|N)\s*\d")
# … and the day it took effect, when the note says so right after it: «№ 321-VIII (вводится в действие с 01.07.2026)»,
# «№ 157-VII (01.01.2023 бастап қолданысқа енгізіледі)»
_TAKES_EFFECT = re.compile(r"[^()]{0,40}\((?:вводится\s+в\s+действие\s+с\s+(\S+)|(\S+)\s+бастап\s+қолданысқа)")


def act_dates(text: str) -> tuple[date, ...]:
    """The dates of the amendments a note records — each amending act's day of taking effect where the note gives
    it, else the act's own date — not a term the note sets («Статья 170 действует до 31.12.2027 …»)."""
    found: list[date] = []
    dated = [match for pattern in (_DATE_DMY, _DATE_YMD, _DATE_RU) for match in pattern.finditer(text)
             if _ACT_NUMBER_AFTER.match(text, match.end())]
    for match in sorted(dated, key=lambda m: m.start()):
        effect = _TAKES_EFFECT.match(text, match.end())
        when = find_dates(effect.group(1) or effect.group(2)) if effect else ()
        found.extend(when or find_dates(match.group(0)))
    return tuple(found)


def find_dates(text: str) -> tuple[date, ...]:
    """Every calendar date a note mentions, in order of appearance, each once.

    The portal writes "21.07.2011" in Russian notes, "2011.07.21" in older Kazakh ones, and
    "11 мая 2004 г." / "2006 жылғы 1 қаңтар" in words.
    """
    found: list[tuple[int, date]] = []
    for match in _DATE_DMY.finditer(text):
        d = _safe_date(int(match[3]), int(match[2]), int(match[1]))
        if d:
            found.append((match.start(), d))
    for match in _DATE_YMD.finditer(text):
        d = _safe_date(int(match[1]), int(match[2]), int(match[3]))
        if d:
            found.append((match.start(), d))
    for match in _DATE_RU.finditer(text):
        d = _safe_date(int(match[3]), _ru_month(match[2]), int(match[1]))
        if d:
            found.append((match.start(), d))
    for match in _DATE_KK.finditer(text):
        d = _safe_date(int(match[1]), KK_MONTHS[match[3].lower()], int(match[2]))
        if d:
            found.append((match.start(), d))
    seen: list[date] = []
    for _, d in sorted(found, key=lambda item: item[0]):
        if d not in seen:
            seen.append(d)
    return tuple(seen)


def parse_ru_date(day: str, month: str, year: str) -> date | None:
    """A date written in Russian words: ("23", "января", "2001")."""
    match = re.match(_RU_MONTH, month.lower())
    return _safe_date(int(year), _ru_month(match[1]), int(day)) if match else None


def parse_kk_date(year: str, day: str, month: str) -> date | None:
    """A date written in Kazakh words: ("2001", "23", "қаңтардағы")."""
    match = re.match(_KK_MONTH, month.lower())
    return _safe_date(int(year), KK_MONTHS[match[1]], int(day)) if match else None


def detect_language(text: str) -> str:
    """The language of a legal text: "kk" when Kazakh-only letters are common, else "ru"."""
    sample = text[:20000]
    kazakh = sum(sample.count(ch) for ch in "әғқңөұүһіӘҒҚҢӨҰҮҺІ")
    cyrillic = len(_CYRILLIC.findall(sample)) or 1
    return "kk" if kazakh / cyrillic > 0.01 else "ru"

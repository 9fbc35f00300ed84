"""Everyday words: what a question's words can be without making it about the subject.

The sources hold plenty of ordinary words («Бүгінгі күні …» is "nowadays", «бағалау» is
"to assess»): "бүгін қандай күн" or "какая оценка нужна чтобы сдать" meets them and would be
answered from the thesis. A question is about the subject only when one of the words the
sources know is more than an everyday word (answerability.py). The words are data, in
`lexicon/everyday_words.tsv`, grouped by what they are about; the index stems them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

EVERYDAY_WORDS = Path(__file__).parent / "lexicon" / "everyday_words.tsv"
LANGS = ("kk", "ru")


class EverydayError(ValueError):
    """A malformed line of the everyday words file; the message names the line number."""


def parse_everyday_words(text: str) -> dict[str, tuple[str, ...]]:
    """The words of each language: `lang<TAB>word | word | …` lines, `#` comments."""
    words: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\ufeff\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or cells[0].strip() not in LANGS:
            raise EverydayError(f"{EVERYDAY_WORDS.name} line {number}: expected kk or ru<TAB>word | word …")
        words[cells[0].strip()] += [w.strip().lower() for w in cells[1].split("|") if w.strip()]
    return {lang: tuple(dict.fromkeys(found)) for lang, found in words.items()}


@lru_cache(maxsize=1)
def everyday_words() -> dict[str, tuple[str, ...]]:
    """The shipped everyday words (read once)."""
    return parse_everyday_words(EVERYDAY_WORDS.read_text(encoding="utf-8"))

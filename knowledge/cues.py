"""Answer-type cues: what kind of sentence answers a question.

"Что такое …?", "… деген не?" want a definition; "когда …?", "қашан …?" a date; "сколько
…?", "қанша …?" a count. Such question words are stop words, so on their own they would
be lost. Instead, a passage gets one pseudo-term per sentence of each kind it holds
(`=def`, `=year`, `=num`) and a question of that kind asks for the pseudo-term. The
tokenizer never produces "=", so a pseudo-term cannot collide with a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

DEFINITION = "=def"
YEAR = "=year"
NUMBER = "=num"
REASON = "=why"

_PASSAGE_CUES = {
    DEFINITION: re.compile(
        r"\s[–—-]\s+(?:бұл|это)\s|дегеніміз|деп аталады|деп анықта|деп түсін|ұғымына\s+анықтама"
        r"|понимается|называется|определяется как|is defined as|refers to",
        re.I,
    ),
    YEAR: re.compile(r"(?<![\d\[,])\b(?:1[89]\d\d|20\d\d)\b"),
    NUMBER: re.compile(
        r"\b\d{1,3}(?:[  ]\d{3})+\b|\b\d+\s*(?:мың|млн|миллион|млрд|тыс|пайыз|процент|%"
        r"|thousand|million)",
        re.I,
    ),
    REASON: re.compile(
        r"себеб|өйткені|сондықтан|байланысты|нәтижесінде|потому что|так как|поскольку|из-за"
        r"|because|due to|therefore",
        re.I,
    ),
}
_QUESTION_CUES = {
    DEFINITION: re.compile(
        r"что\s+(?:такое|значит|означает|понимается)|определени|понятие|деген(?:іміз)?\s+не"
        r"|дегенимиз\s+не|не\s+деген|анықтама|аныктама|нені\s+білдіреді|нени\s+билдиреди"
        r"|ұғымы|угымы|\bdefin|\bmeaning of\b|\bwhat is an?\b",
        re.I,
    ),
    YEAR: re.compile(
        r"когда|в\s+каком\s+году|какого\s+года|қашан|кашан|қай\s+жыл|кай\s+жыл|qashan|kashan"
        r"|\bwhen\b|what\s+year|which\s+year",
        re.I,
    ),
    NUMBER: re.compile(
        r"сколько|количеств|числ[оа]|қанша|канша|неше|qansha|kansha|\bhow\s+many\b"
        r"|\bhow\s+much\b|\bnumber\s+of\b",
        re.I,
    ),
    REASON: re.compile(
        r"почему|зачем|отчего|по\s+какой\s+причине|причин|неге|неліктен|нелiктен|не\s+себепті"
        r"|nelikten|\bnege\b|\bwhy\b",
        re.I,
    ),
}


def passage_cues(text: str) -> Iterator[tuple[str, int, int]]:
    """(cue, start, end) for every place in a passage that answers a kind of question."""
    for cue, pattern in _PASSAGE_CUES.items():
        for match in pattern.finditer(text):
            yield cue, match.start(), match.end()


def question_cues(text: str) -> list[str]:
    """The kinds of answer a question asks for."""
    return [cue for cue, pattern in _QUESTION_CUES.items() if pattern.search(text)]

"""Russian morphology from pymorphy3's dictionary: lemmas, and which words are predicates.

The answerability check (answerability.py) asks of every word the sources never use whether
it names a thing they do not cover. A Russian verb, gerund, participle, adverb or adjective
seldom does: in "что сделала немецкая школа" the sources speak of the school, and «сделала» is
only how the student put it; in "какие российские учёные" the thing asked is the scholars.
Snowball cannot tell «сделала» from a noun; the dictionary can.

Lemmas are here for the comparison the README reports (Tuning.russian_lemmas): Snowball stems
against dictionary lemmas for Russian words.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

PREDICATE_TAGS = frozenset({"VERB", "INFN", "GRND", "PRTF", "PRTS", "ADVB", "PRED", "COMP", "ADJF", "ADJS"})
_lock = threading.Lock()
_analyzer: Any = None


def _morph() -> Any:
    """The dictionary, loaded once on first use (about 0.2 s, 15 MB shipped in the package)."""
    global _analyzer
    with _lock:
        if _analyzer is None:
            import pymorphy3

            _analyzer = pymorphy3.MorphAnalyzer()
        return _analyzer


def _known_reading(word: str) -> Any | None:
    """The dictionary's likeliest reading of a Cyrillic word, when the dictionary knows the word; else None."""
    if not word or not any("\u0400" <= ch <= "\u04ff" for ch in word):
        return None
    parsed = _morph().parse(word.lower())
    return parsed[0] if parsed and parsed[0].is_known else None


@lru_cache(maxsize=65536)
def is_predicate(word: str) -> bool:
    """True when the dictionary's likeliest reading of a Russian word is a verb form, an adverb or an adjective
    (not an ordinal)."""
    reading = _known_reading(word)
    # an ordinal names which one is asked («бюджет четвёртого уровня»), as a number does («одного» is no ordinal)
    return reading is not None and reading.tag.POS in PREDICATE_TAGS \
        and not ({"Anum"} <= reading.tag.grammemes and "Apro" not in reading.tag.grammemes)


VERB_TAGS = frozenset({"VERB", "INFN", "GRND", "PRTF", "PRTS"})
_ACTION_NOUN = re.compile(r"\w{3,}(?:ени|ани)(?:е|я|ю|ем|и|й|ям|ями|ях)$")


@lru_cache(maxsize=65536)
def is_verbal(word: str) -> bool:
    """True for a Russian verb form or noun of action («приостановить», «утверждено», «прекращение»), whose
    other forms change the root's last consonant (analysis.russian_alternates)."""
    if _ACTION_NOUN.match(word.lower()):
        return True
    reading = _known_reading(word)
    return reading is not None and reading.tag.POS in VERB_TAGS


@lru_cache(maxsize=65536)
def is_russian_word(word: str) -> bool:
    """True when the dictionary knows a Cyrillic word as Russian («ведение», «заплатят»): a word the sources
    do not use is then another word, not a misspelling of one they do («введение», «зарплата»)."""
    return _known_reading(word) is not None


NAME_TAGS = frozenset({"Geox", "Name", "Surn", "Patr"})


@lru_cache(maxsize=65536)
def is_proper_name(word: str) -> bool:
    """True when the dictionary's likeliest reading of a Russian word is a place or a person («франции»,
    «токвиля», «москве», «путин»), however the student cased it."""
    reading = _known_reading(word) if " " not in word else None
    return reading is not None and bool(NAME_TAGS & reading.tag.grammemes)


# How a Kazakh finite verb ends (typed with or without Kazakh letters): the present-future and the
# passive (айтылады, көздейді, есептеледі), the past (санады, деді, жатсынды), the participle
# (сүйенген, жазған), the first person plural (ұтамыз), a glued question particle (бекітеме, болама), and
# a comparative, which says how much, not of what (маңыздырақ, тиімдірек).
_PARTICIPLE = r"[ғгқк][аеә]н|[ая]тын|етін|етин"  # сүйенген, жазған, тұратын: no noun ends so
_KAZAKH_VERB = re.compile(
    r"(?:[аеә][йи]?д[ыіи]"  # present-future: айтылады, көздейді, есептеледі, көмектеседи
    r"|[^аеәыіиоөұүуэ\W]д[ыіи]|[^аеәыіиоөұүуэ\W]т[ыіи]"  # past after a consonant: жатсынды, бекітті
    rf"|^де(?:ді|ди)|{_PARTICIPLE}"  # деді; participles
    r"|[аеә]м[ыі]з|[аеи]м[аеә]|(?:ме|бе|пе)с[еа]|(?:ма|ба|па)с[аә]|[лн]с[аеә]"  # ұтамыз; болама; келмесе
    r"|[аеәыіиоөұүу]р(?:ақ|ак|ек))$"  # a comparative: маңыздырақ, тиімдірек, көбірек, жақсырақ
)
_KAZAKH_PARTICIPLE = re.compile(rf"(?:{_PARTICIPLE})$")


def is_kazakh_predicate(word: str) -> bool:
    """True when a Kazakh word the sources never use ends like a verb form: it says how the question
    is put ("Назарбаев … не деді", "қалай есептеледі"), not what it is about. (A noun the sources lack,
    «Алматы», «көппәтерлі», ends otherwise; an accusative noun in -ды/-ді after a consonant is a verb
    here too, which costs little: it only lowers what the unknown words weigh.)"""
    return len(word) >= 4 and " " not in word and bool(_KAZAKH_VERB.search(word.lower()))


def is_kazakh_participle(word: str) -> bool:
    """A Kazakh verb form that is surely one (ұсынған, тұратын), unlike -ды/-ті, which is also the accusative."""
    return is_kazakh_predicate(word) and bool(_KAZAKH_PARTICIPLE.search(word.lower()))


@lru_cache(maxsize=65536)
def russian_lemma(word: str) -> str:
    """The dictionary form of a Russian word (the word itself when the dictionary does not know it)."""
    parsed = _morph().parse(word)
    return str(parsed[0].normal_form) if parsed else word


def warm_up() -> None:
    """Load the dictionary now, so that the first Russian question does not wait for it."""
    _morph()

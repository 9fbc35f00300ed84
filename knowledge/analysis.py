"""Turning text into index terms, the same way for passages and queries.

A term is the skeleton (translit.py) of a stem: Kazakh words go through the Kazakh
stripper, Russian and English words through Snowball. Numbers stay as they are, and a
number glued to a word by a hyphen also yields the pair ("89-бабында" → 89, bap, 89-bap).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer

from knowledge.cues import passage_cues
from knowledge.kazakh_stem import CASES, PLURALS, POSSESSIVES, KazakhStemmer
from knowledge.morphology import russian_lemma
from knowledge.stopwords import is_stop
from knowledge.translit import skeleton

ANALYSIS_VERSION = "1"
MAX_QUERY_CHARS = 2000

_TOKEN = re.compile(r"\d+|[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
# Russian compounds with гос- (госорганы, госаппарат, госполномочия), but not государство,
# господин, гостиница, госпиталь.
_STATE_COMPOUND = re.compile(r"гос(?!удар|подин|тин|пит|ть)([а-я]{4,})$")
_NUMBER_WORD = re.compile(r"(\d+)\s?[-–]\s?([^\W\d_]+)")
_NAMES_YEAR = re.compile(r"1[89]\d\d|20\d\d|қай|кай|қандай|кандай|нешінші|каком|какого|какой|which|what", re.I)
_DATED = re.compile(r"жылы|жылғы|жылгы|жылдың|жылдын|года|году|(?:zh|j)yl(?:y|gy|dyn)", re.I)
# …and in Latin letters: "1998 zhyly", "1991 jylgy"
_YEAR_UNIT = re.compile(r"(?:жыл(?:ы|ғы|гы|дың|дын|дан|ға|га|да)?|жж?|год(?:а|у|ом)?|гг?|year"
                        r"|(?:zh|j)yl(?:y|gy|dyn|dan|ga|da)?)", re.I)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", " " * 10)
# Snowball stemmer objects are not thread-safe, and a live re-index analyses passages in a
# worker thread while the event loop analyses questions: one pair per thread.
_stemmers = threading.local()


def _stemmer(language: str) -> Any:
    found = getattr(_stemmers, language, None)
    if found is None:
        found = snowballstemmer.stemmer(language)
        setattr(_stemmers, language, found)
    return found


@dataclass(frozen=True, slots=True)
class Token:
    """A word or number of the source text with its position."""

    text: str  # lower-case, NFC, ё → е
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.text.isdigit()

    @property
    def is_cyrillic(self) -> bool:
        return any("\u0400" <= ch <= "\u04ff" for ch in self.text)


def fold_case(text: str) -> str:
    """NFC, lower case, ё → е: the form every comparison starts from."""
    return unicodedata.normalize("NFC", text).lower().replace("ё", "е")


def tokenize(text: str) -> list[Token]:
    """Words and numbers of text, lower-cased, with offsets into NFC(text).

    Repaired passages are NFC already, so their offsets are offsets into the passage.
    """
    text = unicodedata.normalize("NFC", text)
    folded = text.lower().replace("ё", "е")
    if len(folded) != len(text):  # a rare character whose lower case is longer (İ)
        folded = "".join(ch.lower()[:1] for ch in text).replace("ё", "е")
    folded = folded.translate(_SUPERSCRIPTS)
    tokens: list[Token] = []
    for match in _TOKEN.finditer(folded):
        word, start = match.group(), match.start()
        compound = _STATE_COMPOUND.match(word)
        if compound:  # госорганы → государственный + органы
            tokens.append(Token("государственный", start, start + 3))
            tokens.append(Token(compound.group(1), start + 3, match.end()))
        elif not _glued_ending(text, tokens, word, start):
            tokens.append(Token(word, start, match.end()))
    return tokens


_ENDINGS = frozenset((*CASES, *POSSESSIVES, *PLURALS))


# Endings that are words of their own too (мен "and", да "also", не "what", на): never split off
_WORDS_TOO = frozenset(skeleton(word) for word in ("мен", "бен", "пен", "да", "де", "та", "те", "на", "не", "ы", "і"))
_ACRONYM = 4  # letters of a word an ending may be split from: "жоб-тин", "жөб ті", "уеу-дан"


def _glued_ending(text: str, tokens: list[Token], word: str, start: int) -> bool:
    """A Kazakh ending hyphened to an acronym or a number ("ҮЕҰ-ға", "ЖӨБ-нің", "5-ке"), or set apart from a
    short one as students type it ("жоб-тин", "жөб ті"): part of the word before it, not a word of its own."""
    if not tokens or tokens[-1].end != start - 1 or skeleton(word) not in _ENDINGS:
        return False
    before = text[tokens[-1].start:tokens[-1].end]
    short = 2 <= len(before) <= _ACRONYM and before.isalpha() and skeleton(word) not in _WORDS_TOO
    if text[start - 1] == "-":
        return before.isdigit() or (len(before) >= 2 and before.isupper()) or short
    return text[start - 1] == " " and short


_RUSSIAN_CLOSING = frozenset("аеиоуыэюяйь")


@lru_cache(maxsize=65536)
def russian_stem(word: str) -> str:
    """Snowball's stem, unless it leaves under three letters of a longer word: it reads the Kazakh
    loanwords as Russian endings (аким → ак, ауыл → ау, опыт → оп) while their other forms keep
    the root (акима → аким); the word less a closing vowel is then the stem."""
    stem = _stemmer("russian").stemWord(word)
    if len(stem) < 3 <= len(word) - 1:
        stem = word[:-1] if word[-1] in _RUSSIAN_CLOSING else word
    return skeleton(stem, russian=True)


# A Russian verb's last consonant changes before the endings of its participle and its noun of action
# (приостановить → приостановлено, утвердить → утверждение, прекратить → прекращение, выразить →
# выражение): Snowball leaves both forms, so one is sought as the other (in skeleton letters).
_ALTERNATIONS = (("st", "sh"), ("t", "sh"), ("d", "jd"), ("d", "j"), ("z", "j"), ("s", "sh"),
                 ("v", "vl"), ("b", "bl"), ("p", "pl"), ("m", "ml"), ("f", "fl"))
_ACTION_ENDINGS = ("", "en", "a")  # the verb, its noun of action («-ение») and its imperfective («-ать»)
MIN_CORE = 4


def russian_alternates(stem: str) -> set[str]:
    """The stems a Russian verb form or noun of action may take in its other forms: «утверд» (утвердить)
    gives «утверждение»'s and «утверждает»'s stems, and «утвержден» gives «утверд»; the caller keeps
    those the index holds."""
    core = stem
    for ending in ("en", "a"):
        if stem.endswith(ending) and len(stem) - len(ending) >= MIN_CORE:
            core = stem[: -len(ending)]
            break
    cores = {core}
    for plain, changed in _ALTERNATIONS:
        if core.endswith(changed):
            cores.add(core[: -len(changed)] + plain)
        elif core.endswith(plain):
            cores.add(core[: -len(plain)] + changed)
    return {c + ending for c in cores for ending in _ACTION_ENDINGS} - {stem}


@lru_cache(maxsize=65536)
def english_stem(word: str) -> str:
    stem = _stemmer("english").stemWord(word.replace("’", "'"))
    # Snowball keeps the plural of short acronyms (ngos); drop it.
    if stem == word and len(word) >= 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return stem


def is_year_unit(tokens: Sequence[Token], i: int) -> bool:
    """Whether the i-th token only says "year" after a year or a "which": "1936 жылғы", "1936 ж.",
    "1936 года" name the year however it is written, and "қай жылы", "в каком году" ask for one
    (cues.py), so the word is no term of its own on either side."""
    if i == 0 or not _YEAR_UNIT.fullmatch(tokens[i].text):
        return False
    before = tokens[i - 1].text
    # "91 года", "36-жылғы": a year without its century, unlike "20 жыл" (twenty years)
    return bool(_NAMES_YEAR.fullmatch(before)) or (len(before) == 2 and before.isdigit()
                                                   and bool(_DATED.fullmatch(tokens[i].text)))


_AGE_UNIT = re.compile(r"возраст(?:а|е|ом)?|жас(?:тан|та|ы|ында)?|age", re.I)


def age_unit(tokens: Sequence[Token], i: int) -> Token | None:
    """The i-th token as the word an age is stated in, when it asks for an age after a "which": "с какого
    возраста", "қай жастан" ask for an age (cues.AGE), which the text states as «достигший двадцати лет»,
    «жиырма жасқа толған» — «лет», «жас», never «возраст»; None for any other token."""
    token = tokens[i]
    if i == 0 or not _AGE_UNIT.fullmatch(token.text) or not _NAMES_YEAR.fullmatch(tokens[i - 1].text):
        return None
    return Token("лет" if token.text.startswith("возраст") else "жас", token.start, token.end)


_MODAL = re.compile(r"ал(?:а|ады|айды|мады|майды|майтын|атын|ар|мас|асыз|амын|амыз|са|маса|ды|ған|маған)", re.I)
_CONVERB = re.compile(r"\w{2,}(?:[аеә]|[ауеыі]й)", re.I)
# …and a passive verb's stem before the question particle: "әкімдік құрыла ма", "ақы төлене ме" ask whether it is
# «құрылу», «төлену» («заңды тұлға ма», «бола ма» are left as they are)
_QUESTION = re.compile(r"ма|ме|ба|бе|па|пе", re.I)
_ASKED_VERB = re.compile(r"\w{2,}(?:ыл|іл|ын|ін|[аәеыіоөұүу]н)[ае]", re.I)


def converb(tokens: Sequence[Token], i: int) -> Token | None:
    """The i-th token as its verb's verbal noun, when it is a Kazakh converb before a modal «ала» or a passive stem
    before the question particle: "мәслихатты кім тарата алады", "сайлай ала ма", "бере ала ма" ask whether one can
    «тарату», «сайлау», «беру», and "әкімдік құрыла ма" whether it is «құрылу» — the form the texts and the glossary
    name the act by («тарата» would stem to «тара», «құрыла» to «құрыла»); None for any other token."""
    token = tokens[i]
    if i + 1 >= len(tokens):
        return None
    asked = _QUESTION.fullmatch(tokens[i + 1].text) and _ASKED_VERB.fullmatch(token.text)
    if not asked and (not _MODAL.fullmatch(tokens[i + 1].text) or not _CONVERB.fullmatch(token.text)):
        return None
    root = token.text[:-1] if token.text[-1] in "аеәй" else token.text
    return Token(root + "у", token.start, token.end)


TERM_CACHE = 200_000  # words remembered per analyzer, as the Kazakh stemmer does


class Analyzer:
    """Index terms for each language; one instance serves passages and queries."""

    def __init__(self, kazakh_roots: Iterable[str] = (), kazakh_stemming: bool = True,
                 russian_lemmas: bool = False) -> None:
        self.kazakh = KazakhStemmer(kazakh_roots)
        self.kazakh_stemming = kazakh_stemming
        self.russian_lemmas = russian_lemmas  # pymorphy3 lemmas instead of Snowball (measured, not shipped)
        self._terms: dict[tuple[str, str], str | None] = {}

    def term(self, token: Token, lang: str) -> str | None:
        """The term of one token read as a word of `lang`, or None for a stop word.

        Remembered by word and language: a question's words are met again in every excerpt made for it."""
        key = (token.text, lang)
        if key in self._terms:
            return self._terms[key]
        term = self._term(token, lang)
        if len(self._terms) < TERM_CACHE:
            self._terms[key] = term
        return term

    def fresh_term(self, word: str, lang: str) -> str | None:
        """The term of a word not met in a text (a guess at a misspelling's meaning): not remembered."""
        return self._term(Token(word, 0, len(word)), lang)

    def _term(self, token: Token, lang: str) -> str | None:
        word = token.text
        if token.is_number:
            return word
        key = skeleton(word)
        if len(key) < 2 or is_stop(word):
            return None
        if lang == "ru" and token.is_cyrillic:
            term = skeleton(russian_lemma(word), russian=True) if self.russian_lemmas else russian_stem(word)
        elif lang == "en" and not token.is_cyrillic:
            term = english_stem(word)
        elif self.kazakh_stemming:
            term = self.kazakh.stem(key)
        else:
            term = key
        return term if len(term) >= 2 else key

    def positioned_terms(self, text: str, lang: str) -> Iterator[tuple[str, int, int]]:
        """(term, start, end) for every indexed word of text, plus number-word pairs."""
        tokens = tokenize(text)
        for i, token in enumerate(tokens):
            if is_year_unit(tokens, i):
                continue
            term = self.term(token, lang)
            if term is not None:
                yield term, token.start, token.end
        for match in _NUMBER_WORD.finditer(fold_case(text)):
            word = Token(match.group(2), match.start(2), match.end(2))
            stem = self.term(word, lang)
            if stem is not None:
                yield f"{match.group(1)}-{stem}", match.start(), match.end()

    def terms(self, text: str, lang: str) -> list[str]:
        """Terms of a text written in `lang` (a glossary phrase, a title)."""
        return [term for term, _, _ in self.positioned_terms(text, lang)]

    def passage_terms(self, text: str, lang: str) -> Iterator[tuple[str, int, int]]:
        """Positioned terms of a passage, answer-type cues included."""
        yield from self.positioned_terms(text, lang)
        yield from passage_cues(text)

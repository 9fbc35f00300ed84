"""Folding Kazakh spellings into one matching key.

Students type Kazakh three ways: with Kazakh letters, on a Russian keyboard (қ→к, ү→у …)
and in Latin letters (the 2021 alphabet, the 2018 acute alphabet, or informal "sh", "zh").
Every word, from a passage or a query, is reduced to the same Latin *skeleton* so that the
three spellings meet: «Қазақстан», «Казакстан» and «Qazaqstan» all become ``kazakstan``.

ы, і, и and й all become ``i``: the Latin alphabets disagree on them (the 2021 one writes
і as ı and ы as y, informal spelling writes ı or y or i for ы), and Kazakh hardly tells
words apart by them alone (vowel harmony makes -ды/-ді one suffix anyway).
"""

from __future__ import annotations

import re

# Kazakh letters typed on a Russian keyboard.
KEYBOARD_FOLD = str.maketrans("әғқңөұүһі", "агкноууhи".replace("h", "х"))

_CYRILLIC_TO_SKELETON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "s", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ə": "a",  # the Latin schwa inside a Cyrillic word («мəслихат»)
}
CYRILLIC_SKELETON = str.maketrans(_CYRILLIC_TO_SKELETON)
# Russian words keep ц apart from с (цель ≠ сель); Kazakh Latin writes ц as s (Konstitusiia).
RUSSIAN_SKELETON = str.maketrans({**_CYRILLIC_TO_SKELETON, "ц": "ts"})

# Latin Kazakh: the 2021 alphabet (ä ğ ı ñ ö ş ū ü y), the 2018 one (á ǵ ń ó ú ý, s' c'),
# and informal spellings (sh ch zh kh gh, q, w, x, ya yu).
_LATIN_LETTERS = str.maketrans({
    "ä": "a", "á": "a", "à": "a", "â": "a", "ə": "a", "ğ": "g", "ǵ": "g", "ı": "i",
    "ñ": "n", "ń": "n", "ö": "o", "ó": "o", "ş": "sh", "ș": "sh", "ç": "ch", "ū": "u",
    "ü": "u", "ú": "u", "ù": "u", "ý": "u", "í": "i", "ī": "i", "é": "e", "è": "e",
    "q": "k", "w": "u", "x": "h", "c": "s",
})
_LATIN_DIGRAPHS = (
    ("s'", "sh"), ("c'", "ch"), ("'", ""), ("ʼ", ""), ("’", ""),
    ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ts", "s"),
    ("ya", "ia"), ("yu", "iu"), ("yo", "io"), ("ye", "e"), ("y", "i"),
)
_SOFT_VOWEL = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])i([au])")


def keyboard_fold(word: str) -> str:
    """Replace Kazakh-only letters with the Russian keys students type instead."""
    return word.translate(KEYBOARD_FOLD)


def fold_cyrillic(word: str, russian: bool = False) -> str:
    """skeleton() of a word known to be lower-case Cyrillic, without looking: a spelling sieve folds hundreds."""
    folded = word.translate(RUSSIAN_SKELETON if russian else CYRILLIC_SKELETON)
    # After a consonant the i of я/ю only softens it, and Latin spellings drop it or not at
    # will (бюджет: budzhet, byudzhet, biudjet), so both sides drop it.
    return _SOFT_VOWEL.sub(r"\1", folded) if "ia" in folded or "iu" in folded else folded


def skeleton(word: str, russian: bool = False) -> str:
    """The matching key of a lower-case Cyrillic or Latin word."""
    if not word.isascii() and any("\u0400" <= ch <= "\u04ff" for ch in word):
        return fold_cyrillic(word, russian)
    word = word.translate(_LATIN_LETTERS)
    for old, new in _LATIN_DIGRAPHS:
        word = word.replace(old, new)
    return _SOFT_VOWEL.sub(r"\1", word)


# Latin Kazakh back in Cyrillic as a Russian keyboard types it (қ as к, ы as ы, і as и), for the question words
# the cue patterns read (cues.py): "qanşa jylğa", "kansha zhylga" → «канша жылга»; «й» after a vowel ("qai").
_TO_CYRILLIC_DIGRAPHS = (("shch", "щ"), ("s'", "ш"), ("c'", "ч"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"),
                         ("kh", "х"), ("gh", "г"), ("ya", "я"), ("yu", "ю"), ("ia", "я"), ("iu", "ю"), ("ts", "ц"))
_TO_CYRILLIC = str.maketrans({
    "a": "а", "ä": "а", "á": "а", "b": "б", "c": "с", "ç": "ч", "d": "д", "e": "е", "é": "е", "f": "ф", "g": "г",
    "ğ": "г", "ǵ": "г", "h": "х", "i": "и", "ı": "и", "í": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н",
    "ñ": "н", "ń": "н", "o": "о", "ö": "о", "ó": "о", "p": "п", "q": "к", "r": "р", "s": "с", "ş": "ш", "t": "т",
    "u": "у", "ū": "у", "ü": "у", "ú": "у", "ý": "у", "v": "в", "w": "у", "x": "х", "y": "ы", "z": "з", "'": "",
})
_VOWEL_I = re.compile(r"(?<=[аеоуыэяю])и(?![аеиоуыэяю])")
_LATIN_WORD = re.compile(r"[a-zäáçéğǵıíñńöóşūüúý']+", re.I)


def latin_to_cyrillic(text: str) -> str:
    """The Latin-letter words of a text in Cyrillic as typed on a Russian keyboard; the rest as it is."""
    def word(match: re.Match[str]) -> str:
        out = match.group(0).lower()
        for old, new in _TO_CYRILLIC_DIGRAPHS:
            out = out.replace(old, new)
        return _VOWEL_I.sub("й", out.translate(_TO_CYRILLIC))

    return _LATIN_WORD.sub(word, text)

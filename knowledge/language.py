"""Telling Kazakh, Russian and English text apart by its letters."""

from __future__ import annotations

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def letter_counts(text: str) -> tuple[int, int, int]:
    """Return (Cyrillic letters, of which Kazakh-only, Latin letters)."""
    cyrillic = kazakh = latin = 0
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            cyrillic += 1
            if char in KAZAKH_LETTERS:
                kazakh += 1
        elif char.isascii() and char.isalpha():
            latin += 1
    return cyrillic, kazakh, latin


def detect_language(text: str, default: str = "kk") -> str:
    """Guess kk / ru / en for a passage; Kazakh-only letters decide between kk and ru.

    Kazakh prose has one of ә ғ қ ң ө ұ ү һ і in roughly every tenth letter; a Russian
    paragraph that quotes a Kazakh name stays far below two in a hundred.
    """
    cyrillic, kazakh, latin = letter_counts(text)
    if cyrillic == 0 and latin == 0:
        return default
    if latin > cyrillic:
        return "en"
    return "kk" if kazakh >= max(1, 0.02 * cyrillic) else "ru"

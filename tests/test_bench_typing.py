"""The typing benchmark's retyping: each way of typing changes what it says, and only that."""

from __future__ import annotations

import random

from bench.typing import MIN_SLIP_WORD, in_latin_letters, in_the_2021_alphabet, on_russian_keyboard, with_a_slip


def test_a_russian_keyboard_loses_only_the_kazakh_letters() -> None:
    assert on_russian_keyboard("Жергілікті өзін-өзі басқару") == "жергиликти озин-ози баскару"


def test_latin_letters_spell_kazakh_as_a_phone_keyboard_gives_it() -> None:
    assert in_latin_letters("Жергілікті өзін-өзі басқару") == "zhergilikti ozin-ozi basqaru"


def test_the_2021_alphabet_spells_kazakh_as_it_was_decreed() -> None:
    assert in_the_2021_alphabet("Жергілікті өзін-өзі басқару") == "jergılıktı özın-özı basqaru"
    assert in_the_2021_alphabet("қанша жылға сайланады") == "qanşa jylğa sailanady"


def test_a_slip_changes_one_long_word_by_one_letter() -> None:
    text = "кто назначает акима области"
    slipped = with_a_slip(random.Random(1))(text)
    changed = [(a, b) for a, b in zip(text.split(), slipped.split(), strict=True) if a != b]
    assert len(changed) == 1
    written, typed = changed[0]
    assert len(written) >= MIN_SLIP_WORD
    dropped = any(written[:i] + written[i + 1:] == typed for i in range(len(written)))
    doubled = any(typed[:i] + typed[i + 1:] == written for i in range(len(typed)))
    swapped = len(typed) == len(written) and sorted(typed) == sorted(written)
    assert dropped or doubled or swapped
    assert with_a_slip(random.Random(1))("кто он") == "кто он"  # no word long enough: nothing to slip

"""The interface catalogs: every message in the code is translated into Kazakh and Russian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, compile_catalogs, create_i18n, language_for

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "__": None}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
TAG = re.compile(r"</?[a-z]+>")


def code_messages() -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for folder in ("bot", "handlers"):
        for _file, _line, message, _comments, _context in extract_from_dir(ROOT / folder, keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalog(lang: str) -> dict[str, object]:
    with (LOCALES_DIR / f"{lang}.po").open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(handle) if m.id}


def test_code_has_messages() -> None:
    assert len(code_messages()) > 40


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_is_translated(lang: str) -> None:
    entries = catalog(lang)
    missing = []
    for message in code_messages():
        key = message if isinstance(message, str) else message[0]
        entry = entries.get(key)
        strings = [] if entry is None else (
            list(entry.string) if isinstance(entry.string, tuple) else [entry.string])  # type: ignore[attr-defined]
        if not strings or not all(strings) or getattr(entry, "fuzzy", False):
            missing.append(key)
    assert not missing, f"{lang}.po lacks translations for: {missing}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_translations_keep_placeholders_and_tags(lang: str) -> None:
    for key, entry in catalog(lang).items():
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)  # type: ignore[attr-defined]
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(key)), (lang, key)
            assert sorted(TAG.findall(string)) == sorted(TAG.findall(key)), (lang, key)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_stale_entries(lang: str) -> None:
    keys = {m if isinstance(m, str) else m[0] for m in code_messages()}
    assert set(catalog(lang)) <= keys, f"{lang}.po has entries no code uses: {set(catalog(lang)) - keys}"


def test_catalogs_compile_and_differ() -> None:
    translations = compile_catalogs()
    assert set(translations) == {"kk", "ru"}
    i18n = create_i18n("kk")
    with i18n.context():
        kk = i18n.gettext("Hello!", locale="kk")
        ru = i18n.gettext("Hello!", locale="ru")
    assert kk != ru != "Hello!"
    assert i18n.gettext("{count} passage. Choose one to read it:", "{count} passages. Choose one to read it:",
                        5, locale="ru").startswith("{count} фрагментов")


@pytest.mark.parametrize(("code", "expected"), [("kk", "kk"), ("ru", "ru"), ("ru-RU", "ru"), ("KK", "kk"),
                                                ("en", "kk"), (None, "kk"), ("", "kk"), ("uk", "kk")])
def test_language_from_telegram(code: str | None, expected: str) -> None:
    assert language_for(code, "kk") == expected


def test_language_default_applies() -> None:
    assert language_for("de", "ru") == "ru"

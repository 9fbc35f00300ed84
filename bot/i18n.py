"""Interface text in Kazakh and Russian: gettext catalogs (`bot/locales/*.po`) read with Babel."""

from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

from aiogram.utils.i18n import I18n
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.settings import LANGUAGES

LOCALES_DIR = Path(__file__).parent / "locales"
# Each language named in itself, as on the /lang buttons.
LANGUAGE_NAMES = {"kk": "🇰🇿 Қазақша", "ru": "🇷🇺 Русский"}


def compile_catalogs(folder: Path = LOCALES_DIR, domain: str = "messages") -> dict[str, gettext.GNUTranslations]:
    """Every `<lang>.po` of a folder compiled in memory.

    The `.po` files are the only source of truth: no compiled `.mo` to rebuild or forget
    to commit.
    """
    translations: dict[str, gettext.GNUTranslations] = {}
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.stem, domain=domain)
        compiled = BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        translations[po.stem] = gettext.GNUTranslations(compiled)
    return translations


def create_i18n(default_language: str) -> I18n:
    """aiogram's gettext I18n with our catalogs.

    Not a subclass: aiogram keeps the current I18n in a context variable per class, and
    its `gettext` helpers look only at I18n's own.
    """
    i18n = I18n(path=LOCALES_DIR, default_locale=default_language)
    i18n.locales = compile_catalogs()
    return i18n


def current_language() -> str:
    """The reader's interface language: the one gettext speaks now.

    That is the update's (chosen by `ChatLanguageMiddleware`), or the one a `use_locale` block
    sets (inline answers speak the question's language). Outside any I18n context, as in a
    script, the state language.
    """
    i18n = I18n.get_current(no_error=True)
    return i18n.current_locale if i18n is not None else "kk"


def language_for(language_code: str | None, default: str) -> str:
    """Telegram's IETF tag ("ru", "kk", "ru-RU", "en") to one of our interface languages."""
    base = (language_code or "").split("-")[0].lower()
    return base if base in LANGUAGES else default

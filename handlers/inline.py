"""Inline look-ups: `@bot question` in any chat lists passages; too short a query lists topics."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import InlineQuery, InlineQueryResultsButton
from aiogram.utils.i18n import I18n

from bot.services.answers import search
from bot.services.links import INLINE_PAYLOAD, bot_username
from bot.settings import LANGUAGES
from bot.views.inline import CACHE_SECONDS, MIN_LETTERS, search_articles, topic_articles
from bot.views.texts import open_bot
from knowledge.base import KnowledgeBase


def get_router() -> Router:
    router = Router(name=__name__)

    @router.inline_query()
    async def look_up(query: InlineQuery, bot: Bot, kb: KnowledgeBase, i18n: I18n) -> None:
        """Results depend only on the query (is_personal false), so Telegram may cache them for everyone.

        That is why a question's results speak the question's language rather than the asker's.
        """
        username = await bot_username(bot)
        text = query.query.strip()
        next_offset = ""
        lang = i18n.current_locale
        if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
            results, next_offset = topic_articles(kb, username, query.offset)
        else:
            result = search(kb, text)
            lang = result.lang if result.lang in LANGUAGES else lang
            with i18n.use_locale(lang):
                results = search_articles(kb, result, username)
        with i18n.use_locale(lang):
            button = InlineQueryResultsButton(text=open_bot(), start_parameter=INLINE_PAYLOAD)
        await query.answer(results, cache_time=CACHE_SECONDS, is_personal=False, next_offset=next_offset,
                           button=button)

    return router

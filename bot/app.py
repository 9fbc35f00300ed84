"""Wiring: the bot and dispatcher factories, and running with long polling."""

from __future__ import annotations

import logging

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.utils.i18n import I18n

from bot.commands import set_admin_commands, set_commands
from bot.i18n import ChatLanguageMiddleware, create_i18n
from bot.library import KnowledgeMiddleware, Library
from bot.middlewares import GroupMemberGate, UserMiddleware
from bot.pacing import GroupPacer
from bot.retry import RetryAfter
from bot.settings import Settings
from bot.storage import Storage
from handlers import get_routers

log = logging.getLogger(__name__)


def create_bot(settings: Settings, session: BaseSession | None = None, pacer: GroupPacer | None = None) -> Bot:
    """A bot speaking HTML to the Bot API at BOT_API_URL (Telegram's, a local server, or a test fake)."""
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.bot_api_url))
    session.middleware(RetryAfter())  # outermost: every retry waits for its group slot again
    session.middleware(pacer or GroupPacer(settings.group_messages_per_minute, 60.0))
    return Bot(settings.token().get_secret_value(), session=session,
               default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def create_dispatcher(settings: Settings, *, library: Library, db: Storage, i18n: I18n | None = None) -> Dispatcher:
    """A dispatcher with every router and the long-lived objects handlers ask for by name.

    Handlers get `kb` (the knowledge base in service when the update arrived), `library`
    (to change it), `db`, `settings` and `lang` (the interface language of the update).
    """
    i18n = i18n or create_i18n(settings.default_language)
    dp = Dispatcher(settings=settings, library=library, db=db)
    dp.update.outer_middleware(KnowledgeMiddleware(library))
    dp.update.outer_middleware(UserMiddleware())
    ChatLanguageMiddleware(i18n).setup(dp)
    dp.callback_query.outer_middleware(GroupMemberGate())
    dp.include_routers(*get_routers())

    @dp.startup()
    async def on_startup(bot: Bot) -> None:
        await set_commands(bot, i18n)
        await set_admin_commands(bot, i18n, [(admin, await db.user_language(admin) or settings.default_language)
                                             for admin in sorted(settings.admin_ids)])
        me = await bot.me()
        kb = library.current
        log.info("bot @%s is up: %d passages, %d topics", me.username, len(kb.index.passages),
                 len(kb.topics.topics))

    return dp


def open_library(settings: Settings) -> Library:
    """The knowledge base of KNOWLEDGE_DIR (seeded on first start), its index persisted beside the database."""
    return Library.open(settings.knowledge_dir, settings.database_path.parent)


async def run_polling(settings: Settings, *, handle_signals: bool = True) -> None:
    """Open everything, poll until stopped, and close the database whatever happens."""
    bot = create_bot(settings)
    library = open_library(settings)
    db = await Storage.open(settings.database_path)
    try:
        dp = create_dispatcher(settings, library=library, db=db)
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types(),
                               handle_signals=handle_signals)
    finally:
        await db.close()
        await bot.session.close()

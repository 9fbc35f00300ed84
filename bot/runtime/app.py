"""Wiring: the bot and dispatcher factories, and running with long polling."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.utils.i18n import I18n

from bot.i18n import create_i18n
from bot.middlewares.inflight import InFlight
from bot.middlewares.knowledge import KnowledgeMiddleware
from bot.middlewares.language import ChatLanguageMiddleware
from bot.middlewares.throttling import Throttle
from bot.middlewares.users import GroupMemberGate, UserMiddleware
from bot.runtime.polling import InboxDispatcher, confirm_stored
from bot.services.commands import set_admin_commands, set_commands
from bot.services.library import Library
from bot.session.expired_answers import ExpiredCallbackAnswers
from bot.session.pacing import GroupPacer
from bot.session.plain_fallback import PlainTextFallback
from bot.session.retry import RetryPolicy
from bot.settings import Settings
from bot.storage.database import Storage
from bot.storage.inbox import Inbox
from handlers import get_routers

log = logging.getLogger(__name__)


def create_bot(settings: Settings, session: BaseSession | None = None, pacer: GroupPacer | None = None,
               retry: RetryPolicy | None = None) -> Bot:
    """A bot speaking HTML to the Bot API at BOT_API_URL (Telegram's, a local server, or a test fake).

    Every call goes through, outermost first: the plain-text fallback, expired button answers
    counted as done, the retry policy, the group pacer (so each retry waits for its group slot
    again).
    """
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.bot_api_url),
                                 timeout=settings.request_timeout)
    session.middleware(PlainTextFallback())
    session.middleware(ExpiredCallbackAnswers())
    session.middleware(retry or RetryPolicy.from_settings(settings))
    session.middleware(pacer or GroupPacer(settings.group_messages_per_minute, 60.0))
    return Bot(settings.token().get_secret_value(), session=session,
               default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def create_dispatcher(settings: Settings, *, library: Library, db: Storage,
                      i18n: I18n | None = None) -> InboxDispatcher:
    """A dispatcher with every router and the long-lived objects handlers ask for by name.

    Handlers get `kb` (the knowledge base in service when the update arrived), `library`
    (to change it), `db`, `settings` and `i18n`; views read the update's interface language
    from gettext's context (`bot.i18n.current_language`).
    Its polling stores each update in the inbox before confirming it; `InFlight` marks it done.
    """
    i18n = i18n or create_i18n(settings.default_language)
    inbox = Inbox(db)
    inflight = InFlight(done=inbox.done)
    dp = InboxDispatcher(inbox=inbox, settings=settings, library=library, db=db, inflight=inflight)
    dp.update.outer_middleware(inflight)
    dp.update.outer_middleware(KnowledgeMiddleware(library))
    dp.update.outer_middleware(UserMiddleware())
    ChatLanguageMiddleware(i18n).setup(dp)
    dp.callback_query.outer_middleware(GroupMemberGate())
    # Inner: only what a handler would answer counts against a person's budget.
    messages = Throttle(settings.throttle_messages, settings.throttle_seconds)
    dp.message.middleware(messages)
    dp.edited_message.middleware(messages)
    dp.callback_query.middleware(Throttle(settings.throttle_messages, settings.throttle_seconds))
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

    @dp.shutdown()
    async def on_shutdown() -> None:
        await inflight.drain(settings.shutdown_grace)

    return dp


def open_library(settings: Settings) -> Library:
    """The knowledge base of KNOWLEDGE_DIR (seeded on first start), its index persisted beside the database."""
    return Library.open(settings.knowledge_dir, settings.database_path.parent)


async def run_polling(settings: Settings, *, handle_signals: bool = True) -> None:
    """Open everything and poll until SIGTERM/SIGINT; then finish the updates in hand and close all.

    The order on stopping: no new updates are fetched, the ones being handled finish within
    SHUTDOWN_GRACE or are cancelled, left pending in the inbox (the shutdown hook), Telegram is
    told the stored updates arrived, and only then the HTTP session and the database close.
    """
    bot = create_bot(settings)
    library = open_library(settings)
    db = await Storage.open(settings.database_path)
    try:
        dp = create_dispatcher(settings, library=library, db=db)
        await bot.delete_webhook(drop_pending_updates=False)  # Telegram refuses getUpdates while one is set
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types(),
                               handle_signals=handle_signals, close_bot_session=False)
        await confirm_stored(bot, dp.last_accepted)
        log.info("stopped")
    finally:
        await db.close()
        await bot.session.close()

"""Last in line: unknown commands, messages without text and buttons nobody understands."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Message

from bot.markup import Reply
from bot.replies import send
from bot.texts import not_text, stale_button, unknown_command

log = logging.getLogger(__name__)


def get_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == ChatType.PRIVATE)

    @router.message(F.text.startswith("/"))
    async def unknown(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(unknown_command()))

    @router.message()
    async def without_text(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(not_text()))

    @router.callback_query()
    async def stale(callback: CallbackQuery) -> None:
        # Forged data, or a button of an older version of the bot.
        log.info("unknown button data %r", (callback.data or "")[:64])
        await callback.answer(stale_button(), show_alert=True)

    return router

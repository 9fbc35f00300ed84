"""Last in line: unknown commands, messages without text and buttons nobody understands."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatType, ContentType
from aiogram.types import CallbackQuery, Message

from bot.views.replies import Reply, send
from bot.views.texts import not_text, stale_button, unknown_command

log = logging.getLogger(__name__)


# What a person sends; service messages (a pin, a payment, an auto-delete timer) are left alone.
SENT_BY_PEOPLE = frozenset({
    ContentType.ANIMATION, ContentType.AUDIO, ContentType.DOCUMENT, ContentType.LIVE_PHOTO, ContentType.PAID_MEDIA,
    ContentType.PHOTO, ContentType.STICKER, ContentType.STORY, ContentType.VIDEO, ContentType.VIDEO_NOTE,
    ContentType.VOICE, ContentType.CHECKLIST, ContentType.CONTACT, ContentType.DICE, ContentType.GAME,
    ContentType.POLL, ContentType.VENUE, ContentType.LOCATION, ContentType.TEXT, ContentType.UNKNOWN,
})


def get_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == ChatType.PRIVATE)

    @router.message(F.text.startswith("/"))
    async def unknown(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(unknown_command()))

    @router.message(F.content_type.in_(SENT_BY_PEOPLE))
    async def without_text(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(not_text()))

    @router.callback_query()
    async def stale(callback: CallbackQuery) -> None:
        # Forged data, or a button of an older version of the bot.
        log.info("unknown button data %r", (callback.data or "")[:64])
        await callback.answer(stale_button(), show_alert=True)

    return router

"""The last resort: an unexpected exception is logged with its update and the user is told, politely."""

from __future__ import annotations

import logging
from contextlib import suppress

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.types import ErrorEvent

from bot.filters import GROUP_CHATS, AddressedToBot
from bot.views.replies import Reply, send
from bot.views.texts import something_went_wrong

log = logging.getLogger(__name__)


def get_router() -> Router:
    router = Router(name=__name__)

    @router.errors()
    async def on_error(event: ErrorEvent, bot: Bot) -> bool:
        update = event.update
        log.error("update %d (%s) failed", update.update_id, update.event_type, exc_info=event.exception)
        if isinstance(event.exception, TelegramNetworkError):
            return True  # the answer may have arrived after all, and telling would need the same network
        # Telling the user may fail too (the error may be Telegram's): that must not raise again.
        with suppress(TelegramAPIError):
            if update.callback_query is not None:
                await update.callback_query.answer(something_went_wrong(), show_alert=True)
            elif update.message is not None:
                message = update.message
                in_group = message.chat.type in GROUP_CHATS
                # In a group, only someone who spoke to the bot is waiting for its answer.
                if in_group and not ((message.text or "").startswith("/") or await AddressedToBot()(message, bot)):
                    return True
                await send(bot, message.chat.id, Reply(something_went_wrong()),
                           reply_to=message.message_id if in_group else None)
        return True

    return router

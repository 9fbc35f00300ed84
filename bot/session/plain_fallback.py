"""When Telegram cannot parse a message's HTML, the reader still gets the words, as plain text."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods.base import TelegramType

from bot.views.markup import to_plain

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

log = logging.getLogger(__name__)

_PARSE_ERROR = "can't parse entities"


def as_plain(method: TelegramMethod[TelegramType]) -> TelegramMethod[TelegramType] | None:
    """The same call with its text or caption stripped of tags and sent without a parse mode."""
    for field in ("text", "caption"):
        value = getattr(method, field, None)
        if isinstance(value, str):
            return method.model_copy(update={field: to_plain(value), "parse_mode": None})
    return None


class PlainTextFallback(BaseRequestMiddleware):
    """Re-send a message whose HTML Telegram rejected as plain text, once, and log the HTML's fault."""

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramBadRequest as error:
            plain = as_plain(method) if _PARSE_ERROR in error.message else None
            if plain is None:
                raise
            log.warning("%s: HTML refused (%s); sending it as plain text", method.__api_method__, error.message)
            return await make_request(bot, plain)

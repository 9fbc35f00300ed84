"""A button press answered too late is not an error: the spinner already stopped on its own."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import AnswerCallbackQuery
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

log = logging.getLogger(__name__)

_EXPIRED = "query is too old"


class ExpiredCallbackAnswers(BaseRequestMiddleware):
    """answerCallbackQuery on an expired press counts as done, so the handler goes on.

    Telegram gives a bot about 15 seconds to answer a press; after a restart or a long
    wait the presses delivered again are past it, while their work (a vote) still matters.
    """

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramBadRequest as error:
            if not (isinstance(method, AnswerCallbackQuery) and _EXPIRED in error.message):
                raise
            log.info("press %s answered too late; going on", method.callback_query_id)
            return cast("Response[TelegramType]", True)  # the chain passes results, whatever its type says

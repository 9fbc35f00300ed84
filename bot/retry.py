"""Telegram's flood control: a 429 says how long to wait; wait and send again, within bounds."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

log = logging.getLogger(__name__)


class RetryAfter(BaseRequestMiddleware):
    """Honour `retry_after` up to `attempts` times, as long as each wait is at most `max_wait` seconds.

    A 429 means Telegram did not carry the request out, so sending it again cannot
    duplicate an answer.
    """

    def __init__(self, attempts: int = 3, max_wait: float = 30.0) -> None:
        self.attempts = attempts
        self.max_wait = max_wait

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        for attempt in range(1, self.attempts + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if attempt == self.attempts or error.retry_after > self.max_wait:
                    log.warning("%s refused with 429 %d times; giving up", type(method).__name__, attempt)
                    raise
                log.info("%s: 429, retrying in %d s", type(method).__name__, error.retry_after)
                await asyncio.sleep(error.retry_after)
        raise AssertionError("unreachable")

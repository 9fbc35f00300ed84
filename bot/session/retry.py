"""One retry policy for every Bot API call: flood control, server errors and a flaky network."""

from __future__ import annotations

import asyncio
import logging
import random
from typing import TYPE_CHECKING, cast

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetUpdates, SendChatAction
from aiogram.methods.base import TelegramType
from aiohttp import ClientConnectorError

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

    from bot.settings import Settings

log = logging.getLogger(__name__)

# Methods that post something new: sent twice, the user sees it twice.
_POSTING = ("send", "forward", "copy")


def posts_something(method: TelegramMethod[TelegramType]) -> bool:
    return method.__api_method__.startswith(_POSTING)


def never_arrived(error: TelegramNetworkError) -> bool:
    """The request failed before Telegram could read it (the connection was refused or never made).

    A timeout or a dropped connection is different: Telegram may have carried the request out.
    """
    return isinstance(error.__cause__, ClientConnectorError)


class RetryPolicy(BaseRequestMiddleware):
    """Send again after a 429 (waiting `retry_after`), a 5xx or a network failure, within a bound.

    A refused or failed request (429, 5xx, no connection) was not carried out, so sending it
    again cannot duplicate an answer. A timeout is ambiguous: calls that post a message are
    then given up rather than risk a second copy, the rest (edits, answers, settings) are
    safe to repeat. getUpdates is left to the polling loop, which has its own back-off.
    """

    def __init__(self, attempts: int = 6, base_delay: float = 0.5, max_delay: float = 8.0,
                 max_wait: float = 30.0) -> None:
        self.attempts = attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_wait = max_wait

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        """The policy RETRY_ATTEMPTS, RETRY_BASE_DELAY and RETRY_MAX_DELAY describe."""
        return cls(attempts=settings.retry_attempts, base_delay=settings.retry_base_delay,
                   max_delay=settings.retry_max_delay)

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        name = method.__api_method__
        if name == GetUpdates.__api_method__:
            return await make_request(bot, method)
        if name == SendChatAction.__api_method__:
            return await self.cosmetic(make_request, bot, method)
        for attempt in range(1, self.attempts + 1):
            failure: Exception
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if error.retry_after > self.max_wait:
                    log.warning("%s: 429 asks to wait %d s, more than %g s; giving up", name, error.retry_after,
                                self.max_wait)
                    raise
                delay, reason, failure = float(error.retry_after), "429", error
            except (TelegramServerError, ClientDecodeError) as error:
                delay, reason, failure = self.backoff(attempt), type(error).__name__, error
            except TelegramNetworkError as error:
                if posts_something(method) and not never_arrived(error):
                    log.warning("%s: %s; not sent again, Telegram may have delivered it", name, error.message)
                    raise
                delay, reason, failure = self.backoff(attempt), error.message, error
            if attempt == self.attempts:
                log.warning("%s failed %d times (last: %s); giving up", name, attempt, reason)
                raise failure
            log.info("%s failed (%s); attempt %d of %d in %.1f s", name, reason, attempt + 1, self.attempts, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    @staticmethod
    async def cosmetic(make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        """"typing…" is tried once and a failure dropped: the answer waits for it, and it is stale in seconds."""
        try:
            return await make_request(bot, method)
        except TelegramAPIError as error:
            log.info("%s dropped: %s", method.__api_method__, error.message)
            return cast("Response[TelegramType]", True)  # the chain passes results, whatever its type says

    def backoff(self, attempt: int) -> float:
        """Exponential, capped, with jitter so that many failed calls do not all come back at once."""
        return min(self.base_delay * 2 ** (attempt - 1), self.max_delay) * random.uniform(0.8, 1.2)

"""Telegram's limit for groups (about 20 messages a minute per group): wait for a slot, never drop."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import (
    CopyMessage,
    ForwardMessage,
    SendDocument,
    SendMessage,
    SendPhoto,
)
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

log = logging.getLogger(__name__)
_SENDING = (SendMessage, SendPhoto, SendDocument, CopyMessage, ForwardMessage)


class GroupPacer(BaseRequestMiddleware):
    """At most `limit` new messages to one group in any `period` seconds; later ones queue.

    Each message reserves the earliest slot that keeps the sliding window within the limit,
    so concurrent answers to one group go out in order of arrival, spaced as needed.
    Groups and channels have negative chat ids; private chats are not paced.
    """

    def __init__(self, limit: int = 20, period: float = 60.0) -> None:
        self.limit = limit
        self.period = period
        self._slots: dict[int, deque[float]] = {}

    def reserve(self, chat_id: int, now: float) -> float:
        """The time at which the next message to `chat_id` may go, recorded as taken."""
        slots = self._slots.setdefault(chat_id, deque())
        while slots and slots[0] <= now - self.period:
            slots.popleft()
        at = now if len(slots) < self.limit else slots[-self.limit] + self.period
        slots.append(at)
        return at

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        chat_id = getattr(method, "chat_id", None)
        if isinstance(method, _SENDING) and isinstance(chat_id, int) and chat_id < 0:
            loop = asyncio.get_running_loop()
            wait = self.reserve(chat_id, loop.time()) - loop.time()
            if wait > 0:
                log.info("group %d: %d messages in %.0f s, next one queued for %.1f s", chat_id, self.limit,
                         self.period, wait)
                await asyncio.sleep(wait)
        return await make_request(bot, method)

"""Per-person flood control: a bounded number of answers, one polite "slow down", then silence."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.filters import GROUP_CHATS
from bot.views.replies import Reply, send
from bot.views.texts import slow_down

log = logging.getLogger(__name__)

_FORGET_AFTER = 10_000  # senders remembered before the quiet ones are dropped


def sender_key(event: TelegramObject) -> int | None:
    """Who sent it; anonymous admins and channels share one bot account, so their chat counts."""
    if isinstance(event, Message):
        if event.sender_chat is not None:
            return event.sender_chat.id
        return event.from_user.id if event.from_user else None
    if isinstance(event, CallbackQuery):
        return event.from_user.id
    return None


class Throttle(BaseMiddleware):
    """At most `limit` updates per sender in any `period` seconds reach the handlers.

    An inner middleware, so only what a handler would answer counts: group chatter the bot
    ignores costs nothing. The first update over the limit is told to slow down; the others
    are dropped until the sender is under the limit again.
    """

    def __init__(self, limit: int, period: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.period = period
        self.clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        key = sender_key(event)
        if key is None or self.allow(key):
            return await handler(event, data)
        if key in self._warned:
            log.debug("update of sender %d dropped: over the limit", key)
            if isinstance(event, CallbackQuery):
                await event.answer()  # stop the button's spinner
            return None
        self._warned.add(key)
        log.info("sender %d is over %d updates in %g s; told to slow down", key, self.limit, self.period)
        await self.slow_down(event, data["bot"])
        return None

    def allow(self, key: int) -> bool:
        now = self.clock()
        if len(self._seen) > _FORGET_AFTER:
            self._forget_quiet(now)
        window = self._seen.setdefault(key, deque())
        while window and now - window[0] >= self.period:
            window.popleft()
        if len(window) >= self.limit:
            return False
        window.append(now)
        self._warned.discard(key)
        return True

    def _forget_quiet(self, now: float) -> None:
        for key in [k for k, times in self._seen.items() if not times or now - times[-1] >= self.period]:
            del self._seen[key]
            self._warned.discard(key)

    async def slow_down(self, event: TelegramObject, bot: Bot) -> None:
        text = slow_down()
        if isinstance(event, CallbackQuery):
            await event.answer(text, show_alert=True)
        elif isinstance(event, Message):
            in_group = event.chat.type in GROUP_CHATS
            await send(bot, event.chat.id, Reply(text), reply_to=event.message_id if in_group else None)

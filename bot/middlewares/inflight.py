"""Knowing which updates are being handled, so that stopping waits for them instead of cutting them off."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import GetUpdates
from aiogram.types import TelegramObject, Update

log = logging.getLogger(__name__)


class InFlight(BaseMiddleware):
    """Counts the updates being handled and remembers the newest one seen.

    An outer middleware on `update`: aiogram stops polling on SIGTERM but leaves the
    handlers' tasks running while it closes the HTTP session; `drain` lets them finish first.
    """

    def __init__(self) -> None:
        self.running = 0
        self.last_update_id: int | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Update):
            self.last_update_id = max(event.update_id, self.last_update_id or 0)
        self.running += 1
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self.running -= 1
            if not self.running:
                self._idle.set()

    async def drain(self, timeout: float) -> bool:
        """Wait until no update is being handled, at most `timeout` seconds; True if none is left."""
        if self.running:
            log.info("waiting for %d update(s) being handled", self.running)
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            log.warning("%d update(s) still being handled after %g s; stopping anyway", self.running, timeout)
            return False
        return True


async def confirm_handled(bot: Bot, last_update_id: int | None) -> None:
    """Tell Telegram the handled updates are done, so a restart does not get (and answer) them again.

    Telegram forgets an update only when a later getUpdates asks from a higher offset; the
    polling loop would have done that on its next round, which a stop never reaches.
    """
    if last_update_id is None:
        return
    try:
        await bot(GetUpdates(offset=last_update_id + 1, limit=1, timeout=0))
    except TelegramAPIError as error:
        log.warning("could not confirm the last handled update %d: %s", last_update_id, error)

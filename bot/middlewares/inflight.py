"""Knowing which updates are being handled: stopping waits for them, and each is marked done in the inbox."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

log = logging.getLogger(__name__)


class InFlight(BaseMiddleware):
    """Counts the updates being handled, marks each done when its handler has finished, and stops them.

    An outer middleware on `update`: aiogram stops polling on SIGTERM but leaves the handlers'
    tasks running while it closes the HTTP session; `drain` lets them finish first, and cancels
    the ones that outlast the grace (a group answer waiting for its slot). `done` is told the id
    of every update whose handler returned or raised (the error handler answers those), never of
    one cancelled: that one stays pending in the inbox and is handled again on the next start.
    The handler awaits its replies, so an update is marked done only after they were sent.
    """

    def __init__(self, done: Callable[[int], Awaitable[None]] | None = None) -> None:
        self.running = 0
        self._done = done
        self._tasks: set[asyncio.Task[Any]] = set()
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        self.running += 1
        self._idle.clear()
        try:
            try:
                result = await handler(event, data)
            except Exception:
                await self._mark_done(event)
                raise
            await self._mark_done(event)
            return result
        finally:
            if task is not None:
                self._tasks.discard(task)
            self.running -= 1
            if not self.running:
                self._idle.set()

    async def _mark_done(self, event: TelegramObject) -> None:
        if self._done is None or not isinstance(event, Update):
            return
        try:
            await self._done(event.update_id)
        except Exception:  # the update is handled once more after a restart: better than not at all
            log.exception("could not mark update %d done", event.update_id)

    async def drain(self, timeout: float) -> bool:
        """Wait until no update is being handled, at most `timeout` seconds; True if none was left.

        Updates still in hand then are cancelled (and waited for): not marked done, they are
        handled again after the restart, and nothing of theirs is sent after the session closes.
        """
        if self.running:
            log.info("waiting for %d update(s) being handled", self.running)
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            late = list(self._tasks)
            log.warning("%d update(s) still being handled after %g s; left pending for the next start",
                        len(late), timeout)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=timeout)
            return False
        return True


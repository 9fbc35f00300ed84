"""Long polling through the inbox: an update is stored before Telegram is told it arrived, handled after.

aiogram's own loop moves the getUpdates offset past a batch as soon as it has started handling it,
so the next long poll confirms the batch while its answers are still being made (a group answer can
wait a minute for its slot): a SIGKILL, an out-of-memory kill or a stop past the grace lost them.
Here a batch is first written to the inbox in one transaction, only then is the offset moved, and
each update is marked done by `InFlight` when its handler has finished. On start, what the inbox
still holds as pending is handled first, oldest first.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.dispatcher.dispatcher import DEFAULT_BACKOFF_CONFIG
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import GetUpdates
from aiogram.types import Update
from aiogram.utils.backoff import Backoff, BackoffConfig

from bot.storage.inbox import Inbox

log = logging.getLogger(__name__)


def update_json(update: Update) -> str:
    """An update as JSON, as Telegram sent it (fields aiogram does not know are kept)."""
    return update.model_dump_json(exclude_unset=True, by_alias=True)


class InboxDispatcher(Dispatcher):
    """A dispatcher whose polling loop stores each batch in the inbox before confirming it.

    `start_polling` is aiogram's (signals, startup and shutdown hooks); only the loop it runs per
    bot, `_polling`, is replaced. Updates are always handled as concurrent tasks.
    """

    def __init__(self, *, inbox: Inbox, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inbox = inbox
        self.last_accepted: int | None = None  # the newest update stored in this run: safe to confirm
        self._handling: set[asyncio.Task[Any]] = set()

    async def handle_pending(self, bot: Bot, **kwargs: Any) -> int:
        """Start handling, oldest first, the updates a previous run stored but did not finish; how many."""
        pending = await self.inbox.pending()
        if pending:
            log.info("handling %d update(s) left pending by the previous run (from %d)", len(pending), pending[0][0])
        for _, raw in pending:
            self._handle(bot, Update.model_validate_json(raw, context={"bot": bot}), kwargs)
        return len(pending)

    def _handle(self, bot: Bot, update: Update, kwargs: dict[str, Any]) -> None:
        task = asyncio.create_task(self._process_update(bot=bot, update=update, **kwargs))
        self._handling.add(task)
        task.add_done_callback(self._handling.discard)

    async def _polling(self, bot: Bot, polling_timeout: int = 30, handle_as_tasks: bool = True,
                       backoff_config: BackoffConfig = DEFAULT_BACKOFF_CONFIG,
                       allowed_updates: list[str] | None = None, tasks_concurrency_limit: int | None = None,
                       **kwargs: Any) -> None:
        """Fetch, store, confirm (by the next fetch's offset), handle; survive outages with back-off."""
        me = await bot.me()
        log.info("polling as @%s (id %d) through the inbox", me.username, bot.id)
        await self.handle_pending(bot, **kwargs)
        backoff = Backoff(config=backoff_config)
        get_updates = GetUpdates(timeout=polling_timeout, allowed_updates=allowed_updates)
        # A long poll may take its whole timeout: the request's own must be longer.
        request_timeout = int(bot.session.timeout + polling_timeout) if bot.session.timeout else None
        while True:
            try:
                updates = await bot(get_updates, request_timeout=request_timeout)
            except Exception as error:  # an outage must not stop the bot
                log.error("Failed to fetch updates - %s: %s", type(error).__name__, error)
                await backoff.asleep()
                continue
            try:
                fresh = await self.inbox.accept([(update.update_id, update_json(update)) for update in updates])
            except Exception:  # the offset stays: Telegram hands the batch over again
                log.exception("could not store %d update(s); fetching them again", len(updates))
                await backoff.asleep()
                continue
            backoff.reset()
            if updates:
                # Stored: the next getUpdates may confirm them.
                get_updates.offset = updates[-1].update_id + 1
                self.last_accepted = updates[-1].update_id
            for update in updates:
                if update.update_id in fresh:
                    self._handle(bot, update, kwargs)


async def confirm_stored(bot: Bot, last_update_id: int | None) -> None:
    """Tell Telegram the stored updates arrived, so a restart does not fetch them again.

    Telegram forgets an update only when a later getUpdates asks from a higher offset; the
    polling loop would have done that on its next round, which a stop may not reach. Confirming
    an update stored but not handled loses nothing: the inbox hands it over on the next start.
    Unconfirmed, it would come again and the inbox would skip it: this only saves the round trip.
    """
    if last_update_id is None:
        return
    try:
        await bot(GetUpdates(offset=last_update_id + 1, limit=1, timeout=0))
    except TelegramAPIError as error:
        log.warning("could not confirm the last stored update %d: %s", last_update_id, error)

"""Webhook mode: an aiohttp server that Telegram POSTs updates to, each carrying the secret in a header."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.runtime.app import create_bot, create_dispatcher, open_library
from bot.runtime.polling import InboxDispatcher
from bot.settings import Settings, SettingsError
from bot.storage.database import Storage

log = logging.getLogger(__name__)

class SecretRequestHandler(SimpleRequestHandler):
    """aiogram's handler for one bot (401 "Unauthorized" unless the header holds the secret), made stricter.

    aiogram compares with `secrets.compare_digest` on str, which raises TypeError for a non-ASCII header
    (a 500, not a 401), and accepts everything when the secret is empty; this one compares bytes and fails
    closed. An update is stored in the inbox before Telegram gets its 200 (a 500 if it could not be, so
    Telegram posts it again), and one posted again after it was stored is not handled twice. On shutdown
    it lets the updates it answered 200 for finish within `grace` before the session closes (aiogram
    closes it first, before the dispatcher's shutdown hooks); the rest stay pending in the inbox.
    """

    def __init__(self, dispatcher: InboxDispatcher, bot: Bot, *, secret_token: str, grace: float) -> None:
        super().__init__(dispatcher, bot, secret_token=secret_token)
        self.inbox = dispatcher.inbox
        self.grace = grace

    async def _handle_request_background(self, bot: Bot, request: web.Request) -> web.Response:
        update: dict[str, Any] = await request.json(loads=bot.session.json_loads)
        try:
            fresh = await self.inbox.accept([(int(update["update_id"]), json.dumps(update, ensure_ascii=False))])
        except Exception:
            log.exception("webhook: could not store an update; Telegram will post it again")
            return web.Response(status=500)
        if fresh:
            self._feed(bot, update)
        return web.json_response({}, dumps=bot.session.json_dumps)

    def _feed(self, bot: Bot, update: dict[str, Any]) -> None:
        task = asyncio.create_task(self._background_feed_update(bot=bot, update=update))
        self._background_feed_update_tasks.add(task)
        task.add_done_callback(self._background_feed_update_tasks.discard)

    async def handle_pending(self) -> int:
        """Start handling, oldest first, the updates a previous run stored but did not finish; how many."""
        pending = await self.inbox.pending()
        if pending:
            log.info("webhook: handling %d update(s) left pending by the previous run", len(pending))
        for _, raw in pending:
            self._feed(self.bot, json.loads(raw))
        return len(pending)

    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        expected = (self.secret_token or "").encode()
        given = telegram_secret_token.encode("utf-8", "surrogateescape")  # whatever bytes the header held
        return bool(expected) and hmac.compare_digest(given, expected)

    async def close(self) -> None:
        pending = set(self._background_feed_update_tasks)  # aiogram's updates in flight
        if pending:
            log.info("webhook: finishing %d update(s) before stopping", len(pending))
            _, late = await asyncio.wait(pending, timeout=self.grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        await super().close()


def webhook_path(url: str) -> str:
    """The path of WEBHOOK_URL, where the server takes Telegram's POSTs."""
    return urlsplit(url).path or "/"


def _webhook(settings: Settings) -> tuple[str, str]:
    if settings.webhook_url is None or settings.webhook_secret is None:
        raise SettingsError("WEBHOOK_URL and WEBHOOK_SECRET must both be set for webhook mode")
    return settings.webhook_url, settings.webhook_secret.get_secret_value()


def body_deadline(seconds: float) -> Callable[..., Awaitable[web.StreamResponse]]:
    """A middleware that drops (408) a request whose body takes longer than `seconds` to arrive.

    Headers have their own bound: the server's keep-alive timeout closes a connection that has
    not sent a whole request within it (see `serving_webhook`).
    """

    @web.middleware
    async def middleware(request: web.Request,
                         handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        try:
            async with asyncio.timeout(seconds):
                await request.read()  # kept by aiohttp for the handler
        except TimeoutError:
            log.info("webhook: a request body took more than %.0f s; dropped", seconds)
            return web.Response(status=408)
        return await handler(request)

    return middleware


def build_webhook_app(settings: Settings, dp: InboxDispatcher, bot: Bot) -> web.Application:
    """An aiohttp app feeding `dp` the updates POSTed to WEBHOOK_URL's path; dp starts and stops with it.

    On start, after dp's startup hooks, the updates the inbox still holds as pending are handled.
    """
    url, secret = _webhook(settings)
    app = web.Application(middlewares=[body_deadline(settings.webhook_read_timeout)])
    handler = SecretRequestHandler(dp, bot, secret_token=secret, grace=settings.shutdown_grace)
    handler.register(app, path=webhook_path(url))
    setup_application(app, dp, bot=bot)

    async def handle_pending(_: web.Application) -> None:
        await handler.handle_pending()

    app.on_startup.append(handle_pending)
    return app


@asynccontextmanager
async def serving_webhook(settings: Settings, dp: InboxDispatcher, bot: Bot) -> AsyncIterator[web.AppRunner]:
    """Listen on WEBHOOK_HOST:WEBHOOK_PORT, then tell Telegram to post to WEBHOOK_URL; stop cleanly on exit.

    Leaving stops listening, lets accepted updates finish, runs dp's shutdown and closes the bot's session.
    """
    url, secret = _webhook(settings)
    # An idle connection, and one still sending its headers, is closed after WEBHOOK_READ_TIMEOUT.
    runner = web.AppRunner(build_webhook_app(settings, dp, bot), keepalive_timeout=settings.webhook_read_timeout)
    try:
        await runner.setup()  # dp's startup hooks run here
        site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
        try:
            await site.start()
        except OSError as error:
            raise SettingsError(f"cannot listen on {settings.webhook_host}:{settings.webhook_port} "
                                f"(WEBHOOK_HOST, WEBHOOK_PORT): {error.strerror or error}") from None
        try:
            # Only now: Telegram starts posting (pending updates first) as soon as the webhook is set.
            await bot.set_webhook(url=url, secret_token=secret, allowed_updates=dp.resolve_used_update_types(),
                                  drop_pending_updates=False)
        except TelegramBadRequest as error:
            raise SettingsError(f"WEBHOOK_URL was refused by the Bot API: {error.message}") from None
        log.info("webhook mode: listening on %s:%d, Telegram posts to %s", settings.webhook_host,
                 settings.webhook_port, webhook_path(url))
        yield runner
    finally:
        await runner.cleanup()


def _stop_on_signals(stop: asyncio.Event) -> list[signal.Signals]:
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signal handlers on this platform
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
    return installed


async def run_webhook(settings: Settings) -> None:
    """Open everything, serve the webhook until SIGTERM or SIGINT, and close the database whatever happens."""
    bot = create_bot(settings)
    library = open_library(settings)
    db = await Storage.open(settings.database_path)
    stop = asyncio.Event()
    installed = _stop_on_signals(stop)
    try:
        dp = create_dispatcher(settings, library=library, db=db)
        async with serving_webhook(settings, dp, bot):
            await stop.wait()
        log.info("webhook mode: stopped")
    finally:
        loop = asyncio.get_running_loop()
        for sig in installed:
            loop.remove_signal_handler(sig)
        await db.close()
        await bot.session.close()

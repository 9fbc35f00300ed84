"""Webhook mode: the real bot behind its aiohttp server, Telegram (the fake) POSTing updates with the secret."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramConflictError

from bot.runtime import app, cli, webhook
from bot.runtime.app import create_bot, create_dispatcher
from bot.runtime.webhook import run_webhook, serving_webhook
from bot.services.library import Library
from bot.settings import Settings, SettingsError, load_settings
from bot.storage.database import Storage
from knowledge.base import KnowledgeBase
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from tests.bot_harness import STUDENT_KK, excerpt_of
from tests.fake_bot_api import TOKEN, FakeTelegram, FakeUser
from tests.quick_session import local_session

SECRET = "s3cret_Token-for-tests"
WEBHOOK_VARIABLES = ("WEBHOOK_URL", "WEBHOOK_SECRET", "WEBHOOK_HOST", "WEBHOOK_PORT", "BOT_TOKEN")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in WEBHOOK_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def webhook_settings(fake: FakeTelegram, folder: Path, knowledge_dir: Path, **overrides: Any) -> Settings:
    port = free_port()
    return load_settings(_env_file=None, bot_token=TOKEN, bot_api_url=fake.base_url,
                         database_path=folder / "bot.sqlite3", knowledge_dir=knowledge_dir,
                         webhook_url=f"http://127.0.0.1:{port}/telegram/updates", webhook_secret=SECRET,
                         webhook_host="127.0.0.1", webhook_port=port, **overrides)


def question(fake: FakeTelegram, text: str, user: FakeUser = STUDENT_KK) -> dict[str, Any]:
    """The update Telegram posts when `user` writes `text` to the bot."""
    message = fake.compose_message(user)
    message["text"] = text
    return {"message": message}


@dataclass
class WebhookBot:
    settings: Settings
    bot: Bot
    dp: Dispatcher


@asynccontextmanager
async def webhook_bot(fake: FakeTelegram, kb: KnowledgeBase, folder: Path) -> AsyncIterator[WebhookBot]:
    """The bot in webhook mode, in-process, built by the same factories as `python -m bot`."""
    library = Library(kb, DEFAULT_KNOWLEDGE_DIR)
    settings = webhook_settings(fake, folder, library.knowledge_dir)
    db = await Storage.open(settings.database_path)
    bot = create_bot(settings, local_session(settings.bot_api_url))
    dp = create_dispatcher(settings, library=library, db=db)
    try:
        async with serving_webhook(settings, dp, bot):
            yield WebhookBot(settings, bot, dp)
    finally:
        await db.close()
        await bot.session.close()


@pytest.fixture
async def hooked(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[WebhookBot]:
    async with webhook_bot(fake_telegram, shipped_kb, tmp_path) as running:
        yield running


# --- the real bot behind the webhook ------------------------------------------------------------


async def test_startup_registers_the_webhook_with_its_secret(fake_telegram: FakeTelegram, hooked: WebhookBot) -> None:
    assert fake_telegram.webhook == {
        "url": hooked.settings.webhook_url, "secret_token": SECRET,
        "allowed_updates": hooked.dp.resolve_used_update_types(), "drop_pending_updates": False,
    }
    assert fake_telegram.calls_since(0, "getMe")  # the dispatcher's startup hook ran too
    info = await hooked.bot.get_webhook_info()
    assert info.url == hooked.settings.webhook_url


async def test_a_question_posted_with_the_secret_is_answered(fake_telegram: FakeTelegram, hooked: WebhookBot) -> None:
    since = fake_telegram.mark()
    status = await fake_telegram.post_to_webhook(question(fake_telegram, "Токвиль қандай еңбек жазды?"),
                                                 secret=SECRET)
    assert status == 200
    call = await fake_telegram.wait_call("sendMessage", since=since, chat_id=STUDENT_KK.id)
    assert call.error is None, call.describe()
    reply = fake_telegram.message(STUDENT_KK.id, call.result["message_id"])
    assert "Америкадағы Демократия" in reply.text
    assert excerpt_of(reply)  # a quoted passage, as in polling mode


async def test_anything_without_the_secret_is_refused_with_401(fake_telegram: FakeTelegram,
                                                                hooked: WebhookBot) -> None:
    since = fake_telegram.mark()
    for secret in (SECRET[:-1] + "x", None, "", SECRET + "x", "sécret"):  # non-ASCII: 401 too, not a 500
        status = await fake_telegram.post_to_webhook(question(fake_telegram, "Мәслихат деген не?"), secret=secret)
        assert status == 401, secret
    await fake_telegram.wait_idle()
    sent = [c.describe() for c in fake_telegram.calls_since(since) if c.method.lower().startswith("send")]
    assert not sent, f"the bot answered an update without the secret: {sent}"


async def test_stopping_lets_an_accepted_update_be_answered(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase,
                                                           tmp_path: Path) -> None:
    fake_telegram.delay("sendMessage", 1.0)  # the answer is still on its way when the server stops
    async with webhook_bot(fake_telegram, shipped_kb, tmp_path):
        update = question(fake_telegram, "Токвиль қандай еңбек жазды?")
        assert await fake_telegram.post_to_webhook(update, secret=SECRET) == 200  # Telegram forgets it now
    answers = fake_telegram.calls_since(0, "sendMessage")
    assert [call.error for call in answers] == [None], fake_telegram.dump()


async def test_polling_is_refused_while_the_webhook_is_set(fake_telegram: FakeTelegram, hooked: WebhookBot) -> None:
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await hooked.bot.get_updates()
    await hooked.bot.delete_webhook()
    assert fake_telegram.webhook is None
    assert await hooked.bot.get_updates(timeout=0) == []


async def test_run_webhook_serves_until_sigterm(fake_telegram: FakeTelegram, tiny_dir: Path, tmp_path: Path) -> None:
    settings = webhook_settings(fake_telegram, tmp_path, tiny_dir)
    task = asyncio.create_task(run_webhook(settings))
    try:
        await fake_telegram.wait_call("setWebhook", timeout=30)
        since = fake_telegram.mark()
        assert await fake_telegram.post_to_webhook(question(fake_telegram, "/start"), secret=SECRET) == 200
        greeting = await fake_telegram.wait_call("sendMessage", since=since, chat_id=STUDENT_KK.id)
        assert greeting.error is None and greeting.result["text"].startswith("Сәлеметсіз бе")
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL  # run_webhook's handler, not death
        os.kill(os.getpid(), signal.SIGTERM)
        started = time.monotonic()
        await asyncio.wait_for(task, 10)
        assert time.monotonic() - started < 5
    finally:
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handlers removed again
    assert fake_telegram.webhook is not None  # kept: Telegram queues updates while the bot restarts


# --- settings ---------------------------------------------------------------------------------------


def test_webhook_settings_default_to_polling() -> None:
    settings = load_settings(_env_file=None)
    assert settings.webhook_url is None and settings.webhook_secret is None
    assert (settings.webhook_host, settings.webhook_port) == ("0.0.0.0", 8080)


def test_webhook_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", " https://bot.example.org/telegram ")
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("WEBHOOK_PORT", "8443")
    settings = load_settings(_env_file=None)
    assert settings.webhook_url == "https://bot.example.org/telegram"
    assert settings.webhook_secret is not None and settings.webhook_secret.get_secret_value() == SECRET
    assert settings.webhook_port == 8443
    assert SECRET not in repr(settings)


def test_webhook_url_without_a_secret_names_webhook_secret() -> None:
    with pytest.raises(SettingsError, match=r"^WEBHOOK_SECRET is not set: .*required when WEBHOOK_URL is set"):
        load_settings(_env_file=None, webhook_url="https://bot.example.org/telegram")


@pytest.mark.parametrize("secret", ["has space inside", "plus+slash/equals=", "ключ", "x" * 257])
def test_a_malformed_secret_is_refused_without_echoing_it(secret: str) -> None:
    with pytest.raises(SettingsError, match=r"^WEBHOOK_SECRET is malformed") as error:
        load_settings(_env_file=None, webhook_url="https://bot.example.org/telegram", webhook_secret=secret)
    assert secret not in str(error.value)


@pytest.mark.parametrize("url", ["ftp://bot.example.org/telegram", "http://bot.example.org/telegram",
                                 "bot.example.org/telegram", "https://", "https://bot.example.org:99999/x",
                                 "https://bot.example.org/a b"])
def test_a_webhook_url_must_be_https(url: str) -> None:
    with pytest.raises(SettingsError, match=r"^WEBHOOK_URL is malformed: expected an https URL"):
        load_settings(_env_file=None, webhook_url=url, webhook_secret=SECRET)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/hook", "http://localhost/hook"])
def test_plain_http_is_allowed_on_this_machine(url: str) -> None:
    assert load_settings(_env_file=None, webhook_url=url, webhook_secret=SECRET).webhook_url == url


# --- the entry point ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("webhook_url", "mode"), [("https://bot.example.org/telegram", "webhook"), ("", "polling")])
def test_python_m_bot_serves_the_webhook_when_webhook_url_is_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                 webhook_url: str, mode: str) -> None:
    ran: list[str] = []

    async def runner(name: str) -> None:
        ran.append(name)

    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("WEBHOOK_URL", webhook_url)
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    # the entry point imports its runners when it starts them, from their modules
    monkeypatch.setattr(webhook, "run_webhook", lambda settings: runner("webhook"))
    monkeypatch.setattr(app, "run_polling", lambda settings: runner("polling"))
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        assert cli.main([]) == 0
    finally:  # main set up logging for a process; give pytest's back
        for handler in root.handlers:
            if handler not in handlers:
                handler.close()
        root.handlers[:], root.level = handlers, level
    assert ran == [mode]

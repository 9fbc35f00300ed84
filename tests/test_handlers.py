"""Handlers fed one update at a time (`Dispatcher.feed_update`): the request sent and the row stored."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.types import Update

from bot.runtime.app import create_bot, create_dispatcher
from bot.services.answers import search
from bot.services.library import Library
from bot.settings import load_settings
from bot.storage.database import Storage
from knowledge.base import KnowledgeBase
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from tests.fake_bot_api import TOKEN, FakeTelegram, FakeUser
from tests.quick_session import local_session

pytestmark = pytest.mark.handlers  # updates fed to the dispatcher directly

USER = FakeUser(id=4242, first_name="Дана", language_code="ru")


@dataclass
class Wired:
    bot: Bot
    dp: Dispatcher
    db: Storage
    fake: FakeTelegram

    async def feed_last(self) -> None:
        """Feed the update the fake just made, as polling would deliver it."""
        await self.dp.feed_update(self.bot, Update.model_validate(self.fake.updates[-1]))

    async def message(self, text: str) -> None:
        self.fake.send_message(text, user=USER)
        await self.feed_last()

    async def press(self, data: str) -> None:
        sent = self.fake.messages(USER.id)[-1]
        self.fake.press(sent, data, user=USER)
        await self.feed_last()

    async def row(self, sql: str) -> tuple[Any, ...] | None:
        async with self.db.db.execute(sql) as cursor:
            found = await cursor.fetchone()
        return None if found is None else tuple(found)


@pytest.fixture
async def wired(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[Wired]:
    settings = load_settings(_env_file=None, bot_token=TOKEN, bot_api_url=fake_telegram.base_url,
                             database_path=tmp_path / "bot.sqlite3", knowledge_dir=DEFAULT_KNOWLEDGE_DIR)
    library = Library(shipped_kb, DEFAULT_KNOWLEDGE_DIR)
    db = await Storage.open(settings.database_path)
    bot = create_bot(settings, local_session(settings.bot_api_url))
    try:
        yield Wired(bot, create_dispatcher(settings, library=library, db=db), db, fake_telegram)
    finally:
        await db.close()
        await bot.session.close()


async def test_start_stores_the_user_and_greets(wired: Wired) -> None:
    await wired.message("/start")
    sent = wired.fake.calls_since(0, "sendMessage")[-1]
    assert sent.params["chat_id"] == "4242" and sent.params["text"].startswith("Здравствуйте, Дана!")
    assert await wired.row("SELECT id, language FROM users") == (4242, "ru")


async def test_question_is_answered_and_stored(wired: Wired, shipped_kb: KnowledgeBase) -> None:
    await wired.message("Сколько было местных советов?")
    sent = wired.fake.calls_since(0, "sendMessage")[-1]
    assert "50 000" in sent.params["text"]
    stored = await wired.row("SELECT user_id, text, lang, tier, passage_ids, latency_ms FROM queries")
    assert stored is not None
    user_id, text, lang, tier, passage_ids, latency = stored
    assert (user_id, text, lang) == (4242, "Сколько было местных советов?", "ru")
    assert tier == search(shipped_kb, text).tier.value != "nothing"  # the tier the engine gives, stored
    assert len(passage_ids.split()) > 1 and latency > 0
    # the buttons carry the stored question's id, nothing else
    buttons = [b["callback_data"] for row in sent.params["reply_markup"]["inline_keyboard"] for b in row]
    assert all(data.split(":")[1] == "1" for data in buttons if not data.startswith("sh:"))
    assert f"sh:{passage_ids.split()[0]}" in buttons  # the link button names the passage shown


async def test_vote_is_stored_and_replaced(wired: Wired) -> None:
    await wired.message("Сколько было местных советов?")
    for vote in ("1", "-1"):
        await wired.press(f"v:1:0:{vote}:e")
    assert await wired.row("SELECT query_id, vote FROM feedback") == (1, -1)
    answers = [c.params.get("text") for c in wired.fake.calls_since(0, "answerCallbackQuery")]
    assert answers == ["Спасибо за оценку!", "Оценка изменена, спасибо!"]


async def test_language_choice_is_stored(wired: Wired) -> None:
    await wired.message("/lang")
    await wired.press("lg:kk")
    assert await wired.row("SELECT language FROM users") == ("kk",)
    edited = wired.fake.calls_since(0, "editMessageText")[-1]
    assert edited.params["text"].startswith("Дайын.")

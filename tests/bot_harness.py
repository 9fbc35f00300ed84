"""The real bot, polling the fake Bot API through aiogram's HTTP session, driven like a user would."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher

from bot.runtime.app import create_bot, create_dispatcher
from bot.services.library import Library
from bot.session.pacing import GroupPacer
from bot.session.retry import RetryPolicy
from bot.settings import Settings, load_settings
from bot.storage.database import Storage
from knowledge.base import KnowledgeBase
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from tests.fake_bot_api import TOKEN, Call, FakeChat, FakeTelegram, FakeUser, SentMessage
from tests.quick_session import local_session

STUDENT_KK = FakeUser(id=2001, first_name="Айгерім", language_code="kk")
STUDENT_RU = FakeUser(id=2002, first_name="Иван", language_code="ru")
# A study group the bot was added to, with the two students and their teacher as members.
GROUP = FakeChat(id=-1001234567890, type="supergroup", title="ЖӨБ семинары")
TEACHER = FakeUser(id=3101, first_name="Мұғалім", language_code="kk")
BLOCKQUOTE = re.compile(r"<blockquote>(.*?)</blockquote>", re.S)


@dataclass
class RunningBot:
    fake: FakeTelegram
    settings: Settings
    db: Storage
    library: Library
    bot: Bot
    dp: Dispatcher

    @property
    def kb(self) -> KnowledgeBase:
        return self.library.current

    async def say(self, text: str, user: FakeUser = STUDENT_KK) -> SentMessage:
        """Send a message and return the bot's reply to it."""
        since = self.fake.mark()
        self.fake.send_message(text, user=user)
        while True:
            call = await self.fake.wait_call("sendMessage", since=since, chat_id=user.id)
            if call.error is None or call.error[0] != 429:  # flood control is retried
                break
            since = self.fake.calls.index(call) + 1
        assert call.error is None, call.describe()
        return self.fake.message(user.id, call.result["message_id"])

    async def say_in(self, chat: FakeChat, text: str, user: FakeUser = STUDENT_KK,
                     reply_to: int | None = None) -> tuple[int, SentMessage]:
        """Write in a group; returns the message id of what was written and the bot's reply."""
        since = self.fake.mark()
        self.fake.send_message(text, user=user, chat=chat, reply_to=reply_to)
        written = self.fake.updates[-1]["message"]["message_id"]
        call = await self.fake.wait_call("sendMessage", since=since, chat_id=chat.id)
        assert call.error is None, call.describe()
        return written, self.fake.message(chat.id, call.result["message_id"])

    async def silent_on(self, chat: FakeChat, text: str, user: FakeUser = STUDENT_KK, **options: Any) -> None:
        """Write in a group and check that the bot, having read it, sends nothing."""
        since = self.fake.mark()
        self.fake.send_message(text, user=user, chat=chat, **options)
        await self.fake.wait_idle()
        sent = [c.describe() for c in self.fake.calls_since(since) if c.method.lower().startswith("send")]
        assert not sent, f"the bot answered {text!r}: {sent}"

    async def press(self, message: SentMessage, button: str, user: FakeUser | None = None,
                    *, edits: bool = True) -> Call:
        """Press a button by (part of) its label; returns the callback answer and waits for the edit.

        The presser is the private chat's user unless `user` says otherwise.
        """
        since = self.fake.mark()
        self.fake.press_button(message, button, user=user)
        return await self._answered(since, message, edits)

    async def press_data(self, message: SentMessage, data: str, user: FakeUser | None = None,
                         *, edits: bool = False) -> Call:
        """Press a button with these callback data, even ones the bot never sent."""
        since = self.fake.mark()
        self.fake.press(message, data, user=user)
        return await self._answered(since, message, edits)

    async def _answered(self, since: int, message: SentMessage, edits: bool) -> Call:
        answer = await self.fake.wait_call("answerCallbackQuery", since=since)
        assert answer.error is None, answer.describe()
        if edits:
            edit = await self.fake.wait_call("editMessageText", since=since, message_id=message.message_id)
            assert edit.error is None, edit.describe()
        return answer


def excerpt_of(message: SentMessage) -> str:
    """The first quoted passage of a reply, as the user reads it."""
    found = [entity for entity in message.entities if entity["type"] == "blockquote"]
    assert found, f"no quoted passage in: {message.text}"
    units = message.text.encode("utf-16-le")
    first = found[0]
    return units[2 * first["offset"]:2 * (first["offset"] + first["length"])].decode("utf-16-le")


def after_excerpt(message: SentMessage) -> str:
    """What a reply says after its first quoted passage (the gloss line, if any, then the citation)."""
    first = next((entity for entity in message.entities if entity["type"] == "blockquote"), None)
    assert first is not None, f"no quoted passage in: {message.text}"
    units = message.text.encode("utf-16-le")
    return units[2 * (first["offset"] + first["length"]):].decode("utf-16-le")


def callback_data(message: SentMessage, prefix: str) -> list[str]:
    return [data for _, data in message.buttons() if data.startswith(prefix + ":")]


@asynccontextmanager
async def running_bot(fake: FakeTelegram, kb: KnowledgeBase | Library, folder: Path, *,
                      pacer: GroupPacer | None = None, retry: RetryPolicy | None = None,
                      **overrides: Any) -> AsyncIterator[RunningBot]:
    """Start polling as `python -m bot` does (same factories) and stop cleanly afterwards.

    `kb` is a knowledge base nobody changes, or a Library over a folder the test may change;
    `overrides` are settings (admin_ids=…, throttle_messages=…).
    """
    library = kb if isinstance(kb, Library) else Library(kb, DEFAULT_KNOWLEDGE_DIR)
    overrides.setdefault("throttle_messages", 100)  # tests click faster than people; tests of it set their own
    # The retry policy's shape (attempts, what is retried) under test, without its real waits.
    overrides.setdefault("retry_base_delay", 0.01)
    overrides.setdefault("retry_max_delay", 0.05)
    settings = load_settings(_env_file=None, bot_token=TOKEN, bot_api_url=fake.base_url,
                             database_path=folder / "bot.sqlite3", knowledge_dir=library.knowledge_dir, **overrides)
    db = await Storage.open(settings.database_path)
    bot = create_bot(settings, local_session(fake.base_url, timeout=settings.request_timeout), pacer=pacer,
                     retry=retry)
    dp = create_dispatcher(settings, library=library, db=db)
    since = fake.mark()
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1,
                                                allowed_updates=dp.resolve_used_update_types()))
    try:
        await fake.wait_call("getMe", since=since)  # the startup hook ran
        yield RunningBot(fake, settings, db, library, bot, dp)
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(task, 10)
        await db.close()
        await bot.session.close()


@asynccontextmanager
async def group_bot(fake: FakeTelegram, kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    """The bot over `kb`, with both students and the teacher members of GROUP."""
    for member in (STUDENT_KK, STUDENT_RU, TEACHER):
        fake.set_member_status(GROUP.id, member, "member")
    async with running_bot(fake, kb, tmp_path) as running:
        yield running

"""Issue 15 end to end, through the fake Bot API: forged buttons, lying and slow uploads, a message flood."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.runtime.app import create_bot, create_dispatcher
from bot.runtime.webhook import serving_webhook
from bot.services.library import Library
from bot.storage.database import Storage
from bot.views.markup import MAX_PARTS
from knowledge.base import KnowledgeBase
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, seed
from tests.bot_harness import STUDENT_KK, STUDENT_RU, RunningBot, callback_data, running_bot
from tests.documents import SAMPLE_PARAGRAPHS_KK, make_txt
from tests.fake_bot_api import FakeChat, FakeTelegram, FakeUser, SentMessage
from tests.quick_session import local_session
from tests.test_hostile_input import many_pages_pdf
from tests.test_webhook import webhook_settings

ADMIN = FakeUser(id=9015, first_name="Admin", language_code="ru")
INTRUDER = FakeUser(id=6666, first_name="Mallory", language_code="kk")
GROUP = FakeChat(id=-1001500000015, type="supergroup", title="Семинар")
OTHER_GROUP = FakeChat(id=-1001500000016, type="supergroup", title="Басқа топ")
QUESTION = "Жергілікті өзін-өзі басқару деген не?"
NOT_YOURS_KK = "Бұл батырмалар басқа адамның сұрағына тиесілі"


@pytest.fixture
async def bot(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[RunningBot]:
    """The bot over its own copy of the shipped collection, small upload limits, one admin."""
    folder = tmp_path / "knowledge"
    seed(folder)
    library = await asyncio.to_thread(Library.open, folder, tmp_path / "cache")
    for member in (STUDENT_KK, STUDENT_RU):
        fake_telegram.set_member_status(GROUP.id, member, "member")
    fake_telegram.set_member_status(OTHER_GROUP.id, INTRUDER, "member")
    async with running_bot(fake_telegram, library, tmp_path, admin_ids=frozenset({ADMIN.id}), upload_max_mb=1,
                           upload_seconds=3, upload_max_pages=5000, upload_max_characters=10_000_000) as running:
        yield running


def answer_data(message: SentMessage) -> list[str]:
    return callback_data(message, "a") + callback_data(message, "v")


async def votes(running: RunningBot) -> int:
    async with running.db.db.execute("SELECT COUNT(*) FROM feedback") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


# --- 5. buttons only for their owner --------------------------------------------------------------


async def test_forged_buttons_of_someone_elses_question_change_nothing(bot: RunningBot) -> None:
    victim = await bot.say(QUESTION, STUDENT_RU)
    query_id = int(callback_data(victim, "v")[0].split(":")[1])
    own = await bot.say("Мәслихат деген не?", INTRUDER)  # a message of the intruder's own to press on
    for data in (f"a:{query_id}:0:f", f"a:{query_id}:1:e", f"v:{query_id}:0:-1:e"):
        since = bot.fake.mark()
        answer = await bot.press_data(own, data, user=INTRUDER)
        assert NOT_YOURS_KK in answer.params.get("text", "") and answer.params.get("show_alert") in (True, "true")
        await bot.fake.wait_idle()
        assert not bot.fake.calls_since(since, "editMessageText") and not bot.fake.calls_since(since, "sendMessage")
    assert await votes(bot) == 0
    # the owner's own buttons still work
    await bot.press_data(victim, f"v:{query_id}:0:1:e", user=STUDENT_RU)
    assert await votes(bot) == 1


async def test_a_group_questions_buttons_are_that_groups(bot: RunningBot) -> None:
    _, reply = await bot.say_in(GROUP, "/ask " + QUESTION, user=STUDENT_KK)
    query_id = int(answer_data(reply)[0].split(":")[1])
    _, elsewhere = await bot.say_in(OTHER_GROUP, "/ask Мәслихат деген не?", user=INTRUDER)
    since = bot.fake.mark()
    answer = await bot.press_data(elsewhere, f"a:{query_id}:0:f", user=INTRUDER)
    assert NOT_YOURS_KK in answer.params.get("text", "")
    await bot.fake.wait_idle()
    assert not bot.fake.calls_since(since, "editMessageText")
    # another member of the group where it was asked may open the passage
    await bot.press_data(reply, f"a:{query_id}:0:f", user=STUDENT_RU, edits=True)


# --- 1. uploads within limits ------------------------------------------------------------------------


async def upload(running: RunningBot, filename: str, content: bytes, **options: int) -> tuple[SentMessage, float]:
    since = running.fake.mark()
    started = time.perf_counter()
    running.fake.send_document(filename, content, caption="Сынақ | law", user=ADMIN, **options)
    call = await running.fake.wait_call("sendMessage", since=since, chat_id=ADMIN.id, timeout=30)
    assert call.error is None, call.describe()
    return running.fake.message(ADMIN.id, call.result["message_id"]), time.perf_counter() - started


async def test_a_file_that_lies_about_its_size_is_counted_as_it_downloads(bot: RunningBot) -> None:
    content = make_txt(SAMPLE_PARAGRAPHS_KK * 500)  # about 1.3 MB, declared as 100 bytes
    assert len(content) > 1024 * 1024
    reply, _ = await upload(bot, "liar.txt", content, declared_size=100)
    assert "больше 1 МБ" in reply.text and not callback_data(reply, "du")
    assert len(bot.library.current.documents) == 2


async def test_a_slow_file_is_stopped_at_the_time_limit_while_others_are_answered(bot: RunningBot) -> None:
    since = bot.fake.mark()
    started = time.perf_counter()
    bot.fake.send_document("slow.pdf", many_pages_pdf(3000, lines=40), caption="Сынақ | law", user=ADMIN)
    await asyncio.sleep(0.5)  # the worker is reading
    asked = time.perf_counter()
    answer = await bot.say(QUESTION, STUDENT_KK)
    assert time.perf_counter() - asked < 2 and "өзін-өзі басқару" in answer.text.lower()
    call = await bot.fake.wait_call("sendMessage", since=since, chat_id=ADMIN.id, timeout=30)
    assert "3 секунд" in call.result["text"] and time.perf_counter() - started < 10
    assert len(bot.library.current.documents) == 2


# --- 3. no message floods --------------------------------------------------------------------------


async def test_a_document_of_one_repeated_word_cannot_flood_a_reader(bot: RunningBot) -> None:
    preview, _ = await upload(bot, "flood.txt", ("бюджеттік " * 40_000).encode())
    await bot.press(preview, "✅", user=ADMIN)
    assert len(bot.library.current.documents) == 3
    longest = max(len(p.text) for p in bot.library.current.index.passages)
    assert longest <= 2000
    since = bot.fake.mark()
    bot.fake.send_message("бюджеттік", user=STUDENT_RU)
    await bot.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_RU.id)
    await bot.fake.wait_idle()
    assert 1 <= len(bot.fake.calls_since(since, "sendMessage")) <= MAX_PARTS


# --- 6. webhook read timeouts ----------------------------------------------------------------------


async def test_the_webhook_drops_requests_that_trickle_in(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase,
                                                          tmp_path: Path) -> None:
    library = Library(shipped_kb, DEFAULT_KNOWLEDGE_DIR)
    settings = webhook_settings(fake_telegram, tmp_path, library.knowledge_dir, webhook_read_timeout=1)
    db = await Storage.open(settings.database_path)
    bot = create_bot(settings, local_session(settings.bot_api_url))
    dp = create_dispatcher(settings, library=library, db=db)
    try:
        async with serving_webhook(settings, dp, bot):
            headers = await _held_for(settings.webhook_port, b"POST /telegram/updates HTTP/1.1\r\nHost: x\r\n", b"X")
            body = await _held_for(settings.webhook_port, b"POST /telegram/updates HTTP/1.1\r\nHost: x\r\n"
                                   b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", b" ")
    finally:
        await db.close()
        await bot.session.close()
    assert headers < 4 and body < 4  # 150 s and more before: no read timeout at all


async def _held_for(port: int, start: bytes, trickle: bytes) -> float:
    """Seconds until the server gives up on a client that sends `start`, then `trickle` every 0.2 s."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    started = time.monotonic()
    try:
        writer.write(start)
        while time.monotonic() - started < 20:
            try:
                writer.write(trickle)
                await writer.drain()
                answer = await asyncio.wait_for(reader.read(100), 0.2)
            except TimeoutError:
                continue
            except ConnectionError:
                break
            if not answer or answer.startswith(b"HTTP/1.1 408"):
                break
    finally:
        writer.close()
    return time.monotonic() - started

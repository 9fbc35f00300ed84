"""The real bot under Bot API faults: 429, 5xx, timeouts, rejected HTML, a lost network, random failures."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.session.retry import RetryPolicy
from knowledge.base import KnowledgeBase
from tests.bot_harness import STUDENT_KK, STUDENT_RU, RunningBot, excerpt_of, running_bot
from tests.fake_bot_api import FakeTelegram, FakeUser, SentMessage

QUESTION = "Мәслихат деген не?"


@pytest.fixture
async def chat(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(fake_telegram, shipped_kb, tmp_path, request_timeout=1.0) as running:
        yield running


async def first_answer(fake: FakeTelegram, since: int, chat_id: int, timeout: float = 20) -> SentMessage:
    """The first message the bot managed to send to `chat_id` after call index `since`."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not (ids := carried_out(fake, "sendMessage", since, chat_id=chat_id)):
        assert asyncio.get_running_loop().time() < deadline, fake.dump(since)
        await asyncio.sleep(0.05)
    return fake.message(chat_id, ids[0])


def carried_out(fake: FakeTelegram, method: str, since: int = 0, **match: object) -> list[int]:
    """Message ids of the successful calls of `method` (matching params) from index `since`."""
    return [call.result["message_id"] if isinstance(call.result, dict) else 0
            for call in fake.calls_since(since, method)
            if call.error is None and all(str(call.params.get(k)) == str(v) for k, v in match.items())]


async def test_server_errors_are_retried_and_the_answer_arrives_once(chat: RunningBot) -> None:
    chat.fake.fail("sendMessage", status=500, times=2)
    since = chat.fake.mark()
    chat.fake.send_message(QUESTION, user=STUDENT_KK)
    answer = await first_answer(chat.fake, since, STUDENT_KK.id)
    await chat.fake.wait_idle()
    attempts = chat.fake.calls_since(since, "sendMessage")
    assert [c.error[0] if c.error else 200 for c in attempts] == [500, 500, 200]
    assert excerpt_of(answer)


async def test_flood_control_waits_as_told(chat: RunningBot) -> None:
    chat.fake.fail("sendMessage", status=429, retry_after=1)
    since = chat.fake.mark()
    chat.fake.send_message(QUESTION, user=STUDENT_KK)
    await first_answer(chat.fake, since, STUDENT_KK.id)
    refused, sent = chat.fake.calls_since(since, "sendMessage")
    assert refused.error is not None and refused.error[0] == 429 and sent.error is None
    assert sent.at - refused.at >= 0.9  # waited retry_after before sending again


async def test_the_retry_policy_gives_up_after_its_bound_and_the_bot_goes_on(
        fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    async with running_bot(fake_telegram, shipped_kb, tmp_path, retry=RetryPolicy(base_delay=0.05)) as chat:
        chat.fake.fail("sendMessage", status=500, times=6)  # as many as the policy tries
        since = chat.fake.mark()
        with caplog.at_level(logging.INFO):
            chat.fake.send_message(QUESTION, user=STUDENT_RU)
            told = await first_answer(chat.fake, since, STUDENT_RU.id)
        assert [c.error[0] for c in chat.fake.calls_since(since, "sendMessage") if c.error] == [500] * 6
        assert "sendMessage failed 6 times (last: TelegramServerError); giving up" in caplog.text
        # The error handler logged the update and, Telegram being back, told the user in their language.
        assert told.text == "⚠️ Извините, у меня что-то пошло не так. Попробуйте ещё раз через минуту."
        assert f"update {fake_telegram.updates[-1]['update_id']} (message) failed" in caplog.text
        assert excerpt_of(await chat.say(QUESTION, STUDENT_RU))


async def test_a_timed_out_answer_is_not_sent_twice(chat: RunningBot, caplog: pytest.LogCaptureFixture) -> None:
    """The request timeout is 1 s; Telegram carries the send out after 2 s: one answer, not two."""
    chat.fake.delay("sendMessage", 2.0)
    since = chat.fake.mark()
    with caplog.at_level(logging.WARNING):
        chat.fake.send_message(QUESTION, user=STUDENT_RU)
        await chat.fake.wait_idle(quiet=1.0, timeout=15)
    assert len(carried_out(chat.fake, "sendMessage", since, chat_id=STUDENT_RU.id)) == 1
    assert "Telegram may have delivered it" in caplog.text


async def test_a_timed_out_edit_is_retried(chat: RunningBot) -> None:
    reply = await chat.say(QUESTION, STUDENT_KK)
    excerpt = reply.text
    chat.fake.delay("editMessageText", 2.0)
    since = chat.fake.mark()
    chat.fake.press_button(reply, "Толық үзінді")
    await chat.fake.wait_idle(quiet=1.0, timeout=15)
    edits = chat.fake.calls_since(since, "editMessageText")
    # One attempt edits; the other, carried out second, finds nothing left to change.
    assert sorted(c.error[1] if c.error else "edited" for c in edits) == [
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the "
        "same as a current content and reply markup of the message", "edited"]
    assert reply.edits == 1 and reply.text.startswith("📄") and not excerpt.startswith("📄")


async def test_html_telegram_rejects_is_sent_again_as_plain_text(chat: RunningBot) -> None:
    chat.fake.fail("sendMessage", status=400, description="Bad Request: can't parse entities: Unsupported start "
                                                            "tag \"x\" at byte offset 0")
    since = chat.fake.mark()
    chat.fake.send_message(QUESTION, user=STUDENT_KK)
    await first_answer(chat.fake, since, STUDENT_KK.id)
    rejected, plain = chat.fake.calls_since(since, "sendMessage")
    assert rejected.error is not None and rejected.params["parse_mode"] == "HTML"
    assert "parse_mode" not in plain.params and plain.error is None
    message = chat.fake.message(STUDENT_KK.id, plain.result["message_id"])
    assert message.html is None and not message.bold() and "📖" in message.text  # the citation is kept
    assert message.buttons()  # the buttons stay


async def test_polling_survives_a_network_outage_and_resumes_at_the_right_offset(chat: RunningBot) -> None:
    first = await chat.say(QUESTION, STUDENT_KK)
    assert excerpt_of(first)
    await chat.fake.outage(2.0)  # the bot's long poll is cut, reconnects fail for 2 s
    since = chat.fake.mark()
    polls = len(chat.fake.polls)
    update_id = chat.fake.send_message("Әкімнің өкілеттігі қандай?", user=STUDENT_RU)
    await chat.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_RU.id, timeout=20)
    await chat.fake.wait_idle(quiet=0.5, timeout=10)  # idle: every update was confirmed by a later offset
    offsets = [int(p.params.get("offset") or 0) for p in chat.fake.polls[polls:]]
    # fetched from where polling stopped, then confirmed: nothing skipped or fetched again (a long poll that
    # ends empty on a busy machine may already ask from the next offset)
    assert update_id in offsets and set(offsets) <= {update_id, update_id + 1}
    assert len(carried_out(chat.fake, "sendMessage", chat_id=STUDENT_KK.id)) == 1  # not answered again
    assert len(carried_out(chat.fake, "sendMessage", chat_id=STUDENT_RU.id)) == 1


async def test_two_hundred_questions_with_a_fifth_of_calls_failing_are_each_answered_once(
        fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> None:
    users = [FakeUser(id=5000 + n, first_name=f"U{n}", language_code="kk" if n % 2 else "ru") for n in range(20)]
    questions = ["Мәслихат деген не?", "Әкім қалай тағайындалады?", "Что такое маслихат?",
                 "Жергілікті бюджет қалай бекітіледі?", "Кто назначает акима?", "Азаматтық қоғам деген не?",
                 "Жергілікті өзін-өзі басқару дегеніміз не?", "Что такое местное самоуправление?",
                 "Кеңестік кезеңдегі жергілікті кеңестер", "Закон о местном государственном управлении"]
    async with running_bot(fake_telegram, shipped_kb, tmp_path) as bot:
        fake_telegram.fail_randomly(0.2, seed=5)
        for question in questions:
            for user in users:
                fake_telegram.send_message(question, user=user)
        await wait_for_answers(fake_telegram, {user.id: len(questions) for user in users}, timeout=120)
        fake_telegram.fail_randomly(0)
        await fake_telegram.wait_idle(quiet=1.0, timeout=30)
        rows = await (await bot.db.db.execute("SELECT user_id, text FROM queries")).fetchall()
    assert fake_telegram.random_failures > 40  # the faults really happened
    sent = Counter(int(c.params["chat_id"]) for c in fake_telegram.calls
                   if c.method == "sendMessage" and c.error is None)
    assert sent == {user.id: len(questions) for user in users}
    asked = Counter((row[0], row[1]) for row in rows)
    assert asked == {(user.id, q): 1 for user in users for q in questions}


async def wait_for_answers(fake: FakeTelegram, expected: dict[int, int], timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        sent = Counter(int(c.params["chat_id"]) for c in fake.calls if c.method == "sendMessage" and c.error is None)
        if all(sent[chat] >= count for chat, count in expected.items()):
            return
        assert loop.time() < deadline, f"answers so far: {dict(sent)}"
        await asyncio.sleep(0.1)

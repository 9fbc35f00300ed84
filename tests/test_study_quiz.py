"""Quizzes end to end: the real bot sends quiz polls through the fake Bot API, members answer, /top ranks them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from knowledge.base import KnowledgeBase
from tests.bot_harness import GROUP, STUDENT_KK, STUDENT_RU, TEACHER, RunningBot, group_bot
from tests.fake_bot_api import BOT_USERNAME, FakeChat, FakeTelegram, FakeUser, SentMessage


@pytest.fixture
async def group(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with group_bot(fake_telegram, shipped_kb, tmp_path) as running:
        yield running


async def quiz_in(chat: RunningBot, text: str, where: FakeChat, user: FakeUser = TEACHER) -> tuple[SentMessage, Any]:
    """Write `text` (a /quiz command) and return the poll message the bot sent and its Poll object."""
    since = chat.fake.mark()
    chat.fake.send_message(text, user=user, chat=where)
    call = await chat.fake.wait_call("sendPoll", since=since, chat_id=where.id)
    assert call.error is None, call.describe()
    message = chat.fake.message(where.id, call.result["message_id"])
    return message, chat.fake.poll_of(message)


async def answers(chat: RunningBot, user_id: int) -> int:
    async with chat.db.db.execute("SELECT COUNT(*) FROM quiz_answers WHERE user_id = ?", (user_id,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def test_a_group_quiz_is_scored_ranked_and_forgotten(group: RunningBot) -> None:
    _, poll = await quiz_in(group, "/quiz", GROUP)
    assert poll["type"] == "quiz" and not poll["is_anonymous"]
    assert 2 <= len(poll["options"]) <= 10 and 0 <= poll["correct_option_id"] < len(poll["options"])
    assert "📖" in poll["explanation"]  # the citation
    right = poll["correct_option_id"]
    wrong = (right + 1) % len(poll["options"])
    group.fake.answer_poll(poll["id"], STUDENT_KK, [right])
    group.fake.answer_poll(poll["id"], STUDENT_RU, [wrong])

    _, second = await quiz_in(group, f"/quiz@{BOT_USERNAME}", GROUP)
    assert second["question"] != poll["question"]
    group.fake.answer_poll(second["id"], STUDENT_KK, [second["correct_option_id"]])
    group.fake.answer_poll(second["id"], STUDENT_RU, [second["correct_option_id"]])
    await group.fake.wait_idle()
    assert await answers(group, STUDENT_KK.id) == 2 and await answers(group, STUDENT_RU.id) == 2

    _, top = await group.say_in(GROUP, "/top", TEACHER)
    week, ever = top.text.split("\n\n")[1:3]
    for board in (week, ever):
        assert board.index(STUDENT_KK.first_name) < board.index(STUDENT_RU.first_name), top.text
        assert f"{STUDENT_KK.first_name}: 2 " in board and f"{STUDENT_RU.first_name}: 1 " in board

    forget = await group.say("/forget", STUDENT_RU)
    await group.press(forget, "🗑")
    assert await answers(group, STUDENT_RU.id) == 0 and await answers(group, STUDENT_KK.id) == 2
    _, top = await group.say_in(GROUP, "/top", TEACHER)
    assert STUDENT_RU.first_name not in top.text and STUDENT_KK.first_name in top.text


async def test_the_poll_opens_its_source_passage(group: RunningBot) -> None:
    message, poll = await quiz_in(group, "/quiz", GROUP)
    since = group.fake.mark()
    group.fake.press_button(message, "📄", user=STUDENT_RU)
    call = await group.fake.wait_call("sendMessage", since=since, chat_id=GROUP.id)
    passage = group.fake.message(GROUP.id, call.result["message_id"])
    assert passage.reply_to_message_id == message.message_id
    assert passage.entity_texts("blockquote") and "📖" in passage.text
    answer = poll["options"][poll["correct_option_id"]]["text"]
    assert answer.casefold() in passage.text.casefold() or poll["question"].startswith(("Как", "«"))


async def test_private_quiz_on_a_topic_and_progress(group: RunningBot) -> None:
    me = FakeChat(id=STUDENT_RU.id)
    seen = set()
    for _ in range(3):
        _, poll = await quiz_in(group, "/quiz akims", me, user=STUDENT_RU)
        assert poll["question"] not in seen
        seen.add(poll["question"])
        group.fake.answer_poll(poll["id"], STUDENT_RU, [poll["correct_option_id"]])
    await group.fake.wait_idle()
    report = await group.say("/progress", STUDENT_RU)
    assert "Акимы и маслихаты: 3 из 3 (100%)" in report.text, report.text


async def test_unknown_topic_lists_the_topics(group: RunningBot) -> None:
    reply = await group.say("/quiz астрономия", STUDENT_RU)
    assert "/quiz akims" in reply.text


async def test_the_quiz_button_under_a_topic(group: RunningBot) -> None:
    topics = await group.say("/topics", STUDENT_RU)
    await group.press(topics, "Акимы")
    since = group.fake.mark()
    group.fake.press_button(topics, "🎯", user=STUDENT_RU)
    call = await group.fake.wait_call("sendPoll", since=since, chat_id=STUDENT_RU.id)
    assert call.error is None, call.describe()

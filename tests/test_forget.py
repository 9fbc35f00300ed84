"""/forget: after a yes, nothing stored about the user is left; a no or another user's data is untouched."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from tests.bot_harness import STUDENT_KK, STUDENT_RU, RunningBot, running_bot
from tests.fake_bot_api import FakeChat, FakeTelegram

GROUP = FakeChat(id=-1001234567890, type="supergroup", title="ЖӨБ семинары")


@pytest.fixture
async def chat(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    fake_telegram.set_member_status(GROUP.id, STUDENT_RU, "member")
    async with running_bot(fake_telegram, shipped_kb, tmp_path) as running:
        yield running


async def stored(chat: RunningBot, user_id: int) -> tuple[int, int, int]:
    """(questions, votes, user rows) stored for a user."""
    counts = []
    for sql in ("SELECT COUNT(*) FROM queries WHERE user_id = ?", "SELECT COUNT(*) FROM feedback WHERE user_id = ?",
                "SELECT COUNT(*) FROM users WHERE id = ?"):
        async with chat.db.db.execute(sql, (user_id,)) as cursor:
            row = await cursor.fetchone()
        counts.append(int(row[0]) if row else 0)
    return counts[0], counts[1], counts[2]


async def leave_traces(chat: RunningBot) -> None:
    """Two private questions, one in a group, a vote, a language choice for STUDENT_RU; one question for KK."""
    first = await chat.say("Что такое маслихат?", STUDENT_RU)
    await chat.say("Кто назначает акима?", STUDENT_RU)
    await chat.say_in(GROUP, "/ask Что такое местное самоуправление?", STUDENT_RU)
    await chat.press(first, "👍")
    await chat.say("/lang", STUDENT_RU)
    await chat.say("Мәслихат деген не?", STUDENT_KK)


async def test_forget_deletes_everything_about_the_user_after_yes(chat: RunningBot) -> None:
    await leave_traces(chat)
    assert await stored(chat, STUDENT_RU.id) == (3, 1, 1)
    question = await chat.say("/forget", STUDENT_RU)
    assert question.text.startswith("🗑 Удалить всё, что я храню о вас")
    await chat.press(question, "Да, удалить")
    assert question.text == ("✅ Готово. Удалено: 3 вопроса, 1 оценка и выбранный язык. Дальше всё начнётся с "
                             "чистого листа.")
    assert await stored(chat, STUDENT_RU.id) == (0, 0, 0)
    assert await stored(chat, STUDENT_KK.id) == (1, 0, 1)  # someone else's data stays


async def test_cancel_deletes_nothing(chat: RunningBot) -> None:
    await leave_traces(chat)
    question = await chat.say("/forget", STUDENT_RU)
    await chat.press(question, "Отмена")
    assert question.text == "Ничего не удалено." and not question.buttons()
    assert await stored(chat, STUDENT_RU.id) == (3, 1, 1)


async def test_others_votes_on_a_forgotten_question_go_with_it(chat: RunningBot) -> None:
    _, answer = await chat.say_in(GROUP, "/ask Что такое маслихат?", STUDENT_RU)
    record = await chat.db.last_query(STUDENT_RU.id)
    assert record is not None
    await chat.db.vote(record.id, record.passage_ids[0], STUDENT_KK.id, 1)  # a classmate found it useful
    assert (await stored(chat, STUDENT_KK.id))[1] == 1
    await chat.press(await chat.say("/forget", STUDENT_RU), "Да, удалить")
    assert (await stored(chat, STUDENT_KK.id))[1] == 0  # a vote on a question that no longer exists
    assert answer.text  # the group's message is not touched


async def test_forget_in_a_group_points_to_the_private_chat(chat: RunningBot) -> None:
    written, reply = await chat.say_in(GROUP, "/forget", STUDENT_RU)
    assert reply.reply_to_message_id == written
    assert reply.text == "/forget работает только в личном чате со мной, чтобы этого никто не видел."
    assert not reply.buttons()

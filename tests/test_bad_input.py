"""Odd input through the real bot: floods, strange text, forged buttons, edits, channels, unknown updates.

Each case gets a clear answer or is ignored on purpose, and never reaches the error handler.
"""

from __future__ import annotations

import logging
import random
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram.dispatcher.event.bases import UNHANDLED

from knowledge.base import KnowledgeBase
from tests.bot_harness import STUDENT_KK, STUDENT_RU, RunningBot, callback_data, excerpt_of, running_bot
from tests.fake_bot_api import BOT_USERNAME, FakeChat, FakeTelegram, FakeUser

GROUP = FakeChat(id=-1001234567890, type="supergroup", title="ЖӨБ семинары")
CHANNEL = {"id": -1009876543210, "type": "channel", "title": "ЖӨБ жаңалықтары"}
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}
QUESTION = "Мәслихат деген не?"
NO_WORDS_KK = "Сұрақты сөзбен жазыңыз"
UNKNOWN_KK = "Мұндай команданы білмеймін."
SLOW_DOWN_RU = "⏳ Слишком много сообщений сразу. Подождите несколько секунд и отправьте вопрос ещё раз."


@pytest.fixture
async def chat(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path,
               caplog: pytest.LogCaptureFixture) -> AsyncIterator[RunningBot]:
    fake_telegram.set_member_status(GROUP.id, STUDENT_KK, "member")
    with caplog.at_level(logging.INFO):
        async with running_bot(fake_telegram, shipped_kb, tmp_path) as running:
            yield running
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors  # nothing reached the error handler or aiogram's own error log


def sent_to(fake: FakeTelegram, chat_id: int, since: int = 0) -> list[str]:
    """Texts of the messages the bot managed to send to a chat, from call index `since`."""
    return [fake.message(chat_id, c.result["message_id"]).text for c in fake.calls_since(since, "sendMessage")
            if c.error is None and int(c.params["chat_id"]) == chat_id]


# --- floods ---------------------------------------------------------------------------------------


async def test_a_flood_gets_a_bounded_number_of_answers_and_one_slow_down(
        fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> None:
    async with running_bot(fake_telegram, shipped_kb, tmp_path, throttle_messages=5, throttle_seconds=3) as bot:
        since = fake_telegram.mark()
        for n in range(30):
            fake_telegram.send_message(f"{QUESTION} {n}", user=STUDENT_RU)
        # The first answer, then quiet: a busy machine (tests run in parallel) may take longer than 0.5 s to start.
        await fake_telegram.wait_call("sendMessage", since=since, chat_id=STUDENT_RU.id, timeout=30)
        await fake_telegram.wait_idle(quiet=0.5)
        texts = sent_to(fake_telegram, STUDENT_RU.id, since)
        assert len(texts) == 6 and texts.count(SLOW_DOWN_RU) == 1
        stored = await (await bot.db.db.execute("SELECT COUNT(*) FROM queries")).fetchone()
        assert stored is not None and stored[0] == 5  # dropped messages are not questions
        await fake_telegram.wait_idle(quiet=3.0)  # the window passes: answered again
        assert excerpt_of(await bot.say(QUESTION, STUDENT_RU))


async def test_button_mashing_is_throttled_but_every_press_is_answered(
        fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> None:
    async with running_bot(fake_telegram, shipped_kb, tmp_path, throttle_messages=5, throttle_seconds=3) as bot:
        reply = await bot.say(QUESTION, STUDENT_KK)
        since = fake_telegram.mark()
        for _ in range(20):
            fake_telegram.press_button(reply, "Толық үзінді")
        await fake_telegram.wait_idle(quiet=0.5)
        answers = fake_telegram.calls_since(since, "answerCallbackQuery")
        assert len(answers) == 20  # no spinner left turning
        alerts = [a.params.get("text") for a in answers if a.params.get("show_alert") == "true"]
        assert alerts == ["⏳ Хабарламалар тым жиі келіп жатыр. Бірнеше секунд күтіп, сұрағыңызды қайта жіберіңіз."]


async def test_group_chatter_does_not_count_against_a_member(
        fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> None:
    fake_telegram.set_member_status(GROUP.id, STUDENT_KK, "member")
    async with running_bot(fake_telegram, shipped_kb, tmp_path, throttle_messages=2, throttle_seconds=60) as bot:
        for n in range(5):
            fake_telegram.send_message(f"Сәлем, бәрі! {n}", user=STUDENT_KK, chat=GROUP)
        _, reply = await bot.say_in(GROUP, f"/ask {QUESTION}")
        assert excerpt_of(reply)


# --- strange text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["\u200b\u200b", "😀🎉👍", "\x07\x1b\x7f", "⁉️ … — !!", "\u202e\u202c"])
async def test_text_without_words_gets_a_hint(chat: RunningBot, text: str) -> None:
    reply = await chat.say(text, STUDENT_KK)
    assert reply.text.startswith(NO_WORDS_KK)


async def test_invisible_characters_do_not_change_the_answer(chat: RunningBot) -> None:
    clean = excerpt_of(await chat.say(QUESTION, STUDENT_KK))
    for odd in ("Мәсли\u200bхат деген не?", "\u202eМәслихат деген не?\u202c", "Мәсли\u00adхат\ufeff деген не?",
                "Мәслихат\x00 деген\tне?"):
        reply = await chat.say(odd, STUDENT_KK)
        assert excerpt_of(reply) == clean, odd
        assert not any(ch in reply.text for ch in "\u202e\u200b\x00")


@pytest.mark.parametrize("text", ["<script>alert(1)</script> маслихат", "**Маслихат** _деген_ `не`?",
                                  "[мәслихат](http://example.com) &amp; <b>", "</blockquote> мәслихат <i"])
async def test_markup_looking_text_is_text(chat: RunningBot, text: str) -> None:
    reply = await chat.say(text, STUDENT_RU)  # say() fails on any Telegram error, HTML parsing included
    # Its one word was searched: an excerpt, or (the rest being no question) the closest passages.
    assert callback_data(reply, "ps") if reply.text.startswith("📭") else excerpt_of(reply)


@pytest.mark.parametrize("text", ["מה זה מסליחט?", "ما هو المجلس المحلي؟"])
async def test_right_to_left_text_gets_the_no_answer_reply(chat: RunningBot, text: str) -> None:
    reply = await chat.say(text, STUDENT_RU)
    assert reply.text.startswith("📭 В моих источниках нет ответа на этот вопрос.")
    assert not any(ch in reply.text for ch in text if ch.isalpha())  # nothing of it is echoed to garble the reply


async def test_an_over_long_question_is_trimmed_with_a_note(chat: RunningBot) -> None:
    question = QUESTION + " " + " ".join(["жергілікті өзін-өзі басқару органдарының өкілеттігі"] * 80)
    assert len(question) > 3000
    reply = await chat.say(question, STUDENT_KK)
    note, rest = reply.text.split("\n\n", 1)
    assert note == "✂️ Хабарлама ұзын: мен оның алғашқы 500 таңбасы бойынша іздедім."
    assert rest.startswith(("✅", "🤔"))
    stored = await (await chat.db.db.execute("SELECT text FROM queries")).fetchone()
    assert stored is not None and 250 < len(stored[0]) <= 500 and question.startswith(stored[0])


# --- commands, edits, channels --------------------------------------------------------------------


async def test_unknown_commands(chat: RunningBot) -> None:
    assert (await chat.say("/frobnicate", STUDENT_KK)).text.startswith(UNKNOWN_KK)
    _, reply = await chat.say_in(GROUP, f"/frobnicate@{BOT_USERNAME} now")
    assert reply.text.startswith(UNKNOWN_KK)
    for text in ("/frobnicate", "/frobnicate@quiz_bot"):  # maybe another bot's: not ours to answer
        await chat.silent_on(GROUP, text)


async def test_an_edited_question_is_answered_again_as_a_reply_to_it(chat: RunningBot) -> None:
    first = await chat.say("Маслихат", STUDENT_RU)
    written = max(message["message_id"] for message in chat.fake.user_messages(STUDENT_RU.id))
    since = chat.fake.mark()
    chat.fake.edit_message(STUDENT_RU.id, written, "Кто назначает акима?")
    call = await chat.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_RU.id)
    again = chat.fake.message(STUDENT_RU.id, call.result["message_id"])
    assert again.reply_to_message_id == written and again.message_id != first.message_id
    async with chat.db.db.execute("SELECT text FROM queries ORDER BY id") as cursor:
        assert [row[0] for row in await cursor.fetchall()] == ["Маслихат", "Кто назначает акима?"]


async def test_edits_in_a_group_are_ignored(chat: RunningBot) -> None:
    written, _ = await chat.say_in(GROUP, f"/ask {QUESTION}")
    since = chat.fake.mark()
    chat.fake.edit_message(GROUP.id, written, "/ask Әкімді кім тағайындайды?")
    await chat.fake.wait_idle()
    assert not sent_to(chat.fake, GROUP.id, since)


def _group_message(fake: FakeTelegram, text: str, **fields: Any) -> int:
    message = fake.compose_message(STUDENT_KK, GROUP)
    message.update(text=text, **fields)
    return fake.add_update({"message": message})


async def test_channel_posts_in_a_group_are_not_questions(chat: RunningBot) -> None:
    since = chat.fake.mark()
    mention = [{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}]
    _group_message(chat.fake, f"@{BOT_USERNAME} {QUESTION}", entities=mention,
                   is_automatic_forward=True, sender_chat=CHANNEL, **{"from": {"id": 777000, "is_bot": False,
                                                                              "first_name": "Telegram"}})
    _group_message(chat.fake, f"@{BOT_USERNAME} {QUESTION}", entities=mention, sender_chat=CHANNEL,
                   **{"from": CHANNEL_BOT})
    await chat.fake.wait_idle()
    assert not sent_to(chat.fake, GROUP.id, since)


async def test_an_anonymous_admin_is_answered(chat: RunningBot) -> None:
    since = chat.fake.mark()
    chat.fake.send_message(f"/ask {QUESTION}", chat=GROUP, anonymous_admin=True)
    call = await chat.fake.wait_call("sendMessage", since=since, chat_id=GROUP.id)
    assert excerpt_of(chat.fake.message(GROUP.id, call.result["message_id"]))


@pytest.mark.parametrize("update", [
    {"channel_post": {"message_id": 5, "chat": CHANNEL, "date": 1, "sender_chat": CHANNEL, "text": QUESTION}},
    {"edited_channel_post": {"message_id": 5, "chat": CHANNEL, "date": 1, "edit_date": 2, "text": QUESTION}},
    {"message_reaction": {"chat": {"id": 2001, "type": "private"}, "message_id": 3, "date": 1,
                          "old_reaction": [], "new_reaction": [{"type": "emoji", "emoji": "👍"}],
                          "user": {"id": 2001, "is_bot": False, "first_name": "A"}}},
    {"poll": {"id": "1", "question": "?", "options": [{"persistent_id": "o1", "text": "a", "voter_count": 0}],
              "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular",
              "allows_multiple_answers": False, "allows_revoting": False, "members_only": False}},
    {"chat_join_request": {"chat": {"id": GROUP.id, "type": "supergroup", "title": "g"}, "date": 1,
                           "from": {"id": 2001, "is_bot": False, "first_name": "A"}, "user_chat_id": 2001}},
    {"message": {"message_id": 9, "date": 1, "chat": {"id": 2001, "type": "private", "first_name": "A"},
                 "from": {"id": 2001, "is_bot": False, "first_name": "A"},
                 "pinned_message": {"message_id": 8, "date": 0, "chat": {"id": 2001, "type": "private"}}}},
], ids=["channel_post", "edited_channel_post", "message_reaction", "poll", "chat_join_request", "pinned"])
async def test_updates_the_bot_does_not_handle_are_ignored(chat: RunningBot, update: dict[str, Any]) -> None:
    kind = next(iter(update))
    if kind != "message":
        assert kind not in chat.dp.resolve_used_update_types()  # Telegram is asked not to send them
    since = chat.fake.mark()
    result = await chat.dp.feed_raw_update(chat.bot, {"update_id": 10_000, **update})
    assert result is UNHANDLED and not chat.fake.calls_since(since)


# --- forged buttons -------------------------------------------------------------------------------

PREFIXES = ["a", "v", "lg", "tl", "tp", "ps", "sh", "gl", "dk", "du", "dr", "ud", "fg", "zz", ""]
PIECES = ["", "0", "-1", "1", "99999999999999999999", "e", "f", "x", "kk", "ru", "auto", "true", "1e3", "😀",
          "\x00", "ә", ":", "::", "<b>", "%", "..", "nan"]


def forged_data(count: int, seed: int = 11) -> list[str]:
    """Callback data no keyboard of the bot ever carried, within Telegram's 64 bytes."""
    rng = random.Random(seed)
    found: list[str] = []
    while len(found) < count:
        data = ":".join([rng.choice(PREFIXES), *(rng.choice(PIECES) for _ in range(rng.randint(0, 5)))])
        if 1 <= len(data.encode()) <= 64:
            found.append(data)
    return found


async def test_forged_and_stale_buttons_get_an_answer_and_break_nothing(chat: RunningBot) -> None:
    reply = await chat.say(QUESTION, STUDENT_KK)
    for data in forged_data(60):
        answer = await chat.press_data(reply, data)  # fails unless the press is answered
        assert answer.error is None
    after = await chat.say("Әкімді кім тағайындайды?", STUDENT_KK)
    assert excerpt_of(after)


async def test_a_forged_press_in_a_group_by_a_stranger_changes_nothing(chat: RunningBot) -> None:
    _, reply = await chat.say_in(GROUP, f"/ask {QUESTION}")
    stranger = FakeUser(id=4242, first_name="Stranger", language_code="ru")
    chat.fake.set_member_status(GROUP.id, stranger, "left")
    before = reply.text
    answer = await chat.press_data(reply, "a:1:0:f", user=stranger)
    assert answer.params.get("show_alert") == "true" and reply.text == before

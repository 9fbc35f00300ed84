"""Study groups: the real bot in a supergroup, through the fake Bot API."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.session.pacing import GroupPacer
from knowledge.base import KnowledgeBase
from knowledge.normalize import squash
from tests.bot_harness import (
    GROUP,
    STUDENT_KK,
    STUDENT_RU,
    TEACHER,
    RunningBot,
    after_excerpt,
    callback_data,
    excerpt_of,
    group_bot,
    running_bot,
)
from tests.fake_bot_api import BOT_USERNAME, FakeChat, FakeTelegram, FakeUser

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = next(p for p in (ROOT.parent / "shared/eval/dev_qa.jsonl", ROOT / "tests/eval/dev_qa.jsonl") if p.exists())
DEV = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
SMALL_GROUP = FakeChat(id=-4321, type="group", title="Study group")
OTHER_BOT = FakeUser(id=777000111, first_name="Quiz", username="quiz_bot", is_bot=True)
QUESTION_KK = "Жергілікті өзін-өзі басқару деген не?"


@pytest.fixture
async def group(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with group_bot(fake_telegram, shipped_kb, tmp_path) as running:
        yield running


async def test_silent_on_chatter_and_on_what_is_meant_for_other_bots(group: RunningBot) -> None:
    for text in ("Сәлем бәрі! Ертең семинар бар ма?", "Жергілікті өзін-өзі басқару деген не?",
                 "/ask@quiz_bot Мәслихат деген не?", "/start@quiz_bot", "/quiz@quiz_bot", "@quiz_bot мәслихат"):
        await group.silent_on(GROUP, text)
    await group.silent_on(GROUP, "/ask Мәслихат деген не?", user=OTHER_BOT)


@pytest.mark.parametrize("form", ["/ask {q}", f"/ask@{BOT_USERNAME} {{q}}", f"@{BOT_USERNAME} {{q}}",
                                  f"{{q}} @{BOT_USERNAME}"])
async def test_answers_when_addressed_as_a_reply_to_the_question(group: RunningBot, form: str) -> None:
    written, reply = await group.say_in(GROUP, form.format(q=QUESTION_KK))
    assert reply.reply_to_message_id == written
    assert "өзін-өзі басқару" in excerpt_of(reply).lower()
    assert "📖" in reply.text  # the citation
    await group.fake.wait_idle()
    sent = [c for c in group.fake.calls if c.method == "sendMessage" and str(c.params["chat_id"]) == str(GROUP.id)]
    assert len(sent) == 1  # one message per question


async def test_a_reply_to_the_bot_is_a_question(group: RunningBot) -> None:
    _, intro = await group.say_in(GROUP, "/ask Мәслихат деген не?")
    written, reply = await group.say_in(GROUP, "Әкімді кім тағайындайды?", reply_to=intro.message_id)
    assert reply.reply_to_message_id == written
    assert "📖" in reply.text
    # A reply to someone else's message is chatter.
    await group.silent_on(GROUP, "Мен де білгім келеді", reply_to=written)


async def test_group_answer_is_short_and_opens_in_place(group: RunningBot) -> None:
    _, reply = await group.say_in(GROUP, "/ask " + QUESTION_KK)
    private = await group.say(QUESTION_KK, STUDENT_KK)
    labels = [text for text, _ in reply.buttons()]
    assert len(labels) < len(private.buttons())
    assert not any("👍" in label or "👎" in label for label in labels)
    assert len(reply.text) < len(private.text) + 1
    # Full passage opens in place, by any member.
    await group.press(reply, "📄", user=STUDENT_RU)
    assert reply.edits == 1 and len(reply.text) > len(excerpt_of(reply)) and "📖" in reply.text
    assert next(text for text, _ in reply.buttons()).startswith("◀")
    await group.press(reply, "◀", user=STUDENT_RU)
    if callback_data(reply, "a")[1:]:  # more results, still one message
        await group.press(reply, "▶", user=TEACHER)
        assert reply.edits == 3
    sent = [c for c in group.fake.calls if c.method == "sendMessage" and str(c.params["chat_id"]) == str(GROUP.id)]
    assert len(sent) == 1


@pytest.mark.parametrize(("user", "no_answer"), [(STUDENT_RU, "📭 В моих источниках нет ответа на этот вопрос."),
                                                 (STUDENT_KK, "📭 Менің дереккөздерімде бұл сұраққа жауап жоқ.")])
async def test_off_topic_question_gets_one_compact_no_answer(group: RunningBot, user: FakeUser, no_answer: str) -> None:
    written, reply = await group.say_in(GROUP, "/ask как приготовить плов", user=user)
    assert reply.reply_to_message_id == written
    assert reply.text.startswith(no_answer) and "\n\n" not in reply.text
    assert reply.buttons()[-1][1] == "tl:0"
    await group.fake.wait_idle()
    sent = [c for c in group.fake.calls if c.method == "sendMessage" and str(c.params["chat_id"]) == str(GROUP.id)]
    assert len(sent) == 1
    await group.press(reply, "🗂", user=TEACHER)  # the topic menu, in place
    assert reply.edits == 1 and callback_data(reply, "tp")


async def test_kazakh_answer_to_a_russian_member_glosses_its_terms(group: RunningBot) -> None:
    _, ru = await group.say_in(GROUP, "/ask что такое местное самоуправление", user=STUDENT_RU)
    assert any(ch in excerpt_of(ru) for ch in "әғқңөұүһі"), "expected a Kazakh passage"
    gloss = next(line for line in after_excerpt(ru).splitlines() if line)
    assert gloss.startswith("🔤 ") and "местное самоуправление" in gloss
    _, kk = await group.say_in(GROUP, "/ask " + QUESTION_KK, user=STUDENT_KK)
    assert kk.text.count("📖") == 1 and "местное самоуправление" not in kk.text


async def test_ask_without_a_question_and_a_bare_mention_say_how_to_ask(group: RunningBot) -> None:
    for text in ("/ask", f"/ask@{BOT_USERNAME}", f"@{BOT_USERNAME}"):
        written, reply = await group.say_in(GROUP, text)
        assert reply.reply_to_message_id == written
        assert "/ask" in reply.text and "📖" not in reply.text


@pytest.mark.parametrize("item", [i for i in DEV if i["lang"] in ("kk", "ru")][:6], ids=lambda i: i["id"])
async def test_dev_questions_in_a_group_quote_the_gold_span(group: RunningBot, item: dict) -> None:
    _, reply = await group.say_in(GROUP, "/ask " + item["q"], user=STUDENT_RU)
    assert any(squash(gold) in squash(excerpt_of(reply)) for gold in item["gold"])


async def test_introduces_itself_when_added_in_the_adders_language(group: RunningBot) -> None:
    since = group.fake.mark()
    group.fake.add_bot_to_group(SMALL_GROUP, by=STUDENT_RU)
    call = await group.fake.wait_call("sendMessage", since=since, chat_id=SMALL_GROUP.id)
    intro = group.fake.message(SMALL_GROUP.id, call.result["message_id"])
    assert "/ask" in intro.text and f"@{BOT_USERNAME}" in intro.text
    assert "Здравствуйте" in intro.text or "Привет" in intro.text
    async with group.db.db.execute("SELECT left_at FROM groups WHERE id = ?", (SMALL_GROUP.id,)) as cursor:
        assert tuple(await cursor.fetchone() or ("missing",)) == (None,)
    since = group.fake.mark()
    group.fake.remove_bot_from_group(SMALL_GROUP, by=STUDENT_RU)
    await group.fake.wait_idle()
    assert not group.fake.calls_since(since, "sendMessage")
    async with group.db.db.execute("SELECT left_at FROM groups WHERE id = ?", (SMALL_GROUP.id,)) as cursor:
        assert (await cursor.fetchone() or [None])[0] is not None


async def test_group_language_follows_the_asker_until_an_admin_fixes_it(group: RunningBot) -> None:
    _, kk = await group.say_in(GROUP, "/ask " + QUESTION_KK, user=STUDENT_KK)
    _, ru = await group.say_in(GROUP, "/ask " + QUESTION_KK, user=STUDENT_RU)
    assert "Дереккөздерден табылды" in kk.text or "✅" in kk.text
    assert kk.text.splitlines()[0] != ru.text.splitlines()[0]  # the header speaks each asker's language

    # A member who is not an admin cannot.
    written, refused = await group.say_in(GROUP, "/lang", user=STUDENT_KK)
    assert refused.reply_to_message_id == written and not refused.buttons()

    group.fake.set_member_status(GROUP.id, TEACHER, "administrator")
    _, menu = await group.say_in(GROUP, "/lang", user=TEACHER)
    assert len(callback_data(menu, "gl")) == 3
    answer = await group.press(menu, "Русский", user=STUDENT_KK, edits=False)  # not an admin: refused
    assert answer.params.get("show_alert") in (True, "true") and menu.edits == 0
    await group.press(menu, "Русский", user=TEACHER)
    assert "✓" in next(text for text, _ in menu.buttons() if "Русский" in text)

    _, fixed = await group.say_in(GROUP, "/ask " + QUESTION_KK, user=STUDENT_KK)
    assert fixed.text.splitlines()[0] == ru.text.splitlines()[0]
    assert ("chat:" + str(GROUP.id), "") in {key[:2] for key in group.fake.commands}

    # Back to each asker's own language.
    await group.press(menu, "🌐", user=TEACHER)
    _, again = await group.say_in(GROUP, "/ask " + QUESTION_KK, user=STUDENT_KK)
    assert again.text.splitlines()[0] == kk.text.splitlines()[0]


async def test_an_anonymous_admin_may_set_the_language(group: RunningBot) -> None:
    since = group.fake.mark()
    group.fake.send_message("/lang", chat=GROUP, anonymous_admin=True)
    call = await group.fake.wait_call("sendMessage", since=since, chat_id=GROUP.id)
    menu = group.fake.message(GROUP.id, call.result["message_id"])
    assert callback_data(menu, "gl")


async def test_topics_menu_in_a_group_is_for_members_only(group: RunningBot) -> None:
    written, menu = await group.say_in(GROUP, "/topics", user=STUDENT_KK)
    assert menu.reply_to_message_id == written and len(callback_data(menu, "tp")) >= 8
    await group.press(menu, menu.buttons()[0][0], user=STUDENT_RU)  # a member opens a topic in place
    assert menu.edits == 1 and callback_data(menu, "ps")
    stranger = FakeUser(id=3999, first_name="Stranger", language_code="ru")
    group.fake.set_member_status(GROUP.id, stranger, "left")
    before = menu.text
    answer = await group.press_data(menu, callback_data(menu, "ps")[0], user=stranger)
    assert answer.params.get("show_alert") in (True, "true")
    await group.fake.wait_idle()
    assert menu.text == before and menu.edits == 1


async def test_a_burst_of_questions_is_queued_within_the_group_limit(fake_telegram: FakeTelegram,
                                                                      shipped_kb: KnowledgeBase,
                                                                      tmp_path: Path) -> None:
    """Seven questions at once, a limit of three messages a second: all answered, none refused."""
    fake_telegram.group_limit(3, 1.0)
    async with running_bot(fake_telegram, shipped_kb, tmp_path, pacer=GroupPacer(3, 1.0)) as group:
        since = fake_telegram.mark()
        users = [FakeUser(id=3200 + n, language_code="kk") for n in range(7)]
        written = []
        for user in users:
            fake_telegram.send_message("/ask " + QUESTION_KK, user=user, chat=GROUP)
            written.append(fake_telegram.updates[-1]["message"]["message_id"])
        deadline = asyncio.get_running_loop().time() + 15
        while len([c for c in fake_telegram.calls_since(since, "sendMessage") if c.error is None]) < 7:
            assert asyncio.get_running_loop().time() < deadline, fake_telegram.dump(since)
            await asyncio.sleep(0.05)
        sends = fake_telegram.calls_since(since, "sendMessage")
        assert all(c.error is None for c in sends), [c.describe() for c in sends if c.error]
        replied = sorted(group.fake.message(GROUP.id, c.result["message_id"]).reply_to_message_id or 0 for c in sends)
        assert replied == sorted(written)  # each question answered once
        times = sorted(c.at for c in sends)
        assert times[3] - times[0] >= 0.9 and times[6] - times[3] >= 0.9  # queued, not dropped


async def test_with_privacy_mode_on_what_telegram_delivers_is_answered(privacy_fake: FakeTelegram,
                                                                       shipped_kb: KnowledgeBase,
                                                                       tmp_path: Path) -> None:
    """Telegram's default for bots: only commands, replies to the bot and mentions reach it."""
    async with running_bot(privacy_fake, shipped_kb, tmp_path) as private:
        await private.silent_on(GROUP, "Жергілікті өзін-өзі басқару деген не?")
        assert privacy_fake.undelivered  # never reached the bot
        _, by_command = await private.say_in(GROUP, "/ask " + QUESTION_KK)
        _, by_mention = await private.say_in(GROUP, f"@{BOT_USERNAME} Мәслихат деген не?")
        written, by_reply = await private.say_in(GROUP, "Әкімді кім тағайындайды?", reply_to=by_command.message_id)
        assert by_reply.reply_to_message_id == written
        assert all("📖" in reply.text for reply in (by_command, by_mention, by_reply))

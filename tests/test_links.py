"""Deep links (`t.me/<bot>?start=…`) and /share, through the fake Bot API."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.normalize import squash
from tests.bot_harness import STUDENT_KK, STUDENT_RU, RunningBot, callback_data, running_bot
from tests.fake_bot_api import BOT_USERNAME, FakeChat, FakeTelegram, FakeUser

LINK = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=(p_[0-9a-f]+|topic_[a-z0-9-]+)")
GROUP = FakeChat(id=-1009876, type="supergroup", title="Семинар")


@pytest.fixture
async def chat(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(fake_telegram, shipped_kb, tmp_path) as running:
        yield running


def links(text: str) -> list[str]:
    return [match.group(1) for match in LINK.finditer(text)]


async def test_passage_link_opens_the_whole_passage(chat: RunningBot) -> None:
    passage = chat.kb.index.passages[10]
    reply = await chat.say(f"/start p_{passage.passage_id}", STUDENT_RU)
    assert squash(passage.text.splitlines()[0]) in squash(reply.text)
    assert "📖" in reply.text and callback_data(reply, "tp")  # its citation, and the way to its topic


@pytest.mark.parametrize("payload", ["p_0123456789ab", "topic_no-such-topic", "p_", "whatever"])
async def test_broken_links_fall_back_to_the_topics(chat: RunningBot, payload: str) -> None:
    reply = await chat.say(f"/start {payload}", STUDENT_KK)
    assert len(callback_data(reply, "tp")) >= 8


async def test_link_button_gives_a_link_that_opens_the_same_passage(chat: RunningBot) -> None:
    answer = await chat.say("Токвиль қандай еңбек жазды?", STUDENT_KK)
    since = chat.fake.mark()
    chat.fake.press_button(answer, "🔗", user=STUDENT_KK)
    call = await chat.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_KK.id)
    shared = chat.fake.message(STUDENT_KK.id, call.result["message_id"])
    found = links(shared.text)
    assert found[0].startswith("p_") and all(link.startswith("topic_") for link in found[1:])
    share_url = shared.buttons()[0][1]
    assert share_url.startswith("https://t.me/share/url?") and BOT_USERNAME in share_url
    opened = await chat.say(f"/start {found[0]}", STUDENT_RU)  # a classmate follows the link
    assert any(found[0][2:] in data for data in callback_data(opened, "ps"))  # the same passage
    if len(found) > 1:
        topic = await chat.say(f"/start {found[1]}", STUDENT_RU)
        assert f"ps:{found[1].removeprefix('topic_')}" in " ".join(callback_data(topic, "ps"))


async def test_share_command_links_the_answer_replied_to(chat: RunningBot) -> None:
    first = await chat.say("/share", STUDENT_RU)
    assert not links(first.text)  # nothing asked yet: says how
    answer = await chat.say("Что такое местное самоуправление?", STUDENT_RU)
    await chat.press(answer, "▶")  # now showing result 2
    shown = answer.buttons()[0][1]  # a:<query>:<rank>:… of the passage on screen
    rank = int(shown.split(":")[2])
    record = await chat.db.get_query(int(shown.split(":")[1]))
    assert record is not None and rank == 1
    since = chat.fake.mark()
    chat.fake.send_message("/share", user=STUDENT_RU, reply_to=answer.message_id)
    call = await chat.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_RU.id)
    assert links(chat.fake.message(STUDENT_RU.id, call.result["message_id"]).text)[0] == "p_" + record.passage_ids[1]
    latest = await chat.say("/share", STUDENT_RU)  # no reply: the latest question's best passage
    assert links(latest.text)[0] == "p_" + record.passage_ids[0]


async def test_share_in_a_group_replies_with_the_link(chat: RunningBot) -> None:
    _, answer = await chat.say_in(GROUP, "/ask Мәслихат деген не?", STUDENT_KK)
    written, shared = await chat.say_in(GROUP, "/share", FakeUser(id=3300, language_code="kk"),
                                        reply_to=answer.message_id)
    assert shared.reply_to_message_id == written and links(shared.text)[0].startswith("p_")


async def test_a_passage_that_continues_a_list_opens_with_its_lead_in(chat: RunningBot) -> None:
    """The third and fourth principles stand in a passage of their own: opened whole, it says what they are."""
    passage = next(p for p in chat.kb.index.passages if p.lead and p.text.startswith("3."))
    reply = await chat.say(f"/start p_{passage.passage_id}", STUDENT_KK)
    assert "қағидаларды бөлуге болады:" in reply.text and "<i>" in reply.html
    assert reply.text.index("қағидаларды бөлуге болады") < reply.text.index("3. Жергілікті")

"""Term cards and «Cite» end to end, through the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services.cards import DAILY_CARDS
from knowledge.base import KnowledgeBase
from tests.bot_harness import STUDENT_KK, STUDENT_RU, RunningBot, running_bot
from tests.fake_bot_api import FakeTelegram


@pytest.fixture
async def chat(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(fake_telegram, shipped_kb, tmp_path) as running:
        yield running


def front(text: str) -> str:
    """The term on a card (its second paragraph)."""
    return text.split("\n\n")[1]


async def test_a_card_not_known_comes_back_first(chat: RunningBot) -> None:
    card = await chat.say("/cards", STUDENT_RU)
    first = front(card.text)
    assert card.text.startswith(f"🃏 Карточка 1 из {DAILY_CARDS}")
    await chat.press(card, "👀", STUDENT_RU)
    assert first in card.text and " — " in card.text  # the back: the term and its meaning
    await chat.press(card, "❌", STUDENT_RU)
    second = front(card.text)
    assert second != first  # not the same card twice in a row
    await chat.press(card, "👀", STUDENT_RU)
    await chat.press(card, "✅", STUDENT_RU)
    assert front(card.text) == first  # the card not known comes back before any new one
    assert card.text.startswith(f"🃏 Карточка 3 из {DAILY_CARDS}")
    async with chat.db.db.execute("SELECT card, box FROM cards WHERE user_id = ? ORDER BY box", (STUDENT_RU.id,)) as c:
        boxes = [row[1] for row in await c.fetchall()]
    assert boxes == [1, 2]
    forget = await chat.say("/forget", STUDENT_RU)
    await chat.press(forget, "🗑", STUDENT_RU)
    assert await chat.db.cards_of(STUDENT_RU.id) == {}


async def test_cards_on_a_topic_in_kazakh_show_the_russian_side_first(chat: RunningBot) -> None:
    card = await chat.say("/cards akims", STUDENT_KK)
    assert card.text.startswith("🃏") and any("а" <= ch <= "я" for ch in front(card.text))
    assert not any(ch in "әғқңөұүһі" for ch in front(card.text).lower())


async def test_the_daily_limit_ends_the_session(chat: RunningBot) -> None:
    card = await chat.say("/cards", STUDENT_RU)
    for _ in range(DAILY_CARDS):
        await chat.press(card, "👀", STUDENT_RU)
        await chat.press(card, "✅", STUDENT_RU)
    assert card.text.startswith(f"На сегодня всё: {DAILY_CARDS} карточек")
    again = await chat.say("/cards", STUDENT_RU)
    assert again.text == card.text


async def test_cite_gives_both_references_and_says_what_the_source_lacks(chat: RunningBot) -> None:
    topics = await chat.say("/topics", STUDENT_RU)
    await chat.press(topics, "Акимы", STUDENT_RU)
    passage_button = next(text for text, data in topics.buttons() if data.startswith("ps:"))
    await chat.press(topics, passage_button, STUDENT_RU)
    since = chat.fake.mark()
    chat.fake.press_button(topics, "📝", user=STUDENT_RU)
    call = await chat.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_RU.id)
    cited = chat.fake.message(STUDENT_RU.id, call.result["message_id"])
    russian, kazakh = cited.entity_texts("code")
    assert "ГОСТ Р 7.0.100–2018" in cited.text
    assert "[Б. м.], [б. г.]. – Раздел «" in russian and ", фрагмент " in russian
    assert "[жері көрсетілмеген], [жылы көрсетілмеген]. – «" in kazakh and "-үзінді." in kazakh
    assert "не указаны автор или год" in cited.text

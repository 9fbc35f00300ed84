"""Inline look-ups (`@bot question` in any chat) through the fake Bot API."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.services.answers import search
from knowledge.base import KnowledgeBase
from knowledge.normalize import squash
from tests.bot_harness import STUDENT_KK, STUDENT_RU, RunningBot, after_excerpt, running_bot
from tests.fake_bot_api import BOT_USERNAME, FakeChat, FakeTelegram, FakeUser

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = next(p for p in (ROOT.parent / "shared/eval/dev_qa.jsonl", ROOT / "tests/eval/dev_qa.jsonl") if p.exists())
DEV = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
FRIEND_CHAT = FakeChat(id=5005, type="private")
LINK = f"https://t.me/{BOT_USERNAME}?start="
NO_ANSWER_RU = "📭 В моих источниках нет ответа на этот вопрос."


@pytest.fixture
async def inline(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(fake_telegram, shipped_kb, tmp_path) as running:
        yield running


async def look_up(running: RunningBot, text: str, user: FakeUser = STUDENT_KK) -> tuple[str, dict[str, Any]]:
    query_id = running.fake.send_inline_query(text, user=user)
    call = await running.fake.wait_inline_answer(query_id)
    assert call.error is None, call.describe()
    return query_id, call.params


def within_limits(params: dict[str, Any]) -> list[dict[str, Any]]:
    results = params["results"]
    assert 1 <= len(results) <= 10
    ids = [r["id"] for r in results]
    assert len(set(ids)) == len(ids) and all(1 <= len(i.encode()) <= 64 for i in ids)
    assert int(params["cache_time"]) > 0
    assert str(params.get("is_personal", "false")).lower() == "false"
    return results


@pytest.mark.parametrize("item", DEV, ids=lambda i: i["id"])
async def test_dev_question_first_description_holds_the_gold_span(inline: RunningBot, item: dict) -> None:
    _, params = await look_up(inline, item["q"], STUDENT_RU)
    results = within_limits(params)
    assert any(squash(gold) in squash(results[0]["description"]) for gold in item["gold"])


async def test_results_are_the_private_chats_search(inline: RunningBot) -> None:
    question = "Токвиль қандай еңбек жазды?"
    _, params = await look_up(inline, question)
    expected = [hit.passage.passage_id for hit in search(inline.kb, question).hits][:10]
    assert [r["id"] for r in within_limits(params)] == expected


async def test_a_chosen_result_posts_the_excerpt_and_citation(inline: RunningBot) -> None:
    query_id, params = await look_up(inline, "Жергілікті өзін-өзі басқару деген не?")
    first = params["results"][0]
    posted = inline.fake.choose_inline_result(query_id, first["id"], FRIEND_CHAT)
    assert squash(first["description"]) in squash(posted.text)
    assert "📖" in posted.text and posted.bold()  # citation, matched words in bold
    assert posted.buttons() == [(posted.buttons()[0][0], LINK + "p_" + first["id"])]


@pytest.mark.parametrize("text", ["", " ", "а", "1", "?!"])
async def test_a_query_too_short_lists_the_topics(inline: RunningBot, text: str) -> None:
    query_id, params = await look_up(inline, text)
    results = within_limits(params)
    slugs = [topic.slug for topic in inline.kb.topics.topics][:10]  # the first page
    assert [r["id"] for r in results] == [f"topic_{slug}" for slug in slugs]
    posted = inline.fake.choose_inline_result(query_id, results[0]["id"], FRIEND_CHAT)
    assert posted.buttons()[0][1] == LINK + "topic_" + slugs[0]


async def test_nothing_found_offers_to_open_the_bot(inline: RunningBot) -> None:
    query_id, params = await look_up(inline, "<b>квантовая хромодинамика</b> & глюоны")
    results = within_limits(params)
    assert len(results) == 1
    assert results[0]["title"] == NO_ANSWER_RU  # the question's language
    posted = inline.fake.choose_inline_result(query_id, results[0]["id"], FRIEND_CHAT)
    assert "<b>квантовая хромодинамика</b>" in posted.text  # shown as typed, not as markup
    assert NO_ANSWER_RU in posted.text.splitlines()
    assert posted.buttons()[0][1].startswith(LINK)


async def test_a_kazakh_passage_posted_for_a_russian_question_glosses_its_terms(inline: RunningBot) -> None:
    query_id, params = await look_up(inline, "что такое местное самоуправление", STUDENT_KK)
    kazakh = next(r for r in within_limits(params) if inline.kb.index.by_id[r["id"]].lang == "kk")
    posted = inline.fake.choose_inline_result(query_id, kazakh["id"], FRIEND_CHAT)
    gloss = next(line for line in after_excerpt(posted).splitlines() if line)
    assert gloss.startswith("🔤 ") and "местное самоуправление" in gloss
    query_id, params = await look_up(inline, "Жергілікті өзін-өзі басқару деген не?", STUDENT_RU)
    kazakh = next(r for r in within_limits(params) if inline.kb.index.by_id[r["id"]].lang == "kk")
    posted = inline.fake.choose_inline_result(query_id, kazakh["id"], FRIEND_CHAT)
    assert posted.text.count("📖") == 1  # a Kazakh question: a Kazakh interface, nothing to gloss


async def test_question_language_decides_the_interface(inline: RunningBot) -> None:
    """Results may be cached for everyone (is_personal false): they must not depend on who asks."""
    _, first = await look_up(inline, "Что такое местное самоуправление?", STUDENT_KK)
    _, second = await look_up(inline, "Что такое местное самоуправление?", STUDENT_RU)
    assert first["results"] == second["results"]


async def test_the_topic_list_pages_by_ten(inline: RunningBot) -> None:
    topics = [f"topic_{topic.slug}" for topic in inline.kb.topics.topics]
    seen: list[str] = []
    offset = ""
    for _ in range(5):
        query_id = inline.fake.send_inline_query("", user=STUDENT_KK, offset=offset)
        params = (await inline.fake.wait_inline_answer(query_id)).params
        seen += [r["id"] for r in within_limits(params)]
        offset = params.get("next_offset") or ""
        if not offset:
            break
    assert seen == topics

"""Quiz polls: the item pool of a knowledge base, the next item for a chat, and the poll Telegram gets."""

from __future__ import annotations

import random
from pathlib import Path

from bot.i18n import current_language
from bot.storage.database import Storage
from bot.views.quizzes import OPTION_LIMIT, render
from knowledge.base import KnowledgeBase
from knowledge.glossary import load_glossary
from knowledge.quiz import QuizBank, QuizItem, glossary_terms
from knowledge.topics import Topic

# Telegram's limits on a quiz poll, counted on the text after HTML parsing.
PROMPT_LIMIT = 240  # the item's own text; the rest of the question is the instruction before it


_BANKS: dict[int, tuple[KnowledgeBase, QuizBank]] = {}
_POOLS: dict[tuple[int, str, str], list[QuizItem]] = {}


def quiz_bank(kb: KnowledgeBase, knowledge_dir: Path) -> QuizBank:
    """The bank of the knowledge base in service, built on first use (a reload brings a new base)."""
    held = _BANKS.get(id(kb))
    if held is not None and held[0] is kb:
        return held[1]
    bank = QuizBank(kb.index.passages, glossary_terms(load_glossary(knowledge_dir)))
    _BANKS.clear()  # only the base in service is kept (its id could be reused by the next one)
    _POOLS.clear()
    _BANKS[id(kb)] = (kb, bank)
    return bank


def quiz_pool(kb: KnowledgeBase, knowledge_dir: Path, topic: Topic | None = None) -> list[QuizItem]:
    """Every valid item for readers of the current language (on one topic when given), computed once per base.

    Run in a worker thread, it still reads the update's language: `asyncio.to_thread` copies the context.
    """
    bank = quiz_bank(kb, knowledge_dir)
    lang = current_language()
    key = (id(kb), lang, topic.slug if topic else "")
    if key not in _POOLS:
        members = None if topic is None else [p.passage_id for p in kb.topics.members(topic.slug)]
        _POOLS[key] = [item for item in bank.items(lang, members, PROMPT_LIMIT, OPTION_LIMIT)
                       if render(item, kb) is not None]
    return _POOLS[key]


async def next_item(pool: list[QuizItem], db: Storage, chat_id: int) -> QuizItem | None:
    """An item this chat has not had; when it has had them all, the one it had longest ago."""
    if not pool:
        return None
    asked = await db.asked_items(chat_id)
    fresh = [item for item in pool if item.item_id not in asked]
    if fresh:
        return random.choice(fresh)
    return min(pool, key=lambda item: asked[item.item_id])


def find_topic(kb: KnowledgeBase, wanted: str) -> Topic | None:
    """The topic a reader names after /quiz or /cards: its slug, or its title in either language (or a start of it)."""
    text = " ".join(wanted.casefold().split())
    if not text:
        return None
    for topic in kb.topics.topics:
        titles = [topic.slug.casefold(), *(_bare(topic.title(lang)) for lang in ("kk", "ru"))]
        if text in titles:
            return topic
    return next((topic for topic in kb.topics.topics
                 if any(_bare(topic.title(lang)).startswith(text) for lang in ("kk", "ru"))), None)


def _bare(title: str) -> str:
    """A topic title without its emoji, folded for comparison."""
    return " ".join(word for word in title.casefold().split() if any(ch.isalnum() for ch in word))



"""Quiz polls: the item pool of a knowledge base, the next item for a chat, and the poll Telegram gets."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from aiogram.utils.i18n import gettext as _

from bot.storage.database import Storage
from bot.views.citation import citation
from bot.views.markup import escape, to_plain
from knowledge.base import KnowledgeBase
from knowledge.glossary import GLOSSARY_FILE, load_glossary
from knowledge.quiz import BLANK, Kind, QuizBank, QuizItem, glossary_terms
from knowledge.topics import Topic

# Telegram's limits on a quiz poll, counted on the text after HTML parsing.
QUESTION_LIMIT = 300
OPTION_LIMIT = 100
EXPLANATION_LIMIT = 200
MOST_OPTIONS = 10
PROMPT_LIMIT = 240  # the item's own text; the rest of the question is the instruction before it


@dataclass(frozen=True, slots=True)
class QuizPoll:
    """A quiz poll ready to send: plain texts (escaped on sending) and the item it asks."""

    question: str
    options: tuple[str, ...]
    correct: int
    explanation: str
    item: QuizItem


_BANKS: dict[int, tuple[KnowledgeBase, QuizBank]] = {}
_POOLS: dict[tuple[int, str, str], list[QuizItem]] = {}


def quiz_bank(kb: KnowledgeBase, knowledge_dir: Path) -> QuizBank:
    """The bank of the knowledge base in service, built on first use (a reload brings a new base)."""
    held = _BANKS.get(id(kb))
    if held is not None and held[0] is kb:
        return held[1]
    path = knowledge_dir / GLOSSARY_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    bank = QuizBank(kb.index.passages, glossary_terms(load_glossary(knowledge_dir), text))
    _BANKS.clear()  # only the base in service is kept (its id could be reused by the next one)
    _POOLS.clear()
    _BANKS[id(kb)] = (kb, bank)
    return bank


def quiz_pool(kb: KnowledgeBase, knowledge_dir: Path, lang: str, topic: Topic | None = None) -> list[QuizItem]:
    """Every valid item for readers of `lang` (on one topic when given), computed once per base."""
    bank = quiz_bank(kb, knowledge_dir)
    key = (id(kb), lang, topic.slug if topic else "")
    if key not in _POOLS:
        members = None if topic is None else [p.passage_id for p in kb.topics.members(topic.slug)]
        _POOLS[key] = [item for item in bank.items(lang, members, PROMPT_LIMIT, OPTION_LIMIT)
                       if render(item, kb, lang) is not None]
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


def _question(item: QuizItem, lang: str) -> str:
    if item.kind is Kind.TRANSLATION:
        if lang == "ru":
            return _("How is «{term}» said in Kazakh?").format(term=item.prompt)
        return _("How is «{term}» said in Russian?").format(term=item.prompt)
    if item.kind is Kind.ARTICLE:
        return _("Which article says this? «{sentence}»").format(sentence=item.prompt)
    return _("Fill in the blank ({blank}): {sentence}").format(blank=BLANK, sentence=item.prompt)


def _option(item: QuizItem, option: str) -> str:
    return _("Article {number}").format(number=option) if item.kind is Kind.ARTICLE else option


def render(item: QuizItem, kb: KnowledgeBase, lang: str) -> QuizPoll | None:
    """The poll of an item in the current language, or None when it breaks one of Telegram's limits."""
    passage = kb.index.by_id.get(item.passage_id)
    if passage is None:
        return None
    options = tuple(_option(item, option) for option in item.options)
    answer = options[item.correct]
    if item.kind is Kind.TRANSLATION:
        said = _("«{term}» is «{answer}».").format(term=item.prompt, answer=answer)
    else:
        said = _("Answer: {answer}.").format(answer=answer)
    explanation = f"{said}\n{to_plain(citation(passage, kb.documents.get(passage.doc_id), lang))}"
    poll = QuizPoll(_question(item, lang), options, item.correct, explanation, item)
    return poll if fits(poll) else None


def fits(poll: QuizPoll) -> bool:
    """Within Telegram's limits on a quiz poll (question, 2–10 distinct options, explanation)."""
    return (0 < len(poll.question) <= QUESTION_LIMIT and 2 <= len(poll.options) <= MOST_OPTIONS
            and all(0 < len(option) <= OPTION_LIMIT for option in poll.options)
            and len(set(poll.options)) == len(poll.options)
            and 0 <= poll.correct < len(poll.options) and len(poll.explanation) <= EXPLANATION_LIMIT)


def html(text: str) -> str:
    """A poll text for the bot's HTML parse mode: nothing in corpus text may read as a tag."""
    return escape(text)

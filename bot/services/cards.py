"""Term cards on a Leitner schedule: which card a user sees next, and where an answer moves it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.i18n import current_language
from bot.services.quizzes import quiz_bank
from bot.storage.database import Storage
from knowledge.base import KnowledgeBase
from knowledge.quiz import Term
from knowledge.topics import Topic

DAILY_CARDS = 20
LAST_BOX = 5
# Days until a card in each box comes back: a card not known (box 1) comes back in this session.
BOX_DAYS = {1: 0, 2: 1, 3: 3, 4: 7, 5: 14}


@dataclass(frozen=True, slots=True)
class Card:
    """A glossary term as a card: the side shown first (in the language the reader studies) and the back."""

    key: str
    front: str
    back: str


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def today_start(now: datetime | None = None) -> str:
    """Midnight UTC of today: the daily limit counts the reviews since then."""
    now = now or datetime.now(UTC)
    return _stamp(now.replace(hour=0, minute=0, second=0, microsecond=0))


def card_of(term: Term, kazakh: str, lang: str) -> Card:
    """A Russian reader studies the state language: the Kazakh side first; a Kazakh reader, the Russian one."""
    russian = term.ru[0]
    return Card(term.key, kazakh, russian) if lang == "ru" else Card(term.key, russian, kazakh)


def deck(kb: KnowledgeBase, knowledge_dir: Path, topic: Topic | None) -> dict[str, Card]:
    """The cards of the terms the passages (of a topic) use, in glossary order, for the current language's reader."""
    members = None if topic is None else [p.passage_id for p in kb.topics.members(topic.slug)]
    lang = current_language()  # in a worker thread too: `asyncio.to_thread` copies the context
    return {term.key: card_of(term, kazakh, lang) for term, kazakh in quiz_bank(kb, knowledge_dir).used_terms(members)}


async def next_card(cards: dict[str, Card], db: Storage, user_id: int, just_seen: str | None = None) -> Card | None:
    """The card due longest in the lowest box (never the one just answered while another waits), else a new one."""
    now = _stamp(datetime.now(UTC))
    held = await db.cards_of(user_id)
    due = sorted((box, at, key) for key, (box, at) in held.items() if key in cards and at <= now)
    waiting = [key for _, _, key in due if key != just_seen]
    if waiting:
        return cards[waiting[0]]
    fresh = next((card for key, card in cards.items() if key not in held), None)
    if fresh is not None:
        return fresh
    return cards[due[0][2]] if due else None


async def answer_card(db: Storage, user_id: int, key: str, known: bool) -> None:
    """Known: one box up, back after that box's days; not known: box 1, back in this session."""
    held = await db.cards_of(user_id)
    box = min(held.get(key, (1, ""))[0] + 1, LAST_BOX) if known else 1  # a new card starts in box 1
    due = datetime.now(UTC) + timedelta(days=BOX_DAYS[box])
    await db.review_card(user_id, key, known, box, _stamp(due))

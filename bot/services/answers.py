"""From a question to what the user sees: search, remember, and find a stored hit again."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from aiogram.types import InlineKeyboardMarkup

from bot.storage.database import QueryRecord, Storage
from bot.views.callbacks import AnswerCb, PassageCb, ShareCb
from knowledge.base import KnowledgeBase
from knowledge.models import Hit, Passage, SearchResult, Tier

STORED_HITS = 10  # how far "more results" can page
CANDIDATES = 3  # "did you mean" buttons under an unsure answer
CLOSEST = 3  # passages offered under "my sources have no answer"


@dataclass(frozen=True, slots=True)
class Shown:
    """One hit of a question, as an answer message shows it."""

    query_id: int | None
    question: str
    tier: Tier
    rank: int
    total: int
    hit: Hit
    candidates: tuple[tuple[int, Passage], ...] = ()
    vote: int | None = None


def search(kb: KnowledgeBase, question: str) -> SearchResult:
    """The search the private chat, the terminal and the tests all use.

    A reader asking in Russian gets the Russian abstract first when it answers as well as
    the Kazakh text it summarises.
    """
    result = kb.index.search(question, k=STORED_HITS, prefer_own_language=True)
    hits = tuple(hit for hit in result.hits if hit.bm25 > 0)
    return SearchResult(query=result.query, lang=result.lang, tier=result.tier, hits=hits)


def first_shown(result: SearchResult, query_id: int | None) -> Shown | None:
    """The best hit with its "did you mean" candidates; None when nothing was found."""
    if result.tier is Tier.NOTHING or not result.hits:
        return None
    candidates: tuple[tuple[int, Passage], ...] = ()
    if result.tier is Tier.UNSURE:
        candidates = tuple((rank, hit.passage) for rank, hit in enumerate(result.hits[1:CANDIDATES + 1], start=1))
    return Shown(query_id, result.query, result.tier, 0, len(result.hits), result.hits[0], candidates)


def closest(result: SearchResult) -> tuple[Passage, ...]:
    """The passages nearest an unanswered question: those sharing some word with it (BM25 above 0)."""
    return tuple(hit.passage for hit in result.hits if hit.bm25 > 0)[:CLOSEST]


async def answer(kb: KnowledgeBase, storage: Storage, user_id: int, question: str,
                 group_id: int | None = None) -> tuple[SearchResult, int]:
    """Search and store the question with its ranked passages; returns the result and query id."""
    started = time.perf_counter()
    result = search(kb, question)
    latency = (time.perf_counter() - started) * 1000
    query_id = await storage.log_query(user_id, question, result.lang, result.tier.value,
                                       tuple(hit.passage.passage_id for hit in result.hits), latency, group_id)
    return result, query_id


class Missing(StrEnum):
    """What a pressed button points at that is no longer there."""

    QUERY = "query"
    PASSAGE = "passage"


class Gone(Exception):
    """A button points at a question or passage that no longer exists."""

    def __init__(self, what: Missing) -> None:
        super().__init__(what.value)
        self.what = what


class NotYours(Exception):
    """A button of someone else's question: its data was forged or the message was not meant for the presser."""


def may_press(record: QueryRecord, user_id: int, chat_id: int | None) -> bool:
    """Whether a press may use a stored question's buttons: the asker's own, or the group's it was asked in.

    `chat_id` is the chat of the pressed message (None for an inline one); group membership
    itself is checked before, by GroupMemberGate.
    """
    if record.chat_id is not None:
        return chat_id == record.chat_id
    return user_id == record.user_id


async def stored_hit(kb: KnowledgeBase, storage: Storage, query_id: int, rank: int, user_id: int,
                     chat_id: int | None) -> Shown:
    """Hit number `rank` of a stored question, scored again against the current index.

    Raises NotYours when the presser may not use the question's buttons (see `may_press`).
    """
    record = await storage.get_query(query_id)
    if record is None or not 0 <= rank < len(record.passage_ids):
        raise Gone(Missing.QUERY)
    if not may_press(record, user_id, chat_id):
        raise NotYours(f"question {query_id} pressed by {user_id} in chat {chat_id}")
    hit = kb.index.hit(record.text, record.passage_ids[rank])
    if hit is None:
        raise Gone(Missing.PASSAGE)
    vote = await storage.get_vote(query_id, hit.passage.passage_id, user_id)
    candidates: tuple[tuple[int, Passage], ...] = ()
    if rank == 0 and record.tier == Tier.UNSURE.value:
        candidates = tuple((n, kb.index.by_id[pid]) for n, pid in enumerate(record.passage_ids[1:CANDIDATES + 1], 1)
                           if pid in kb.index.by_id)
    return Shown(query_id, record.text, Tier(record.tier), rank, len(record.passage_ids), hit, candidates, vote)


async def shown_passage_id(storage: Storage, markup: InlineKeyboardMarkup | None) -> str | None:
    """The passage a message of the bot shows, read back from the ids its buttons carry."""
    for button in (b for row in (markup.inline_keyboard if markup else ()) for b in row):
        data = button.callback_data or ""
        if data.startswith(ShareCb.__prefix__ + ":"):
            return ShareCb.unpack(data).passage_id
        if data.startswith(PassageCb.__prefix__ + ":"):
            return PassageCb.unpack(data).passage_id
        if data.startswith(AnswerCb.__prefix__ + ":"):
            shown = AnswerCb.unpack(data)
            record = await storage.get_query(shown.query_id)
            if record is not None and 0 <= shown.rank < len(record.passage_ids):
                return record.passage_ids[shown.rank]
    return None

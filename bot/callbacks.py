"""Button payloads: short prefixes and ids only (Telegram allows 64 bytes); text lives in storage."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class View(StrEnum):
    """What a message about one passage shows."""

    EXCERPT = "e"
    FULL = "f"
    SOURCE = "s"


class AnswerCb(CallbackData, prefix="a"):
    """Show hit number `rank` (0-based) of a stored question in the given view."""

    query_id: int
    rank: int
    view: View


class VoteCb(CallbackData, prefix="v"):
    """👍 (1) or 👎 (-1) for hit `rank` of a question; `view` is kept to redraw the same message."""

    query_id: int
    rank: int
    vote: int
    view: View


class LangCb(CallbackData, prefix="lg"):
    code: str


class TopicsCb(CallbackData, prefix="tl"):
    """A page of the topic list."""

    page: int


class TopicCb(CallbackData, prefix="tp"):
    """A page of one topic's passages."""

    slug: str
    page: int


class PassageCb(CallbackData, prefix="ps"):
    """A passage opened from a topic page, remembering the page to go back to."""

    slug: str
    page: int
    passage_id: str
    view: View

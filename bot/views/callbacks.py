"""Button payloads: short prefixes and ids only (Telegram allows 64 bytes); text lives in storage."""

from __future__ import annotations

import hashlib
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from knowledge.topics import TopicLimits

# A topic's slug travels in 64-byte callback data ("tp:<slug>:<page>", "ps:<slug>:…"), and its
# title must fit a phone-width button: the bot opens its knowledge base with these limits.
TOPIC_LIMITS = TopicLimits(slug=20, title=40)


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


class ShareCb(CallbackData, prefix="sh"):
    """Give the deep link of a passage, to paste into a syllabus or send to a friend."""

    passage_id: str


class GroupLangCb(CallbackData, prefix="gl"):
    """A group's language, set by a chat admin; `code` "auto" answers each asker in their own."""

    code: str


class KindCb(CallbackData, prefix="dk"):
    """The kind of an uploaded document, chosen by the admin."""

    kind: str


class UploadCb(CallbackData, prefix="du"):
    """Add the previewed upload to the collection (`add` true) or drop it."""

    add: bool


class RemoveCb(CallbackData, prefix="dr"):
    """Remove a document after the admin confirmed (`confirm` true) or keep it.

    The document is named by `doc_key` (a hash of its id): file names may be too long
    for the 64 bytes a button carries.
    """

    key: str
    confirm: bool


def doc_key(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode()).hexdigest()[:12]


class DismissCb(CallbackData, prefix="ud"):
    """Hide an unanswered question (and its repeats) from /unanswered."""

    query_id: int


class ForgetCb(CallbackData, prefix="fg"):
    """The answer to "delete everything about me?": yes (`confirm` 1) or no (0)."""

    confirm: bool


class HelpCb(CallbackData, prefix="hp"):
    """A page of /help (0: how to ask and the commands; 1: the answer's marks and buttons, groups, inline)."""

    page: int


class QuizCb(CallbackData, prefix="qz"):
    """Send a quiz poll to this chat, on one topic (`slug`) or on any ("")."""

    slug: str


class QuizSourceCb(CallbackData, prefix="qs"):
    """Open the passage a quiz item was made from."""

    passage_id: str


class CardAction(StrEnum):
    """What a button under a term card does."""

    SHOW = "s"
    KNOWN = "y"
    UNKNOWN = "n"


class CardCb(CallbackData, prefix="cd"):
    """A term card (`card`, a glossary term key) turned, known or not; `slug` keeps the topic filter."""

    card: str
    action: CardAction
    slug: str


class CiteCb(CallbackData, prefix="ct"):
    """The reference of a passage's source, ready to paste into an essay."""

    passage_id: str


class ParallelCb(CallbackData, prefix="pl"):
    """Show hit `rank` of a stored question in the act's other state language (🔁), in `view`."""

    query_id: int
    rank: int
    view: View


class ReadOnCb(CallbackData, prefix="ro"):
    """Send the passage after an answer's whole passage as a message of its own: the answer stays."""

    passage_id: str

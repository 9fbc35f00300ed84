"""Answering a question message, in a private chat or (shorter, as a reply) in a group."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import unicodedata

from aiogram import Bot
from aiogram.enums import ChatAction
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.types import Message

from bot.filters import GROUP_CHATS
from bot.services.answers import answer, first_shown
from bot.storage.database import Storage
from bot.views.answers import hit_view, nothing_view
from bot.views.callbacks import View
from bot.views.replies import Reply, send
from bot.views.texts import no_words, question_trimmed
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)

QUESTION_LIMIT = 500  # characters searched; a longer message is most likely pasted text


def visible(text: str) -> str:
    """The text without control and invisible format characters (zero-width, direction marks).

    They cannot help the search, and echoed back a right-to-left override would garble the
    reply.
    """
    kept = (" " if unicodedata.category(ch) == "Cc" else ch for ch in text
            if unicodedata.category(ch) != "Cf")
    return " ".join("".join(kept).split())


def trim(question: str, limit: int = QUESTION_LIMIT) -> str:
    """The first `limit` characters, cut between words when there is a space to cut at."""
    if len(question) <= limit:
        return question
    head = question[:limit + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else ""
    return cut if len(cut) > limit // 2 else question[:limit]


async def _typing(bot: Bot, chat_id: int) -> None:
    """Show "typing…"; a failure (a blocked bot, a network fault) must not hold up or break the answer."""
    with contextlib.suppress(TelegramAPIError, TelegramNetworkError):
        await bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)


async def answer_question(message: Message, question: str, *, bot: Bot, kb: KnowledgeBase, db: Storage,
                          quote: bool = False) -> None:
    """Search, store and reply with one message; in a group (or when `quote`) the reply quotes the question."""
    in_group = message.chat.type in GROUP_CHATS
    reply_to = message.message_id if in_group or quote else None
    question = visible(question)
    if not any(ch.isalnum() for ch in question):
        await send(bot, message.chat.id, Reply(no_words()), reply_to=reply_to)
        return
    trimmed = trim(question)
    asker = message.from_user.id if message.from_user else message.chat.id
    # "typing…" goes out at once, beside the search: aiogram's ChatActionSender sends its first action
    # on its task's first turn, which a quick search can beat, so a reader would sometimes see nothing
    typing = asyncio.create_task(_typing(bot, message.chat.id))
    try:
        result, query_id = await answer(kb, db, asker, trimmed, group_id=message.chat.id if in_group else None)
    finally:
        await typing
    shown = first_shown(result, query_id)
    if shown is None:
        log.info("unanswered question %d (%s)", query_id, result.lang)
        reply = nothing_view(kb, result, compact=in_group)
    else:
        reply = hit_view(shown, View.EXCERPT, kb, compact=in_group)
    if trimmed != question:
        reply = Reply(f"{question_trimmed(QUESTION_LIMIT)}\n\n{reply.text}", reply.markup)
    await send(bot, message.chat.id, reply, reply_to=reply_to)

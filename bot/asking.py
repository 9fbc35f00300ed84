"""Answering a question message, in a private chat or (shorter, as a reply) in a group."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.types import Message
from aiogram.utils.chat_action import ChatActionSender

from bot.answer_views import hit_view, nothing_view
from bot.answering import answer, first_shown
from bot.callbacks import View
from bot.i18n import GROUP_CHATS
from bot.markup import Reply
from bot.replies import send
from bot.storage import Storage
from bot.texts import no_words
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)


async def answer_question(message: Message, question: str, *, bot: Bot, kb: KnowledgeBase, db: Storage,
                          lang: str) -> None:
    """Search, store and reply with one message; in a group the reply quotes the question's message."""
    in_group = message.chat.type in GROUP_CHATS
    reply_to = message.message_id if in_group else None
    question = question.strip()
    if not any(ch.isalnum() for ch in question):
        await send(bot, message.chat.id, Reply(no_words()), reply_to=reply_to)
        return
    asker = message.from_user.id if message.from_user else message.chat.id
    async with ChatActionSender.typing(bot=bot, chat_id=message.chat.id):
        result, query_id = await answer(kb, db, asker, question, group_id=message.chat.id if in_group else None)
    shown = first_shown(result, query_id)
    if shown is None:
        log.info("unanswered question %d (%s)", query_id, result.lang)
        await send(bot, message.chat.id, nothing_view(question, result.lang), reply_to=reply_to)
        return
    await send(bot, message.chat.id, hit_view(shown, View.EXCERPT, kb, lang, compact=in_group), reply_to=reply_to)

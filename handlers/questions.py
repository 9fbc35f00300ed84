"""Any text in a private chat is a question: search, store, answer with an excerpt or say why not."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.types import Message
from aiogram.utils.chat_action import ChatActionSender

from bot.answer_views import hit_view, nothing_view
from bot.answering import answer, first_shown
from bot.callbacks import View
from bot.markup import Reply
from bot.replies import send
from bot.storage import Storage, UserRecord
from bot.texts import no_words
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)


def get_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == ChatType.PRIVATE)

    @router.message(F.text, ~F.text.startswith("/"))
    async def ask(message: Message, bot: Bot, kb: KnowledgeBase, db: Storage, user_record: UserRecord) -> None:
        question = (message.text or "").strip()
        if not any(ch.isalnum() for ch in question):
            await send(bot, message.chat.id, Reply(no_words()))
            return
        async with ChatActionSender.typing(bot=bot, chat_id=message.chat.id):
            result, query_id = await answer(kb, db, user_record.id, question)
        shown = first_shown(result, query_id)
        if shown is None:
            log.info("unanswered question %d (%s)", query_id, result.lang)
            await send(bot, message.chat.id, nothing_view(question, result.lang))
            return
        await send(bot, message.chat.id, hit_view(shown, View.EXCERPT, kb, user_record.language))

    return router

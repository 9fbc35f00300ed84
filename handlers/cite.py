"""«📝 Cite» under a passage: its source as a reference in Russian and Kazakh, ready to paste."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery

from bot.views.callbacks import CiteCb
from bot.views.reference import missing_facts, reference
from bot.views.replies import Reply, send
from bot.views.study_texts import reference_view
from bot.views.texts import stale_passage
from knowledge.base import KnowledgeBase


def get_router() -> Router:
    router = Router(name=__name__)

    @router.callback_query(CiteCb.filter())
    async def cite(callback: CallbackQuery, callback_data: CiteCb, bot: Bot, kb: KnowledgeBase) -> None:
        passage = kb.index.by_id.get(callback_data.passage_id)
        if passage is None:
            await callback.answer(stale_passage(), show_alert=True)
            return
        meta = kb.documents.get(passage.doc_id)
        await callback.answer()
        text = reference_view(reference(passage, meta, "ru"), reference(passage, meta, "kk"), missing_facts(meta))
        message = callback.message
        chat_id = message.chat.id if message is not None else callback.from_user.id
        await send(bot, chat_id, Reply(text), reply_to=message.message_id if message is not None else None)

    return router

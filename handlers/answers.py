"""The buttons under an answer: full passage, source, more results, did-you-mean, 👍/👎, 🔁 other language."""

from __future__ import annotations

import logging
from dataclasses import replace

from aiogram import Bot, Router
from aiogram.types import CallbackQuery

from bot.filters import GROUP_CHATS
from bot.services.answers import Gone, Missing, NotYours, Shown, stored_hit
from bot.storage.database import Storage
from bot.views.answers import hit_view, parallel_view
from bot.views.callbacks import AnswerCb, ParallelCb, VoteCb
from bot.views.replies import edit
from bot.views.texts import not_your_button, stale_passage, stale_query, vote_saved
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)


async def _shown(callback: CallbackQuery, kb: KnowledgeBase, db: Storage, query_id: int, rank: int) -> Shown | None:
    """The pressed hit, or None after telling the user politely that it is gone or not theirs."""
    chat_id = callback.message.chat.id if callback.message is not None else None
    try:
        return await stored_hit(kb, db, query_id, rank, callback.from_user.id, chat_id)
    except Gone as gone:
        await callback.answer(stale_query() if gone.what is Missing.QUERY else stale_passage(), show_alert=True)
    except NotYours as refused:
        log.info("button refused: %s", refused)
        await callback.answer(not_your_button(), show_alert=True)
    return None


def _in_group(callback: CallbackQuery) -> bool:
    return callback.message is not None and callback.message.chat.type in GROUP_CHATS


def get_router() -> Router:
    router = Router(name=__name__)

    @router.callback_query(AnswerCb.filter())
    async def show(callback: CallbackQuery, callback_data: AnswerCb, bot: Bot, kb: KnowledgeBase,
                   db: Storage) -> None:
        shown = await _shown(callback, kb, db, callback_data.query_id, callback_data.rank)
        if shown is None:
            return
        await callback.answer()
        await edit(callback, bot, hit_view(shown, callback_data.view, kb, compact=_in_group(callback)))

    @router.callback_query(ParallelCb.filter())
    async def parallel(callback: CallbackQuery, callback_data: ParallelCb, bot: Bot, kb: KnowledgeBase,
                       db: Storage) -> None:
        """🔁: the answer's article in the act's other state language, in place."""
        shown = await _shown(callback, kb, db, callback_data.query_id, callback_data.rank)
        if shown is None:
            return
        reply = parallel_view(shown, callback_data.view, kb)
        if reply is None:  # the other text was removed since the answer was given
            await callback.answer(stale_passage(), show_alert=True)
            return
        await callback.answer()
        await edit(callback, bot, reply)

    @router.callback_query(VoteCb.filter())
    async def vote(callback: CallbackQuery, callback_data: VoteCb, bot: Bot, kb: KnowledgeBase,
                   db: Storage) -> None:
        shown = await _shown(callback, kb, db, callback_data.query_id, callback_data.rank)
        if shown is None:
            return
        value = 1 if callback_data.vote > 0 else -1
        await db.vote(callback_data.query_id, shown.hit.passage.passage_id, callback.from_user.id, value)
        await callback.answer(vote_saved(changed=shown.vote is not None and shown.vote != value))
        await edit(callback, bot, hit_view(replace(shown, vote=value), callback_data.view, kb,
                                           compact=_in_group(callback)))

    return router

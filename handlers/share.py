"""/share and the 🔗 button: a passage's deep link, for a syllabus or a friend."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.filters import GROUP_CHATS, replied_to_bot
from bot.services.answers import shown_passage_id
from bot.services.links import bot_username
from bot.storage.database import Storage
from bot.views.callbacks import ShareCb
from bot.views.replies import Reply, send
from bot.views.shares import share_view
from bot.views.texts import nothing_to_share, stale_passage
from knowledge.base import KnowledgeBase


def get_router() -> Router:
    router = Router(name=__name__)

    @router.message(Command("share"))
    async def share(message: Message, bot: Bot, kb: KnowledgeBase, db: Storage) -> None:
        """The passage of the answer replied to; otherwise of the asker's latest answered question."""
        reply_to = message.message_id if message.chat.type in GROUP_CHATS else None
        passage_id = None
        replied = await replied_to_bot(message, bot)
        if replied is not None:
            passage_id = await shown_passage_id(db, replied.reply_markup)
        elif message.reply_to_message is None and message.from_user is not None:
            record = await db.last_query(message.from_user.id)
            passage_id = record.passage_ids[0] if record else None
        passage = kb.index.by_id.get(passage_id or "")
        if passage is None:
            await send(bot, message.chat.id, Reply(nothing_to_share()), reply_to=reply_to)
            return
        await send(bot, message.chat.id, share_view(kb, passage, await bot_username(bot)), reply_to=reply_to)

    @router.callback_query(ShareCb.filter())
    async def share_button(callback: CallbackQuery, callback_data: ShareCb, bot: Bot, kb: KnowledgeBase) -> None:
        passage = kb.index.by_id.get(callback_data.passage_id)
        if passage is None:
            await callback.answer(stale_passage(), show_alert=True)
            return
        await callback.answer()
        chat_id = callback.message.chat.id if callback.message else callback.from_user.id
        await send(bot, chat_id, share_view(kb, passage, await bot_username(bot)))

    return router

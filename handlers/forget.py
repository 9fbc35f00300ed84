"""/forget: a user deletes everything the bot stores about them, after saying yes."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.filters import GROUP_CHATS
from bot.storage.database import Storage
from bot.views.callbacks import ForgetCb
from bot.views.keyboards import forget_keyboard
from bot.views.replies import Reply, edit, send
from bot.views.texts import forget_in_private, forget_question, forgotten, nothing_forgotten


def get_router() -> Router:
    router = Router(name=__name__)

    @router.message(Command("forget"), F.chat.type == ChatType.PRIVATE)
    async def ask_to_confirm(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(forget_question(), forget_keyboard()))

    @router.message(Command("forget"), F.chat.type.in_(GROUP_CHATS))
    async def only_in_private(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(forget_in_private()), reply_to=message.message_id)

    @router.callback_query(ForgetCb.filter())
    async def confirmed(callback: CallbackQuery, callback_data: ForgetCb, bot: Bot, db: Storage) -> None:
        if not callback_data.confirm:
            await callback.answer()
            await edit(callback, bot, Reply(nothing_forgotten()))
            return
        questions, votes = await db.forget_user(callback.from_user.id)
        await callback.answer()
        await edit(callback, bot, Reply(forgotten(questions, votes)))

    return router

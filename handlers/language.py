"""/lang: choose Қазақша or Русский; the choice is stored and the command menu follows it."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import BotCommandScopeChat, CallbackQuery, Message
from aiogram.utils.i18n import I18n

from bot.callbacks import LangCb
from bot.commands import bot_commands
from bot.keyboards import language_keyboard
from bot.markup import Reply
from bot.replies import edit, send
from bot.settings import LANGUAGES
from bot.storage import Storage, UserRecord
from bot.texts import choose_language, language_set, stale_button


def get_router() -> Router:
    router = Router(name=__name__)

    @router.message(Command("lang"), F.chat.type == ChatType.PRIVATE)
    async def ask_language(message: Message, bot: Bot, user_record: UserRecord) -> None:
        await send(bot, message.chat.id, Reply(choose_language(), language_keyboard(user_record.language)))

    @router.callback_query(LangCb.filter())
    async def set_language(callback: CallbackQuery, callback_data: LangCb, bot: Bot, db: Storage,
                           i18n: I18n) -> None:
        if callback_data.code not in LANGUAGES:
            await callback.answer(stale_button(), show_alert=True)
            return
        await db.set_language(callback.from_user.id, callback_data.code)
        with i18n.use_locale(callback_data.code):
            await callback.answer()
            await edit(callback, bot, Reply(language_set(), language_keyboard(callback_data.code)))
            if callback.message is not None:
                # The menu of this chat follows the choice, whatever the phone's language.
                await bot.set_my_commands(bot_commands(), scope=BotCommandScopeChat(chat_id=callback.message.chat.id))

    return router

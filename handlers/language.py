"""/lang: a user's interface language, or (for a group's admins) the language of the group."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import BotCommandScopeChat, CallbackQuery, Message
from aiogram.utils.i18n import I18n

from bot.filters import GROUP_CHATS
from bot.services.commands import bot_commands, group_commands
from bot.services.groups import is_chat_admin, sent_by_anonymous_admin
from bot.settings import LANGUAGES, Settings
from bot.storage.database import Storage, UserRecord
from bot.views.callbacks import GroupLangCb, LangCb
from bot.views.keyboards import group_language_keyboard, language_keyboard
from bot.views.replies import Reply, edit, send
from bot.views.texts import (
    choose_group_language,
    choose_language,
    group_language_set,
    language_set,
    only_group_admins,
    stale_button,
)

log = logging.getLogger(__name__)
AUTO = "auto"  # no fixed group language: each asker is answered in their own


def get_router() -> Router:
    router = Router(name=__name__)

    @router.message(Command("lang"), F.chat.type == ChatType.PRIVATE)
    async def ask_language(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(choose_language(), language_keyboard()))

    @router.callback_query(LangCb.filter())
    async def set_language(callback: CallbackQuery, callback_data: LangCb, bot: Bot, db: Storage,
                           i18n: I18n, settings: Settings) -> None:
        if callback_data.code not in LANGUAGES:
            await callback.answer(stale_button(), show_alert=True)
            return
        await db.set_language(callback.from_user.id, callback_data.code)
        with i18n.use_locale(callback_data.code):
            await callback.answer()
            await edit(callback, bot, Reply(language_set(), language_keyboard()))
            if callback.message is not None:
                # The menu of this chat follows the choice, whatever the phone's language.
                await bot.set_my_commands(bot_commands(admin=callback.from_user.id in settings.admin_ids),
                                          scope=BotCommandScopeChat(chat_id=callback.message.chat.id))

    @router.message(Command("lang"), F.chat.type.in_(GROUP_CHATS))
    async def ask_group_language(message: Message, bot: Bot, db: Storage) -> None:
        admin = sent_by_anonymous_admin(message) or (
            message.from_user is not None and await is_chat_admin(bot, message.chat.id, message.from_user.id))
        if not admin:
            await send(bot, message.chat.id, Reply(only_group_admins()), reply_to=message.message_id)
            return
        current = await db.group_language(message.chat.id)
        await send(bot, message.chat.id, Reply(choose_group_language(), group_language_keyboard(current)),
                   reply_to=message.message_id)

    @router.callback_query(GroupLangCb.filter())
    async def set_group_language(callback: CallbackQuery, callback_data: GroupLangCb, bot: Bot, db: Storage,
                                 i18n: I18n, user_record: UserRecord | None = None) -> None:
        chat = callback.message.chat if callback.message is not None else None
        if chat is None or chat.type not in GROUP_CHATS or callback_data.code not in (*LANGUAGES, AUTO):
            await callback.answer(stale_button(), show_alert=True)
            return
        if not await is_chat_admin(bot, chat.id, callback.from_user.id):
            await callback.answer(only_group_admins(), show_alert=True)
            return
        fixed = None if callback_data.code == AUTO else callback_data.code
        await db.set_group_language(chat.id, fixed)
        log.info("group %d language set to %s by %d", chat.id, fixed or AUTO, callback.from_user.id)
        shown = fixed or (user_record.language if user_record else i18n.default_locale)
        with i18n.use_locale(shown):
            await callback.answer()
            await edit(callback, bot, Reply(group_language_set(fixed), group_language_keyboard(fixed)))
            scope = BotCommandScopeChat(chat_id=chat.id)
            if fixed:
                await bot.set_my_commands(group_commands(), scope=scope)
            else:
                await bot.delete_my_commands(scope=scope)

    return router

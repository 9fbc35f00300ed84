"""The command menus Telegram shows, per interface language and kind of chat."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeChat
from aiogram.utils.i18n import I18n

from bot.settings import LANGUAGES
from bot.views.texts import admin_command_descriptions, command_descriptions, group_command_descriptions

log = logging.getLogger(__name__)


def bot_commands(admin: bool = False) -> list[BotCommand]:
    """The private chat's commands in the current language; an admin's menu adds the admin tools."""
    described = {**command_descriptions(), **(admin_command_descriptions() if admin else {})}
    return [BotCommand(command=name, description=text) for name, text in described.items()]


def group_commands() -> list[BotCommand]:
    """A group's commands in the current language: asking needs /ask there."""
    return [BotCommand(command=name, description=text) for name, text in group_command_descriptions().items()]


async def set_commands(bot: Bot, i18n: I18n) -> None:
    """One menu per language Telegram's apps may ask for, and the default language's for the rest."""
    groups = BotCommandScopeAllGroupChats()
    with i18n.context():
        for lang in LANGUAGES:
            with i18n.use_locale(lang):
                await bot.set_my_commands(bot_commands(), language_code=lang)
                await bot.set_my_commands(group_commands(), scope=groups, language_code=lang)
        with i18n.use_locale(i18n.default_locale):
            await bot.set_my_commands(bot_commands())
            await bot.set_my_commands(group_commands(), scope=groups)


async def set_admin_commands(bot: Bot, i18n: I18n, admins: Iterable[tuple[int, str]]) -> None:
    """Each admin's own chat shows the admin tools too, in the admin's language.

    Telegram refuses a chat it has not seen (an admin who never wrote to the bot): that
    admin gets the menu after choosing a language with /lang.
    """
    with i18n.context():
        for admin_id, lang in admins:
            with i18n.use_locale(lang):
                try:
                    await bot.set_my_commands(bot_commands(admin=True), scope=BotCommandScopeChat(chat_id=admin_id))
                except TelegramAPIError as error:
                    log.info("no admin menu for %d yet: %s", admin_id, error.message)

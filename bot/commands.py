"""The command menus Telegram shows, per interface language and kind of chat."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats
from aiogram.utils.i18n import I18n

from bot.settings import LANGUAGES
from bot.texts import command_descriptions, group_command_descriptions


def bot_commands() -> list[BotCommand]:
    """The private chat's commands in the current language."""
    return [BotCommand(command=name, description=text) for name, text in command_descriptions().items()]


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

"""/help: how to ask and the commands; a second page for the answer's marks and buttons, groups, inline."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.services.links import bot_username
from bot.views.callbacks import HelpCb
from bot.views.keyboards import help_keyboard
from bot.views.replies import Reply, edit, send
from bot.views.texts import HELP_PAGES, help_text


async def help_page(bot: Bot, page: int) -> Reply:
    page = min(max(page, 0), HELP_PAGES - 1)
    return Reply(help_text(await bot_username(bot), page), help_keyboard(page))


def get_router() -> Router:
    router = Router(name=__name__)

    @router.message(Command("help"), F.chat.type == ChatType.PRIVATE)
    async def show_help(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, await help_page(bot, 0))

    @router.callback_query(HelpCb.filter())
    async def turn_page(callback: CallbackQuery, callback_data: HelpCb, bot: Bot) -> None:
        await callback.answer()
        await edit(callback, bot, await help_page(bot, callback_data.page))

    return router

"""/help: how to ask and what the answer's marks and buttons mean."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import Message

from bot.links import bot_username
from bot.markup import Reply
from bot.replies import send
from bot.texts import help_text


def get_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == ChatType.PRIVATE)

    @router.message(Command("help"))
    async def show_help(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(help_text(await bot_username(bot))))

    return router

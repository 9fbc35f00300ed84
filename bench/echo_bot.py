"""The framework's ceiling for bench/e2e.py: the smallest aiogram 3 bot, echoing every text back.

    BOT_TOKEN=... BOT_API_URL=http://127.0.0.1:PORT python -m bench.echo_bot
"""

from __future__ import annotations

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message


def get_router() -> Router:
    """One handler for every message: what the framework does with nothing of ours in the way."""
    router = Router(name=__name__)

    @router.message()
    async def echo(message: Message) -> None:
        if message.text:
            await message.answer(message.text)

    return router


async def main() -> None:
    """Poll the Bot API at BOT_API_URL until SIGTERM or SIGINT."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["BOT_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    dp = Dispatcher()
    dp.include_router(get_router())
    await dp.start_polling(bot)


if __name__ == "__main__":
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"))
    asyncio.run(main())

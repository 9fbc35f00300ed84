"""The knowledge base an update is answered from: the one in service when it arrived."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot.services.library import Library


class KnowledgeMiddleware(BaseMiddleware):
    """Hands each update the base in service when it arrived, so that one update sees one base."""

    def __init__(self, library: Library) -> None:
        self.library = library

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        data["kb"] = self.library.current
        return await handler(event, data)

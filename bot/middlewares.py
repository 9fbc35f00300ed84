"""Per-update work: remember the user and know their language before any handler runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from bot.i18n import language_for
from bot.settings import Settings
from bot.storage import Storage


class UserMiddleware(BaseMiddleware):
    """Upserts the sender (id, language, first/last seen) and hands handlers their record."""

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        db: Storage = data["db"]
        settings: Settings = data["settings"]
        if user is not None and not user.is_bot:
            language = language_for(user.language_code, settings.default_language)
            data["user_record"] = await db.touch_user(user.id, language)
        return await handler(event, data)

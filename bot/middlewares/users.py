"""Per-update work: remember the user before any handler runs; keep group buttons to members."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import CallbackQuery, TelegramObject, User

from bot.filters import GROUP_CHATS
from bot.i18n import language_for
from bot.services.groups import Membership
from bot.settings import Settings
from bot.storage.database import Storage
from bot.views.texts import members_only

log = logging.getLogger(__name__)


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


class GroupMemberGate(BaseMiddleware):
    """Buttons under a group's messages change what the whole group sees: members only."""

    def __init__(self, membership: Membership | None = None) -> None:
        self.membership = membership or Membership()

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, CallbackQuery) and event.message is not None and event.message.chat.type in GROUP_CHATS:
            bot: Bot = data["bot"]
            if not await self.membership.is_member(bot, event.message.chat.id, event.from_user.id):
                log.info("press by non-member %d in group %d refused", event.from_user.id, event.message.chat.id)
                await event.answer(members_only(), show_alert=True)
                return None
        return await handler(event, data)

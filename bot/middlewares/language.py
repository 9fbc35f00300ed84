"""The interface language of each update, set as gettext's current locale for handlers and views."""

from __future__ import annotations

from typing import Any

from aiogram.types import Chat, TelegramObject, User
from aiogram.utils.i18n import I18nMiddleware

from bot.filters import GROUP_CHATS
from bot.i18n import language_for


class ChatLanguageMiddleware(I18nMiddleware):
    """Picks the interface language of an update; gettext and `current_language()` speak it.

    In a group it is the language a chat admin fixed, if any; otherwise, and in private
    chats, the user's stored one (set by `UserMiddleware`).
    """

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        record = data.get("user_record")
        user: User | None = data.get("event_from_user")
        # No record when storing the user failed: the error handler still speaks their language.
        lang: str = record.language if record is not None else language_for(
            user.language_code if user else None, self.i18n.default_locale)
        chat: Chat | None = data.get("event_chat")
        if chat is not None and chat.type in GROUP_CHATS:
            lang = await data["db"].group_language(chat.id) or lang
        return lang

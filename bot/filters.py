"""Filters for who a message is meant for and who sent it."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.enums import ChatType
from aiogram.filters import BaseFilter
from aiogram.types import Message, TelegramObject

from bot.services.groups import sent_by_anonymous_admin
from bot.services.links import bot_username
from bot.settings import Settings

# The chat types that are groups: where the bot answers only when asked, and admins set its language.
GROUP_CHATS = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})


async def replied_to_bot(message: Message, bot: Bot) -> Message | None:
    """The bot's own message that `message` replies to, if it replies to one."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == (await bot.me()).id:
        return replied
    return None


class FromPerson(BaseFilter):
    """A person: not another bot, not a channel post (an admin posting anonymously as the group counts).

    A channel's posts reach its discussion group as automatic forwards, and members may write
    on behalf of a channel; neither is someone asking the bot, and no one would see the reply.
    """

    async def __call__(self, message: Message) -> bool:
        if message.is_automatic_forward or (message.sender_chat is not None and not sent_by_anonymous_admin(message)):
            return False
        return message.from_user is None or not message.from_user.is_bot or sent_by_anonymous_admin(message)


class AddressedToBot(BaseFilter):
    """A group message meant for the bot: a reply to one of its messages, or one that mentions it.

    Passes the question (the text without the mention) to the handler as `question`.
    """

    async def __call__(self, message: Message, bot: Bot) -> bool | dict[str, Any]:
        text = message.text or ""
        if not text or text.startswith("/"):
            return False
        if await replied_to_bot(message, bot) is not None:
            return {"question": text}
        mention = f"@{await bot_username(bot)}".lower()
        for entity in message.entities or ():
            if entity.type == "mention" and entity.extract_from(text).lower() == mention:
                return {"question": " ".join(text.replace(entity.extract_from(text), " ", 1).split())}
        return False


class NamesThisBot(BaseFilter):
    """A group command addressed to this bot by name (`/cmd@bot`); a bare `/cmd` may be another bot's."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
        _, _, username = command.partition("@")
        return bool(username) and username.lower() == (await bot_username(bot)).lower()


class IsAdmin(BaseFilter):
    """A user listed in ADMIN_IDS."""

    async def __call__(self, event: TelegramObject, settings: Settings) -> bool:
        user = getattr(event, "from_user", None)
        return user is not None and user.id in settings.admin_ids

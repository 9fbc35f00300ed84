"""Who may do what in a group: Telegram's member statuses, looked up with getChatMember."""

from __future__ import annotations

import logging
import time

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ChatMemberRestricted, Message

log = logging.getLogger(__name__)

ADMINS = frozenset({ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR})
MEMBERS = ADMINS | {ChatMemberStatus.MEMBER}
MEMBER_TTL = 60.0  # seconds a "is a member" answer is trusted; presses come in bursts


def sent_by_anonymous_admin(message: Message) -> bool:
    """An admin posting as the group itself: Telegram hides who, but only admins can."""
    return message.sender_chat is not None and message.sender_chat.id == message.chat.id


async def is_chat_admin(bot: Bot, chat_id: int, user_id: int) -> bool:
    """Asked fresh each time: admin rights change, and the commands that need them are rare."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except TelegramAPIError as error:
        log.warning("getChatMember %d/%d failed: %s", chat_id, user_id, error)
        return False
    return member.status in ADMINS


class Membership:
    """Remembers for a minute who is a member of which group."""

    def __init__(self, ttl: float = MEMBER_TTL) -> None:
        self.ttl = ttl
        self._known: dict[tuple[int, int], tuple[bool, float]] = {}

    async def is_member(self, bot: Bot, chat_id: int, user_id: int) -> bool:
        now = time.monotonic()
        known = self._known.get((chat_id, user_id))
        if known is not None and now - known[1] < self.ttl:
            return known[0]
        try:
            member = await bot.get_chat_member(chat_id, user_id)
        except TelegramAPIError as error:
            # Telegram could not say: let the press through rather than lock members out.
            log.warning("getChatMember %d/%d failed: %s", chat_id, user_id, error)
            return True
        answer = member.status in MEMBERS or (isinstance(member, ChatMemberRestricted) and member.is_member)
        if len(self._known) > 10_000:
            self._known.clear()
        self._known[(chat_id, user_id)] = (answer, now)
        return answer

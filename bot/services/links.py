"""Deep links into the bot (`t.me/<bot>?start=…`) that open a topic or a passage."""

from __future__ import annotations

from aiogram import Bot
from aiogram.utils.deep_linking import create_deep_link

TOPIC_PREFIX = "topic_"
PASSAGE_PREFIX = "p_"
TOPIC_PAYLOAD = r"^topic_([a-z0-9-]{1,32})$"
PASSAGE_PAYLOAD = r"^p_([0-9a-f]{6,40})$"
INLINE_PAYLOAD = "inline"  # "open the bot" from an inline look-up that found nothing


async def bot_username(bot: Bot) -> str:
    """The bot's @username (aiogram keeps getMe's answer), for links and "mention me" hints."""
    return (await bot.me()).username or ""


def start_link(username: str, payload: str) -> str:
    return create_deep_link(username, "start", payload)


def topic_link(username: str, slug: str) -> str:
    return start_link(username, TOPIC_PREFIX + slug)


def passage_link(username: str, passage_id: str) -> str:
    return start_link(username, PASSAGE_PREFIX + passage_id)

"""/start: greeting, what the bot knows, an example and the topics; `topic_<slug>` deep links."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.replies import send
from bot.storage import UserRecord
from bot.texts import greeting, stale_topic
from bot.topic_views import topic_page, topics_list
from knowledge.base import KnowledgeBase

TOPIC_LINK = r"^topic_([a-z0-9-]{1,32})$"


def get_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == ChatType.PRIVATE)

    @router.message(CommandStart(deep_link=True, magic=F.args.regexp(TOPIC_LINK).group(1).as_("slug")))
    async def start_topic(message: Message, bot: Bot, slug: str, kb: KnowledgeBase, user_record: UserRecord) -> None:
        reply = topic_page(kb, slug, 0, user_record.language)
        await send(bot, message.chat.id, reply or topics_list(kb, user_record.language, intro=stale_topic()))

    @router.message(CommandStart())
    async def start(message: Message, bot: Bot, command: CommandObject, kb: KnowledgeBase,
                    user_record: UserRecord) -> None:
        name = message.from_user.first_name if message.from_user else None
        intro = greeting(name, kb.documents, user_record.language)
        await send(bot, message.chat.id, topics_list(kb, user_record.language, intro=intro))

    return router

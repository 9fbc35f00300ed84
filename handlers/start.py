"""/start: greeting, what the bot knows, an example and the topics; deep links to a topic or passage."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.services.links import PASSAGE_PAYLOAD, TOPIC_PAYLOAD
from bot.views.replies import send
from bot.views.shares import linked_passage
from bot.views.texts import greeting, stale_link_passage, stale_topic
from bot.views.topics import topic_page, topics_list
from knowledge.base import KnowledgeBase


def get_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == ChatType.PRIVATE)

    @router.message(CommandStart(deep_link=True, magic=F.args.regexp(TOPIC_PAYLOAD).group(1).as_("slug")))
    async def start_topic(message: Message, bot: Bot, slug: str, kb: KnowledgeBase) -> None:
        reply = topic_page(kb, slug, 0)
        await send(bot, message.chat.id, reply or topics_list(kb, intro=stale_topic()))

    @router.message(CommandStart(deep_link=True, magic=F.args.regexp(PASSAGE_PAYLOAD).group(1).as_("passage_id")))
    async def start_passage(message: Message, bot: Bot, passage_id: str, kb: KnowledgeBase) -> None:
        reply = linked_passage(kb, passage_id)
        await send(bot, message.chat.id, reply or topics_list(kb, intro=stale_link_passage()))

    @router.message(CommandStart())
    async def start(message: Message, bot: Bot, command: CommandObject, kb: KnowledgeBase) -> None:
        name = message.from_user.first_name if message.from_user else None
        intro = greeting(name, kb.documents)
        await send(bot, message.chat.id, topics_list(kb, intro=intro))

    return router

"""Groups: answer only when addressed (/ask, a reply to the bot, a mention), as a reply; say hello."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import JOIN_TRANSITION, LEAVE_TRANSITION, ChatMemberUpdatedFilter, Command, CommandObject
from aiogram.types import ChatMemberUpdated, Message

from bot.filters import GROUP_CHATS, AddressedToBot, FromPerson, NamesThisBot
from bot.services.links import bot_username
from bot.services.questions import answer_question
from bot.storage.database import Storage
from bot.views.replies import Reply, send
from bot.views.texts import ask_hint, group_intro
from bot.views.texts import unknown_command as unknown_command_text
from bot.views.topics import topics_list
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)


async def _how_to_ask(message: Message, bot: Bot) -> None:
    await send(bot, message.chat.id, Reply(ask_hint(await bot_username(bot))), reply_to=message.message_id)


def get_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type.in_(GROUP_CHATS), FromPerson())
    router.my_chat_member.filter(F.chat.type.in_(GROUP_CHATS))

    @router.message(Command("ask"))
    async def ask(message: Message, command: CommandObject, bot: Bot, kb: KnowledgeBase, db: Storage) -> None:
        if not (command.args or "").strip():
            await _how_to_ask(message, bot)
            return
        await answer_question(message, command.args or "", bot=bot, kb=kb, db=db)

    @router.message(AddressedToBot())
    async def addressed(message: Message, question: str, bot: Bot, kb: KnowledgeBase, db: Storage) -> None:
        if not question:  # just "@bot"
            await _how_to_ask(message, bot)
            return
        await answer_question(message, question, bot=bot, kb=kb, db=db)

    @router.message(Command("start", "help"))
    async def introduce(message: Message, bot: Bot, kb: KnowledgeBase) -> None:
        await send(bot, message.chat.id, Reply(group_intro(await bot_username(bot), len(kb.documents))),
                   reply_to=message.message_id)

    @router.message(Command("topics"))
    async def show_topics(message: Message, bot: Bot, kb: KnowledgeBase) -> None:
        await send(bot, message.chat.id, topics_list(kb), reply_to=message.message_id)

    @router.message(F.text.startswith("/"), NamesThisBot())
    async def unknown_command(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(unknown_command_text()), reply_to=message.message_id)

    @router.message(F.migrate_to_chat_id)
    async def migrated(message: Message, db: Storage) -> None:
        """A group became a supergroup under a new id: its language setting moves along."""
        new_id = message.migrate_to_chat_id
        assert new_id is not None
        language = await db.group_language(message.chat.id)
        await db.group_joined(new_id)
        if language:
            await db.set_group_language(new_id, language)
        await db.group_left(message.chat.id)

    @router.my_chat_member(ChatMemberUpdatedFilter(JOIN_TRANSITION))
    async def added(event: ChatMemberUpdated, bot: Bot, db: Storage, kb: KnowledgeBase) -> None:
        log.info("added to group %d", event.chat.id)
        await db.group_joined(event.chat.id)
        await send(bot, event.chat.id, Reply(group_intro(await bot_username(bot), len(kb.documents))))

    @router.my_chat_member(ChatMemberUpdatedFilter(LEAVE_TRANSITION))
    async def removed(event: ChatMemberUpdated, db: Storage) -> None:
        log.info("removed from group %d", event.chat.id)
        await db.group_left(event.chat.id)

    return router

"""/topics and the topic menu: list → topic page → passage → source, all edited in place; and the passage
after an answer's whole passage, read on in a message of its own."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.views.callbacks import PassageCb, ReadOnCb, TopicCb, TopicsCb
from bot.views.replies import edit, send
from bot.views.shares import linked_passage
from bot.views.texts import stale_passage, stale_topic
from bot.views.topics import topic_page, topic_passage, topics_list
from knowledge.base import KnowledgeBase


def get_router() -> Router:
    router = Router(name=__name__)

    @router.message(Command("topics"), F.chat.type == ChatType.PRIVATE)
    async def show_topics(message: Message, bot: Bot, kb: KnowledgeBase) -> None:
        await send(bot, message.chat.id, topics_list(kb))

    @router.callback_query(TopicsCb.filter())
    async def list_page(callback: CallbackQuery, callback_data: TopicsCb, bot: Bot, kb: KnowledgeBase) -> None:
        await callback.answer()
        await edit(callback, bot, topics_list(kb, callback_data.page))

    @router.callback_query(TopicCb.filter())
    async def open_topic(callback: CallbackQuery, callback_data: TopicCb, bot: Bot, kb: KnowledgeBase) -> None:
        reply = topic_page(kb, callback_data.slug, callback_data.page)
        if reply is None:
            await callback.answer(stale_topic(), show_alert=True)
            await edit(callback, bot, topics_list(kb, intro=stale_topic()))
            return
        await callback.answer()
        await edit(callback, bot, reply)

    @router.callback_query(PassageCb.filter())
    async def open_passage(callback: CallbackQuery, callback_data: PassageCb, bot: Bot, kb: KnowledgeBase) -> None:
        reply = topic_passage(kb, callback_data.slug, callback_data.page, callback_data.passage_id, callback_data.view)
        if reply is None:
            await callback.answer(stale_passage(), show_alert=True)
            return
        await callback.answer()
        await edit(callback, bot, reply)

    @router.callback_query(ReadOnCb.filter())
    async def read_on(callback: CallbackQuery, callback_data: ReadOnCb, bot: Bot, kb: KnowledgeBase) -> None:
        reply = linked_passage(kb, callback_data.passage_id)
        if reply is None or callback.message is None:
            await callback.answer(stale_passage(), show_alert=True)
            return
        await callback.answer()
        await send(bot, callback.message.chat.id, reply)

    return router

"""/cards in private: glossary terms on a Leitner schedule, «Show» then «I knew it» / «I did not»."""

from __future__ import annotations

import asyncio

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.services.cards import DAILY_CARDS, Card, answer_card, deck, next_card, today_start
from bot.services.library import Library
from bot.services.quizzes import find_topic
from bot.storage.database import Storage
from bot.views.callbacks import CardAction, CardCb
from bot.views.keyboards import card_keyboard
from bot.views.replies import Reply, edit, send
from bot.views.study_texts import card_back, card_front, cards_done, no_cards, unknown_quiz_topic
from bot.views.texts import stale_button, topic_title
from knowledge.base import KnowledgeBase


async def _card_view(card: Card | None, db: Storage, user_id: int, slug: str) -> Reply:
    """The front of a card (numbered against the daily limit), or why there is none."""
    done = await db.reviews_since(user_id, today_start())
    if done >= DAILY_CARDS:
        return Reply(cards_done(DAILY_CARDS))
    if card is None:
        return Reply(no_cards())
    return Reply(card_front(card.front, done + 1, DAILY_CARDS), card_keyboard(card.key, slug, shown=False))


def get_router() -> Router:
    router = Router(name=__name__)

    @router.message(Command("cards"), F.chat.type == ChatType.PRIVATE)
    async def cards(message: Message, command: CommandObject, bot: Bot, kb: KnowledgeBase, library: Library,
                    db: Storage) -> None:
        topic = None
        if command.args and command.args.strip():
            topic = find_topic(kb, command.args)
            if topic is None:
                listed = [(t.slug, topic_title(t)) for t in kb.topics.topics]
                text = unknown_quiz_topic(command.args.strip(), listed).replace("/quiz ", "/cards ")
                await send(bot, message.chat.id, Reply(text))
                return
        user_id = message.chat.id
        found = await asyncio.to_thread(deck, kb, library.knowledge_dir, topic)
        card = await next_card(found, db, user_id)
        await send(bot, message.chat.id, await _card_view(card, db, user_id, topic.slug if topic else ""))

    @router.callback_query(CardCb.filter())
    async def turn(callback: CallbackQuery, callback_data: CardCb, bot: Bot, kb: KnowledgeBase, library: Library,
                   db: Storage) -> None:
        slug = callback_data.slug
        topic = kb.topics.get(slug) if slug else None
        found = await asyncio.to_thread(deck, kb, library.knowledge_dir, topic)
        card = found.get(callback_data.card)
        if card is None:
            await callback.answer(stale_button(), show_alert=True)
            return
        user_id = callback.from_user.id
        await callback.answer()
        if callback_data.action is CardAction.SHOW:
            done = await db.reviews_since(user_id, today_start())
            await edit(callback, bot, Reply(card_back(card.front, card.back, done + 1, DAILY_CARDS),
                                            card_keyboard(card.key, slug, shown=True)))
            return
        await answer_card(db, user_id, card.key, callback_data.action is CardAction.KNOWN)
        following = await next_card(found, db, user_id, just_seen=card.key)
        await edit(callback, bot, await _card_view(following, db, user_id, slug))

    return router

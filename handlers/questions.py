"""Any text in a private chat is a question: search, store, answer with an excerpt or say why not.

An edited question is answered again; edits in groups are ignored on purpose (a typo fixed in a
chat should not make the bot speak twice).
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.types import Message

from bot.services.questions import answer_question
from bot.storage.database import Storage
from knowledge.base import KnowledgeBase


def get_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == ChatType.PRIVATE)
    router.edited_message.filter(F.chat.type == ChatType.PRIVATE)

    @router.message(F.text, ~F.text.startswith("/"))
    async def ask(message: Message, bot: Bot, kb: KnowledgeBase, db: Storage) -> None:
        await answer_question(message, message.text or "", bot=bot, kb=kb, db=db)

    @router.edited_message(F.text, ~F.text.startswith("/"))
    async def ask_again(message: Message, bot: Bot, kb: KnowledgeBase, db: Storage) -> None:
        """A corrected question deserves a new answer; it quotes the edited message to say which."""
        await answer_question(message, message.text or "", bot=bot, kb=kb, db=db, quote=True)

    return router

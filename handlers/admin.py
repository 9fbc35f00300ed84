"""Admin tools (ADMIN_IDS only): /stats, /unanswered, /docs, /remove, /reload.

Anyone else gets the reply to an unknown command, and the attempt is logged.
"""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.filters import IsAdmin
from bot.services.library import Library, reload_library, remove_from_library
from bot.services.stats import collect_stats, dismiss, unanswered
from bot.storage.database import Storage
from bot.views.admin import docs_list, reload_report, remove_confirmation, resolve_document, unanswered_view
from bot.views.callbacks import DismissCb, RemoveCb, doc_key
from bot.views.replies import Reply, edit, send
from bot.views.stats import chart_labels, render_chart, stats_text
from bot.views.texts import (
    chart_caption,
    dismissed,
    document_kept,
    document_removed,
    last_document,
    reload_failed,
    remove_usage,
    stale_button,
    unknown_command,
    unknown_document,
)
from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)
ADMIN_COMMANDS = ("stats", "unanswered", "docs", "remove", "reload")
UNANSWERED_SHOWN = 10


def _allowed() -> Router:
    router = Router(name=__name__ + ".allowed")
    router.message.filter(F.chat.type == ChatType.PRIVATE, IsAdmin())
    router.callback_query.filter(IsAdmin())

    @router.message(Command("stats"))
    async def stats(message: Message, bot: Bot, db: Storage) -> None:
        collected = await collect_stats(db)
        await send(bot, message.chat.id, Reply(stats_text(collected)))
        labels = chart_labels()  # translated here: the worker thread has no language
        png = await asyncio.to_thread(render_chart, collected, labels)
        await bot.send_photo(message.chat.id, BufferedInputFile(png, "stats.png"), caption=chart_caption())

    @router.message(Command("unanswered"))
    async def list_unanswered(message: Message, bot: Bot, db: Storage) -> None:
        await send(bot, message.chat.id, unanswered_view(await unanswered(db, UNANSWERED_SHOWN)))

    @router.callback_query(DismissCb.filter())
    async def dismiss_question(callback: CallbackQuery, callback_data: DismissCb, bot: Bot, db: Storage) -> None:
        count = await dismiss(db, callback_data.query_id)
        await callback.answer(dismissed(count))
        await edit(callback, bot, unanswered_view(await unanswered(db, UNANSWERED_SHOWN)))

    @router.message(Command("reload"))
    async def reload(message: Message, bot: Bot, library: Library) -> None:
        try:
            kb, took = await reload_library(library)
        except Exception as error:  # the old base stays in service whatever went wrong
            log.warning("reload failed: %s", error)
            await send(bot, message.chat.id, Reply(reload_failed(str(error))))
            return
        await send(bot, message.chat.id, Reply(reload_report(kb, took)))

    @router.message(Command("docs"))
    async def docs(message: Message, bot: Bot, kb: KnowledgeBase) -> None:
        await send(bot, message.chat.id, Reply(docs_list(kb)))

    @router.message(Command("remove"))
    async def remove(message: Message, command: CommandObject, bot: Bot, kb: KnowledgeBase) -> None:
        wanted = (command.args or "").strip()
        if not wanted:
            await send(bot, message.chat.id, Reply(remove_usage()))
            return
        doc_id = resolve_document(kb, wanted)
        if doc_id is None:
            await send(bot, message.chat.id, Reply(unknown_document(wanted)))
            return
        await send(bot, message.chat.id, remove_confirmation(kb, doc_id))

    @router.callback_query(RemoveCb.filter())
    async def confirm_removal(callback: CallbackQuery, callback_data: RemoveCb, bot: Bot, kb: KnowledgeBase,
                              library: Library) -> None:
        doc_id = next((d for d in kb.documents if doc_key(d) == callback_data.key), None)
        if doc_id is None:
            await callback.answer(stale_button(), show_alert=True)
            return
        title = kb.documents[doc_id].short_title
        if not callback_data.confirm:
            await callback.answer()
            await edit(callback, bot, Reply(document_kept(title)))
            return
        if len(kb.documents) < 2:
            await callback.answer(last_document(), show_alert=True)
            return
        await callback.answer()
        try:
            new = await remove_from_library(library, doc_id)
        except Exception as error:
            log.warning("removing %s failed: %s", doc_id, error)
            await edit(callback, bot, Reply(reload_failed(str(error))))
            return
        log.info("document %s removed by admin %d", doc_id, callback.from_user.id)
        await edit(callback, bot, Reply(document_removed(title, len(new.documents), len(new.index.passages))))

    return router


def _refused() -> Router:
    """Non-admins: the unknown-command reply, and a line in the log."""
    router = Router(name=__name__ + ".refused")
    router.message.filter(F.chat.type == ChatType.PRIVATE)

    @router.message(Command(*ADMIN_COMMANDS))
    async def refuse(message: Message, bot: Bot) -> None:
        user = message.from_user.id if message.from_user else None
        log.warning("user %s is not an admin and tried %s", user, (message.text or "").split()[0][:40])
        await send(bot, message.chat.id, Reply(unknown_command()))

    return router


def get_router() -> Router:
    router = Router(name=__name__)
    router.include_routers(_allowed(), _refused())
    return router

"""An admin adds a document: send the file, give title and kind, see the preview, confirm.

The file is repaired and split by the same code as the shipped corpus, and the index is
rebuilt beside the one in service, so questions keep being answered meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from pathlib import PurePath

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, StateFilter, or_f
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.filters import IsAdmin
from bot.services.captions import parse_caption
from bot.services.extraction import download_document, extract_in_worker
from bot.services.library import Library, add_to_library
from bot.settings import Settings
from bot.views.admin import kind_choices, upload_meta, upload_preview
from bot.views.callbacks import KindCb, UploadCb
from bot.views.keyboards import kinds_keyboard, upload_keyboard
from bot.views.replies import Reply, edit, send
from bot.views.texts import (
    ask_kind,
    ask_title,
    document_added,
    not_text,
    reload_failed,
    stale_button,
    upload_cancelled,
    upload_garbled,
    upload_limit,
    upload_problem,
    upload_unsupported,
)
from knowledge.bounded import Limits
from knowledge.ingest import IngestError, IngestProblem, clean_title, preview
from knowledge.reading import SUPPORTED
from knowledge.store import find_duplicate

log = logging.getLogger(__name__)
ACT_FIELDS = ("kind", "act_number", "act_date", "edition")
TITLE_CHARS = 200


def refusal(error: IngestError, limits: Limits) -> str:
    """What the admin is told about an upload that was refused."""
    if error.reason is IngestProblem.TOO_LARGE and error.limit is not None:
        return upload_limit(error.limit.value, limits.value(error.limit))
    if error.reason is IngestProblem.GARBLED:
        return upload_garbled()
    return upload_problem(error.reason)


class Upload(StatesGroup):
    title = State()
    kind = State()
    confirm = State()


async def _next_step(message: Message, bot: Bot, state: FSMContext, library: Library) -> None:
    """Ask for what is still missing, or show the preview."""
    data = await state.get_data()
    if not data.get("title"):
        await state.set_state(Upload.title)
        await send(bot, message.chat.id, Reply(ask_title(data["filename"])))
        return
    if not data.get("kind"):
        await state.set_state(Upload.kind)
        await send(bot, message.chat.id, Reply(ask_kind(), kinds_keyboard(kind_choices())))
        return
    meta = upload_meta(data["title"], data["kind"], data["filename"], ())
    try:
        found = await asyncio.to_thread(preview, "upload", data["text"], meta, data["filename"])
    except IngestError as error:
        await state.clear()
        await send(bot, message.chat.id, Reply(upload_problem(error.reason)))
        return
    # what the text told of itself (an act's requisites and edition) is stored with it
    act = {key: getattr(found.meta, key) for key in ACT_FIELDS}
    await state.update_data(languages=found.languages, act=act)
    await state.set_state(Upload.confirm)
    await send(bot, message.chat.id, Reply(upload_preview(data["filename"], found.meta, found), upload_keyboard()))


def _allowed() -> Router:
    router = Router(name=__name__ + ".allowed")
    router.message.filter(F.chat.type == ChatType.PRIVATE, IsAdmin())
    router.callback_query.filter(IsAdmin())

    @router.message(F.document)
    async def received(message: Message, bot: Bot, state: FSMContext, library: Library,
                       settings: Settings) -> None:
        document = message.document
        assert document is not None
        filename = PurePath(clean_title(document.file_name or "") or "document").name
        if PurePath(filename).suffix.lower() not in SUPPORTED:
            await send(bot, message.chat.id, Reply(upload_unsupported()))
            return
        limits = settings.upload_limits()
        try:
            text = await extract_in_worker(filename, await download_document(bot, document, limits), limits)
            duplicate = await asyncio.to_thread(find_duplicate, library.knowledge_dir, text)
            if duplicate is not None:
                raise IngestError.duplicate(duplicate)
        except IngestError as error:
            log.info("upload %s refused: %s", filename, error)
            await state.clear()
            await send(bot, message.chat.id, Reply(refusal(error, limits)))
            return
        title, kind = parse_caption(message.caption)
        await state.set_data({"filename": filename, "text": text, "title": title, "kind": kind})
        await _next_step(message, bot, state, library)

    @router.message(Command("cancel"), StateFilter(Upload))
    async def cancel(message: Message, bot: Bot, state: FSMContext) -> None:
        await state.clear()
        await send(bot, message.chat.id, Reply(upload_cancelled()))

    @router.message(StateFilter(Upload.title), F.text, ~F.text.startswith("/"))
    async def titled(message: Message, bot: Bot, state: FSMContext, library: Library) -> None:
        await state.update_data(title=clean_title(message.text or "")[:TITLE_CHARS])
        await _next_step(message, bot, state, library)

    @router.callback_query(KindCb.filter(), StateFilter(Upload.kind))
    async def kind_chosen(callback: CallbackQuery, callback_data: KindCb, bot: Bot, state: FSMContext,
                          library: Library) -> None:
        if callback_data.kind not in dict(kind_choices()):
            await callback.answer(stale_button(), show_alert=True)
            return
        await callback.answer()
        await state.update_data(kind=callback_data.kind)
        if isinstance(callback.message, Message):
            await _next_step(callback.message, bot, state, library)

    @router.callback_query(UploadCb.filter(), StateFilter(Upload.confirm))
    async def confirmed(callback: CallbackQuery, callback_data: UploadCb, bot: Bot, state: FSMContext,
                        library: Library) -> None:
        data = await state.get_data()
        await state.clear()
        await callback.answer()
        if not callback_data.add:
            await edit(callback, bot, Reply(upload_cancelled()))
            return
        meta = replace(upload_meta(data["title"], data["kind"], data["filename"], tuple(data.get("languages") or ())),
                       **(data.get("act") or {}))
        try:
            doc_id, kb = await add_to_library(library, data["text"], meta)
        except IngestError as error:
            await edit(callback, bot, Reply(upload_problem(error.reason)))
            return
        except Exception as error:  # the new index could not be built: nothing was added
            log.warning("adding %s failed: %s", data["filename"], error)
            await edit(callback, bot, Reply(reload_failed(str(error))))
            return
        log.info("document %s added by admin %d", doc_id, callback.from_user.id)
        await edit(callback, bot, Reply(document_added(meta.title, doc_id, len(kb.documents),
                                                       len(kb.index.passages))))

    @router.callback_query(or_f(UploadCb.filter(), KindCb.filter()))
    async def expired(callback: CallbackQuery) -> None:
        """A button of an upload that was already finished or cancelled."""
        await callback.answer(stale_button(), show_alert=True)

    return router


def _refused() -> Router:
    router = Router(name=__name__ + ".refused")
    router.message.filter(F.chat.type == ChatType.PRIVATE)

    @router.message(F.document)
    async def refuse(message: Message, bot: Bot) -> None:
        user = message.from_user.id if message.from_user else None
        log.warning("user %s is not an admin and sent a document", user)
        await send(bot, message.chat.id, Reply(not_text()))

    return router


def get_router() -> Router:
    router = Router(name=__name__)
    router.include_routers(_allowed(), _refused())
    return router

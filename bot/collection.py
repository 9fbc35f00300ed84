"""Changing the collection: files and index move together, or neither does."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.library import Library
from knowledge.base import KnowledgeBase
from knowledge.corpus import META_SUFFIX, documents_dir
from knowledge.models import DocumentMeta
from knowledge.store import add_document, remove_document


def _files(knowledge_dir: Path, doc_id: str) -> list[Path]:
    folder = documents_dir(knowledge_dir)
    return [folder / f"{doc_id}.txt", folder / f"{doc_id}{META_SUFFIX}"]


# File work runs in a thread: a slow disk must not hold up the answers to everyone else.

def _unlink(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _read(paths: list[Path]) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in paths if path.is_file()}


def _restore(saved: dict[Path, bytes]) -> None:
    for path, content in sorted(saved.items(), key=lambda item: item[0].suffix != ".json"):
        path.write_bytes(content)  # meta first, as add_document does


async def add_to_library(library: Library, text: str, meta: DocumentMeta) -> tuple[str, KnowledgeBase]:
    """Write the document and re-index; if the new index cannot be built, the files go again.

    Raises IngestError (duplicate) or what a reload raises; the base in service is then unchanged.
    """
    async with library.lock:
        doc_id = await asyncio.to_thread(add_document, library.knowledge_dir, text, meta)
        try:
            kb, _took = await library.reload()
        except Exception:
            await asyncio.to_thread(_unlink, _files(library.knowledge_dir, doc_id))
            raise
        return doc_id, kb


async def remove_from_library(library: Library, doc_id: str) -> KnowledgeBase:
    """Remove a document's files and re-index; if the new index cannot be built, the files come back."""
    async with library.lock:
        saved = await asyncio.to_thread(_read, _files(library.knowledge_dir, doc_id))
        await asyncio.to_thread(remove_document, library.knowledge_dir, doc_id)
        try:
            kb, _took = await library.reload()
        except Exception:
            await asyncio.to_thread(_restore, saved)
            raise
        return kb


async def reload_library(library: Library) -> tuple[KnowledgeBase, float]:
    async with library.lock:
        return await library.reload()

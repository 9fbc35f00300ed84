"""The library of documents: the knowledge base in service, replaced whole when an admin adds or
removes a document (files and index move together, or neither does) or asks for a reload."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from bot.views.callbacks import TOPIC_LIMITS
from knowledge.base import KnowledgeBase
from knowledge.corpus import META_SUFFIX, documents_dir, seed
from knowledge.models import DocumentMeta
from knowledge.store import add_document, remove_document

log = logging.getLogger(__name__)


class Library:
    """Holds the current `KnowledgeBase`; a reload builds the next one beside it.

    The rebuild runs in a worker thread while updates keep being answered from the old
    base; only a complete new base replaces it, so a malformed glossary or topics file
    leaves the old one in service.
    """

    def __init__(self, kb: KnowledgeBase, knowledge_dir: Path, cache_dir: Path | None = None) -> None:
        self.current = kb
        self.knowledge_dir = knowledge_dir
        self.cache_dir = cache_dir
        self.lock = asyncio.Lock()  # one change of the collection at a time

    @classmethod
    def open(cls, knowledge_dir: Path, cache_dir: Path | None = None) -> Library:
        """Seed an empty knowledge directory from the shipped corpus, then open it."""
        if seed(knowledge_dir):
            log.info("knowledge directory %s created from the shipped corpus", knowledge_dir)
        return cls(KnowledgeBase.open(knowledge_dir, cache_dir, TOPIC_LIMITS), knowledge_dir, cache_dir)

    async def reload(self) -> tuple[KnowledgeBase, float]:
        """Re-read the knowledge directory; returns the new base and the seconds it took.

        Raises what opening raises (CorpusError, GlossaryError, TopicsError) and then keeps
        the current base. Callers that change files first hold `lock` around both steps.
        """
        started = time.perf_counter()
        kb = await asyncio.to_thread(KnowledgeBase.open, self.knowledge_dir, self.cache_dir, TOPIC_LIMITS)
        self.current = kb
        took = time.perf_counter() - started
        log.info("knowledge reloaded in %.2f s: %d documents, %d passages", took, len(kb.documents),
                 len(kb.index.passages))
        return kb, took


# --- changing the collection: files and index move together, or neither does ----------------

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

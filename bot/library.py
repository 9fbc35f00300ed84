"""The knowledge base in service, replaced whole when an admin changes the collection."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from knowledge.base import KnowledgeBase
from knowledge.corpus import seed

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
        return cls(KnowledgeBase.open(knowledge_dir, cache_dir), knowledge_dir, cache_dir)

    async def reload(self) -> tuple[KnowledgeBase, float]:
        """Re-read the knowledge directory; returns the new base and the seconds it took.

        Raises what opening raises (CorpusError, GlossaryError, TopicsError) and then keeps
        the current base. Callers that change files first hold `lock` around both steps.
        """
        started = time.perf_counter()
        kb = await asyncio.to_thread(KnowledgeBase.open, self.knowledge_dir, self.cache_dir)
        self.current = kb
        took = time.perf_counter() - started
        log.info("knowledge reloaded in %.2f s: %d documents, %d passages", took, len(kb.documents),
                 len(kb.index.passages))
        return kb, took


class KnowledgeMiddleware(BaseMiddleware):
    """Hands each update the base in service when it arrived, so that one update sees one base."""

    def __init__(self, library: Library) -> None:
        self.library = library

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        data["kb"] = self.library.current
        return await handler(event, data)

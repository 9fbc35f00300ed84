"""Reading an upload within its limits: the download counted as it arrives, the text in a worker process."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import Document

import knowledge
from knowledge.bounded import Limit, Limits
from knowledge.ingest import IngestError, IngestProblem

log = logging.getLogger(__name__)
# The folder that holds the `knowledge` package the bot runs, for the worker to import the same code.
_PACKAGE_ROOT = str(Path(knowledge.__file__).resolve().parents[1])


class CappedBuffer(io.BytesIO):
    """A download destination that refuses the chunk taking it past `cap` bytes, whatever was declared."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.tell() + len(data) > self.cap:
            raise IngestError.over(Limit.DOWNLOAD, f"more than {self.cap} bytes arrived")
        return super().write(data)


async def download_document(bot: Bot, document: Document, limits: Limits) -> bytes:
    """The file's bytes, counted as they arrive: refused past `limits.download_bytes` whatever it declares."""
    if (document.file_size or 0) > limits.download_bytes:
        raise IngestError.over(Limit.DOWNLOAD, f"{document.file_size} bytes declared")
    buffer = CappedBuffer(limits.download_bytes)
    try:
        await bot.download(document, destination=buffer)
    except TelegramBadRequest as error:
        if "too big" not in error.message:  # getFile refuses what is over Telegram's own limit
            raise
        raise IngestError.over(Limit.DOWNLOAD, error.message) from None
    return buffer.getvalue()


async def extract_in_worker(filename: str, content: bytes, limits: Limits) -> str:
    """The upload's text, extracted by `python -m knowledge.extract_worker`; raises IngestError.

    The worker is killed when `limits.seconds` pass, and when this call is cancelled (the bot
    stopping), so a hostile file never outlives its upload.
    """
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": _PACKAGE_ROOT, "PYTHONIOENCODING": "utf-8"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "knowledge.extract_worker", env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    header = json.dumps({"filename": filename, "limits": asdict(limits)}).encode() + b"\n"
    try:
        async with asyncio.timeout(limits.seconds):
            out, err = await process.communicate(header + content)
    except TimeoutError:
        raise IngestError.over(Limit.SECONDS, f"reading took more than {limits.seconds} s") from None
    finally:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
    return _answer(process.returncode, out, err, limits)


def _answer(code: int | None, out: bytes, err: bytes, limits: Limits) -> str:
    try:
        answer = json.loads(out)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        stderr = err.decode("utf-8", "replace")[-500:]
        log.warning("extraction worker ended with code %s and no answer: %s", code, stderr)
        if "MemoryError" in stderr or code == -9:  # the kernel's or Python's out of memory
            raise IngestError.over(Limit.MEMORY, f"more than {limits.memory_bytes} bytes")
        if code is not None and code < 0:  # killed by a signal: the CPU limit, or a crash in a library
            raise IngestError.over(Limit.SECONDS, f"the worker was stopped by signal {-code}")
        raise IngestError(IngestProblem.BROKEN, f"the worker ended with code {code}")
    if "text" in answer:
        return str(answer["text"])
    limit = Limit(answer["limit"]) if answer.get("limit") else None
    raise IngestError(IngestProblem(answer["reason"]), str(answer.get("detail", "")), limit=limit)

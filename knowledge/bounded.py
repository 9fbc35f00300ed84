"""What reading one uploaded file may cost, and zip members read within it.

An upload is untrusted: a zip directory may understate a member's size (zipfile then inflates
it whole), an honest member may inflate to gigabytes, a PDF may hold thousands of pages. The
readers count what they actually unpack and stop at the first limit passed, naming it; the bot
runs them in a worker process (`knowledge.extract_worker`) held to the time and memory limits.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum

MB = 1024 * 1024
_CHUNK = 1024 * 1024


class Limit(StrEnum):
    """The limit an upload passed; the values are what the bot's messages key on."""

    DOWNLOAD = "download"  # bytes received from Telegram
    UNPACKED = "unpacked"  # bytes a .docx inflates to, all members together
    PAGES = "pages"
    CHARACTERS = "characters"  # characters of extracted text
    SECONDS = "seconds"  # wall time of the extraction
    MEMORY = "memory"  # address space of the worker process


@dataclass(frozen=True, slots=True)
class Limits:
    """The most one upload may take; the defaults are the bot's (see README, "Admin tools")."""

    download_bytes: int = 20 * MB  # the most the Bot API lets a bot download
    unpacked_bytes: int = 32 * MB  # lxml needs ~10 bytes of memory per byte of XML
    pages: int = 1000
    characters: int = 2_000_000  # about 700 pages of a thesis
    seconds: float = 25.0
    memory_bytes: int = 512 * MB

    def value(self, limit: Limit) -> float:
        """The figure of one limit, in the unit its message names (MB for sizes)."""
        figures = {
            Limit.DOWNLOAD: self.download_bytes / MB, Limit.UNPACKED: self.unpacked_bytes / MB,
            Limit.PAGES: self.pages, Limit.CHARACTERS: self.characters, Limit.SECONDS: self.seconds,
            Limit.MEMORY: self.memory_bytes / MB,
        }
        return figures[limit]


DEFAULT_LIMITS = Limits()


class LimitExceeded(Exception):
    """Reading an upload would pass one of its limits."""

    def __init__(self, limit: Limit, detail: str) -> None:
        super().__init__(f"over the {limit} limit: {detail}")
        self.limit = limit


def bounded_zip(content: bytes, unpacked_bytes: int) -> io.BytesIO:
    """The archive rebuilt from its members as they really inflate, refused past `unpacked_bytes` in all.

    Each member is read through a counted stream in small steps, never trusting the sizes the
    zip directory declares (zipfile's own `read` inflates a member whole before checking them);
    the copy is stored uncompressed, so that a reader of it inflates nothing.
    """
    total = 0
    members: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            parts: list[bytes] = []
            with archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    total += len(chunk)
                    if total > unpacked_bytes:
                        raise LimitExceeded(Limit.UNPACKED, f"{info.filename} takes it past {unpacked_bytes} bytes")
                    parts.append(chunk)
            members.append((info.filename, b"".join(parts)))
    copy = io.BytesIO()
    out = zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED)  # no `with`: an error inside must not be masked by close()
    for name, data in members:
        out.writestr(name, data)
    out.close()
    copy.seek(0)
    return copy


def check_characters(count: int, limits: Limits) -> None:
    """Refuse text longer than the characters limit."""
    if count > limits.characters:
        raise LimitExceeded(Limit.CHARACTERS, f"more than {limits.characters} characters")

"""`python -m knowledge.extract_worker`: the text of one upload, read in a process of its own.

The bot starts one per upload, so that a file built to exhaust memory or time costs this
process, not the bot: the address space is capped here (`Limits.memory_bytes`), the CPU time
too, and the bot kills the process when `Limits.seconds` pass. Protocol: stdin holds one JSON
line `{"filename", "limits"}` and then the file's bytes; stdout gets one JSON object, either
`{"text"}` or `{"reason", "detail", "limit"}` (an `IngestError`).
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

from knowledge.bounded import Limit, Limits
from knowledge.ingest import IngestError, IngestProblem
from knowledge.reading import extract_text

# How lxml and friends word a failed allocation (with the address space capped, that is the cap).
_OUT_OF_MEMORY = re.compile(r"MemoryError|memory allocation failed|out of memory|Cannot allocate memory", re.I)


def confine(limits: Limits) -> None:
    """Cap this process's address space and CPU time (where the platform allows it)."""
    try:
        import resource
    except ImportError:  # not on POSIX: the bot's wall-time kill is the only bound
        return
    memory = limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(limits.seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def extract(filename: str, content: bytes, limits: Limits) -> dict[str, Any]:
    """The worker's answer for one file, as the JSON object it prints."""
    try:
        return {"text": extract_text(filename, content, limits)}
    except IngestError as error:
        if error.reason is IngestProblem.BROKEN and (_OUT_OF_MEMORY.search(error.detail) or _near_cap(limits)):
            return _out_of_memory(error.detail)  # a library reported its failed allocation as a parse error
        return {"reason": error.reason.value, "detail": error.detail, "limit": error.limit}
    except MemoryError:
        return _out_of_memory("MemoryError")


def _near_cap(limits: Limits) -> bool:
    """Whether this process came close to its memory cap (lxml words a failed allocation "unknown error")."""
    try:
        import resource
    except ImportError:
        return False
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    return peak >= 0.6 * limits.memory_bytes


def _out_of_memory(detail: str) -> dict[str, Any]:
    return {"reason": IngestProblem.TOO_LARGE.value, "detail": detail, "limit": Limit.MEMORY.value}


def main() -> int:
    header = json.loads(sys.stdin.buffer.readline())
    limits = Limits(**header["limits"])
    confine(limits)
    content = sys.stdin.buffer.read(limits.download_bytes + 1)
    answer = extract(str(header["filename"]), content, limits)
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

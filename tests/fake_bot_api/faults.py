"""Trouble on Telegram's side, scripted by tests: refusals (``fail``: 429 with retry_after, 5xx, 403),
slow responses (``delay``), random failures (``fail_randomly``) and per-group flood control
(``group_limit``).  The server consults it before carrying out each request.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from tests.fake_bot_api.errors import ApiError
from tests.fake_bot_api.state import BotApiState

# group_limit forgives a send this much early: a bot pacing itself exactly at the limit by its own clock must not
# be refused because its first request of a window took a millisecond longer to arrive than a later one.
FLOOD_JITTER = 0.05

DEFAULT_STATUS_TEXT = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
}


@dataclass
class _Fault:
    remaining: int
    status: int = 0
    retry_after: int | None = None
    description: str | None = None
    seconds: float = 0.0


class FaultsMixin(BotApiState):
    """The faults, delays and flood windows waiting for the next requests."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[_Fault]] = {}
        self._random_faults: tuple[float, random.Random, tuple[int, ...]] = (0.0, random.Random(0), ())
        self.random_failures = 0
        self._group_limit: tuple[int, float] | None = None
        self._group_sends: dict[int, list[float]] = {}  # group id -> monotonic times of carried-out sends

    def fail(
        self,
        method: str,
        *,
        status: int = 429,
        times: int = 1,
        retry_after: int | None = 1,
        description: str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` are refused with ``status``."""
        fault = _Fault(times, status, retry_after if status == 429 else None, description)
        self._faults.setdefault(method.lower(), []).append(fault)

    def fail_randomly(self, rate: float, *, seed: int = 0, statuses: tuple[int, ...] = (429, 500, 502)) -> None:
        """From now on every call (getUpdates included) fails with probability ``rate``, with one of
        ``statuses`` (429 asks to retry after 1 s) and is not carried out.  ``rate`` 0 stops it;
        ``random_failures`` counts the failures so far."""
        self._random_faults = (rate, random.Random(seed), statuses)

    def delay(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` wait ``seconds`` before being processed."""
        self._delays.setdefault(method.lower(), []).append(_Fault(times, seconds=seconds))

    def group_limit(self, messages: int, per_seconds: float) -> None:
        """Telegram's flood control in groups: beyond ``messages`` sends to one group (chat id < 0) within a
        sliding ``per_seconds`` window (less FLOOD_JITTER; times are when requests arrive), a send* call gets
        429 "retry after N" and is not carried out."""
        if messages < 1 or per_seconds <= 0:
            raise ValueError("group_limit needs messages >= 1 and per_seconds > 0")
        self._group_limit = (messages, per_seconds)

    def _flood_chat(self, method: str, params: dict[str, Any]) -> int | None:
        """The group a message-sending call goes to, when group flood control applies to it."""
        if self._group_limit is None or not method.startswith("send") or method == "sendchataction":
            return None
        try:
            chat_id = int(params.get("chat_id") or 0)
        except (TypeError, ValueError):
            return None
        return chat_id if chat_id < 0 else None

    def _check_flood(self, chat_id: int, now: float) -> None:
        assert self._group_limit is not None
        messages, per_seconds = self._group_limit
        window = [t for t in self._group_sends.get(chat_id, []) if now - t < per_seconds - FLOOD_JITTER]
        self._group_sends[chat_id] = window
        if len(window) >= messages:
            retry = max(1, math.ceil(window[-messages] + per_seconds - now))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

    @staticmethod
    def _take(queue: dict[str, list[_Fault]], method: str) -> _Fault | None:
        faults = queue.get(method)
        if not faults:
            return None
        fault = faults[0]
        fault.remaining -= 1
        if fault.remaining <= 0:
            faults.pop(0)
        return fault

    def _random_fault(self) -> _Fault | None:
        rate, rng, statuses = self._random_faults
        if rate <= 0 or rng.random() >= rate:
            return None
        self.random_failures += 1
        return _Fault(1, rng.choice(statuses), retry_after=1)

    @staticmethod
    def _fault_error(fault: _Fault) -> ApiError:
        if fault.status == 429:
            retry = fault.retry_after or 1
            text = fault.description or f"Too Many Requests: retry after {retry}"
            return ApiError(429, text, {"retry_after": retry})
        default = "Internal Server Error" if fault.status >= 500 else DEFAULT_STATUS_TEXT.get(fault.status, "Error")
        return ApiError(fault.status, fault.description or default)

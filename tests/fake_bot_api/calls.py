"""The record of what the bot asked for: every Bot API call in order (getUpdates polls apart), and the
waits tests build on it (``wait_call``, ``wait_idle``) with a readable ``dump`` for assertion messages.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from tests.fake_bot_api.models import Call
from tests.fake_bot_api.state import BotApiState, Signal


class CallLog(BotApiState):
    """``calls``, ``polls`` and ``internal_errors``, and the test-side waits on them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls: list[Call] = []
        self.polls: list[Call] = []  # getUpdates requests, kept apart from `calls` to keep dumps readable
        self.internal_errors: list[Exception] = []  # crashes of the fake itself (the fixture asserts none)
        self._inflight = 0
        self._call_signal = Signal()

    def _record(self, call: Call, *, poll: bool = False) -> None:
        """Log a call once its response is ready (``call.at`` is set here)."""
        call.at = time.monotonic()
        if poll:
            self.polls.append(call)
            if call.result:
                self._last_activity = call.at
        else:
            self.calls.append(call)
            self._last_activity = call.at
            self._call_signal.fire()

    def mark(self) -> int:
        return len(self.calls)

    def calls_since(self, since: int, method: str | None = None) -> list[Call]:
        found = self.calls[since:]
        return found if method is None else [c for c in found if c.method.lower() == method.lower()]

    async def wait_call(self, method: str, *, since: int = 0, timeout: float = 10.0, **match: Any) -> Call:
        """First call of ``method`` at index >= since whose params match (``str(value) == str(param)``)."""
        deadline = time.monotonic() + timeout
        while True:
            for call in self.calls[since:]:
                if call.method.lower() == method.lower() and all(
                    key in call.params and str(call.params[key]) == str(value) for key, value in match.items()
                ):
                    return call
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                wanted = ", ".join([repr(method), *(f"{k}={v!r}" for k, v in match.items())])
                raise AssertionError(f"wait_call({wanted}) timed out after {timeout}s\n{self.dump(since)}")
            await self._call_signal.wait(remaining)

    async def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Until every update is confirmed, no request (file downloads included) is in flight and nothing
        happened for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if not self._pending and not self._inflight and now - self._last_activity >= quiet:
                return
            if now >= deadline:
                raise AssertionError(
                    f"not idle after {timeout}s: {len(self._pending)} unconfirmed updates, "
                    f"{self._inflight} requests in flight\n{self.dump(max(0, len(self.calls) - 15))}"
                )
            await asyncio.sleep(0.02)

    def dump(self, since: int = 0) -> str:
        """Readable listing of calls from index ``since`` (for assertion messages)."""
        lines = [f"  #{n} {call.describe()}" for n, call in enumerate(self.calls[since:], start=since)]
        counts = f"{len(self.polls)} getUpdates polls, {len(self._pending)} unconfirmed updates"
        if self.undelivered:
            counts += f", {len(self.undelivered)} group messages not delivered to the bot"
        head = f"calls since #{since} ({counts}; downloads appear as downloadFile):"
        return "\n".join([head, *(lines or ["  (none)"])])

"""The inbox: every update Telegram handed over, stored before it is confirmed and marked done once handled.

Telegram forgets an update as soon as the bot confirms it (the next getUpdates offset, or a webhook's
200). Whatever the bot had confirmed but not finished when it died would be lost; stored here first,
it is handled on the next start instead. An update id is stored once and never accepted again, so a
batch Telegram sends a second time (its confirmation never arrived) is not handled twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from bot.storage.database import Storage

KEEP_DONE = timedelta(days=2)  # Telegram keeps an unconfirmed update 24 h: a done id is remembered longer
PRUNE_EVERY = 3600.0  # seconds between deletions of old done rows


def _now() -> datetime:
    return datetime.now(UTC)


class Inbox:
    """The `inbox` table of a `Storage`; writes go through its `transaction()` and `write()`."""

    def __init__(self, db: Storage, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self._clock = clock
        self._pruned_at: float | None = None

    async def accept(self, updates: Sequence[tuple[int, str]]) -> set[int]:
        """Store (update id, JSON) pairs in one transaction; the ids that were new, i.e. the ones to handle.

        Only after this returns may the updates be confirmed to Telegram. An id already stored
        (handled, or pending and handled at start) is left alone and not returned.
        """
        if not updates:
            return set()
        fresh = set()
        received = _now().isoformat(timespec="seconds")
        async with self.db.transaction() as db:
            for update_id, raw in updates:
                cursor = await db.execute(
                    "INSERT INTO inbox (update_id, raw, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (update_id, raw, received))
                if cursor.rowcount:
                    fresh.add(update_id)
        await self._prune_now_and_then()
        return fresh

    async def done(self, update_id: int) -> None:
        """The update's handler finished (its replies sent): never handle it again."""
        await self.db.write("UPDATE inbox SET done_at = ? WHERE update_id = ? AND done_at IS NULL",
                            (_now().isoformat(timespec="seconds"), update_id))

    async def pending(self) -> list[tuple[int, str]]:
        """(update id, JSON) of the updates stored but not handled to the end, oldest first."""
        rows = await self.db.db.execute_fetchall(
            "SELECT update_id, raw FROM inbox WHERE done_at IS NULL ORDER BY update_id")
        return [(int(row[0]), str(row[1])) for row in rows]

    async def prune(self) -> int:
        """Forget done updates older than KEEP_DONE (Telegram cannot send those again); how many went.

        Keeping them longer would be harmless but for one case: after a week with no updates Telegram
        numbers the next ones from a random id, which must not collide with an old done row.
        """
        cutoff = (_now() - KEEP_DONE).isoformat(timespec="seconds")
        cursor = await self.db.write("DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?", (cutoff,))
        self._pruned_at = self._clock()
        return cursor.rowcount

    async def _prune_now_and_then(self) -> None:
        if self._pruned_at is None or self._clock() - self._pruned_at >= PRUNE_EVERY:
            await self.prune()

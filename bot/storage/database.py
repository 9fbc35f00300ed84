"""What the bot remembers, in SQLite: users' language, questions asked and votes.

Every write goes through `Storage.transaction()` (several statements) or `Storage.write()` (one):
all tasks share one connection, so a transaction holds it alone until it is committed, and a single
statement is queued only while no transaction is open: nothing of another task's can be committed or
rolled back with a transaction. Reads need no lock.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from bot.storage.migrations import MIGRATIONS
from knowledge.models import Tier

log = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    language: str


@dataclass(frozen=True, slots=True)
class QueryRecord:
    id: int
    user_id: int
    text: str
    lang: str
    tier: str
    passage_ids: tuple[str, ...]
    chat_id: int | None = None  # the group it was asked in; None for a private question


@dataclass(frozen=True, slots=True)
class QuizPollRecord:
    """A quiz poll the bot sent: where, which item, which option is right."""

    poll_id: str
    chat_id: int
    message_id: int
    item_id: str
    passage_id: str
    correct: int


@dataclass(frozen=True, slots=True)
class Leader:
    """One line of /top: a member's right answers of those they gave."""

    user_id: int
    name: str
    right: int
    answered: int


SEEN_INTERVAL = 60.0  # seconds: a user seen more recently than this is not written again


class Storage:
    """One aiosqlite connection in WAL mode; every write is a short transaction of its own.

    New write methods look like these (see `write` and `transaction`)::

        async def rename(self, user_id: int, name: str) -> None:
            await self.write("UPDATE users SET name = ? WHERE id = ?", (name, user_id))

        async def move(self, user_id: int, card: str, box: int) -> None:
            async with self.transaction() as db:
                await db.execute("UPDATE cards SET box = ? WHERE user_id = ? AND card = ?", (box, user_id, card))
                await db.execute("INSERT INTO card_reviews …", (…))
    """

    def __init__(self, db: aiosqlite.Connection, *, seen_interval: float = SEEN_INTERVAL,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self._writing = asyncio.Lock()
        # user id -> (language, when last_seen was written): every update touches its user, each inline
        # keystroke too, and a write per update would be an upsert and a commit each time.
        self._seen: dict[int, tuple[str, float]] = {}
        self._seen_interval = seen_interval
        self._clock = clock

    @classmethod
    async def open(cls, path: Path, *, seen_interval: float = SEEN_INTERVAL,
                   clock: Callable[[], float] = time.monotonic) -> Storage:
        """Open (creating folders and schema as needed) the database at `path`."""
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit: transactions are begun only by `transaction()`, never implicitly by a statement.
        db = await aiosqlite.connect(path, isolation_level=None)
        db.row_factory = aiosqlite.Row
        await db.execute("PRAGMA journal_mode = WAL")
        await db.execute("PRAGMA busy_timeout = 5000")
        await db.execute("PRAGMA foreign_keys = ON")
        await db.execute("PRAGMA synchronous = NORMAL")  # durable across crashes of the process in WAL
        await db.execute("PRAGMA secure_delete = ON")  # what /forget deletes is overwritten, not left in free pages
        storage = cls(db, seen_interval=seen_interval, clock=clock)
        await storage.migrate()
        return storage

    async def close(self) -> None:
        await self.db.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Hold the connection alone for one write transaction: committed at the end, rolled back on any error.

        Use the connection it yields for every statement of the transaction. The lock keeps other
        tasks' writes out from BEGIN to COMMIT (they would otherwise join this transaction, commit
        half of it or lose theirs to its rollback); IMMEDIATE takes SQLite's write lock at once, so
        another process makes it wait (busy_timeout) here and not fail half-way. Not re-entrant: a
        helper called inside one takes the connection as a parameter instead.
        """
        async with self._writing:
            try:
                await self.db.execute("BEGIN IMMEDIATE")
                yield self.db
                await self.db.commit()
            except BaseException:
                # A call whose awaiting task was cancelled still runs (aiosqlite's thread works through its
                # queue in order), so this rollback comes after it: a BEGIN or statement cancelled
                # while waiting is undone too. Without a transaction open it does nothing.
                await self.db.rollback()
                raise

    async def write(self, sql: str, parameters: Sequence[Any] = ()) -> aiosqlite.Cursor:
        """Run one writing statement outside any transaction; its cursor (rowcount, lastrowid).

        In autocommit mode one statement is a transaction of its own, with no BEGIN and COMMIT to
        wait for: the row is there one round trip after the call, as soon as an update that reads it next looks.
        It waits only while a `transaction()` holds the connection, never for other single writes (see
        `_outside_transaction`): queued one behind another, each question's writes waited for every
        earlier one's round trip to SQLite's thread: 15-20% of the bot's throughput in bench/e2e.py.
        """
        await self._outside_transaction()
        return await self.db.execute(sql, parameters)

    async def _outside_transaction(self) -> None:
        """Return once no `transaction()` holds the connection.

        The caller's statement must be queued before its next suspension, as awaiting an aiosqlite call
        does (it is put on the connection's queue before the call waits): aiosqlite runs calls in the
        order they were queued, so a statement queued while no transaction is open runs before any
        later BEGIN, never inside another task's transaction.
        """
        while self._writing.locked():
            async with self._writing:
                pass

    async def schema_version(self) -> int:
        async with self.db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> None:
        """Apply the numbered steps not applied yet, each in its own transaction."""
        current = await self.schema_version()
        for version, script in MIGRATIONS:
            if version <= current:
                continue
            try:
                await self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
            except Exception:
                await self.db.rollback()
                raise
            log.info("database migrated to version %d", version)

    # --- users --------------------------------------------------------------------------

    async def touch_user(self, user_id: int, language: str) -> UserRecord:
        """Record that a user was seen; a new user starts with `language`, a known one keeps theirs.

        Within `seen_interval` of the last write for this user nothing is written: last_seen is
        only minute-accurate, and the language comes from memory (`set_language` keeps it current).
        """
        moment = self._clock()
        seen = self._seen.get(user_id)
        if seen is not None and moment - seen[1] < self._seen_interval:
            return UserRecord(user_id, seen[0])
        now = _now()
        await self._outside_transaction()  # as `write` does, with the RETURNING row fetched in the same trip
        rows = await self.db.execute_fetchall(
            "INSERT INTO users (id, language, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen RETURNING language",
            (user_id, language, now, now),
        )
        row = next(iter(rows), None)
        record = UserRecord(user_id, row[0] if row else language)
        self._remember(user_id, record.language, moment)
        return record

    def _remember(self, user_id: int, language: str, moment: float) -> None:
        """Note a user's language and when last_seen was written; stale entries go when the memory grows."""
        if len(self._seen) >= 10_000:
            self._seen = {user: seen for user, seen in self._seen.items() if moment - seen[1] < self._seen_interval}
        self._seen[user_id] = (language, moment)

    async def user_language(self, user_id: int) -> str | None:
        async with self.db.execute("SELECT language FROM users WHERE id = ?", (user_id,)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def set_language(self, user_id: int, language: str) -> None:
        now = _now()
        await self.write(
            "INSERT INTO users (id, language, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET language = excluded.language, last_seen = excluded.last_seen",
            (user_id, language, now, now),
        )
        self._remember(user_id, language, self._clock())

    # --- questions ----------------------------------------------------------------------

    async def log_query(self, user_id: int, text: str, lang: str, tier: str,
                        passage_ids: tuple[str, ...], latency_ms: float, group_id: int | None = None) -> int:
        """Store a question and its ranked passages; the id goes into the answer's buttons."""
        cursor = await self.write(
            "INSERT INTO queries (user_id, text, lang, tier, passage_ids, latency_ms, created_at, place, chat_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (user_id, text, lang, tier, " ".join(passage_ids), round(latency_ms, 3), _now(),
             "private" if group_id is None else "group", group_id),
        )
        query_id = cursor.lastrowid
        assert query_id is not None
        return query_id

    async def get_query(self, query_id: int) -> QueryRecord | None:
        async with self.db.execute(
            "SELECT id, user_id, text, lang, tier, passage_ids, chat_id FROM queries WHERE id = ?", (query_id,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        return QueryRecord(row["id"], row["user_id"], row["text"], row["lang"], row["tier"],
                           tuple(row["passage_ids"].split()), row["chat_id"])

    async def last_query(self, user_id: int) -> QueryRecord | None:
        """The user's latest question that found something (what /share links to)."""
        async with self.db.execute(
            "SELECT id FROM queries WHERE user_id = ? AND passage_ids != '' ORDER BY id DESC LIMIT 1", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else await self.get_query(int(row[0]))

    async def dismiss_unanswered(self, query_id: int, same_question: Callable[[str], str]) -> int:
        """Clear a question that found nothing from /unanswered, with every wording `same_question` groups with it.

        Returns how many rows were cleared: 0 when `query_id` does not exist, found something, or
        was dismissed already. One transaction: a wording asked meanwhile is either cleared or listed.
        """
        async with self.transaction() as db:
            rows = await db.execute_fetchall(
                "SELECT id, text FROM queries WHERE tier = ? AND dismissed_at IS NULL", (Tier.NOTHING.value,))
            texts = {int(row[0]): str(row[1]) for row in rows}
            if query_id not in texts:
                return 0
            key = same_question(texts[query_id])
            now = _now()
            cursor = await db.executemany("UPDATE queries SET dismissed_at = ? WHERE id = ?",
                                          [(now, other) for other, text in texts.items() if same_question(text) == key])
            return cursor.rowcount

    # --- groups -------------------------------------------------------------------------

    async def group_joined(self, chat_id: int) -> None:
        """The bot was added to a group (again): it is a member from now on."""
        await self.write(
            "INSERT INTO groups (id, joined_at) VALUES (?, ?) "
            "ON CONFLICT (id) DO UPDATE SET joined_at = excluded.joined_at, left_at = NULL",
            (chat_id, _now()),
        )

    async def group_left(self, chat_id: int) -> None:
        await self.write("UPDATE groups SET left_at = ? WHERE id = ?", (_now(), chat_id))

    async def group_language(self, chat_id: int) -> str | None:
        """The language a chat admin fixed for the group; None: answer each asker in their own."""
        async with self.db.execute("SELECT language FROM groups WHERE id = ?", (chat_id,)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def set_group_language(self, chat_id: int, language: str | None) -> None:
        await self.write(
            "INSERT INTO groups (id, language, joined_at) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET language = excluded.language",
            (chat_id, language, _now()),
        )

    # --- forgetting -----------------------------------------------------------------------

    async def forget_user(self, user_id: int) -> tuple[int, int]:
        """Delete a user's questions, votes and settings in one transaction; returns (questions, votes).

        Votes of others on this user's questions go with the questions (ON DELETE CASCADE).
        """
        async with self.transaction() as db:
            cursor = await db.execute("DELETE FROM feedback WHERE user_id = ?", (user_id,))
            votes = cursor.rowcount
            cursor = await db.execute("DELETE FROM queries WHERE user_id = ?", (user_id,))
            questions = cursor.rowcount
            await self.forget_studies(db, user_id)
            await db.execute("DELETE FROM users WHERE id = ?", (user_id,))
            self._seen.pop(user_id, None)
        # The deleted rows' old pages stay in the WAL until a checkpoint copies it back and truncates it
        # (under the lock: a checkpoint cannot run while a write transaction is open on this connection).
        async with self._writing:
            await self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.info("forgot user %d: %d questions, %d votes", user_id, questions, votes)
        return questions, votes

    # --- feedback -----------------------------------------------------------------------

    async def vote(self, query_id: int, passage_id: str, user_id: int, vote: int) -> None:
        """Store 👍 (1) or 👎 (-1); voting again on the same passage replaces the earlier vote."""
        await self.write(
            "INSERT INTO feedback (query_id, passage_id, user_id, vote, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (query_id, passage_id, user_id) DO UPDATE SET vote = excluded.vote, "
            "created_at = excluded.created_at",
            (query_id, passage_id, user_id, vote, _now()),
        )

    async def get_vote(self, query_id: int, passage_id: str, user_id: int) -> int | None:
        async with self.db.execute(
            "SELECT vote FROM feedback WHERE query_id = ? AND passage_id = ? AND user_id = ?",
            (query_id, passage_id, user_id),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else None

    # --- study mode: quizzes and cards ----------------------------------------------------

    async def record_quiz_poll(self, poll: QuizPollRecord) -> None:
        await self.write(
            "INSERT OR REPLACE INTO quiz_polls (poll_id, chat_id, message_id, item_id, passage_id, correct, "
            "sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (poll.poll_id, poll.chat_id, poll.message_id, poll.item_id, poll.passage_id, poll.correct, _now()),
        )

    async def quiz_poll(self, poll_id: str) -> QuizPollRecord | None:
        async with self.db.execute(
            "SELECT poll_id, chat_id, message_id, item_id, passage_id, correct FROM quiz_polls WHERE poll_id = ?",
            (poll_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else QuizPollRecord(*row)

    async def asked_items(self, chat_id: int) -> dict[str, str]:
        """Item id → when it was last asked in a chat (what not to ask again while others are left)."""
        rows = await self.db.execute_fetchall(
            "SELECT item_id, MAX(sent_at) FROM quiz_polls WHERE chat_id = ? GROUP BY item_id", (chat_id,))
        return {row[0]: row[1] for row in rows}

    async def record_quiz_answer(self, poll: QuizPollRecord, user_id: int, name: str, option: int | None) -> None:
        """Store (or, for a retracted vote, delete) a member's answer to a quiz poll."""
        if option is None:
            await self.write("DELETE FROM quiz_answers WHERE poll_id = ? AND user_id = ?", (poll.poll_id, user_id))
        else:
            await self.write(
                "INSERT INTO quiz_answers (poll_id, user_id, chat_id, name, correct, answered_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (poll_id, user_id) DO UPDATE SET "
                "correct = excluded.correct, name = excluded.name, answered_at = excluded.answered_at",
                (poll.poll_id, user_id, poll.chat_id, name, int(option == poll.correct), _now()),
            )

    async def quiz_leaders(self, chat_id: int, since: str | None = None, limit: int = 10) -> list[Leader]:
        """A chat's members by right answers (then fewer answers), since a time or of all time."""
        rows = await self.db.execute_fetchall(
            "SELECT user_id, (SELECT name FROM quiz_answers AS last WHERE last.user_id = a.user_id "
            "AND last.chat_id = a.chat_id ORDER BY answered_at DESC LIMIT 1), SUM(correct), COUNT(*) "
            "FROM quiz_answers AS a WHERE chat_id = ? AND answered_at >= ? "
            "GROUP BY user_id ORDER BY SUM(correct) DESC, COUNT(*) ASC, MIN(answered_at) ASC LIMIT ?",
            (chat_id, since or "", limit),
        )
        return [Leader(int(row[0]), str(row[1]), int(row[2]), int(row[3])) for row in rows]

    async def quiz_results(self, user_id: int) -> list[tuple[str, bool]]:
        """(passage id, right?) of each quiz answer a user gave, in any chat."""
        rows = await self.db.execute_fetchall(
            "SELECT p.passage_id, a.correct FROM quiz_answers AS a JOIN quiz_polls AS p USING (poll_id) "
            "WHERE a.user_id = ?", (user_id,))
        return [(str(row[0]), bool(row[1])) for row in rows]

    async def cards_of(self, user_id: int) -> dict[str, tuple[int, str]]:
        """A user's cards: card → (Leitner box, when it is due)."""
        rows = await self.db.execute_fetchall("SELECT card, box, due_at FROM cards WHERE user_id = ?", (user_id,))
        return {str(row[0]): (int(row[1]), str(row[2])) for row in rows}

    async def review_card(self, user_id: int, card: str, known: bool, box: int, due_at: str) -> None:
        """Move a card to its new box and log the review (the daily limit counts the log)."""
        async with self.transaction() as db:
            await db.execute(
                "INSERT INTO cards (user_id, card, box, due_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (user_id, card) DO UPDATE SET box = excluded.box, due_at = excluded.due_at",
                (user_id, card, box, due_at),
            )
            await db.execute("INSERT INTO card_reviews (user_id, card, known, reviewed_at) VALUES (?, ?, ?, ?)",
                             (user_id, card, int(known), _now()))

    async def reviews_since(self, user_id: int, since: str) -> int:
        async with self.db.execute("SELECT COUNT(*) FROM card_reviews WHERE user_id = ? AND reviewed_at >= ?",
                                   (user_id, since)) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    async def forget_studies(db: aiosqlite.Connection, user_id: int) -> None:
        """Delete a user's quiz answers, cards and private quizzes; a step of forget_user's transaction."""
        await db.execute("DELETE FROM quiz_answers WHERE user_id = ?", (user_id,))
        await db.execute("DELETE FROM quiz_polls WHERE chat_id = ?", (user_id,))  # the private chat's
        await db.execute("DELETE FROM cards WHERE user_id = ?", (user_id,))
        await db.execute("DELETE FROM card_reviews WHERE user_id = ?", (user_id,))

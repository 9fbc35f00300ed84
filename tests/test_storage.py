"""Storage on a real SQLite file: schema steps, users, questions and votes."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.database import Storage
from bot.storage.migrations import MIGRATIONS


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Storage]:
    storage = await Storage.open(tmp_path / "nested" / "bot.sqlite3")
    yield storage
    await storage.close()


async def test_schema_is_migrated_in_wal_mode(db: Storage, tmp_path: Path) -> None:
    assert await db.schema_version() == MIGRATIONS[-1][0]
    async with db.db.execute("PRAGMA journal_mode") as cursor:
        assert (await cursor.fetchone())[0] == "wal"  # type: ignore[index]
    tables = {row[0] for row in sqlite3.connect(tmp_path / "nested" / "bot.sqlite3").execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"users", "queries", "feedback"} <= tables


def test_migrations_are_numbered_in_order() -> None:
    assert [version for version, _ in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


async def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    first = await Storage.open(path)
    await first.touch_user(7, "ru")
    await first.close()
    again = await Storage.open(path)
    try:
        assert (await again.touch_user(7, "kk")).language == "ru"
    finally:
        await again.close()


async def test_a_known_user_keeps_their_language(db: Storage) -> None:
    assert (await db.touch_user(1, "kk")).language == "kk"
    await db.set_language(1, "ru")
    assert (await db.touch_user(1, "kk")).language == "ru"
    async with db.db.execute("SELECT first_seen <= last_seen FROM users WHERE id = 1") as cursor:
        assert (await cursor.fetchone())[0] == 1  # type: ignore[index]


async def test_query_round_trip(db: Storage) -> None:
    query_id = await db.log_query(5, "Мәслихат деген не?", "kk", "confident", ("p1", "p2"), 1.23456)
    record = await db.get_query(query_id)
    assert record is not None
    assert (record.user_id, record.text, record.lang, record.tier, record.passage_ids) == (
        5, "Мәслихат деген не?", "kk", "confident", ("p1", "p2"))
    assert await db.get_query(query_id + 1) is None


async def test_voting_again_replaces_the_vote(db: Storage) -> None:
    query_id = await db.log_query(5, "q", "kk", "unsure", ("p1",), 1.0)
    await db.vote(query_id, "p1", 5, 1)
    await db.vote(query_id, "p1", 5, -1)
    assert await db.get_vote(query_id, "p1", 5) == -1
    async with db.db.execute("SELECT COUNT(*) FROM feedback") as cursor:
        assert (await cursor.fetchone())[0] == 1  # type: ignore[index]


async def test_a_vote_needs_its_question(db: Storage) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        await db.vote(999, "p1", 5, 1)


async def test_a_new_user_and_another_write_at_the_same_moment_both_succeed(db: Storage) -> None:
    """aiosqlite runs calls in order on one thread: another task's commit lands between two calls of ours.

    An INSERT … RETURNING still open at that moment makes that commit fail ("SQL statements in
    progress"), so a user must be stored in one call.
    """
    await asyncio.gather(db.touch_user(1, "kk"), db.set_language(2, "ru"), db.touch_user(3, "ru"),
                         db.vote(await db.log_query(1, "q", "kk", "confident", ("p",), 1.0), "p", 1, 1))
    assert [await db.user_language(user) for user in (1, 2, 3)] == ["kk", "ru", "ru"]


async def counts(db: Storage, user_id: int) -> tuple[int, int, int]:
    """(questions, votes, user rows) stored for a user."""
    found = []
    for sql in ("SELECT COUNT(*) FROM queries WHERE user_id = ?", "SELECT COUNT(*) FROM feedback WHERE user_id = ?",
                "SELECT COUNT(*) FROM users WHERE id = ?"):
        async with db.db.execute(sql, (user_id,)) as cursor:
            row = await cursor.fetchone()
        found.append(int(row[0]) if row else 0)
    return found[0], found[1], found[2]


async def test_a_failed_forget_rolls_back_whole_while_other_tasks_commit(db: Storage) -> None:
    """A forget that fails half-way leaves everything; the writes of tasks running meanwhile all stay.

    On one shared connection with implicit transactions another task's commit, landing between
    two of forget's statements, committed its first deletions, and forget's rollback then threw
    away that task's uncommitted insert. The database itself refuses the last deletion here.
    """
    await db.touch_user(1, "kk")
    for n in range(3):
        await db.vote(await db.log_query(1, f"q{n}", "kk", "confident", ("p",), 1.0), "p", 1, 1)
    await db.db.execute("CREATE TRIGGER keep_user_1 BEFORE DELETE ON users WHEN old.id = 1 "
                        "BEGIN SELECT RAISE(ABORT, 'user 1 is kept'); END")
    await db.db.commit()

    async def forget() -> None:
        with pytest.raises(sqlite3.IntegrityError, match="user 1 is kept"):
            await db.forget_user(1)

    async def ask(n: int) -> int:
        return await db.log_query(2, f"other {n}", "ru", "unsure", ("p",), 1.0)

    _, *asked = await asyncio.gather(forget(), *(ask(n) for n in range(5)))
    assert await counts(db, 1) == (3, 3, 1)
    assert None not in [await db.get_query(query_id) for query_id in asked]
    assert await counts(db, 2) == (5, 0, 0)


async def test_a_cancelled_forget_leaves_everything(db: Storage) -> None:
    """Cancelled between two statements (a shutdown, a timeout), forget changes nothing, and others go on."""
    await db.touch_user(1, "kk")
    await db.vote(await db.log_query(1, "q", "kk", "confident", ("p",), 1.0), "p", 1, 1)
    task = asyncio.create_task(db.forget_user(1))
    await asyncio.sleep(0)  # forget has begun
    others = asyncio.gather(*(db.log_query(2, f"other {n}", "ru", "unsure", ("p",), 1.0) for n in range(3)))
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await others
    assert await counts(db, 1) == (1, 1, 1)
    assert await counts(db, 2) == (3, 0, 0)


async def test_a_user_seen_lately_is_not_written_again(tmp_path: Path) -> None:
    """Every update touches its user (each inline keystroke too): within a minute that costs no write."""
    clock = [1000.0]
    db = await Storage.open(tmp_path / "bot.sqlite3", seen_interval=60.0, clock=lambda: clock[0])
    try:
        assert (await db.touch_user(1, "kk")).language == "kk"
        written = db.db.total_changes
        clock[0] += 59
        assert (await db.touch_user(1, "ru")).language == "kk"
        assert db.db.total_changes == written
        await db.set_language(1, "ru")
        written = db.db.total_changes
        assert (await db.touch_user(1, "kk")).language == "ru"  # the choice, from memory
        assert db.db.total_changes == written
        clock[0] += 61
        async with db.db.execute("UPDATE users SET last_seen = '' WHERE id = 1"):
            pass
        assert (await db.touch_user(1, "kk")).language == "ru"
        assert db.db.total_changes > written + 1
        async with db.db.execute("SELECT last_seen FROM users WHERE id = 1") as cursor:
            assert (await cursor.fetchone())[0] != ""  # type: ignore[index]
        await db.forget_user(1)
        assert (await db.touch_user(1, "kk")).language == "kk"  # forgotten: a new user again
        assert await counts(db, 1) == (0, 0, 1)
    finally:
        await db.close()


async def test_a_dismissal_and_a_new_wording_at_the_same_moment(db: Storage) -> None:
    """Dismissing is one transaction: a wording stored meanwhile is either cleared with the others or listed."""
    first = await db.log_query(1, "Мәслихат деген не?", "kk", "nothing", (), 1.0)
    results = await asyncio.gather(
        db.dismiss_unanswered(first, str.casefold),
        *(db.log_query(2, "МӘСЛИХАТ деген не?", "kk", "nothing", (), 1.0) for _ in range(3)))
    async with db.db.execute("SELECT COUNT(*) FROM queries WHERE dismissed_at IS NULL") as cursor:
        listed = (await cursor.fetchone())[0]  # type: ignore[index]
    assert results[0] + listed == 4

"""Storage on a real SQLite file: schema steps, users, questions and votes."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.migrations import MIGRATIONS
from bot.storage import Storage


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

"""The database schema as numbered steps; `PRAGMA user_version` records the last one applied."""

from __future__ import annotations

# Append only: a released step never changes, a new need is a new step.
MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
        CREATE TABLE users (
            id          INTEGER PRIMARY KEY,          -- Telegram user id
            language    TEXT    NOT NULL,             -- interface language: kk or ru
            first_seen  TEXT    NOT NULL,
            last_seen   TEXT    NOT NULL
        );
    """),
    (2, """
        CREATE TABLE queries (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id      INTEGER NOT NULL,
            text         TEXT    NOT NULL,
            lang         TEXT    NOT NULL,            -- detected language of the question
            tier         TEXT    NOT NULL,            -- confident, unsure or nothing
            passage_ids  TEXT    NOT NULL,            -- ranked hits, space-separated
            latency_ms   REAL    NOT NULL,
            created_at   TEXT    NOT NULL
        );
        CREATE INDEX queries_by_user ON queries (user_id);
        CREATE INDEX queries_by_tier ON queries (tier, created_at);
    """),
    (3, """
        CREATE TABLE feedback (
            query_id    INTEGER NOT NULL REFERENCES queries (id) ON DELETE CASCADE,
            passage_id  TEXT    NOT NULL,
            user_id     INTEGER NOT NULL,
            vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
            created_at  TEXT    NOT NULL,
            PRIMARY KEY (query_id, passage_id, user_id)
        );
    """),
    (4, """
        ALTER TABLE queries ADD COLUMN place TEXT NOT NULL DEFAULT 'private';  -- private or group
        ALTER TABLE queries ADD COLUMN chat_id INTEGER;                       -- the group it was asked in
        ALTER TABLE queries ADD COLUMN dismissed_at TEXT;                     -- an admin cleared it from /unanswered
        CREATE TABLE groups (
            id          INTEGER PRIMARY KEY,          -- Telegram chat id of a group or supergroup
            language    TEXT,                         -- fixed by a chat admin; NULL: each asker's own
            joined_at   TEXT    NOT NULL,
            left_at     TEXT                          -- the bot was removed; NULL while it is a member
        );
    """),
)

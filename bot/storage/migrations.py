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
    (5, """
        CREATE TABLE quiz_polls (
            poll_id     TEXT    PRIMARY KEY,          -- Telegram's id of a quiz poll the bot sent
            chat_id     INTEGER NOT NULL,
            message_id  INTEGER NOT NULL,
            item_id     TEXT    NOT NULL,             -- knowledge/quiz.py item id: not asked again in this chat
            passage_id  TEXT    NOT NULL,             -- the passage it was made from
            correct     INTEGER NOT NULL,             -- the correct option's index
            sent_at     TEXT    NOT NULL
        );
        CREATE INDEX quiz_polls_by_chat ON quiz_polls (chat_id, item_id);
        CREATE TABLE quiz_answers (
            poll_id     TEXT    NOT NULL REFERENCES quiz_polls (poll_id) ON DELETE CASCADE,
            user_id     INTEGER NOT NULL,
            chat_id     INTEGER NOT NULL,
            name        TEXT    NOT NULL,             -- the member's first name, for /top
            correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
            answered_at TEXT    NOT NULL,
            PRIMARY KEY (poll_id, user_id)
        );
        CREATE INDEX quiz_answers_by_chat ON quiz_answers (chat_id, answered_at);
        CREATE INDEX quiz_answers_by_user ON quiz_answers (user_id);
        CREATE TABLE cards (
            user_id     INTEGER NOT NULL,
            card        TEXT    NOT NULL,             -- knowledge/quiz.py term_key of a glossary term
            box         INTEGER NOT NULL,             -- Leitner box: 1 (soon) to 5 (rarely)
            due_at      TEXT    NOT NULL,
            PRIMARY KEY (user_id, card)
        );
        CREATE TABLE card_reviews (
            user_id     INTEGER NOT NULL,
            card        TEXT    NOT NULL,
            known       INTEGER NOT NULL CHECK (known IN (0, 1)),
            reviewed_at TEXT    NOT NULL
        );
        CREATE INDEX card_reviews_by_user ON card_reviews (user_id, reviewed_at);
    """),
    (6, """
        CREATE TABLE inbox (
            update_id    INTEGER PRIMARY KEY,         -- Telegram's update id: one row per update, ever
            raw          TEXT    NOT NULL,            -- the update as JSON, to handle it again after a crash
            received_at  TEXT    NOT NULL,
            done_at      TEXT                         -- its handler finished; NULL: handle it on the next start
        );
        CREATE INDEX inbox_pending ON inbox (update_id) WHERE done_at IS NULL;
        CREATE INDEX inbox_done ON inbox (done_at) WHERE done_at IS NOT NULL;
    """),
)

"""SQLite through aiosqlite: the one `Storage` every write goes through (a transaction holds the
connection), its numbered migrations and its queries, and the inbox of updates stored before they
are confirmed to Telegram."""

from bot.storage.database import Storage

__all__ = ["Storage"]

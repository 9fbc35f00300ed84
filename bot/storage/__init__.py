"""SQLite through aiosqlite: the one `Storage` every write goes through (a transaction holds the
connection), its numbered migrations and its queries."""

from bot.storage.database import Storage

__all__ = ["Storage"]

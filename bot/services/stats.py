"""What admins learn about the bot's use: counts, a chart of questions per day, unanswered questions.

Everything here only reads the database; `dismiss` has `Storage` write. Days are UTC days of the
stored `created_at` (ISO UTC strings), so a window's bounds compare as plain strings in SQL.
Questions are grouped after `normalize_question` in Python: SQLite's lower() folds ASCII
only, and Kazakh and Russian questions are Cyrillic.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.storage.database import Storage
from knowledge.models import Tier

TOP = 5  # questions in each list of the report


def normalize_question(text: str) -> str:
    """The key under which wordings of one question count together.

    Case-folded (Cyrillic too), whitespace collapsed, and anything but letters and digits cut
    from both ends, so "Мәслихат деген не?" and "мәслихат  ДЕГЕН не" are one question.
    """
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    start, end = 0, len(folded)
    while start < end and not folded[start].isalnum():
        start += 1
    while end > start and not folded[end - 1].isalnum():
        end -= 1
    return folded[start:end]


def _day_bound(day: date) -> str:
    """The first moment of a UTC day as a string that sorts against stored `created_at`."""
    return day.isoformat()


@dataclass(frozen=True, slots=True)
class DayCount:
    """Questions of one UTC day, by tier."""

    day: date
    confident: int = 0
    unsure: int = 0
    nothing: int = 0

    def count(self, tier: Tier) -> int:
        return int(getattr(self, tier.value))

    @property
    def total(self) -> int:
        return self.confident + self.unsure + self.nothing


@dataclass(frozen=True, slots=True)
class TopQuestion:
    """A question asked `count` times in any wording; `text`: its most frequent wording (earliest on a tie)."""

    text: str
    count: int


@dataclass(frozen=True, slots=True)
class Stats:
    """A snapshot for the admin report. "Window": the last `days` UTC days up to `today` included."""

    today: date
    days: int
    users: int  # all time: recorded or asking
    active_users: int  # seen or asking in the window
    questions: int  # all time
    window_questions: int
    per_day: tuple[DayCount, ...]  # every day of the window, oldest first
    private: int  # window questions asked in a private chat
    group: int  # window questions asked in a group
    upvotes: int  # 👍 given in the window
    downvotes: int  # 👎 given in the window
    top_asked: tuple[TopQuestion, ...]  # window
    top_unanswered: tuple[TopQuestion, ...]  # all time, not dismissed: the admins' to-do list

    @property
    def start(self) -> date:
        return self.today - timedelta(days=self.days - 1)

    def tier_count(self, tier: Tier) -> int:
        return sum(day.count(tier) for day in self.per_day)

    def share(self, tier: Tier) -> float:
        """Part (0..1) of the window's questions in `tier`; 0 when there were none."""
        return self.tier_count(tier) / self.window_questions if self.window_questions else 0.0

    @property
    def approval(self) -> float | None:
        """Part (0..1) of the window's votes that are 👍; None without votes."""
        votes = self.upvotes + self.downvotes
        return self.upvotes / votes if votes else None


async def _scalar(storage: Storage, sql: str, *args: object) -> int:
    async with storage.db.execute(sql, args) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _top(texts: Iterable[str], limit: int) -> tuple[TopQuestion, ...]:
    """The `limit` most frequent questions among `texts` (oldest first); ties: the latest asked first."""
    wordings: dict[str, Counter[str]] = {}
    last: dict[str, int] = {}
    for position, text in enumerate(texts):
        key = normalize_question(text)
        wordings.setdefault(key, Counter())[text] += 1
        last[key] = position
    ranked = sorted(wordings, key=lambda key: (-wordings[key].total(), -last[key]))
    return tuple(TopQuestion(wordings[key].most_common(1)[0][0], wordings[key].total()) for key in ranked[:limit])


async def collect_stats(storage: Storage, *, days: int = 14, today: date | None = None) -> Stats:
    """Read the numbers of the report for the `days` UTC days ending with `today` (default: now)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if today is None:
        today = datetime.now(UTC).date()
    first = today - timedelta(days=days - 1)
    window = (_day_bound(first), _day_bound(today + timedelta(days=1)))

    # Every asker is in `users` (the middleware records them first); the UNION keeps
    # "active" from ever exceeding "all" should that change.
    users = await _scalar(storage, "SELECT COUNT(*) FROM (SELECT id FROM users UNION SELECT user_id FROM queries)")
    # last_seen keeps only the latest visit: for a window in the past, its askers fill in.
    active = await _scalar(
        storage,
        "SELECT COUNT(*) FROM (SELECT id FROM users WHERE last_seen >= ? AND last_seen < ? "
        "UNION SELECT user_id FROM queries WHERE created_at >= ? AND created_at < ?)",
        *window, *window)
    questions = await _scalar(storage, "SELECT COUNT(*) FROM queries")

    per_tier: dict[str, Counter[str]] = {}
    places: Counter[str] = Counter()
    texts: list[str] = []
    async with storage.db.execute(
        "SELECT substr(created_at, 1, 10), tier, place, text FROM queries "
        "WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id", window,
    ) as cursor:
        async for day, tier, place, text in cursor:
            per_tier.setdefault(day, Counter())[tier] += 1
            places[place] += 1
            texts.append(text)
    per_day = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        counts = per_tier.get(day.isoformat(), Counter())
        per_day.append(DayCount(day, confident=counts[Tier.CONFIDENT.value], unsure=counts[Tier.UNSURE.value],
                                nothing=counts[Tier.NOTHING.value]))

    votes: Counter[int] = Counter()
    async with storage.db.execute(
        "SELECT vote, COUNT(*) FROM feedback WHERE created_at >= ? AND created_at < ? GROUP BY vote", window,
    ) as cursor:
        async for vote, count in cursor:
            votes[int(vote)] = int(count)

    async with storage.db.execute(
        "SELECT text FROM queries WHERE tier = ? AND dismissed_at IS NULL ORDER BY created_at, id",
        (Tier.NOTHING.value,),
    ) as cursor:
        unanswered_texts = [row[0] async for row in cursor]

    return Stats(
        today=today, days=days, users=users, active_users=active, questions=questions,
        window_questions=len(texts), per_day=tuple(per_day),
        private=places["private"], group=places["group"], upvotes=votes[1], downvotes=votes[-1],
        top_asked=_top(texts, TOP), top_unanswered=_top(unanswered_texts, TOP),
    )


# --- the report -------------------------------------------------------------------------


# --- /unanswered --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unanswered:
    """One question the sources had nothing on, with all its wordings counted.

    `query_id` and `text` are the latest asking, `last_asked` its `created_at` (ISO, UTC).
    """

    query_id: int
    text: str
    count: int
    last_asked: str


async def unanswered(storage: Storage, limit: int = 10) -> list[Unanswered]:
    """Questions found nothing for and not dismissed, latest asked first, each wording group once."""
    latest: dict[str, tuple[int, str, str]] = {}
    counts: Counter[str] = Counter()
    async with storage.db.execute(
        "SELECT id, text, created_at FROM queries WHERE tier = ? AND dismissed_at IS NULL "
        "ORDER BY created_at DESC, id DESC", (Tier.NOTHING.value,),
    ) as cursor:
        async for query_id, text, created_at in cursor:
            key = normalize_question(text)
            latest.setdefault(key, (int(query_id), text, created_at))
            counts[key] += 1
    return [Unanswered(query_id, text, counts[key], created_at)
            for key, (query_id, text, created_at) in list(latest.items())[:max(limit, 0)]]


async def dismiss(storage: Storage, query_id: int) -> int:
    """Clear a question from /unanswered with all its other wordings; how many rows were cleared.

    0 when `query_id` does not exist, found something, or was dismissed already.
    """
    return await storage.dismiss_unanswered(query_id, normalize_question)

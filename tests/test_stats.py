"""Admin statistics on a real SQLite file: counts by day and tier, the report, the chart, /unanswered."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from bot.i18n import create_i18n
from bot.services.stats import DayCount, Stats, TopQuestion, collect_stats, dismiss, normalize_question, unanswered
from bot.storage.database import Storage
from bot.views.markup import MESSAGE_LIMIT, telegram_length, to_plain
from bot.views.stats import CHART_DPI, CHART_SIZE, TIER_COLORS, ChartLabels, chart_labels, render_chart, stats_text
from knowledge.models import Tier

TODAY = date(2026, 11, 20)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Storage]:
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    yield storage
    await storage.close()


async def ask(db: Storage, text: str, when: str, tier: str = "confident", user: int = 1,
              group: int | None = None) -> int:
    """A logged question moved to `when` (ISO UTC, as the bot stores it)."""
    query_id = await db.log_query(user, text, "kk", tier, () if tier == "nothing" else ("p1",), 1.0, group)
    await db.db.execute("UPDATE queries SET created_at = ? WHERE id = ?", (when, query_id))
    await db.db.commit()
    return query_id


async def vote(db: Storage, query_id: int, user: int, value: int, when: str) -> None:
    await db.vote(query_id, "p1", user, value)
    await db.db.execute("UPDATE feedback SET created_at = ? WHERE query_id = ? AND user_id = ?",
                        (when, query_id, user))
    await db.db.commit()


async def seen(db: Storage, user: int, when: str) -> None:
    await db.touch_user(user, "kk")
    await db.db.execute("UPDATE users SET first_seen = ?, last_seen = ? WHERE id = ?", (when, when, user))
    await db.db.commit()


def in_russian(stats: Stats) -> str:
    i18n = create_i18n("ru")
    with i18n.context(), i18n.use_locale("ru"):
        return stats_text(stats)


# --- counting ---------------------------------------------------------------------------


async def test_questions_per_day_and_tier_with_quiet_days(db: Storage) -> None:
    for tier in ("confident", "confident", "unsure"):
        await ask(db, "q", "2026-11-20T09:00:00+00:00", tier)
    await ask(db, "q", "2026-11-18T12:30:00+00:00", "nothing")
    await ask(db, "q", "2026-11-14T08:00:00+00:00", "unsure")

    stats = await collect_stats(db, days=7, today=TODAY)

    assert [day.day for day in stats.per_day] == [date(2026, 11, d) for d in range(14, 21)]
    assert stats.per_day == (
        DayCount(date(2026, 11, 14), unsure=1),
        DayCount(date(2026, 11, 15)),
        DayCount(date(2026, 11, 16)),
        DayCount(date(2026, 11, 17)),
        DayCount(date(2026, 11, 18), nothing=1),
        DayCount(date(2026, 11, 19)),
        DayCount(date(2026, 11, 20), confident=2, unsure=1),
    )
    assert (stats.questions, stats.window_questions) == (5, 5)
    assert [stats.tier_count(tier) for tier in Tier] == [2, 2, 1]


async def test_the_window_is_whole_utc_days(db: Storage) -> None:
    await ask(db, "before", "2026-11-13T23:59:59+00:00")
    await ask(db, "first moment", "2026-11-14T00:00:00+00:00")
    await ask(db, "last moment", "2026-11-20T23:59:59+00:00")
    await ask(db, "after", "2026-11-21T00:00:00+00:00")

    stats = await collect_stats(db, days=7, today=TODAY)

    assert (stats.questions, stats.window_questions) == (4, 2)
    assert (stats.per_day[0].total, stats.per_day[-1].total) == (1, 1)
    assert stats.start == date(2026, 11, 14)
    assert {question.text for question in stats.top_asked} == {"first moment", "last moment"}
    one_day = await collect_stats(db, days=1, today=date(2026, 11, 21))
    assert [(day.day, day.total) for day in one_day.per_day] == [(date(2026, 11, 21), 1)]


async def test_days_must_be_positive(db: Storage) -> None:
    with pytest.raises(ValueError, match="days"):
        await collect_stats(db, days=0, today=TODAY)


async def test_tier_shares_and_places(db: Storage) -> None:
    await ask(db, "a", "2026-11-19T10:00:00+00:00", "confident")
    await ask(db, "b", "2026-11-19T10:00:00+00:00", "confident", group=-100)
    await ask(db, "c", "2026-11-20T10:00:00+00:00", "unsure", group=-100)
    await ask(db, "d", "2026-11-20T10:00:00+00:00", "nothing", group=-200)
    await ask(db, "old", "2026-10-01T10:00:00+00:00", "nothing", group=-200)

    stats = await collect_stats(db, days=14, today=TODAY)

    assert [stats.share(tier) for tier in Tier] == [0.5, 0.25, 0.25]
    assert (stats.private, stats.group) == (1, 3)


async def test_an_empty_database_has_zeros_and_no_division_by_zero(db: Storage) -> None:
    stats = await collect_stats(db, days=14, today=TODAY)

    assert len(stats.per_day) == 14
    assert all(day.total == 0 for day in stats.per_day)
    assert (stats.users, stats.active_users, stats.questions, stats.window_questions) == (0, 0, 0, 0)
    assert [stats.share(tier) for tier in Tier] == [0.0, 0.0, 0.0]
    assert (stats.upvotes, stats.downvotes, stats.approval) == (0, 0, None)
    assert stats.top_asked == stats.top_unanswered == ()


async def test_users_all_time_and_active_in_the_window(db: Storage) -> None:
    await seen(db, 1, "2026-11-19T10:00:00+00:00")  # seen in the window
    await seen(db, 2, "2026-09-01T10:00:00+00:00")  # long gone
    await seen(db, 3, "2026-11-25T10:00:00+00:00")  # seen after the window ...
    await ask(db, "q", "2026-11-15T10:00:00+00:00", user=3)  # ... but asked in it
    await seen(db, 4, "2026-11-25T10:00:00+00:00")  # seen after the window only

    stats = await collect_stats(db, days=14, today=TODAY)

    assert (stats.users, stats.active_users) == (4, 2)


async def test_an_asker_missing_from_users_still_counts(db: Storage) -> None:
    await ask(db, "q", "2026-11-20T10:00:00+00:00", user=9)  # log_query alone: no touch_user

    stats = await collect_stats(db, days=14, today=TODAY)

    assert (stats.users, stats.active_users) == (1, 1)


async def test_votes_and_their_ratio(db: Storage) -> None:
    query_id = await ask(db, "q", "2026-11-19T10:00:00+00:00")
    await vote(db, query_id, 1, 1, "2026-11-19T10:01:00+00:00")
    await vote(db, query_id, 2, 1, "2026-11-19T10:02:00+00:00")
    await vote(db, query_id, 3, -1, "2026-11-20T10:03:00+00:00")
    await vote(db, query_id, 4, -1, "2026-10-01T10:03:00+00:00")  # before the window

    stats = await collect_stats(db, days=14, today=TODAY)

    assert (stats.upvotes, stats.downvotes) == (2, 1)
    assert stats.approval == pytest.approx(2 / 3)


# --- grouping wordings ------------------------------------------------------------------


def test_normalizing_folds_cyrillic_case_spaces_and_edge_punctuation() -> None:
    key = normalize_question("Мәслихат деген не?")
    assert key == "мәслихат деген не"
    assert normalize_question("  мәслихат  ДЕГЕН\nне ") == key
    assert normalize_question("«МӘСЛИХАТ деген не»?!") == key
    assert normalize_question("ЧТО ТАКОЕ АКИМАТ...") == normalize_question("что такое акимат")
    assert normalize_question("Статья 5?") == "статья 5"  # digits are words too
    assert normalize_question("Мәслихат, деген не") != key  # only the edges are trimmed


async def test_sqlite_lower_alone_would_not_group_cyrillic(db: Storage) -> None:
    """Why the grouping is done in Python."""
    async with db.db.execute("SELECT lower('МӘСЛИХАТ')") as cursor:
        assert (await cursor.fetchone())[0] != "мәслихат"  # type: ignore[index]


async def test_most_asked_groups_wordings_and_counts(db: Storage) -> None:
    await ask(db, "Мәслихат деген не?", "2026-11-18T10:00:00+00:00")
    await ask(db, "мәслихат ДЕГЕН не", "2026-11-19T10:00:00+00:00", "unsure")
    await ask(db, "Мәслихат деген не?", "2026-11-20T10:00:00+00:00")
    await ask(db, "Әкім кім?", "2026-11-17T10:00:00+00:00")
    await ask(db, "Әкім кім", "2026-11-20T11:00:00+00:00")
    await ask(db, "Бюджет", "2026-11-20T12:00:00+00:00")
    for number in range(5):
        await ask(db, f"Сұрақ {number}", "2026-11-16T10:00:00+00:00")

    stats = await collect_stats(db, days=14, today=TODAY)

    assert len(stats.top_asked) == 5
    assert stats.top_asked[:3] == (
        TopQuestion("Мәслихат деген не?", 3),  # the most frequent wording stands for the group
        TopQuestion("Әкім кім?", 2),
        TopQuestion("Бюджет", 1),  # among single questions, the latest asked first
    )


async def test_most_common_unanswered_skips_answered_and_dismissed(db: Storage) -> None:
    await ask(db, "Ауыл әкімі кім?", "2026-11-01T10:00:00+00:00", "nothing")  # before the window: still listed
    await ask(db, "ауыл әкімі кім", "2026-11-19T10:00:00+00:00", "nothing")
    await ask(db, "Ауыл әкімі кім?", "2026-11-19T11:00:00+00:00", "confident")  # answered: not counted
    cleared = await ask(db, "Салық қанша?", "2026-11-20T10:00:00+00:00", "nothing")
    await ask(db, "Салық қанша", "2026-11-20T11:00:00+00:00", "nothing")
    await ask(db, "Салық қанша?", "2026-11-20T12:00:00+00:00", "nothing")
    assert await dismiss(db, cleared) == 3

    stats = await collect_stats(db, days=14, today=TODAY)

    assert stats.top_unanswered == (TopQuestion("Ауыл әкімі кім?", 2),)
    assert TopQuestion("Салық қанша?", 3) in stats.top_asked  # dismissed is still asked


# --- the report ---------------------------------------------------------------------------


async def test_report_shows_the_numbers_in_russian(db: Storage) -> None:
    for user in (1, 2, 3):
        await seen(db, user, "2026-11-19T10:00:00+00:00")
    first = await ask(db, "Мәслихат деген не?", "2026-11-19T10:00:00+00:00", "confident", user=1)
    await ask(db, "мәслихат ДЕГЕН не", "2026-11-20T10:00:00+00:00", "unsure", user=2, group=-5)
    await ask(db, "Что такое маслихат?", "2026-11-20T10:00:00+00:00", "nothing", user=3)
    await ask(db, "Что такое маслихат", "2026-11-20T11:00:00+00:00", "nothing", user=3)
    await vote(db, first, 1, 1, "2026-11-19T10:05:00+00:00")
    await vote(db, first, 2, 1, "2026-11-19T10:06:00+00:00")
    await vote(db, first, 3, -1, "2026-11-19T10:07:00+00:00")

    text = in_russian(await collect_stats(db, days=14, today=TODAY))

    assert "📊 <b>Статистика бота</b>" in text
    assert "Последние 14 дней: 07.11.2026 – 20.11.2026 (UTC)" in text
    assert "👥 Пользователей: <b>3</b>, активных за период: <b>3</b>" in text
    assert "❓ Вопросов: <b>4</b>, за период: <b>4</b>" in text
    assert "✅ Уверенный ответ: 1 (25%)" in text
    assert "🤔 Неуверенный ответ: 1 (25%)" in text
    assert "😕 Нет ответа: 2 (50%)" in text
    assert "💬 В личных чатах: <b>3</b>, в группах: <b>1</b>" in text
    assert "👍 2 · 👎 1, положительных: 67%" in text
    asked, missing = text.split("Частые вопросы без ответа")
    assert "1. «Что такое маслихат?» — <b>2</b>\n2. «Мәслихат деген не?» — <b>2</b>" in asked  # tie: latest first
    assert "1. «Что такое маслихат?» — <b>2</b>" in missing
    assert text.count("— <b>") == 3  # two asked, one unanswered


async def test_report_plural_and_empty_lists(db: Storage) -> None:
    i18n = create_i18n("ru")
    with i18n.context(), i18n.use_locale("ru"):
        week = stats_text(await collect_stats(db, days=22, today=TODAY))
        day = stats_text(await collect_stats(db, days=1, today=TODAY))
    with i18n.context(), i18n.use_locale("kk"):
        kazakh = stats_text(await collect_stats(db, days=1, today=TODAY))
    assert "Последние 22 дня:" in week
    assert "Последний 1 день: 20.11.2026 – 20.11.2026" in day
    assert "За период вопросов не было." in day
    assert "Вопросов без ответа нет. 🎉" in day
    assert "👍/👎 За период оценок не было." in day
    assert "Уверенный ответ" not in day  # no shares of nothing
    assert "Соңғы 1 күн:" in kazakh
    assert "Бот статистикасы" in kazakh


async def test_report_escapes_and_shortens_user_text(db: Storage) -> None:
    await ask(db, "<b>x</b> & y", "2026-11-20T10:00:00+00:00", "nothing")
    long = "Жергілікті өзін-өзі басқару " * 20
    await ask(db, long, "2026-11-20T10:00:00+00:00")

    text = in_russian(await collect_stats(db, days=14, today=TODAY))

    assert "«&lt;b&gt;x&lt;/b&gt; &amp; y»" in text
    assert "<b>x</b>" not in text
    shown = next(line for line in text.splitlines() if "Жергілікті" in line)
    quoted = shown[shown.index("«") + 1:shown.index("»")]
    assert quoted.endswith("…") and len(quoted) <= 81
    assert long.startswith(quoted[:-1])


async def test_report_fits_in_a_message_even_at_its_largest(db: Storage) -> None:
    for number in range(6):
        for _ in range(6 - number):
            await ask(db, f"{number} " + "<&>" * 100, "2026-11-20T10:00:00+00:00", "nothing")
            await ask(db, f"{number} " + "маслихат " * 40, "2026-11-20T10:00:00+00:00")

    text = in_russian(await collect_stats(db, days=14, today=TODAY))

    assert text.count("— <b>") == 10
    assert telegram_length(to_plain(text)) < MESSAGE_LIMIT // 2  # what Telegram counts: the parsed text
    assert telegram_length(text) < MESSAGE_LIMIT  # even the HTML source


# --- the chart ----------------------------------------------------------------------------


def decoded(png: bytes) -> np.ndarray:
    assert png.startswith(PNG_SIGNATURE)
    return imread(BytesIO(png), format="png")


def pixels_of(image: np.ndarray, color: str) -> int:
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    return int((np.abs(image[:, :, :3] - rgb).max(axis=2) < 0.02).sum())


async def test_chart_is_a_png_of_the_set_size_with_the_bars(db: Storage) -> None:
    for _ in range(5):
        await ask(db, "q", "2026-11-20T10:00:00+00:00", "confident")
    await ask(db, "q", "2026-11-19T10:00:00+00:00", "nothing")
    labels = ChartLabels("Questions per day", "Confident", "Unsure", "Nothing")
    empty = decoded(render_chart(await collect_stats(db, days=14, today=date(2026, 1, 1)), labels))

    image = decoded(render_chart(await collect_stats(db, days=14, today=TODAY), labels))

    width, height = CHART_SIZE
    assert image.shape == empty.shape == (int(height * CHART_DPI), int(width * CHART_DPI), 4) == (450, 800, 4)
    green, red = TIER_COLORS[Tier.CONFIDENT], TIER_COLORS[Tier.NOTHING]
    assert pixels_of(image, green) > pixels_of(empty, green) + 1000  # a tall bar, not just the legend
    assert pixels_of(image, red) > pixels_of(empty, red) + 100
    assert pixels_of(empty, green) > 0  # the legend is there even without questions


async def test_chart_of_an_empty_database_in_kazakh(db: Storage) -> None:
    """No questions at all and Kazakh letters in every label (a missing glyph would warn, and fail)."""
    i18n = create_i18n("ru")
    with i18n.context(), i18n.use_locale("kk"):
        labels = chart_labels()
    assert labels.title != "Questions per day (UTC)"
    assert labels.tier(Tier.NOTHING) == "Жауап жоқ"

    image = decoded(render_chart(await collect_stats(db, days=30, today=TODAY), labels))

    assert image.shape == (450, 800, 4)


# --- /unanswered ----------------------------------------------------------------------------


async def test_unanswered_groups_wordings_latest_first(db: Storage) -> None:
    await ask(db, "Мәслихат деген не?", "2026-11-10T10:00:00+00:00", "nothing")
    await ask(db, "Әкім кім?", "2026-11-11T10:00:00+00:00", "nothing")
    latest = await ask(db, "мәслихат ДЕГЕН не", "2026-11-12T10:00:00+00:00", "nothing")
    await ask(db, "Мәслихат деген не?", "2026-11-13T10:00:00+00:00", "confident")  # answered this time
    bank = await ask(db, "Банк", "2026-11-09T10:00:00+00:00", "nothing")

    rows = await unanswered(db)

    assert [(row.text, row.count) for row in rows] == [
        ("мәслихат ДЕГЕН не", 2), ("Әкім кім?", 1), ("Банк", 1)]
    assert rows[0].query_id == latest
    assert rows[0].last_asked == "2026-11-12T10:00:00+00:00"
    assert rows[-1].query_id == bank


async def test_unanswered_limit(db: Storage) -> None:
    for number in range(12):
        await ask(db, f"Сұрақ {number}", f"2026-11-{number + 1:02d}T10:00:00+00:00", "nothing")

    assert [row.text for row in await unanswered(db, limit=3)] == ["Сұрақ 11", "Сұрақ 10", "Сұрақ 9"]
    assert len(await unanswered(db)) == 10
    assert await unanswered(db, limit=0) == []


async def test_dismiss_hides_the_whole_group(db: Storage) -> None:
    first = await ask(db, "Мәслихат деген не?", "2026-11-10T10:00:00+00:00", "nothing")
    await ask(db, "мәслихат ДЕГЕН не", "2026-11-12T10:00:00+00:00", "nothing")
    kept = await ask(db, "Әкім кім?", "2026-11-11T10:00:00+00:00", "nothing")

    assert await dismiss(db, first) == 2

    assert [row.query_id for row in await unanswered(db)] == [kept]
    async with db.db.execute("SELECT COUNT(*) FROM queries WHERE dismissed_at IS NOT NULL") as cursor:
        assert (await cursor.fetchone())[0] == 2  # type: ignore[index]
    later = await ask(db, "МӘСЛИХАТ деген не", "2026-11-20T10:00:00+00:00", "nothing")
    assert [row.query_id for row in await unanswered(db)] == [later, kept]  # asked again: back on the list


async def test_dismiss_refuses_what_is_not_an_unanswered_question(db: Storage) -> None:
    answered = await ask(db, "Мәслихат деген не?", "2026-11-10T10:00:00+00:00", "confident")
    unsure = await ask(db, "Мәслихат деген не?", "2026-11-10T11:00:00+00:00", "unsure")
    waiting = await ask(db, "Мәслихат деген не?", "2026-11-10T12:00:00+00:00", "nothing")

    assert await dismiss(db, answered) == 0
    assert await dismiss(db, unsure) == 0
    assert await dismiss(db, waiting + 100) == 0
    assert [row.query_id for row in await unanswered(db)] == [waiting]
    assert await dismiss(db, waiting) == 1
    assert await dismiss(db, waiting) == 0  # already dismissed
    async with db.db.execute("SELECT COUNT(*) FROM queries WHERE dismissed_at IS NOT NULL") as cursor:
        assert (await cursor.fetchone())[0] == 1  # type: ignore[index]

"""`python -m bot` as a process: stopped by SIGTERM, killed by SIGKILL, logging through Bot API faults.

Each bot is forked from a server that imported it once (tests/forked_bot.py): a real process that
signals stop and kill, without paying aiogram's import at every start.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from pathlib import Path

from bot.runtime.logs import HIDDEN, RedactingFormatter
from tests.fake_bot_api import TOKEN, Call, FakeTelegram, FakeUser, SentMessage
from tests.forked_bot import BotProcess as ForkedBot
from tests.forked_bot import base_environment, start_bot

ROOT = Path(__file__).resolve().parents[1]
SECRET_HALF = TOKEN.split(":", 1)[1]
QUESTION = "Мәслихат деген не?"
QUESTIONS = ["Мәслихат деген не?", "Что такое маслихат?", "Әкім қалай тағайындалады?", "Сколько было местных советов?"]


@dataclass
class BotProcess:
    process: ForkedBot
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)

    async def exit_code(self, timeout: float = 15.0) -> int:
        """The exit code, once the process has ended (at most `timeout` s from now)."""
        try:
            return await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            raise AssertionError(f"the bot did not exit within {timeout} s\n{self.log()}") from None


async def until(condition: Callable[[], bool], timeout: float, failure: Callable[[], str]) -> None:
    """Wait (without blocking the fake, which shares this event loop) until `condition()` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s: {failure()}")
        await asyncio.sleep(0.02)


def getupdates_received(fake: FakeTelegram) -> int:
    """How many getUpdates requests have reached the fake (those it refused with a fault aside).

    `fake.polls` records a request only when it returns, and a long poll with nothing to fetch stays
    open for 10 s; `fake.polls_received` counts them as they arrive.
    """
    return fake.polls_received


@asynccontextmanager
async def bot_process(fake: FakeTelegram, folder: Path, log_name: str, **env: str) -> AsyncIterator[BotProcess]:
    """Start the bot (tests/forked_bot.py) on `folder`/bot.sqlite3 and yield once its first getUpdates reached the fake.

    On leaving, a process still running is killed (the test has failed by then).
    """
    base = base_environment(BOT_TOKEN=TOKEN, BOT_API_URL=fake.base_url, DATABASE_PATH=str(folder / "bot.sqlite3"),
                            LOG_LEVEL="DEBUG", RETRY_BASE_DELAY="0.01", RETRY_MAX_DELAY="0.05")
    polls = getupdates_received(fake)
    log_path = folder / log_name  # a file, not a pipe: nobody has to keep reading it
    process = await start_bot([], env={**base, **env}, cwd=folder, stdout=folder / f"{log_name}.out",
                              stderr=log_path)
    running = BotProcess(process, log_path)
    try:
        await until(lambda: getupdates_received(fake) > polls or process.returncode is not None, 60,
                    lambda: f"no getUpdates from the bot\n{running.log()}")
        assert process.returncode is None, f"the bot exited with {process.returncode}\n{running.log()}"
        yield running
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()


def sent(fake: FakeTelegram, chat_id: int, since: int = 0) -> list[Call]:
    """The sendMessage calls to `chat_id` that Telegram carried out."""
    return [call for call in fake.calls_since(since, "sendMessage")
            if call.error is None and str(call.params.get("chat_id")) == str(chat_id)]


async def first_sent(fake: FakeTelegram, chat_id: int, since: int = 0, timeout: float = 30) -> SentMessage:
    await until(lambda: bool(sent(fake, chat_id, since)), timeout, lambda: fake.dump(since))
    return fake.message(chat_id, sent(fake, chat_id, since)[0].result["message_id"])


def has_excerpt(message: SentMessage) -> bool:
    return any(entity["type"] == "blockquote" for entity in message.entities)


def connect(db_path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the bot's database; read-only leaves a crashed bot's WAL as it is (no checkpoint)."""
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) if read_only else sqlite3.connect(db_path)


def integrity(db_path: Path, *, read_only: bool = False) -> str:
    with closing(connect(db_path, read_only=read_only)) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def hold_next_poll(fake: FakeTelegram) -> None:
    """Hold the bot's next getUpdates (600 s, or until the fake stops) before the fake reads its offset.

    Called while a long poll is open and right after enqueuing updates (no await in between), it keeps
    the updates that poll returns unconfirmed, as if the confirming request were slow to reach Telegram.
    """
    fake.delay("getUpdates", 600.0)


async def test_sigterm_finishes_the_answer_in_hand_then_closes(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    fake = fake_telegram
    user = FakeUser(id=7001, language_code="kk")
    db_path = tmp_path / "bot.sqlite3"
    async with bot_process(fake, tmp_path, "first.log") as first:
        fake.delay("sendMessage", 2.0)
        update_id = fake.send_message(QUESTION, user=user)
        hold_next_poll(fake)  # only the bot's own confirmation on stopping can make Telegram forget the question
        await fake.wait_call("sendChatAction", chat_id=user.id, timeout=30)  # the handler is running
        assert not sent(fake, user.id)
        first.stop()
        code = await first.exit_code(15)
    log = first.log()
    assert code == 0, log
    answers = sent(fake, user.id)
    assert len(answers) == 1, fake.dump()
    assert has_excerpt(fake.message(user.id, answers[0].result["message_id"]))
    confirmations = [poll for poll in fake.polls if poll.error is None and poll.at >= answers[0].at
                     and str(poll.params.get("offset")) == str(update_id + 1)]
    assert confirmations, f"no getUpdates with offset {update_id + 1} after the answer\n{log}"
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, f"the database was not closed: {wal.stat().st_size} bytes"
    assert integrity(db_path) == "ok"

    async with bot_process(fake, tmp_path, "again.log") as again:
        await fake.wait_idle(timeout=15)
        again.stop()
        assert await again.exit_code(15) == 0, again.log()
    assert len(sent(fake, user.id)) == 1, f"the question was answered again\n{fake.dump()}"
    with closing(connect(db_path)) as db:
        assert db.execute("SELECT count(*) FROM queries").fetchone()[0] == 1


@dataclass(frozen=True)
class Press:
    update_id: int
    user_id: int
    query_id: int
    rank: int
    vote: int


def vote_buttons(message: SentMessage) -> list[str]:
    """The callback data of the 👍 and 👎 buttons, in that order."""
    return [data for _, data in message.buttons() if data.startswith("v:")]


def parse_vote(data: str) -> tuple[int, int, int]:
    """(query_id, rank, vote) of VoteCb data "v:<query_id>:<rank>:<vote>:<view>" (no aiogram import here)."""
    _, query_id, rank, vote, _ = data.split(":")
    return int(query_id), int(rank), int(vote)


def stored_hits(db_path: Path) -> dict[int, list[str]]:
    """The ranked passage ids of each stored question."""
    with closing(connect(db_path, read_only=True)) as db:
        return {query_id: ids.split() for query_id, ids in db.execute("SELECT id, passage_ids FROM queries")}


def stored_votes(db_path: Path) -> dict[tuple[int, str, int], int]:
    """(query_id, passage_id, user_id) -> vote."""
    with closing(connect(db_path, read_only=True)) as db:
        return {(query_id, passage_id, user_id): vote for query_id, passage_id, user_id, vote
                in db.execute("SELECT query_id, passage_id, user_id, vote FROM feedback")}


def acknowledged(fake: FakeTelegram, calls: list[Call] | None = None) -> set[str]:
    """The callback query ids whose answerCallbackQuery Telegram accepted: the user saw the press answered."""
    return {str(call.params["callback_query_id"]) for call in (fake.calls if calls is None else calls)
            if call.method == "answerCallbackQuery" and call.error is None}


async def test_sigkill_loses_no_acknowledged_vote(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    """No acknowledged feedback is lost: once the user saw a vote saved, a SIGKILL cannot undo it.

    A press is acknowledged when Telegram accepted its answerCallbackQuery; the handler commits the
    vote before answering. At the kill, the database (read as it is, WAL included) must hold, for
    every acknowledged press, the vote of its user on its hit with that press's value or the value
    of a later press by the same user on the same hit (which replaces it); an earlier press must not
    come back. The poll that would confirm the presses is held, so Telegram sends them all again to
    the restarted bot: after it, every hit holds the vote of its user's last press.

    Without that hold aiogram confirms a fetched batch with its next getUpdates before handling it,
    so presses neither acknowledged nor committed at the kill are simply lost; that is allowed here.
    """
    fake = fake_telegram
    voters = [FakeUser(id=7100 + n, first_name=f"V{n}", language_code="kk" if n % 2 else "ru") for n in range(8)]
    db_path = tmp_path / "bot.sqlite3"
    presses: list[Press] = []
    # The per-person throttle answers a press over its limit without storing it; it is not under test here.
    async with bot_process(fake, tmp_path, "first.log", THROTTLE_MESSAGES="100") as first:
        polls = getupdates_received(fake)
        since = fake.mark()
        for n, user in enumerate(voters):
            fake.send_message(QUESTIONS[n % len(QUESTIONS)], user=user)
        answers = {user.id: await first_sent(fake, user.id, since) for user in voters}
        buttons = {user_id: vote_buttons(answer) for user_id, answer in answers.items()}
        assert all(len(data) == 2 for data in buttons.values()), buttons
        # The poll after the one that fetched the questions is open: the presses all go into its answer.
        await until(lambda: getupdates_received(fake) > polls, 10, lambda: "the bot stopped polling")
        since = fake.mark()
        for round_ in range(5):  # 👍 👎 👍 👎 👍 each, all at once
            for user in voters:
                data = buttons[user.id][round_ % 2]
                update_id = fake.press(answers[user.id], data, user=user)
                presses.append(Press(update_id, user.id, *parse_vote(data)))
        hold_next_poll(fake)
        while len(acknowledged(fake, fake.calls_since(since))) < 10:  # woken by each call, to kill mid-stream
            await fake.wait_call("answerCallbackQuery", since=fake.mark(), timeout=30)
        os.kill(first.process.pid, signal.SIGKILL)
        assert await first.exit_code(15) == -signal.SIGKILL
    at_kill = acknowledged(fake)
    assert integrity(db_path, read_only=True) == "ok"
    hits = stored_hits(db_path)
    votes = stored_votes(db_path)
    by_hit: dict[tuple[int, int, int], list[Press]] = {}
    for press in presses:
        by_hit.setdefault((press.user_id, press.query_id, press.rank), []).append(press)
    for (user_id, query_id, rank), hit_presses in by_hit.items():
        seen = [n for n, press in enumerate(hit_presses) if fake.query_id(press.update_id) in at_kill]
        if seen:
            vote = votes.get((query_id, hits[query_id][rank], user_id))
            allowed = {press.vote for press in hit_presses[seen[-1]:]}
            assert vote in allowed, (f"user {user_id}, question {query_id}, hit {rank}: {vote} stored at the kill, "
                                     f"but press {seen[-1] + 1} of {len(hit_presses)} was acknowledged ({allowed})")

    polls_before_restart = len(fake.polls)
    async with bot_process(fake, tmp_path, "restart.log", THROTTLE_MESSAGES="100") as second:
        await fake.wait_idle(timeout=20)
        second.stop()
        assert await second.exit_code(15) == 0, second.log()
    fetched = {update["update_id"] for poll in fake.polls[polls_before_restart:] for update in poll.result or []}
    assert {press.update_id for press in presses} <= fetched, "the presses were not sent again after the kill"
    assert integrity(db_path) == "ok"
    votes = stored_votes(db_path)
    for (user_id, query_id, rank), hit_presses in by_hit.items():
        vote = votes.get((query_id, hits[query_id][rank], user_id))
        assert vote == hit_presses[-1].vote, f"user {user_id}, question {query_id}, hit {rank}: {vote} stored"


async def test_the_token_never_reaches_the_logs(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    fake = fake_telegram
    asker, unlucky, later = (FakeUser(id=7200 + n, language_code=lang) for n, lang in enumerate(("kk", "ru", "kk")))
    async with bot_process(fake, tmp_path, "bot.log") as running:
        fake.fail("sendMessage", status=500, times=2)  # retried by the bot
        fake.fail("getUpdates", status=502, times=2)  # retried by aiogram's polling loop, with back-off
        polls = getupdates_received(fake)
        fake.send_message(QUESTION, user=asker)
        assert has_excerpt(await first_sent(fake, asker.id))
        await until(lambda: getupdates_received(fake) > polls, 30, lambda: "the bot stopped polling after two 502s")
        assert [poll.error[0] for poll in fake.polls if poll.error] == [502, 502]
        await fake.outage(1.5)  # while the bot long-polls
        # A 400 is not retried: the handler fails, the error handler logs it and apologises.
        fake.fail("sendMessage", status=400, description="Bad Request: chat not found", times=1)
        since = fake.mark()
        failed_update = fake.send_message("Что такое маслихат?", user=unlucky)
        apology = await first_sent(fake, unlucky.id, since)
        assert not has_excerpt(apology)
        since = fake.mark()
        fake.send_message("Әкім қалай тағайындалады?", user=later)
        assert has_excerpt(await first_sent(fake, later.id, since))
        await fake.wait_idle(timeout=15)
        running.stop()
        code = await running.exit_code(15)
    log = running.log()
    assert code == 0, log
    assert TOKEN not in log and SECRET_HALF not in log
    assert "sendMessage failed (TelegramServerError)" in log  # the 500s
    assert "Failed to fetch updates" in log  # the outage and the 502s
    assert f"update {failed_update} (message) failed" in log and "chat not found" in log and "Traceback" in log


def test_the_log_formatter_hides_the_token_in_messages_and_tracebacks() -> None:
    try:
        raise RuntimeError(f"POST http://127.0.0.1/bot{TOKEN}/getMe refused")
    except RuntimeError:
        record = logging.LogRecord("aiohttp.client", logging.ERROR, __file__, 1, "token %s, half %s",
                                   (TOKEN, SECRET_HALF), sys.exc_info())
    text = RedactingFormatter([TOKEN, SECRET_HALF]).format(record)
    assert "Traceback" in text and "/getMe refused" in text
    assert TOKEN not in text and SECRET_HALF not in text
    assert f"token {HIDDEN}, half {HIDDEN}" in text and f"bot{HIDDEN}/getMe" in text

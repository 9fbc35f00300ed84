"""`python -m bot` as a process: polls the fake Bot API given by BOT_API_URL, answers, stops on SIGTERM.

The first test execs the interpreter; the start-up failures run the same entry point forked
(tests/forked_bot.py).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.fake_bot_api import TOKEN, FakeTelegram, FakeUser
from tests.forked_bot import base_environment, run_bot

ROOT = Path(__file__).resolve().parents[1]


async def test_python_m_bot_answers_through_bot_api_url(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "BOT_TOKEN": TOKEN,
           "BOT_API_URL": fake_telegram.base_url, "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
           "LOG_LEVEL": "INFO"}
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=tmp_path, env=env,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        user = FakeUser(id=5150, language_code="kk")
        fake_telegram.send_message("/start", user=user)
        greeting = await fake_telegram.wait_call("sendMessage", chat_id=user.id, timeout=60)
        assert greeting.error is None and greeting.result["text"].startswith("Сәлеметсіз бе")
        since = fake_telegram.mark()
        fake_telegram.send_message("Токвиль қандай еңбек жазды?", user=user)
        answer = await fake_telegram.wait_call("sendMessage", since=since, chat_id=user.id, timeout=30)
        assert "Америкадағы Демократия" in answer.result["text"]
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log and TOKEN not in log and TOKEN.split(":")[1] not in log
    assert (tmp_path / "bot.sqlite3").exists() and (tmp_path / "index.npz").exists()


async def run_to_exit(env: dict[str, str], cwd: Path) -> tuple[int, str]:
    """The bot forked (tests/forked_bot.py) and run until it gives up: its exit code and its log."""
    env = base_environment(DATABASE_PATH=str(cwd / "bot.sqlite3"), RETRY_BASE_DELAY="0.01",
                           RETRY_MAX_DELAY="0.05", **env)
    done = await run_bot([], env=env, cwd=cwd)
    return done.returncode, done.stderr


async def test_a_refused_token_is_one_clear_line(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    other = "654321:ANOTHER-token_abcdefghijklmnopqrstuv"  # well formed, unknown to this Bot API
    code, log = await run_to_exit({"BOT_TOKEN": other, "BOT_API_URL": fake_telegram.base_url}, tmp_path)
    assert code == 2
    assert log.strip().splitlines()[-1] == (
        "error: BOT_TOKEN was refused by the Bot API (Unauthorized): check the token @BotFather gave")
    assert "Traceback" not in log and other.split(":")[1] not in log


@pytest.mark.e2e
async def test_an_unreachable_bot_api_is_one_clear_line(tmp_path: Path) -> None:
    code, log = await run_to_exit({"BOT_TOKEN": TOKEN, "BOT_API_URL": "http://127.0.0.1:9"}, tmp_path)
    assert code == 2
    last = log.strip().splitlines()[-1]
    assert last.startswith("error: cannot reach the Bot API at http://127.0.0.1:9 (BOT_API_URL)")
    assert "Traceback" not in log and TOKEN.split(":")[1] not in log

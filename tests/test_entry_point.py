"""`python -m bot` as a process: polls the fake Bot API given by BOT_API_URL, answers, stops on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.fake_telegram import TOKEN, FakeTelegram, FakeUser

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

"""Issue 15, item 4: whatever the Bot API answers at start-up, the token's secret half is never printed."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from aiohttp import web

from tests.fake_bot_api import TOKEN
from tests.forked_bot import base_environment, run_bot

pytestmark = pytest.mark.e2e  # `python -m bot` in a process

ROOT = Path(__file__).resolve().parents[1]
SECRET = TOKEN.split(":")[1]


async def _echoing_server(status: int) -> tuple[web.AppRunner, str]:
    """A misconfigured proxy: every request gets an HTML page that echoes its path."""

    async def page(request: web.Request) -> web.Response:
        return web.Response(status=status, content_type="text/html",
                            text=f"<html><body><h1>Not Found</h1><p>{request.path} was not found</p></body></html>")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}"


async def _run_bot(tmp_path: Path, **env: str) -> tuple[int, str, str]:
    """The bot forked (tests/forked_bot.py) and run until it gives up: exit code, stdout, stderr."""
    done = await run_bot([], cwd=tmp_path, env=base_environment(
        BOT_TOKEN=TOKEN, DATABASE_PATH=str(tmp_path / "bot.sqlite3"), LOG_LEVEL="DEBUG",
        RETRY_BASE_DELAY="0.01", RETRY_MAX_DELAY="0.05", **env))
    return done.returncode, done.stdout, done.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_an_html_page_echoing_the_path_never_prints_the_token(tmp_path: Path) -> None:
    """Polling and webhook mode side by side (each gives up once the retry policy, its waits shortened, has)."""
    runner, url = await _echoing_server(404)
    (tmp_path / "polling").mkdir()
    (tmp_path / "webhook").mkdir()
    webhook = {"WEBHOOK_URL": "https://bot.example.org/tg", "WEBHOOK_SECRET": "s3cret-value",
               "WEBHOOK_HOST": "127.0.0.1", "WEBHOOK_PORT": str(_free_port())}
    try:
        results = await asyncio.gather(_run_bot(tmp_path / "polling", BOT_API_URL=url),
                                       _run_bot(tmp_path / "webhook", BOT_API_URL=url, **webhook))
    finally:
        await runner.cleanup()
    for code, out, err in results:
        assert code != 0
        assert SECRET not in out and SECRET not in err and "s3cret-value" not in out + err, err
        last = err.strip().splitlines()[-1]
        assert last.startswith("error: ") and "BOT_API_URL" in last, err

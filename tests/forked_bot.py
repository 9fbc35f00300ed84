"""The bot as a separate process, forked from a server that has imported it once.

Every `python -m bot` spends ~2.5 s of CPU importing aiogram (pydantic builds its ~300 models), and the
tests start about fifteen bots: on two cores that was the largest single cost of the suite. A
multiprocessing *forkserver* imports the bot's stack once per test worker; each bot is then forked
from it: a real process with its own pid, signals, exit code, environment, working directory and
output files, running `bot.runtime.cli.main` exactly as `python -m bot` does (bot/__main__.py is that
one call). tests/test_entry_point.py still execs `python -m bot` itself once.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Imported by the server before it forks; what `main` imports lazily once the settings are read.
PRELOAD = ["bot.runtime.cli", "bot.runtime.app"]

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


def base_environment(**env: str) -> dict[str, str]:
    """What a bot process sees: PATH, this checkout on PYTHONPATH, and `env` (no developer's settings)."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), **env}


def _run(argv: list[str], env: dict[str, str], cwd: str, stdout: str, stderr: str) -> None:
    """In the forked child: become `python -m bot` with this environment, folder and output files."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    for fd, path in ((1, stdout), (2, stderr)):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    from bot.runtime.cli import main

    sys.exit(main(argv))


class BotProcess:
    """A running bot: the few members of asyncio's Process the tests use (pid, returncode, signals, wait)."""

    def __init__(self, process: multiprocessing.process.BaseProcess, stdout: Path, stderr: Path) -> None:
        self._process = process
        self.stdout_path = stdout
        self.stderr_path = stderr

    @property
    def pid(self) -> int:
        assert self._process.pid is not None
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        """The exit code once ended (minus the signal's number when a signal ended it), else None."""
        return self._process.exitcode

    def send_signal(self, signal_number: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal_number)

    def kill(self) -> None:
        if self.returncode is None:
            self._process.kill()

    async def wait(self) -> int:
        """Until the process has ended (polled: the event loop keeps serving the fake Bot API meanwhile)."""
        while (code := self.returncode) is None:
            await asyncio.sleep(0.02)
        return code

    def output(self) -> tuple[str, str]:
        """What it wrote to stdout and stderr so far."""
        return (self.stdout_path.read_text(encoding="utf-8", errors="replace"),
                self.stderr_path.read_text(encoding="utf-8", errors="replace"))


async def start_bot(args: Sequence[str], *, env: Mapping[str, str], cwd: Path, stdout: Path,
                    stderr: Path) -> BotProcess:
    """Fork a bot running `python -m bot ARGS` in `cwd` with exactly `env`, its output to these files.

    Starting happens in a thread: the first start waits for the server's import, and the fake Bot API
    shares this event loop.
    """
    process = _context.Process(target=_run, args=(list(args), dict(env), str(cwd), str(stdout), str(stderr)),
                               name="python -m bot")
    await asyncio.to_thread(process.start)
    return BotProcess(process, stdout, stderr)


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str


async def run_bot(args: Sequence[str], *, env: Mapping[str, str], cwd: Path, timeout: float = 60) -> Finished:
    """Run a bot to its end (at most `timeout` s, then killed and reported) and return what it printed."""
    with tempfile.TemporaryDirectory(prefix="bot-output-") as folder:
        process = await start_bot(args, env=env, cwd=cwd, stdout=Path(folder, "stdout"),
                                  stderr=Path(folder, "stderr"))
        try:
            code = await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise AssertionError(f"the bot did not end within {timeout} s\n{process.output()[1]}") from None
        return Finished(code, *process.output())

"""Cold start and end-to-end throughput of `python -m bot`, against a minimal aiogram echo bot.

    .venv/bin/python -m bench.e2e [--questions N] [--repeat R] [--warmup W] [--quick]

Both bots run as processes polling a fake Bot API (tests/fake_bot_api/) served in this process on
127.0.0.1. Cold start is process start → first getUpdates, with the index already persisted by an
earlier start. Throughput is N questions from N distinct users enqueued at once, answered through
the fake; latency is from the getUpdates response that hands an update over to the first
sendMessage to that chat. The echo bot (bench/echo_bot.py) is the framework's own ceiling.
Bars from the issue: cold start ≤ 2 s with a persisted index; throughput ≥ 50% of the echo bot's.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fake_bot_api import TOKEN, FakeTelegram, FakeUser

ROOT = Path(__file__).resolve().parents[1]
EVAL_SETS = (ROOT / "tests/eval/dev_qa.jsonl", ROOT / "tests/eval/own_qa.jsonl")
COLD_START_BAR = 2.0  # seconds, "with a persisted index"
THROUGHPUT_BAR = 0.5  # of the echo bot's
START_TIMEOUT = 120.0
STOP_TIMEOUT = 20.0
FIRST_USER = 10_000
UPDATE_IDS_PER_START = 1_000_000  # each start's fake numbers its updates from a block of its own
STDERR_TAIL = 25


class BenchError(Exception):
    """A measurement could not be taken; the message says what happened and shows the bot's stderr."""


@dataclass(frozen=True)
class Contender:
    name: str
    module: str


OUR_BOT = Contender("our bot", "bot")
ECHO_BOT = Contender("echo bot", "bench.echo_bot")
CONTENDERS = (OUR_BOT, ECHO_BOT)


@dataclass(frozen=True)
class Config:
    questions: int = 200
    repeat: int = 3
    warmup: int = 20
    warm_start: bool = True  # a start before measuring, so the index is persisted and files are cached
    answer_timeout: float = 60.0


# ------------------------------------------------------------------------------------------ the fake


class TimedTelegram(FakeTelegram):
    """The fake Bot API, noting when each update is handed over and when each chat's answers arrive."""

    def __init__(self, first_update_id: int = 1) -> None:
        super().__init__(TOKEN, first_update_id=first_update_id)
        self.first_poll: float | None = None
        self.delivered: dict[int, float] = {}  # chat id -> when the first getUpdates holding it returned
        self.deliveries: Counter[int] = Counter()
        self.answered: dict[int, float] = {}  # chat id -> arrival of its first sendMessage
        self.answer_counts: Counter[int] = Counter()
        self.methods: Counter[str] = Counter()  # successful calls other than getUpdates
        self._waiting: set[int] = set()
        self._all_answered = asyncio.Event()

    def expect(self, chats: Iterable[int]) -> None:
        """Start waiting for a first sendMessage to each of `chats`."""
        self._waiting = set(chats) - self.answered.keys()
        self._all_answered.clear()
        if not self._waiting:
            self._all_answered.set()

    async def all_answered(self, timeout: float) -> bool:
        """Whether every expected chat got its answer within `timeout` seconds."""
        try:
            await asyncio.wait_for(self._all_answered.wait(), timeout)
        except TimeoutError:
            return False
        return True

    def request_arrived(self, method: str, received: float) -> None:
        if method == "getupdates" and self.first_poll is None:
            self.first_poll = received

    def request_done(self, method: str, params: dict[str, Any], result: Any, received: float) -> None:
        if method == "getupdates":
            handed = time.monotonic()
            for update in result:
                chat = update.get("message", {}).get("chat", {}).get("id")
                if isinstance(chat, int):
                    self.delivered.setdefault(chat, handed)
                    self.deliveries[chat] += 1
            return
        self.methods[method] += 1
        if method == "sendmessage":
            self._note_answer(int(params["chat_id"]), received)

    def _note_answer(self, chat: int, received: float) -> None:
        self.answer_counts[chat] += 1
        self.answered.setdefault(chat, received)
        self._waiting.discard(chat)
        if not self._waiting:
            self._all_answered.set()


# ------------------------------------------------------------------------------------- the processes


@dataclass
class Running:
    """A bot process, when it was started and where its stderr goes."""

    contender: Contender
    process: subprocess.Popen[bytes]
    started: float  # time.monotonic() just before Popen
    stderr: Path

    def tail(self, lines: int = STDERR_TAIL) -> str:
        """The end of the process's stderr, to show why it failed."""
        text = self.stderr.read_text(encoding="utf-8", errors="replace").rstrip()
        shown = "\n".join(text.splitlines()[-lines:]) or "(empty)"
        return f"--- tail of {self.contender.name} stderr ({self.stderr}) ---\n{shown}"

    def tracebacks(self) -> int:
        """Errors the bot logged: a handler that crashed is a question that may go unanswered."""
        return self.stderr.read_text(encoding="utf-8", errors="replace").count("Traceback (most recent call last)")

    def check_alive(self) -> None:
        """Raise with the stderr tail when the process has exited."""
        code = self.process.poll()
        if code is not None:
            raise BenchError(f"{self.contender.name} exited early with code {code}\n{self.tail()}")


def base_env() -> dict[str, str]:
    """The caller's environment minus everything that could configure a bot (BOT_*, ADMIN_IDS, …)."""
    kept = ("PATH", "HOME", "LANG", "TMPDIR", "PYTHONDONTWRITEBYTECODE")
    return {key: os.environ[key] for key in kept if key in os.environ} | {"PYTHONPATH": str(ROOT)}


def bot_env(base_url: str, data_dir: Path) -> dict[str, str]:
    """The settings both bots read, pointing at the fake and at a data folder of their own."""
    return base_env() | {"BOT_TOKEN": TOKEN, "BOT_API_URL": base_url, "DATABASE_PATH": str(data_dir / "bot.sqlite3"),
                         "LOG_LEVEL": "WARNING"}


def spawn(contender: Contender, fake: FakeTelegram, data_dir: Path, stderr: Path) -> Running:
    """Start the bot; cwd is its data folder, so a .env in the repository is not read."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bot_env(fake.base_url, data_dir)
    with stderr.open("wb") as sink:
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", contender.module], cwd=data_dir,
                                   env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sink)
    return Running(contender, process, started, stderr)


async def cold_start(running: Running, fake: TimedTelegram, timeout: float = START_TIMEOUT) -> float:
    """Seconds from Popen to the arrival of the bot's first getUpdates."""
    deadline = time.monotonic() + timeout
    while fake.first_poll is None:
        running.check_alive()
        if time.monotonic() > deadline:
            raise BenchError(f"{running.contender.name} did not poll within {timeout:.0f} s\n{running.tail()}")
        await asyncio.sleep(0.01)
    return fake.first_poll - running.started


async def stop(running: Running) -> None:
    """SIGTERM, as a service manager would; SIGKILL if it does not stop in time."""
    process = running.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    if process.poll() is None:
        process.kill()
        await asyncio.to_thread(process.wait)


def process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system, all threads) the process has used so far; None off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -------------------------------------------------------------------------------------- measurements


@dataclass(frozen=True)
class Batch:
    """One batch of questions sent at once and how they were answered."""

    seconds: float  # enqueue → last first-answer
    latencies: tuple[float, ...]  # update handed over → first sendMessage, per question
    answers: tuple[int, ...]  # sendMessage calls per question
    deliveries: tuple[int, ...]  # times each update was handed over
    calls: Counter[str]  # Bot API calls made while answering, by method
    bot_cpu: float | None  # CPU seconds of the bot process over the batch
    bench_cpu: float  # CPU seconds of this process (the fake server) over the batch

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds


@dataclass(frozen=True)
class Sample:
    """One start of one bot: its cold start, its measured batch and the tracebacks on its stderr."""

    cold_start: float
    batch: Batch
    tracebacks: int


def read_questions(paths: Sequence[Path] = EVAL_SETS) -> list[str]:
    """The evaluation questions, so the bot does the work real questions cost."""
    texts: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["q"])
    return texts


async def ask(fake: TimedTelegram, running: Running, texts: Sequence[str], users: Iterator[int],
              timeout: float) -> Batch:
    """Enqueue one question per new user at once and wait until each chat has an answer."""
    chats = [next(users) for _ in texts]
    calls_before, bot_cpu, bench_cpu = Counter(fake.methods), process_cpu(running.process.pid), time.process_time()
    fake.expect(chats)
    enqueued = time.monotonic()
    for n, (chat, text) in enumerate(zip(chats, texts, strict=True)):
        fake.send_message(text, user=FakeUser(id=chat, first_name=f"Student {n}",
                                              language_code="kk" if n % 2 == 0 else "ru"))
    await wait_answers(fake, running, chats, timeout)
    bot_cpu_after = process_cpu(running.process.pid)
    return Batch(
        seconds=max(fake.answered[chat] for chat in chats) - enqueued,
        latencies=tuple(fake.answered[chat] - fake.delivered[chat] for chat in chats),
        answers=tuple(fake.answer_counts[chat] for chat in chats),
        deliveries=tuple(fake.deliveries[chat] for chat in chats),
        calls=Counter(fake.methods) - calls_before,
        bot_cpu=None if bot_cpu is None or bot_cpu_after is None else bot_cpu_after - bot_cpu,
        bench_cpu=time.process_time() - bench_cpu,
    )


async def wait_answers(fake: TimedTelegram, running: Running, chats: Sequence[int], timeout: float) -> None:
    """Until every chat has a sendMessage; a clear error naming the silent chats otherwise."""
    deadline = time.monotonic() + timeout
    while not await fake.all_answered(min(0.5, max(deadline - time.monotonic(), 0.0))):
        running.check_alive()
        if time.monotonic() >= deadline:
            silent = [chat for chat in chats if chat not in fake.answered]
            undelivered = [chat for chat in silent if chat not in fake.delivered]
            raise BenchError(
                f"{running.contender.name}: {len(silent)} of {len(chats)} questions got no sendMessage within "
                f"{timeout:.0f} s (chats {silent[:20]}{' …' if len(silent) > 20 else ''}; "
                f"{len(undelivered)} never handed over)\n{running.tail()}")
    # answers split in several messages: let the later parts arrive so they count for this batch
    await asyncio.sleep(0.2)


async def one_start(contender: Contender, data_dir: Path, texts: Sequence[str], users: Iterator[int],
                    config: Config, first_update_id: int = 1) -> Sample | None:
    """Start the bot, time its first poll, answer a warm-up and a measured batch (if `texts`), stop it.

    Update ids start at `first_update_id`: a start after another on the same `data_dir` must start past
    the ids the earlier one handed over, or the bot's inbox takes them as handled already and ignores them.
    """
    fake = TimedTelegram(first_update_id)
    await fake.start()
    stderr = data_dir / f"stderr-{time.monotonic_ns()}.log"
    try:
        running = spawn(contender, fake, data_dir, stderr)
        try:
            seconds = await cold_start(running, fake)
            if not texts:
                return None
            if config.warmup:
                await ask(fake, running, cycled(texts, config.warmup), users, config.answer_timeout)
            batch = await ask(fake, running, texts, users, config.answer_timeout)
            running.check_alive()
        finally:
            await stop(running)
    finally:
        await fake.stop()
    if fake.internal_errors:
        raise BenchError(f"the fake Bot API crashed: {fake.internal_errors!r}")
    return Sample(seconds, batch, running.tracebacks())


def cycled(texts: Sequence[str], count: int) -> list[str]:
    """`count` questions, cycling through the evaluation sets."""
    return list(itertools.islice(itertools.cycle(texts), count))


async def benchmark(config: Config, work_dir: Path) -> dict[Contender, list[Sample]]:
    """Every start of both bots, alternating which goes first to spread the machine's drift."""
    texts = cycled(read_questions(), config.questions)
    users = itertools.count(FIRST_USER)  # never the same user twice: the bot throttles per user
    # never the same update id twice either: each bot keeps its database (and inbox) across its starts
    update_ids = itertools.count(1, UPDATE_IDS_PER_START)
    samples: dict[Contender, list[Sample]] = {contender: [] for contender in CONTENDERS}
    if config.warm_start:
        for contender in CONTENDERS:
            await one_start(contender, work_dir / contender.module, (), users, config, next(update_ids))
    for round_ in range(config.repeat):
        for contender in CONTENDERS if round_ % 2 == 0 else reversed(CONTENDERS):
            sample = await one_start(contender, work_dir / contender.module, texts, users, config,
                                     next(update_ids))
            assert sample is not None
            samples[contender].append(sample)
    return samples


def import_floor(repeat: int) -> list[float]:
    """Seconds `python -c "import aiogram"` takes: no aiogram bot can start faster."""
    times = []
    for _ in range(repeat):
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", "import aiogram"], check=True, cwd=tempfile.gettempdir(),
                       env=base_env())
        times.append(time.monotonic() - started)
    return times


# ------------------------------------------------------------------------------------------- report


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100): a value that was actually observed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Summary:
    """Medians over the starts of one bot."""

    cold_median: float
    cold_min: float
    throughput: float
    p50_ms: float
    p99_ms: float
    calls_per_question: dict[str, float] = field(default_factory=dict)
    bot_cpu_ms: float | None = None
    fake_cpu_ms: float = 0.0
    tracebacks: int = 0


def summarize(samples: Sequence[Sample], questions: int) -> Summary:
    """Medians across starts: one slow start on a noisy machine does not move them."""
    colds = [s.cold_start for s in samples]
    batches = [s.batch for s in samples]
    calls = sum((b.calls for b in batches), Counter())
    cpus = [b.bot_cpu for b in batches]
    return Summary(
        cold_median=statistics.median(colds),
        cold_min=min(colds),
        throughput=statistics.median(b.throughput for b in batches),
        p50_ms=statistics.median(percentile(b.latencies, 50) for b in batches) * 1000,
        p99_ms=statistics.median(percentile(b.latencies, 99) for b in batches) * 1000,
        calls_per_question={method: count / (questions * len(batches)) for method, count in calls.most_common()},
        bot_cpu_ms=None if None in cpus else statistics.median(c or 0.0 for c in cpus) / questions * 1000,
        fake_cpu_ms=statistics.median(b.bench_cpu for b in batches) / questions * 1000,
        tracebacks=sum(s.tracebacks for s in samples),
    )


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def raw_text(samples: Sequence[Sample]) -> str:
    """Every start's figures, so a noisy start is visible behind the medians."""
    colds = ", ".join(f"{s.cold_start:.2f}" for s in samples)
    rates = ", ".join(f"{s.batch.throughput:.0f}" for s in samples)
    return f"cold start {colds} s; throughput {rates} q/s"


def report(samples: dict[Contender, list[Sample]], floor: Sequence[float], config: Config) -> str:
    """The Markdown table, the two bars and what the numbers rest on."""
    ours, echo = (summarize(samples[contender], config.questions) for contender in (OUR_BOT, ECHO_BOT))
    rows = [
        "| bot | cold start median (s) | cold start min (s) | throughput (q/s) | p50 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, s in ((OUR_BOT.name, ours), (ECHO_BOT.name, echo)):
        rows.append(f"| {name} | {s.cold_median:.2f} | {s.cold_min:.2f} | {s.throughput:.1f} | "
                    f"{s.p50_ms:.1f} | {s.p99_ms:.1f} |")
    ratio = ours.throughput / echo.throughput
    floor_median = statistics.median(floor) if floor else float("nan")
    lines = [
        *rows,
        "",
        f"- throughput: our bot / echo bot = {ratio:.0%} (bar ≥ {THROUGHPUT_BAR:.0%}): "
        f"{verdict(ratio >= THROUGHPUT_BAR)}",
        f"- cold start, our bot (median, persisted index): {ours.cold_median:.2f} s (bar ≤ {COLD_START_BAR:.0f} s): "
        f"{verdict(ours.cold_median <= COLD_START_BAR)}; echo bot {echo.cold_median:.2f} s; our extra over echo "
        f"{ours.cold_median - echo.cold_median:+.2f} s",
        f"- import floor: `python -c \"import aiogram\"` median {floor_median:.2f} s"
        + (f" (min {min(floor):.2f} s)" if floor else ""),
        f"- Bot API calls per question: our bot {calls_text(ours)}; echo bot {calls_text(echo)}",
        f"- CPU per question: our bot process {cpu_text(ours.bot_cpu_ms)}, echo bot process "
        f"{cpu_text(echo.bot_cpu_ms)}; fake server (this process) {ours.fake_cpu_ms:.2f} / {echo.fake_cpu_ms:.2f} ms",
        f"- every start, our bot: {raw_text(samples[OUR_BOT])}; echo bot: {raw_text(samples[ECHO_BOT])}",
        f"- tracebacks on stderr: our bot {ours.tracebacks}, echo bot {echo.tracebacks}"
        + (" (WARNING: a handler crashed; see the bot's log)" if ours.tracebacks or echo.tracebacks else ""),
        f"- {config.questions} questions per batch (after {config.warmup} warm-up), {config.repeat} start(s) per bot, "
        f"medians; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, loopback",
    ]
    return "\n".join(lines)


def calls_text(summary: Summary) -> str:
    return ", ".join(f"{method} {count:.2f}" for method, count in summary.calls_per_question.items()) or "none"


def cpu_text(ms: float | None) -> str:
    return "n/a" if ms is None else f"{ms:.2f} ms"


# ----------------------------------------------------------------------------------------------- CLI


def parse_args(argv: Sequence[str]) -> Config:
    parser = argparse.ArgumentParser(prog="python -m bench.e2e", description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=Config.questions, help="questions per batch (200)")
    parser.add_argument("--repeat", type=int, default=Config.repeat, help="measured starts per bot (3)")
    parser.add_argument("--warmup", type=int, default=Config.warmup, help="uncounted questions first (20)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 20 questions, 5 warm-up, 1 start")
    args = parser.parse_args(argv)
    if args.quick:
        return Config(questions=20, repeat=1, warmup=5)
    if args.questions < 1 or args.repeat < 1 or args.warmup < 0:
        parser.error("--questions and --repeat must be at least 1, --warmup at least 0")
    return Config(questions=args.questions, repeat=args.repeat, warmup=args.warmup)


def main(argv: Sequence[str]) -> int:
    config = parse_args(argv)
    started = time.monotonic()
    floor = import_floor(config.repeat)
    with tempfile.TemporaryDirectory(prefix="bench-e2e-") as work:
        try:
            samples = asyncio.run(benchmark(config, Path(work)))
        except BenchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    print(report(samples, floor, config))
    print(f"\n(benchmark took {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

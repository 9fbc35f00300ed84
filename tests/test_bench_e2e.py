"""bench/e2e.py end to end, small: both bots start, poll and answer every question exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.e2e import CONTENDERS, Config, benchmark, percentile, summarize

pytestmark = pytest.mark.bench  # run with `pytest -m bench`


async def test_both_bots_answer_every_question_once(tmp_path: Path) -> None:
    """Two starts of each bot on one data folder: the second start's updates are new to the bot's inbox."""
    config = Config(questions=6, repeat=2, warmup=2, warm_start=False)
    samples = await benchmark(config, tmp_path)
    for contender in CONTENDERS:
        assert len(samples[contender]) == config.repeat, contender.name
        for sample in samples[contender]:
            batch = sample.batch
            assert batch.deliveries == (1,) * config.questions, contender.name
            assert batch.answers == (1,) * config.questions, contender.name
            assert batch.calls["sendmessage"] == config.questions, contender.name
            assert sample.tracebacks == 0, contender.name
            assert sample.cold_start > 0 and batch.seconds > 0 and batch.throughput > 0
            assert all(latency > 0 for latency in batch.latencies)
        summary = summarize(samples[contender], config.questions)
        assert 0 < summary.p50_ms <= summary.p99_ms


def test_percentile_is_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0

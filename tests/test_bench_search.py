"""The search benchmark's core on a tiny synthetic corpus: it runs, and its equality check bites."""

from __future__ import annotations

import pytest

from bench.search import ENGINES, TOLERANCE, Workload, bars, find, load_workload, run_size, synthetic_corpus
from knowledge.bm25 import BM25
from knowledge.index import Index

pytestmark = pytest.mark.bench  # run with `pytest -m bench`

SIZE = 300


@pytest.fixture(scope="module")
def workload(shipped_index: Index) -> Workload:
    return load_workload(limit=5, index=shipped_index)


def test_synthetic_corpus_is_repeatable_and_holds_every_query_term(workload: Workload) -> None:
    corpus = synthetic_corpus(workload, SIZE)
    assert len(corpus) == SIZE and corpus == synthetic_corpus(workload, SIZE)
    present = {t for passage in corpus for t in passage}
    assert {t for query in workload.queries for t in query} <= present
    assert min(map(len, corpus)) >= min(workload.lengths)


def test_every_engine_runs_and_ours_scores_as_rank_bm25(workload: Workload) -> None:
    rows = run_size(workload, SIZE, list(ENGINES), repeat=1, baseline_queries=None)
    assert {r.engine for r in rows} == set(ENGINES)
    for row in rows:
        assert row.timed == len(workload.queries) == 5
        assert 0 < row.p50 <= row.p99 and row.qps > 0 and row.build > 0 and row.load > 0
    ours, twin, other = (find(rows, SIZE, key) for key in ("ours", "rank_bm25_rs", "bm25s"))
    assert ours is not None and ours.diff is not None and ours.diff <= TOLERANCE
    assert twin is not None and twin.diff is not None and twin.diff <= TOLERANCE
    assert other is not None and other.diff is not None and other.diff > TOLERANCE  # another formula
    assert bars(rows)[0][1] is True


def test_scores_that_drift_from_rank_bm25_fail_the_check(workload: Workload,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    exact = BM25.scores
    monkeypatch.setattr(BM25, "scores", lambda self, weights: exact(self, weights) * (1 + 1e-6))
    rows = run_size(workload, SIZE, ["rank_bm25", "ours"], repeat=1, baseline_queries=None)
    ours = find(rows, SIZE, "ours")
    assert ours is not None and ours.diff is not None and ours.diff > TOLERANCE
    assert bars(rows)[0][1] is False
